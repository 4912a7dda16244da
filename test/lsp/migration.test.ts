// The data behind the VS Code "Responses Migration" view, Fix All in Workspace and the burn-down
// panel, over a real LSP connection on the example app: the sites are the workspace analysis's (equal
// to `check`), recorded findings are hints, the workspace fix-all is one annotated WorkspaceEdit that
// gives what `responses-migrate fix` gives, and the burn-down has a point per commit plus today.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  FileChangeType,
  WorkspaceDiagnosticRequest,
  type Range, type TextDocumentEdit, type WorkspaceEdit } from "vscode-languageserver-protocol/node";
import { fileUri, REPO_ROOT, TestClient, withTimeout } from "./support/lspClient";
import { cli, parseJson } from "../cli/helpers";

interface Site {
  uri: string;
  ruleId: string;
  kind: string;
  message: string;
  severity: number;
  range: Range;
  recorded: boolean;
}

interface FixResult {
  edit: WorkspaceEdit;
  fixed: number;
  files: number;
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.invalid" };

/** Applies one file's LSP edits (line/character) to its text. */
function applyEdits(text: string, change: TextDocumentEdit): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  const edits = [...(change.edits as Array<{ range: Range; newText: string }>)].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const edit of edits) text = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
  return text;
}

function copyExample(to: string): void {
  fs.cpSync(path.join(REPO_ROOT, "examples"), to, { recursive: true, filter: (source) => !source.includes("node_modules") });
}

