// The server through Emacs's eglot (Debian's emacs-nox 28 and elpa-eglot 1.9: push diagnostics only,
// no codeAction/resolve, workspace/configuration answered), configured by docs/editors.md's snippet.
// support/eglotClient.el does what a user would and reports what Emacs saw.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol/node";
import { analyzeText } from "../../server/src/engine";
import { fileUri } from "./support/lspClient";
import { applyEdits, docsSnippet, editorWorkspace, filesWithFindings, readReport, runEditor, skipUnlessInstalled } from "./support/editorSession";

const LOAD_EGLOT = `(progn (dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")) (add-to-list 'load-path d)) (require 'eglot))`;
const SKIP = skipUnlessInstalled("emacs", ["--batch", "-Q", "--eval", LOAD_EGLOT], "apt-get install -y emacs-nox elpa-eglot");

interface Flymake {
  start: number;
  end: number;
  type: string;
  text: string;
}

interface EglotReport {
  error: string;
  diagnostics: Flymake[];
  diagnostics_after: Flymake[];
  hover: string;
  actions: Array<{ title: string; has_edit: boolean }>;
  applied: string;
  edit: WorkspaceEdit;
  workspace: string[];
}

const asFlymake = (finding: ReturnType<typeof analyzeText>["findings"][number]): Flymake => ({
  start: finding.range.start,
  end: finding.range.end,
  type: "eglot-error",
  text: `responses-migrate [${finding.ruleId}]: ${finding.message}`,
});

describe("Emacs eglot with docs/editors.md's snippet", { skip: SKIP }, () => {
  let root: string;
  let file: string;
  let original: string;
  let report: EglotReport;

  before(async () => {
    const workspace = editorWorkspace("rm-eglot-");
    root = workspace.root;
    file = path.join(root, "src", "summarize-worker.js");
    original = fs.readFileSync(file, "utf8");
    const snippet = path.join(root, "snippet.el");
    fs.writeFileSync(snippet, docsSnippet("### eglot", "elisp"));
    const out = path.join(root, "eglot-report.json");
    const env = { PATH: workspace.pathWithServer, RM_SNIPPET: snippet, RM_FILE: file, RM_OUT: out, RM_WORKSPACE_FILES: String(filesWithFindings(root, file).length) };
    const exit = await runEditor("emacs", ["--batch", "-Q", "-l", path.join(__dirname, "support", "eglotClient.el")], root, env);
    report = readReport(out, exit);
    assert.equal(report.error, "", exit.output);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("shows the file's Assistants calls in Flymake where they are", () => {
    assert.deepEqual(report.diagnostics, analyzeText(file, original).findings.map(asFlymake));
    assert.equal(report.diagnostics.length, 3);
  });

  it("gets the rule's hover and code actions that carry their edits (eglot cannot resolve)", () => {
    const finding = analyzeText(file, original).findings[0];
    assert.equal(report.hover, analyzeText(file, original, { fixes: false }).findings[0].hover);
    assert.deepEqual(report.actions, [
      ...finding.fixes.map((fix) => ({ title: fix.title, has_edit: true })),
      { title: "Disable no-assistants-api for this line", has_edit: true },
      { title: "Responses Migrate: fix all safe migrations", has_edit: true },
    ]);
  });

  it("applies the preferred quick fix and saves it to disk", () => {
    const edits = (report.edit.changes?.[fileUri(file)] ?? report.edit.documentChanges?.flatMap((change) => ("edits" in change ? change.edits : []))) as TextEdit[] | undefined;
    assert.ok(edits?.length, JSON.stringify(report.edit));
    const onDisk = fs.readFileSync(file, "utf8");
    assert.notEqual(onDisk, original);
    assert.equal(onDisk, applyEdits(original, edits));
    assert.ok(onDisk.includes("await openai.responses.create({") && !onDisk.includes("beta.threads"), onDisk);
    assert.deepEqual(report.diagnostics_after, analyzeText(file, onDisk).findings.map(asFlymake));
  });

  it("lists the workspace's unvisited files for flymake-show-project-diagnostics", () => {
    assert.deepEqual(report.workspace, filesWithFindings(root, file));
  });
});
