// workspace/diagnostic over stdio: files never opened, partial results, result ids, long polling,
// watched-file changes, deletions, exclusions, and a binary file that must not kill the server.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WorkspaceDiagnosticRequest,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver-protocol/node";
import { analyzeText } from "../../server/src/engine";
import { fileUri, REPO_ROOT, settledWithin, TestClient, withTimeout } from "./support/lspClient";
import { makeWorkspace, removeWorkspace } from "./support/fixture";

interface Pull {
  reports: Map<string, WorkspaceDocumentDiagnosticReport>;
  partialBatches: number;
  response: WorkspaceDiagnosticReport;
}

let tokenCounter = 0;

function pullWorkspace(client: TestClient, previous: Map<string, string>): Promise<Pull> {
  const token = `partial-${++tokenCounter}`;
  const reports = new Map<string, WorkspaceDocumentDiagnosticReport>();
  let partialBatches = 0;
  const subscription = client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (partial) => {
    partialBatches++;
    for (const item of partial.items) reports.set(item.uri, item);
  });
  return client.connection
    .sendRequest(WorkspaceDiagnosticRequest.type, {
      identifier: "responses-migrate",
      partialResultToken: token,
      previousResultIds: [...previous].map(([uri, value]) => ({ uri, value })),
    })
    .then((response) => {
      subscription.dispose();
      for (const item of response.items) reports.set(item.uri, item);
      return { reports, partialBatches, response };
    });
}

function resultIds(pull: Pull, into = new Map<string, string>()): Map<string, string> {
  for (const [uri, report] of pull.reports) if (report.resultId) into.set(uri, report.resultId);
  return into;
}

function engineMessages(fsPath: string): string[] {
  return analyzeText(fsPath, fs.readFileSync(fsPath, "utf8")).findings.map((finding) => finding.message);
}

const docsHref = (rule: string) => fileUri(path.join(REPO_ROOT, "docs", "rules", `${rule}.md`));

describe("workspace diagnostics", () => {
  let root: string;
  let client: TestClient;
  const uri = (relative: string) => fileUri(path.join(root, relative));

  before(async () => {
    root = makeWorkspace();
    client = await TestClient.start(root);
  });
  after(async () => {
    await client.stop();
    removeWorkspace(root);
  });

  let firstIds: Map<string, string>;

  it("reports every never-opened file, streamed as partial results, with exact diagnostics", async () => {
    const pull = await withTimeout(pullWorkspace(client, new Map()), 20000);
    assert.deepEqual(pull.response, { items: [] }, "everything arrives as partial results");
    assert.ok(pull.partialBatches >= 1);
    assert.deepEqual([...pull.reports.keys()].sort(), [uri("generated/legacy.js"), uri("src/app.ts"), uri("src/clean.ts"), uri("src/garbage.ts")].sort());

    const app = pull.reports.get(uri("src/app.ts"))!;
    assert.equal(app.kind, "full");
    assert.equal(app.version, null);
    const [createMessage, messagesMessage] = engineMessages(path.join(root, "src/app.ts"));
    assert.ok(createMessage.startsWith("`beta.threads.create` no longer works (Assistants API shut down 2026-08-26)"));
    assert.ok(messagesMessage.startsWith("`beta.threads.messages.create` no longer works"));
    assert.deepEqual(app.kind === "full" && app.items, [
      {
        range: { start: { line: 5, character: 23 }, end: { line: 5, character: 49 } },
        severity: 1,
        source: "responses-migrate",
        code: "no-assistants-api",
        codeDescription: { href: docsHref("no-assistants-api") },
        message: createMessage,
        tags: [2],
      },
      {
        range: { start: { line: 6, character: 8 }, end: { line: 6, character: 43 } },
        severity: 1,
        source: "responses-migrate",
        code: "no-assistants-api",
        codeDescription: { href: docsHref("no-assistants-api") },
        message: messagesMessage,
        tags: [2],
      },
    ]);
    const legacy = pull.reports.get(uri("generated/legacy.js"))!;
    assert.deepEqual(legacy.kind === "full" && legacy.items.map((d) => [d.range, d.code]), [
      [{ start: { line: 2, character: 0 }, end: { line: 2, character: 27 } }, "no-assistants-api"],
    ]);
    assert.deepEqual(pull.reports.get(uri("src/clean.ts")), { kind: "full", uri: uri("src/clean.ts"), version: null, resultId: "empty", items: [] });
    assert.deepEqual(pull.reports.get(uri("src/garbage.ts")), { kind: "full", uri: uri("src/garbage.ts"), version: null, resultId: "empty", items: [] });
    assert.ok(client.alive, "the binary file did not kill the server");

    // The first scan showed a work-done progress notification.
    // Files are analysed as the walk finds them, so the count is not known up front.
    assert.deepEqual(client.progress[0], { kind: "begin", title: "Responses Migrate: scanning files", cancellable: false });
    assert.equal(client.progress.at(-1)!.kind, "end");
    firstIds = resultIds(pull);
  });

  it("holds a re-poll open while nothing changed, then answers unchanged files as unchanged", async () => {
    const pending = pullWorkspace(client, firstIds);
    assert.equal(await settledWithin(pending, 400), "pending", "long poll: no answer while nothing changed");

    fs.writeFileSync(path.join(root, "src/clean.ts"), `import OpenAI from "openai";\nconst c = new OpenAI();\nawait c.beta.threads.runs.list("t");\n`);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri("src/clean.ts"), type: FileChangeType.Changed }],
    });
    const pull = await withTimeout(pending, 10000);
    assert.deepEqual(pull.reports.get(uri("src/app.ts")), { kind: "unchanged", uri: uri("src/app.ts"), version: null, resultId: firstIds.get(uri("src/app.ts")) });
    assert.deepEqual(pull.reports.get(uri("generated/legacy.js"))?.kind, "unchanged");
    const clean = pull.reports.get(uri("src/clean.ts"))!;
    assert.equal(clean.kind, "full");
    assert.deepEqual(clean.kind === "full" && clean.items.map((d) => [d.range, d.code]), [
      [{ start: { line: 2, character: 6 }, end: { line: 2, character: 30 } }, "no-assistants-api"],
    ]);
    assert.notEqual(clean.resultId, "empty");
    firstIds = resultIds(pull, firstIds);
  });

  it("clears a deleted file once with an empty full report", async () => {
    fs.rmSync(path.join(root, "src/app.ts"));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri("src/app.ts"), type: FileChangeType.Deleted }],
    });
    const pull = await withTimeout(pullWorkspace(client, firstIds), 10000);
    assert.deepEqual(pull.reports.get(uri("src/app.ts")), { kind: "full", uri: uri("src/app.ts"), version: null, resultId: "empty", items: [] });
    assert.equal(pull.reports.get(uri("src/clean.ts"))?.kind, "unchanged");
    firstIds = resultIds(pull, firstIds);
  });

  it("picks up a created file and a .gitignore change", async () => {
    fs.writeFileSync(path.join(root, "src/new.mts"), `import OpenAI from "openai";\nconst c = new OpenAI();\nc.beta.assistants.create({});\n`);
    fs.writeFileSync(path.join(root, ".gitignore"), "build/\ngenerated/\n");
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: uri("src/new.mts"), type: FileChangeType.Created },
        { uri: uri(".gitignore"), type: FileChangeType.Changed },
      ],
    });
    const pull = await withTimeout(pullWorkspace(client, firstIds), 10000);
    const created = pull.reports.get(uri("src/new.mts"))!;
    assert.deepEqual(created.kind === "full" && created.items.map((d) => [d.range.start, d.code]), [[{ line: 2, character: 0 }, "no-assistants-api"]]);
    // generated/ is now ignored: its file's problems are cleared.
    assert.deepEqual(pull.reports.get(uri("generated/legacy.js")), { kind: "full", uri: uri("generated/legacy.js"), version: null, resultId: "empty", items: [] });
    assert.ok(![...pull.reports.keys()].some((key) => key.includes("node_modules") || key.includes("/build/")));
  });

  it("registered watchers for sources, .gitignore and the bulk suppressions file", () => {
    const watchers = client.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles")?.registerOptions as { watchers: Array<{ globPattern: string }> };
    assert.deepEqual(watchers.watchers.map((w) => w.globPattern), ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,pyi,ipynb}", "**/.gitignore", "**/responses-migrate-suppressions.json"]);
  });
});

