// What the editor says about a rewrite before it is applied, over a real connection:
// - a finding whose thread the planner refused gets a disabled code action (LSP 3.16) whose reason
//   says which call blocks it, and the hover says it, while the diagnostics (the keystroke path,
//   which computes no fixes) do not;
// - where the workspace has `node_modules/openai` (the repo's openai 7.57 and TypeScript, linked
//   in), `codeAction/resolve` type-checks the rewrite: one that adds a type error comes back marked
//   as needing review and not preferred, the next listing says so too, and fix-all leaves it out.
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
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { fileUri, PULL_CLIENT_CAPABILITIES, REPO_ROOT, TestClient, withTimeout } from "./support/lspClient";
import { REFUSAL_REASON_PY, REFUSAL_REASON_TS, REFUSED_PY, REFUSED_TS } from "../unit/support/refusedThreads";

// Two Chat-shaped tools. Flattening the one in the annotated `ChatCompletionTool[]` constant adds a
// type error (the annotation still says Chat); flattening the inline one type-checks.
const TOOLS = `import OpenAI from "openai";

const client = new OpenAI();

const tools: OpenAI.Chat.ChatCompletionTool[] = [
  { type: "function", function: { name: "lookup_order", description: "Look an order up", parameters: { type: "object", properties: { id: { type: "string" } } } } },
];

export async function ask(question: string) {
  const response = await client.responses.create({ model: "gpt-4o", input: question, tools });
  return response.output_text;
}

export async function now(question: string) {
  const response = await client.responses.create({
    model: "gpt-4o",
    input: question,
    tools: [{ type: "function", function: { name: "now", parameters: { type: "object", properties: {} } } }],
  });
  return response.output_text;
}
`;

const FLATTEN = "Flatten the function tool to the Responses shape";
const ADDED_ERROR = "TS2353: Object literal may only specify known properties, and 'name' does not exist in type 'ChatCompletionFunctionTool'.";

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  for (const edit of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    text = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
  }
  return text;
}

