// Documents over the off-thread threshold are analysed in a worker thread: the findings equal the
// engine's, other documents are answered while a large one is still being analysed, fixes still
// resolve, and a newer version replaces the stale analysis.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  type CodeAction,
} from "vscode-languageserver-protocol/node";
import { analyzeText, LineIndex } from "../../server/src/engine";
import { OFF_THREAD_CHARS } from "../../server/src/lsp/offThread";
import { fileUri, TestClient, withTimeout } from "./support/lspClient";

const HEADER = 'import OpenAI from "openai";\nconst client = new OpenAI();\n';
const UNIT = (n: number) => `export const upload${n} = (id: string) => client.beta.vectorStores.files.create(id, { file_id: "f${n}" });\nexport function plain${n}(values: number[]) {\n  return values.map((value) => value * ${n}).filter((value) => value > 10);\n}\n`;
function largeDocument(units: number): string {
  let text = HEADER;
  for (let n = 0; n < units; n++) text += UNIT(n);
  return text;
}
const SMALL = `${HEADER}export const one = (id: string) => client.beta.vectorStores.files.create(id, { file_id: "x" });\n`;

describe("large documents (worker thread)", () => {
  let root: string;
  let client: TestClient;
  const uri = (name: string) => fileUri(path.join(root, name));
  const big = largeDocument(1200);

  before(async () => {
    assert.ok(big.length > OFF_THREAD_CHARS, `${big.length} characters: over the threshold`);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-large-"));
    client = await TestClient.start(root);
    for (const [name, text] of [["big.ts", big], ["small.ts", SMALL]]) {
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: "typescript", version: 1, text } });
    }
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("answers another document while the large one is analysed, then reports the engine's findings", async () => {
    const order: string[] = [];
    const bigHover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri("big.ts") }, position: { line: 2, character: 60 } }).then((hover) => {
      order.push("big");
      return hover;
    });
    const smallHover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri("small.ts") }, position: { line: 2, character: 60 } }).then((hover) => {
      order.push("small");
      return hover;
    });
    const [bigResult, smallResult] = await withTimeout(Promise.all([bigHover, smallHover]), 30000);
    assert.deepEqual(order, ["small", "big"], "the small document was not held up by the large one");
    assert.ok(bigResult && smallResult);

    const report = await withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri("big.ts") } }), 30000);
    assert.equal(report.kind, "full");
    const lines = new LineIndex(big);
    const expected = analyzeText("big.ts", big).findings.map((f) => [f.ruleId, lines.positionAt(f.range.start), lines.positionAt(f.range.end), f.message]);
    assert.equal(expected.length, 1200);
    assert.deepEqual(report.kind === "full" && report.items.map((d) => [d.code, d.range.start, d.range.end, d.message]), expected);
  });

  it("resolves a fix in the large document", async () => {
    const report = await withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri("big.ts") } }), 30000);
    const diagnostic = report.kind === "full" ? report.items[7] : undefined;
    assert.ok(diagnostic);
    const listed = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri("big.ts") }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const rewrite = listed.find((a) => a.title === "Use `vectorStores` (drop `beta.`)");
    assert.ok(rewrite, listed.map((a) => a.title).join(", "));
    const resolved = (await client.connection.sendRequest(CodeActionResolveRequest.type, rewrite)) as CodeAction;
    const line = diagnostic.range.start.line;
    assert.deepEqual(resolved.edit?.changes?.[uri("big.ts")], [{ range: { start: { line, character: 46 }, end: { line, character: 51 } }, newText: "" }]);
  });

  it("a newer version replaces the stale analysis", async () => {
    // Version 2 starts an analysis; version 3 (one call fewer) arrives before it can finish.
    const v2 = big.replace(UNIT(0), "");
    const v3 = v2.replace(UNIT(1), "");
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri("big.ts"), version: 2 }, contentChanges: [{ text: v2 }] });
    const stale = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri("big.ts") }, position: { line: 2, character: 60 } });
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri("big.ts"), version: 3 }, contentChanges: [{ text: v3 }] });
    const report = await withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri("big.ts") } }), 30000);
    assert.equal(report.kind === "full" && report.items.length, 1198);
    await withTimeout(stale, 30000); // answered (with or without a hover), never left hanging
    assert.ok(client.alive);
  });
});
