// The server through Neovim's built-in LSP client (Debian bookworm's neovim 0.7.2, no plugins, which
// has no pull diagnostics): diagnostics, hover, code actions, and a quick fix written to disk.
// support/neovimClient.lua does what a user would and reports what Neovim saw.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Diagnostic, Hover, TextEdit } from "vscode-languageserver-protocol/node";
import { analyzeText } from "../../server/src/engine";
import { fileUri, SERVER_JS } from "./support/lspClient";
import { applyEdits, docsSnippet, editorWorkspace, filesWithFindings, readReport, runEditor, shownRange, skipUnlessInstalled } from "./support/editorSession";

const SKIP = skipUnlessInstalled("nvim", ["--version"], "apt-get install -y neovim");

interface Shown {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}

interface NeovimReport {
  error: string | null;
  steps: string[];
  filetype: string;
  diagnostics: Shown[];
  diagnostics_after: Shown[];
  last_published: Record<string, Diagnostic[]>;
  hover: Hover;
  actions: Array<{ title: string; kind: string; preferred: boolean; has_edit: boolean }>;
  applied: { title: string; edit: { changes?: Record<string, TextEdit[]> } };
  workspace: Record<string, Shown[]>;
}

const asShown = (text: string) => (finding: ReturnType<typeof analyzeText>["findings"][number]): Shown => ({
  ...shownRange(text, finding.range.start, finding.range.end),
  severity: 1,
  message: finding.message,
  source: "responses-migrate",
  code: finding.ruleId,
});

describe("Neovim's built-in LSP client", { skip: SKIP }, () => {
  let root: string;
  let file: string;
  let original: string;
  let report: NeovimReport;
  let exit: { code: number | null; output: string };

  before(async () => {
    root = editorWorkspace("rm-nvim-").root;
    file = path.join(root, "src", "triage.ts");
    original = fs.readFileSync(file, "utf8");
    const out = path.join(root, "neovim-report.json");
    const script = path.join(__dirname, "support", "neovimClient.lua");
    const env = { RM_SERVER: SERVER_JS, RM_ROOT: root, RM_FILE: file, RM_OUT: out, RM_WORKSPACE_FILES: String(filesWithFindings(root, file).length) };
    exit = await runEditor("nvim", ["--headless", "-i", "NONE", "-u", "NONE", "-c", `luafile ${script}`], root, env);
    report = readReport(out, exit);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("runs the whole session", () => {
    assert.equal(report.error, null, `${report.error}\nsteps: ${report.steps.join(", ")}\n${exit.output}`);
    assert.deepEqual(report.steps, ["attached", "diagnostics", "hover", "code actions", "applied and written", "workspace", "stopped"]);
    assert.equal(exit.code, 0, exit.output);
    assert.equal(report.filetype, "typescript");
  });

  it("shows the file's four Assistants calls where they are", () => {
    const findings = analyzeText(file, original).findings;
    assert.deepEqual(report.diagnostics, findings.map(asShown(original)));
    assert.deepEqual(
      report.diagnostics.map((d) => [d.code, d.lnum, d.col, d.end_col]),
      [
        ["no-assistants-api", 13, 23, 49],
        ["no-assistants-api", 14, 8, 43],
        ["no-assistants-api", 18, 20, 58],
        ["no-assistants-api", 20, 25, 58],
      ],
    );
    // Neovim 0.7 declares tag support and no codeDescription support.
    const published = report.last_published[fileUri(file)];
    assert.ok(published.every((d) => JSON.stringify(d.tags) === "[2]" && d.codeDescription === undefined), JSON.stringify(published));
  });

  it("gets the rule's hover on a diagnostic", () => {
    const finding = analyzeText(file, original, { fixes: false }).findings[0];
    assert.equal((report.hover.contents as { kind: string }).kind, "markdown");
    assert.equal((report.hover.contents as { value: string }).value, finding.hover);
    assert.ok(finding.hover?.includes("conversations.create"), finding.hover);
  });

  it("lists code actions with their edits there", () => {
    // Neovim 0.7 declares codeAction/resolve: the engine's rewrites come without their edit (resolved
    // when chosen), the disable comment with its edit.
    const fixes = analyzeText(file, original).findings[0].fixes;
    assert.deepEqual(report.actions, [
      ...fixes.map((fix) => ({ title: fix.title, kind: "quickfix", preferred: fix.preferred, has_edit: false })),
      { title: "Disable no-assistants-api for this line", kind: "quickfix", preferred: false, has_edit: true },
      { title: "Responses Migrate: fix all safe migrations", kind: "source.fixAll.responsesMigrate", preferred: false, has_edit: false },
    ]);
  });

  it("applies the quick fix and writes the file, which changes on disk", () => {
    const edits = report.applied.edit.changes?.[fileUri(file)];
    assert.ok(edits, JSON.stringify(report.applied));
    const onDisk = fs.readFileSync(file, "utf8");
    assert.notEqual(onDisk, original);
    assert.equal(onDisk, applyEdits(original, edits));
    // The preferred rewrite moves the whole thread: no Assistants call is left on it.
    assert.ok(onDisk.includes("openai.responses.create(") && !onDisk.includes("beta.threads"), onDisk);
    // Neovim got the edited buffer's remaining findings back.
    assert.deepEqual(report.diagnostics_after, analyzeText(file, onDisk).findings.map(asShown(onDisk)));
  });

  it("also shows the workspace's unopened files", () => {
    const others = filesWithFindings(root, file);
    assert.deepEqual(Object.keys(report.workspace).sort(), others);
    for (const other of others) {
      const text = fs.readFileSync(other, "utf8");
      assert.deepEqual(report.workspace[other], analyzeText(other, text).findings.map(asShown(text)), other);
    }
  });
});

describe("docs/editors.md's Neovim 0.7 snippet as init.lua", { skip: SKIP }, () => {
  it("brings the diagnostics, with `responses-migrate-server` on PATH", async () => {
    const { root, pathWithServer } = editorWorkspace("rm-nvim-docs-");
    try {
      const init = path.join(root, "init.lua");
      fs.writeFileSync(init, docsSnippet("### Neovim 0.7: `vim.lsp.start_client`", "lua"));
      const out = path.join(root, "report.json");
      const file = path.join(root, "src", "triage.ts");
      const check = path.join(__dirname, "support", "neovimSnippetCheck.lua");
      const exit = await runEditor("nvim", ["--headless", "-i", "NONE", "-u", init, file, "-c", `luafile ${check}`], root, { RM_OUT: out, PATH: pathWithServer });
      const report = readReport<{ error: string | null; clients: string[]; messages: string[] }>(out, exit);
      assert.equal(report.error, null, exit.output);
      assert.deepEqual(report.clients, ["responses-migrate"]);
      assert.deepEqual(
        report.messages,
        analyzeText(file, fs.readFileSync(file, "utf8")).findings.map((finding) => finding.message),
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
