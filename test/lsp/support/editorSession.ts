// Shared by the tests that run a real editor against the server (neovim.test.ts, eglot.test.ts): a
// copy of test/fixtures/editors, `responses-migrate-server` on PATH, docs/editors.md's snippets, and
// the editor run as a child process that cannot hang the suite.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeText } from "../../../server/src/engine";
import { REPO_ROOT, SERVER_JS } from "./lspClient";

/** A reason to skip when `command` does not run, else false. */
export function skipUnlessInstalled(command: string, args: string[], install: string): string | false {
  const probe = spawnSync(command, args, { encoding: "utf8" });
  return probe.error || probe.status !== 0 ? `${command} is not installed (CI installs it in .ci/run; locally: ${install})` : false;
}

/** A temp copy of test/fixtures/editors with a `.bin/responses-migrate-server`, as `npm install -g` provides. */
export function editorWorkspace(prefix: string): { root: string; pathWithServer: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(path.join(REPO_ROOT, "test", "fixtures", "editors"), root, { recursive: true });
  const bin = path.join(root, ".bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "responses-migrate-server"), `#!/bin/sh\nexec node ${JSON.stringify(SERVER_JS)} "$@"\n`, { mode: 0o755 });
  return { root, pathWithServer: `${bin}${path.delimiter}${process.env.PATH}` };
}

/** Files of the fixture, other than `except`, that have findings: the workspace push should bring these. */
export function filesWithFindings(root: string, except: string): string[] {
  const src = path.join(root, "src");
  return fs
    .readdirSync(src)
    .map((name) => path.join(src, name))
    .filter((file) => file !== except && analyzeText(file, fs.readFileSync(file, "utf8")).findings.length > 0)
    .sort();
}

/** The first fenced `language` block under `heading` in docs/editors.md. */
export function docsSnippet(heading: string, language: string): string {
  const docs = fs.readFileSync(path.join(REPO_ROOT, "docs", "editors.md"), "utf8");
  const at = docs.indexOf(`${heading}\n`);
  assert.ok(at >= 0, `docs/editors.md has no heading ${heading}`);
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(docs.slice(at));
  assert.ok(match, `no ${language} block under ${heading}`);
  return match[1];
}

/** Runs an editor to completion; its scripts quit on every path, the timer only guards against a hang. */
export function runEditor(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.stderr.on("data", (chunk) => (output += String(chunk)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export function readReport<T>(file: string, exit: { output: string }): T {
  assert.ok(fs.existsSync(file), `the editor wrote no report:\n${exit.output}`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** 0-based line/column of an engine range, as Neovim shows it. */
export function shownRange(text: string, start: number, end: number) {
  const document = TextDocument.create("x", "typescript", 1, text);
  const from = document.positionAt(start);
  const to = document.positionAt(end);
  return { lnum: from.line, col: from.character, end_lnum: to.line, end_col: to.character };
}

export function applyEdits(text: string, edits: Parameters<typeof TextDocument.applyEdits>[1]): string {
  return TextDocument.applyEdits(TextDocument.create("x", "typescript", 1, text), edits);
}
