// A quick fix in an open file imports the assistant definition another workspace file exports,
// found by the workspace scan, instead of inserting a stub.
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
} from "vscode-languageserver-protocol/node";
import { fileUri, TestClient, withTimeout } from "./support/lspClient";

const DEFINITIONS = 'export const triageAssistant = {\n  model: "gpt-4.1-mini",\n  instructions: "Route tickets.",\n  tools: [],\n};\n';
const WORKER = [
  'import OpenAI from "openai";',
  "const client = new OpenAI();",
  "export async function triage(ticket: string) {",
  '  const thread = await client.beta.threads.create({ messages: [{ role: "user", content: ticket }] });',
  "  await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: process.env.TRIAGE_ASSISTANT_ID! });",
  "  const messages = await client.beta.threads.messages.list(thread.id);",
  "  return messages.data[0].content[0].text.value;",
  "}",
  "",
].join("\n");

describe("workspace assistant definitions in quick fixes", () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-definitions-"));
    fs.mkdirSync(path.join(root, "src", "prompts"), { recursive: true });
    fs.writeFileSync(path.join(root, "src", "prompts", "assistants.ts"), DEFINITIONS);
    fs.writeFileSync(path.join(root, "src", "worker.ts"), WORKER);
    client = await TestClient.start(root);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("the one-turn rewrite imports the definition the workspace scan found", async () => {
    await withTimeout(client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }), 20000);
    const uri = fileUri(path.join(root, "src", "worker.ts"));
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: WORKER } });
    const report = await withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 10000);
    const diagnostic = report.kind === "full" ? report.items[0] : undefined;
    assert.ok(diagnostic, "a diagnostic on threads.create");
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const listed = actions.find((action) => action.title === "Rewrite this one-turn thread to a single responses.create");
    assert.ok(listed, `actions: ${actions.map((a) => a.title).join(", ")}`);
    // The edit is computed on resolve.
    const rewrite = (await client.connection.sendRequest(CodeActionResolveRequest.type, listed)) as CodeAction;
    assert.ok(rewrite.edit?.changes);
    const edits = rewrite.edit.changes[uri];
    assert.ok(edits.some((edit) => edit.newText === '\nimport { triageAssistant } from "./prompts/assistants";'), JSON.stringify(edits));
    assert.ok(edits.some((edit) => edit.newText.includes("model: triageAssistant.model,")));
    assert.ok(!edits.some((edit) => edit.newText.includes("TODO(responses-migrate)")));
  });
});
