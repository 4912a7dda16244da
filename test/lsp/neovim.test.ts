// The server through Neovim's built-in LSP client (Debian bookworm's neovim 0.7.2, no plugins, which
// has no pull diagnostics): diagnostics, hover, code actions, and a quick fix written to disk.
// support/neovimClient.lua does what a user would and reports what Neovim saw.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Diagnostic, Hover, TextEdit } from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeText } from "../../server/src/engine";
import { fileUri, REPO_ROOT, SERVER_JS } from "./support/lspClient";

const nvimVersion = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const SKIP = nvimVersion.error ? "nvim is not installed (CI installs Debian's neovim in .ci/run; locally: apt-get install -y neovim)" : false;

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
  ok: boolean;
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

function runNeovim(root: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("nvim", ["--headless", "-i", "NONE", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.stderr.on("data", (chunk) => (output += String(chunk)));
    // The script quits on every path, errors included; this only guards against Neovim itself hanging.
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Neovim's 0-based line/column view of an engine range in `text`. */
function shownRange(text: string, start: number, end: number) {
  const document = TextDocument.create("x", "typescript", 1, text);
  const from = document.positionAt(start);
  const to = document.positionAt(end);
  return { lnum: from.line, col: from.character, end_lnum: to.line, end_col: to.character };
}

describe("Neovim's built-in LSP client", { skip: SKIP }, () => {
  let root: string;
  let file: string;
  let original: string;
  let report: NeovimReport;
  let exit: { code: number | null; output: string };

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-nvim-"));
    fs.cpSync(path.join(REPO_ROOT, "test", "fixtures", "neovim"), root, { recursive: true });
    file = path.join(root, "src", "triage.ts");
    original = fs.readFileSync(file, "utf8");
    const out = path.join(root, "neovim-report.json");
    const script = path.join(__dirname, "support", "neovimClient.lua");
    exit = await runNeovim(root, ["-u", "NONE", "-c", `luafile ${script}`], { RM_SERVER: SERVER_JS, RM_ROOT: root, RM_FILE: file, RM_OUT: out });
    report = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : ({ ok: false, error: "no report", steps: [] } as unknown as NeovimReport);
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
    assert.equal(findings.length, 4);
    assert.deepEqual(
      report.diagnostics,
      findings.map((finding) => ({
        ...shownRange(original, finding.range.start, finding.range.end),
        severity: 1,
        message: finding.message,
        source: "responses-migrate",
        code: "no-assistants-api",
      })),
    );
    assert.deepEqual(
      report.diagnostics.map((d) => [d.lnum, d.col, d.end_col]),
      [
        [13, 23, 49],
        [14, 8, 43],
        [18, 20, 58],
        [20, 25, 58],
      ],
    );
    // Neovim 0.7 declares tag support and no codeDescription support.
    const published = report.last_published[fileUri(file)];
    assert.ok(published.every((d) => JSON.stringify(d.tags) === "[2]" && d.codeDescription === undefined), JSON.stringify(published));
  });

  it("gets the rule's hover on a diagnostic", () => {
    const finding = analyzeText(file, original).findings[0];
    assert.equal(report.hover.contents && (report.hover.contents as { kind: string }).kind, "markdown");
    assert.equal((report.hover.contents as { value: string }).value, finding.hover);
    assert.ok(finding.hover?.includes("conversations.create"), finding.hover);
  });

  it("lists code actions with their edits there", () => {
    const finding = analyzeText(file, original).findings[0];
    const preferred = finding.fixes.find((fix) => fix.preferred)!;
    assert.deepEqual(report.actions, [
      { title: preferred.title, kind: "quickfix", preferred: true, has_edit: true },
      { title: "Disable no-assistants-api for this line", kind: "quickfix", preferred: false, has_edit: true },
      { title: "Responses Migrate: fix all safe migrations", kind: "source.fixAll.responsesMigrate", preferred: false, has_edit: true },
    ]);
  });

  it("applies the quick fix and writes the file, which changes on disk", () => {
    const edits = report.applied.edit.changes?.[fileUri(file)];
    assert.ok(edits, JSON.stringify(report.applied));
    const onDisk = fs.readFileSync(file, "utf8");
    assert.notEqual(onDisk, original);
    assert.equal(onDisk, TextDocument.applyEdits(TextDocument.create("x", "typescript", 1, original), edits));
    assert.ok(onDisk.includes("const thread = await openai.conversations.create();"), onDisk);
    // Neovim got the remaining three back for the edited buffer.
    assert.deepEqual(
      report.diagnostics_after.map((d) => d.message),
      analyzeText(file, onDisk).findings.map((finding) => finding.message),
    );
    assert.equal(report.diagnostics_after.length, 3);
  });

  it("also shows the workspace's unopened file", () => {
    const other = path.join(root, "src", "assistants-report.ts");
    const text = fs.readFileSync(other, "utf8");
    const [finding] = analyzeText(other, text).findings;
    assert.deepEqual(report.workspace[other], [
      { ...shownRange(text, finding.range.start, finding.range.end), severity: 1, message: finding.message, source: "responses-migrate", code: "no-assistants-api" },
    ]);
  });
});

/** The first ```lua block under `heading` in docs/editors.md. */
function docsSnippet(heading: string): string {
  const docs = fs.readFileSync(path.join(REPO_ROOT, "docs", "editors.md"), "utf8");
  const section = docs.slice(docs.indexOf(`${heading}\n`));
  const match = /```lua\n([\s\S]*?)```/.exec(section);
  assert.ok(match, `no lua block under ${heading}`);
  return match[1];
}

describe("docs/editors.md's Neovim 0.7 snippet as init.lua", { skip: SKIP }, () => {
  it("brings the diagnostics, with `responses-migrate-server` on PATH", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-nvim-docs-"));
    try {
      fs.cpSync(path.join(REPO_ROOT, "test", "fixtures", "neovim"), root, { recursive: true });
      // What `npm install -g` puts on PATH: the bin, run by node.
      const bin = path.join(root, ".bin");
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, "responses-migrate-server"), `#!/bin/sh\nexec node ${JSON.stringify(SERVER_JS)} "$@"\n`, { mode: 0o755 });
      const init = path.join(root, "init.lua");
      fs.writeFileSync(init, docsSnippet("### Neovim 0.7: `vim.lsp.start_client`"));
      const out = path.join(root, "report.json");
      const file = path.join(root, "src", "triage.ts");
      const check = path.join(__dirname, "support", "neovimSnippetCheck.lua");
      const exit = await runNeovim(root, ["-u", init, file, "-c", `luafile ${check}`], { RM_OUT: out, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
      const report = JSON.parse(fs.readFileSync(out, "utf8")) as { error: string | null; clients: string[]; messages: string[] };
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
