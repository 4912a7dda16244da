// Results survive a server restart: with a storage folder (initializationOptions.storagePath, the
// extension's storage) the first workspace pull of a new session reports what the last one found at
// once, then the rescan confirms it (unchanged files) or corrects it (files changed meanwhile).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { WorkspaceDiagnosticRequest, type WorkspaceDocumentDiagnosticReport } from "vscode-languageserver-protocol/node";
import { fileUri, TestClient, withTimeout } from "./support/lspClient";

const CALL = 'import OpenAI from "openai";\nconst client = new OpenAI();\nexport const t = () => client.beta.threads.create();\n';
const CACHE_FILE = "workspace-cache-v1.json";

describe("cache across restarts", () => {
  let root: string;
  let storage: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-restart-"));
    storage = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-storage-"));
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src", "kept.ts"), CALL);
    fs.writeFileSync(path.join(root, "src", "edited.ts"), CALL);
    fs.writeFileSync(path.join(root, "src", "clean.ts"), "export const x = 1;\n");
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(storage, { recursive: true, force: true });
  });

  /** Every report of one workspace pull, partial results first, in the order they arrived. */
  async function pullAll(client: TestClient): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const reports: WorkspaceDocumentDiagnosticReport[] = [];
    const token = `restart-${Math.random()}`;
    const subscription = client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (value) => {
      reports.push(...value.items);
    });
    const result = await withTimeout(client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [], partialResultToken: token }), 20000);
    subscription.dispose();
    return [...reports, ...result.items];
  }
  const codes = (report: WorkspaceDocumentDiagnosticReport | undefined) => (report?.kind === "full" ? report.items.map((d) => d.code) : undefined);

  it("the second session reports the saved results first, then the rescan's", async () => {
    const first = await TestClient.start(root, undefined, { initializationOptions: { storagePath: storage } });
    const firstReports = await pullAll(first);
    assert.deepEqual(codes(firstReports.find((r) => r.uri.endsWith("kept.ts"))), ["no-assistants-api"]);
    for (let i = 0; i < 50 && !fs.existsSync(path.join(storage, CACHE_FILE)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    await first.stop();
    const saved = JSON.parse(fs.readFileSync(path.join(storage, CACHE_FILE), "utf8")) as { entries: Array<{ fsPath: string; contentHash?: string }> };
    assert.deepEqual(saved.entries.map((e) => path.basename(e.fsPath)).sort(), ["edited.ts", "kept.ts"]);
    const clean = JSON.parse(fs.readFileSync(path.join(storage, "workspace-cache-v1.clean.json"), "utf8")) as { folders: Record<string, Array<[string, number, number, number]>> };
    assert.deepEqual(Object.values(clean.folders).flat().map(([name]) => name), ["clean.ts"]);
    assert.ok(saved.entries.find((e) => e.fsPath.endsWith("kept.ts"))?.contentHash, "files with findings are keyed by content hash");

    // While no server runs, one file loses its call.
    fs.writeFileSync(path.join(root, "src", "edited.ts"), "export const t = () => 1;\n");
    const second = await TestClient.start(root, undefined, { initializationOptions: { storagePath: storage } });
    try {
      const reports = await pullAll(second);
      const edited = fileUri(path.join(root, "src", "edited.ts"));
      const kept = fileUri(path.join(root, "src", "kept.ts"));
      const editedReports = reports.filter((r) => r.uri === edited).map(codes);
      const keptReports = reports.filter((r) => r.uri === kept).map(codes);
      // From the cache first (stale for edited.ts), then the rescan.
      assert.deepEqual(editedReports, [["no-assistants-api"], []]);
      assert.deepEqual(keptReports, [["no-assistants-api"], ["no-assistants-api"]]);
      assert.ok(reports.indexOf(reports.find((r) => r.uri === kept)!) < reports.findIndex((r) => r.uri.endsWith("clean.ts")), "cached results come before the scan's");
    } finally {
      await second.stop();
    }
  });

  it("a cache that cannot be parsed is ignored with a log line", async () => {
    fs.writeFileSync(path.join(storage, CACHE_FILE), "{ not json");
    const client = await TestClient.start(root, undefined, { initializationOptions: { storagePath: storage } });
    try {
      const reports = await pullAll(client);
      assert.deepEqual(codes(reports.find((r) => r.uri.endsWith("kept.ts"))), ["no-assistants-api"]);
      assert.equal(reports.filter((r) => r.uri.endsWith("kept.ts")).length, 1, "nothing restored");
      assert.ok(client.logs.some((line) => line.includes("ignoring the saved cache")), client.logs.join("\n"));
    } finally {
      await client.stop();
    }
  });
});