describe("refused threads and type-checked rewrites in the editor", () => {
  let root: string;
  let client: TestClient;
  let version = 1;
  const uri = (relative: string) => fileUri(path.join(root, relative));

  async function open(relative: string, text: string, languageId: string) {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(relative), languageId, version: version++, text } });
    const report = await withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri(relative) } }), 10000);
    return report.kind === "full" ? report.items : [];
  }
  async function actions(relative: string, diagnostic: Diagnostic, only?: string[], on = client) {
    return (await withTimeout(
      on.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(relative) }, range: diagnostic.range, context: { diagnostics: [diagnostic], only } }),
      30000,
    )) as CodeAction[];
  }
  const resolve = (action: CodeAction) => withTimeout(client.connection.sendRequest(CodeActionResolveRequest.type, action), 60000) as Promise<CodeAction>;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-review-"));
    fs.mkdirSync(path.join(root, "node_modules"));
    for (const name of ["openai", "typescript"]) fs.symlinkSync(path.join(REPO_ROOT, "node_modules", name), path.join(root, "node_modules", name), "dir");
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src", "tools.ts"), TOOLS);
    const capabilities = { ...PULL_CLIENT_CAPABILITIES, textDocument: { ...PULL_CLIENT_CAPABILITIES.textDocument, codeAction: { ...PULL_CLIENT_CAPABILITIES.textDocument!.codeAction, disabledSupport: true } } };
    client = await TestClient.start(root, undefined, { capabilities });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("a refused thread's finding gets a disabled action with the reason; its diagnostic computed no fixes", async () => {
    const diagnostics = await open("src/history.ts", REFUSED_TS, "typescript");
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [3, 4, 5]);
    assert.ok(diagnostics.every((d) => !String(d.message).includes("Not rewritten")), "the keystroke path computes no fixes, so it knows no refusal");
    const listed = await actions("src/history.ts", diagnostics[0]);
    assert.deepEqual(
      listed.filter((action) => action.kind === "quickfix").map((action) => [action.title, action.disabled?.reason, action.edit]),
      [
        ["Rewrite this thread to the Responses API", REFUSAL_REASON_TS, undefined],
        ["Disable no-assistants-api for this line", undefined, listed.find((a) => a.title.startsWith("Disable"))?.edit],
      ],
    );
    assert.deepEqual(listed.find((action) => action.disabled)?.diagnostics, [diagnostics[0]]);
  });

  it("hover on a refused Python thread's call says why, with no code action asked first", async () => {
    const diagnostics = await open("bot/history.py", REFUSED_PY, "python");
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [6, 7, 8]);
    const hover = await withTimeout(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri("bot/history.py") }, position: diagnostics[1].range.start }), 10000);
    const value = (hover?.contents as MarkupContent).value;
    assert.ok(value.endsWith(`\n\n${REFUSAL_REASON_PY}`), value);
    assert.match(value, /^`beta\.threads\.messages\.create`/);
    const listed = await actions("bot/history.py", diagnostics[2]);
    assert.deepEqual(listed.find((action) => action.disabled)?.disabled, { reason: REFUSAL_REASON_PY });
  });

  it("a client without `disabled` support gets no disabled action", async () => {
    const plain = await TestClient.start(root);
    try {
      await plain.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri("src/history.ts"), languageId: "typescript", version: 1, text: REFUSED_TS } });
      const report = await withTimeout(plain.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri("src/history.ts") } }), 10000);
      const diagnostic = report.kind === "full" ? report.items[0] : undefined;
      assert.ok(diagnostic);
      const listed = await actions("src/history.ts", diagnostic, undefined, plain);
      assert.deepEqual(listed.filter((action) => action.kind === "quickfix").map((action) => action.title), ["Disable no-assistants-api for this line"]);
    } finally {
      await plain.stop();
    }
  });

  it("resolve marks a rewrite that adds a type error as needing review; the next listing does too", async () => {
    const diagnostics = await open("src/tools.ts", TOOLS, "typescript");
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [["chat-tool-shape", 5], ["chat-tool-shape", 17]]);
    const [annotated] = (await actions("src/tools.ts", diagnostics[0])).filter((action) => action.title.startsWith("Flatten"));
    assert.deepEqual([annotated.title, annotated.isPreferred, annotated.edit], [FLATTEN, true, undefined], "listing type-checks nothing");
    const resolved = await resolve(annotated);
    assert.equal(resolved.title, `${FLATTEN} (needs review: ${ADDED_ERROR})`);
    assert.equal(resolved.isPreferred, false);
    const edited = applyEdits(TOOLS, resolved.edit!.changes![uri("src/tools.ts")]);
    assert.match(edited, /^ {2}\{ type: "function", name: "lookup_order", description: "Look an order up", parameters: .*, strict: false \},$/m, "the edit is still there to apply by hand");
    const again = (await actions("src/tools.ts", diagnostics[0])).filter((action) => action.title.startsWith("Flatten"));
    assert.deepEqual(again.map((action) => [action.title, action.isPreferred]), [[`${FLATTEN} (needs review: ${ADDED_ERROR})`, false]]);

    const [inline] = (await actions("src/tools.ts", diagnostics[1])).filter((action) => action.title.startsWith("Flatten"));
    const inlineResolved = await resolve(inline);
    assert.deepEqual([inlineResolved.title, inlineResolved.isPreferred], [FLATTEN, true], "a rewrite that type-checks is not marked");
  });

  it("fix-all leaves out the rewrite that adds a type error and applies the one that does not", async () => {
    const [diagnostic] = await open("src/tools.ts", TOOLS, "typescript");
    const [onSave] = await actions("src/tools.ts", diagnostic, ["source.fixAll.responsesMigrate"]);
    const fixed = applyEdits(TOOLS, onSave.edit!.changes![uri("src/tools.ts")]);
    assert.equal(
      fixed,
      TOOLS.replace(
        `tools: [{ type: "function", function: { name: "now", parameters: { type: "object", properties: {} } } }],`,
        `tools: [{ type: "function", name: "now", parameters: { type: "object", properties: {} }, strict: false }],`,
      ),
    );
    assert.ok(client.logs.some((line) => line.includes(`fix-all held back "${FLATTEN}"`) && line.includes(ADDED_ERROR)), client.logs.join("\n"));
  });
});
