// The server keeps answering for every other file when the engine throws on one: analysing it (open
// or in the workspace pass) or computing one of its fixes. The failure is injected through
// RESPONSES_MIGRATE_INJECT_FAULT (see workspace/engineHooks.ts) and must be logged with the file name.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  WorkspaceDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver-protocol/node";
import { fileUri, TestClient, withTimeout } from "./support/lspClient";

const VECTOR_STORE = 'import OpenAI from "openai";\nconst client = new OpenAI();\nexport const upload = (id: string) => client.beta.vectorStores.files.create(id, { file_id: "f" });\n';
const FILES = ["broken.ts", "unfixable.ts", "fine.ts"];

describe("failure isolation (server)", () => {
  let root: string;
  let client: TestClient;
  const uri = (name: string) => fileUri(path.join(root, "src", name));

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-isolation-"));
    fs.mkdirSync(path.join(root, "src"));
    for (const name of FILES) fs.writeFileSync(path.join(root, "src", name), VECTOR_STORE);
    client = await TestClient.start(root, undefined, { env: { RESPONSES_MIGRATE_INJECT_FAULT: "analysis:broken.ts,fix:unfixable.ts" } });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function openAndPull(name: string): Promise<Diagnostic[]> {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: "typescript", version: 1, text: VECTOR_STORE } });
    const report = await withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri(name) } }), 10000);
    assert.equal(report.kind, "full");
    return report.kind === "full" ? report.items : [];
  }

  it("the workspace pass skips the file whose analysis throws, logs it, and reports the others", async () => {
    const result = await withTimeout(client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }), 20000);
    const byName = new Map(result.items.map((item: WorkspaceDocumentDiagnosticReport) => [path.basename(item.uri), item.kind === "full" ? item.items.map((d) => d.code) : []]));
    assert.deepEqual(byName.get("broken.ts"), []);
    assert.deepEqual(byName.get("unfixable.ts"), ["no-beta-vector-stores"]);
    assert.deepEqual(byName.get("fine.ts"), ["no-beta-vector-stores"]);
    assert.ok(client.logs.some((line) => /analysing .*broken\.ts failed: Error: injected analysis fault in broken\.ts/.test(line)), client.logs.join("\n"));
  });

  it("an open document whose analysis throws gets no diagnostics; the others keep theirs", async () => {
    assert.deepEqual(await openAndPull("broken.ts"), []);
    assert.deepEqual((await openAndPull("fine.ts")).map((d) => [d.code, d.range.start.line]), [["no-beta-vector-stores", 2]]);
    assert.ok(client.alive);
  });

  it("a fix that throws is logged and offered without edit; another file's fix still resolves", async () => {
    const [diagnostic] = await openAndPull("unfixable.ts");
    assert.equal(diagnostic.code, "no-beta-vector-stores");
    const listed = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri("unfixable.ts") }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    assert.deepEqual(listed.filter((a) => a.kind === "quickfix").map((a) => a.title), ["Disable no-beta-vector-stores for this line"]);
    assert.ok(client.logs.some((line) => /computing a no-beta-vector-stores fix in .*unfixable\.ts failed, fix skipped: Error: injected fix fault/.test(line)), client.logs.join("\n"));

    const [fine] = await openAndPull("fine.ts");
    const fineActions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri("fine.ts") }, range: fine.range, context: { diagnostics: [fine] } })) as CodeAction[];
    const rewrite = fineActions.find((a) => a.title === "Use `vectorStores` (drop `beta.`)");
    assert.ok(rewrite);
    const resolved = (await client.connection.sendRequest(CodeActionResolveRequest.type, rewrite)) as CodeAction;
    assert.deepEqual(resolved.edit?.changes?.[uri("fine.ts")], [{ range: { start: { line: 2, character: 45 }, end: { line: 2, character: 50 } }, newText: "" }]);
  });
});