describe("workspace diagnostics settings", () => {
  let root: string;
  let client: TestClient;
  const uri = (relative: string) => fileUri(path.join(root, relative));
  before(async () => {
    root = makeWorkspace();
    client = await TestClient.start(root, { responsesMigrate: { exclude: ["generated/**"] }, filesExclude: { "src/clean.ts": true } });
  });
  after(async () => {
    await client.stop();
    removeWorkspace(root);
  });

  it("honours the exclude setting and files.exclude", async () => {
    const pull = await withTimeout(pullWorkspace(client, new Map()), 20000);
    assert.deepEqual([...pull.reports.keys()].sort(), [uri("src/app.ts"), uri("src/garbage.ts")].sort());
  });

  it("a settings change refreshes, wakes the held poll and applies severity off", async () => {
    const first = await withTimeout(pullWorkspace(client, new Map()), 20000);
    const pending = pullWorkspace(client, resultIds(first));
    assert.equal(await settledWithin(pending, 300), "pending");
    client.settings.responsesMigrate = { exclude: ["generated/**"], severity: { "no-assistants-api": "off" } };
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    const pull = await withTimeout(pending, 10000);
    assert.deepEqual(pull.reports.get(uri("src/app.ts")), { kind: "full", uri: uri("src/app.ts"), version: null, resultId: "empty", items: [] });
    assert.equal(client.refreshRequests, 1);
  });

  it("severity maps warning/info/hint to LSP severities", async () => {
    for (const [setting, expected] of [["warning", 2], ["info", 3], ["hint", 4], ["error", 1]] as const) {
      client.settings.responsesMigrate = { severity: { "no-assistants-api": setting } };
      await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
      const pull = await withTimeout(pullWorkspace(client, new Map()), 10000);
      const app = pull.reports.get(uri("src/app.ts"))!;
      assert.deepEqual(app.kind === "full" && app.items.map((d) => d.severity), [expected, expected], setting);
    }
  });
});