describe("migration view, workspace fix-all and burn-down requests", () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-migration-"));
    copyExample(root);
    execFileSync("git", ["init", "-q", "-b", "main"], { cwd: root });
    execFileSync("git", ["add", "-A"], { cwd: root });
    execFileSync("git", ["commit", "-q", "-m", "app"], { cwd: root, env: { ...GIT_ENV, GIT_COMMITTER_DATE: "2026-06-01T10:00:00Z" } });
    // Recorded by the ratchet: the worker's findings, as `check --suppress-all` would record them.
    const recorded = cli(["check", "--suppress-all", "src/worker"], root);
    assert.equal(recorded.status, 0, recorded.stderr);
    execFileSync("git", ["add", "-A"], { cwd: root });
    execFileSync("git", ["commit", "-q", "-m", "record"], { cwd: root, env: { ...GIT_ENV, GIT_COMMITTER_DATE: "2026-06-02T10:00:00Z" } });
    client = await TestClient.start(root);
    await withTimeout(client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }), 30000);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("lists every site of the workspace analysis with its kind, equal to check's findings", async () => {
    const sites = (await withTimeout(client.connection.sendRequest("responsesMigrate/migrationSites"), 10000)) as Site[];
    // check without the ratchet: every finding, as the view lists them.
    fs.renameSync(path.join(root, "responses-migrate-suppressions.json"), path.join(root, "recorded.json"));
    const all = parseJson(cli(["check", "-f", "json"], root).stdout);
    fs.renameSync(path.join(root, "recorded.json"), path.join(root, "responses-migrate-suppressions.json"));
    const fromCheck = all.flatMap((file) => file.messages.map((m) => `${fileUri(file.filePath)} ${m.line - 1}:${m.column - 1} ${m.ruleId}`)).sort();
    assert.deepEqual(sites.map((s) => `${s.uri} ${s.range.start.line}:${s.range.start.character} ${s.ruleId}`).sort(), fromCheck);

    const route = fileUri(path.join(root, "src/app/api/chat/route.ts"));
    const kindsInRoute = sites.filter((s) => s.uri === route).map((s) => [s.range.start.line + 1, s.kind, /^`([^`]+)`/.exec(s.message)?.[1]]);
    assert.deepEqual(kindsInRoute, [
      [10, "threads", "beta.threads.create"],
      [12, "threads", "beta.threads.messages.create"],
      [17, "runs", "beta.threads.runs.createAndPoll"],
      [26, "threads", "beta.threads.messages.list"],
    ]);
    const triage = fileUri(path.join(root, "src/worker/triage.ts"));
    assert.ok(sites.some((s) => s.uri === triage && s.kind === "tool loops" && s.ruleId === "sequential-tool-loop"));
  });

  it("findings within the suppressions file's counts are hints saying they are recorded", async () => {
    const sites = (await client.connection.sendRequest("responsesMigrate/migrationSites")) as Site[];
    const worker = sites.filter((s) => s.uri.endsWith("/src/worker/triage.ts") && s.ruleId === "no-assistants-api");
    assert.ok(worker.length > 0);
    for (const site of worker) {
      assert.equal(site.recorded, true);
      assert.equal(site.severity, 4, "DiagnosticSeverity.Hint");
      assert.match(site.message, / \(recorded in responses-migrate-suppressions\.json\)$/);
    }
    const route = sites.filter((s) => s.uri.endsWith("/route.ts"));
    assert.ok(route.every((s) => !s.recorded && s.severity === 1));
    const loop = sites.find((s) => s.ruleId === "sequential-tool-loop")!;
    assert.equal(loop.recorded, false, "warnings are not recorded, as in ESLint");
  });

  it("an open document shows recorded findings as hints too; a changed suppressions file is read again", async () => {
    const file = path.join(root, "src/worker/triage.ts");
    const uri = fileUri(file);
    const text = fs.readFileSync(file, "utf8");
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const pull = async () => {
      const report = await withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 10000);
      return report.kind === "full" ? report.items.filter((d) => d.code === "no-assistants-api") : [];
    };
    const recorded = await pull();
    assert.ok(recorded.length > 0);
    assert.ok(recorded.every((d) => d.severity === 4 && String(d.message).endsWith("(recorded in responses-migrate-suppressions.json)")));

    const suppressions = path.join(root, "responses-migrate-suppressions.json");
    const saved = fs.readFileSync(suppressions, "utf8");
    const counts = JSON.parse(saved);
    counts["src/worker/triage.ts"]["no-assistants-api"].count = recorded.length - 1;
    fs.writeFileSync(suppressions, JSON.stringify(counts));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(suppressions), type: FileChangeType.Changed }] });
    const after = await pull();
    assert.deepEqual(after.map((d) => d.severity), [...Array(recorded.length - 1).fill(4), 1], "one over the count: the last is an error again");
    fs.writeFileSync(suppressions, saved);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(suppressions), type: FileChangeType.Changed }] });
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    // The client re-pulls the workspace after the refresh the change asked for; the view reads that.
    await withTimeout(client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }), 30000);
    const sites = (await client.connection.sendRequest("responsesMigrate/migrationSites")) as Site[];
    assert.ok(sites.filter((s) => s.uri === uri && s.ruleId === "no-assistants-api").every((s) => s.recorded));
  });

  it("Fix All in Workspace: one WorkspaceEdit, an annotation needing confirmation per file, the text `fix` gives", async () => {
    const result = (await withTimeout(client.connection.sendRequest("responsesMigrate/fixAllInWorkspace", { unsafe: true }), 30000)) as FixResult;
    const changes = result.edit.documentChanges as TextDocumentEdit[];
    assert.ok(changes.length >= 2, `${changes.length} files`);
    assert.equal(result.files, changes.length);
    const annotations = result.edit.changeAnnotations!;
    for (const change of changes) {
      assert.equal(change.textDocument.version, null, "files on disk, not open");
      for (const edit of change.edits) {
        const id = (edit as { annotationId?: string }).annotationId!;
        assert.equal(annotations[id].needsConfirmation, true);
        assert.match(annotations[id].label, /^[\w.-]+: \d+ fix(es)?$/);
      }
    }
    // The same files fixed by the CLI, in a copy.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-migration-cli-"));
    try {
      copyExample(copy);
      cli(["fix", "--unsafe"], copy);
      for (const change of changes) {
        const fsPath = new URL(change.textDocument.uri).pathname;
        const relative = path.relative(root, fsPath);
        assert.equal(applyEdits(fs.readFileSync(fsPath, "utf8"), change), fs.readFileSync(path.join(copy, relative), "utf8"), relative);
      }
      const untouched = ["src/lib/tools.ts"].filter((file) => !changes.some((c) => c.textDocument.uri.endsWith(file)));
      assert.deepEqual(untouched, ["src/lib/tools.ts"], "a file without fixes gets no edit");
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it("a site's fix: its preferred fix only, in its file only", async () => {
    const sites = (await client.connection.sendRequest("responsesMigrate/migrationSites")) as Site[];
    const target = sites.find((s) => s.uri.endsWith("/route.ts") && s.message.startsWith("`beta.threads.create`"))!;
    const result = (await client.connection.sendRequest("responsesMigrate/fixSites", { sites: [target] })) as FixResult;
    const changes = result.edit.documentChanges as TextDocumentEdit[];
    assert.equal(changes.length, 1);
    assert.equal(changes[0].textDocument.uri, target.uri);
    assert.equal(result.fixed, 1);
    const fixed = applyEdits(fs.readFileSync(new URL(target.uri).pathname, "utf8"), changes[0]);
    // The site's preferred fix rewrites its whole thread (all or nothing): no Assistants call is left on it.
    assert.match(fixed, /client\.responses\.create\(/);
    assert.doesNotMatch(fixed, /beta\.threads/);
  });

  it("the burn-down: a point per commit from the server's child process, then today's working tree", async () => {
    const result = (await withTimeout(client.connection.sendRequest("responsesMigrate/burndown"), 30000)) as { points: Array<{ commit: string | null; date: string; assistantsCalls: number }>; note?: string };
    const commits = execFileSync("git", ["rev-list", "--reverse", "HEAD"], { cwd: root, encoding: "utf8" }).trim().split("\n");
    assert.deepEqual(result.points.map((p) => p.commit), [...commits, null]);
    const sites = (await client.connection.sendRequest("responsesMigrate/migrationSites")) as Site[];
    assert.equal(result.points.at(-1)!.assistantsCalls, sites.filter((s) => s.ruleId === "no-assistants-api").length);
    assert.equal(result.points[1].assistantsCalls, result.points.at(-1)!.assistantsCalls, "nothing changed since the last commit");
  });
});
