// Open documents over stdio: diagnostics from in-memory text, didChange, result ids, hover, code actions.
import assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  WorkspaceDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { analyzeText } from "../../server/src/engine";
import { fileUri, TestClient, withTimeout } from "./support/lspClient";
import { APP_WITH_TWO_CALLS as APP, makeWorkspace, removeWorkspace } from "./support/fixture";

describe("open documents", () => {
  let root: string;
  let client: TestClient;
  let version = 1;
  const uri = (relative: string) => fileUri(path.join(root, relative));

  async function open(relative: string, text: string, languageId = "typescript") {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(relative), languageId, version: version++, text },
    });
  }
  async function pull(relative: string, previousResultId?: string) {
    return withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri(relative) }, previousResultId }), 10000);
  }
  async function actions(relative: string, diagnostic: Diagnostic, only?: string[]) {
    return (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(relative) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only },
    })) as CodeAction[];
  }

  before(async () => {
    root = makeWorkspace();
    client = await TestClient.start(root);
  });
  after(async () => {
    await client.stop();
    removeWorkspace(root);
  });

  let firstResultId: string;
  let diagnostics: Diagnostic[];

  it("analyses the in-memory text, not the file on disk", async () => {
    await open("src/app.ts", APP);
    const report = await pull("src/app.ts");
    assert.equal(report.kind, "full");
    diagnostics = report.kind === "full" ? report.items : [];
    assert.deepEqual(
      diagnostics.map((d) => [d.range, d.code, d.source, d.severity, d.tags]),
      [
        [{ start: { line: 3, character: 25 }, end: { line: 3, character: 51 } }, "no-assistants-api", "responses-migrate", 1, [2]],
        [{ start: { line: 4, character: 11 }, end: { line: 4, character: 40 } }, "no-assistants-api", "responses-migrate", 1, [2]],
      ],
    );
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      analyzeText("app.ts", APP, { fixes: false }).findings.map((f) => f.message),
    );
    firstResultId = report.resultId!;
    assert.deepEqual(await pull("src/app.ts", firstResultId), { kind: "unchanged", resultId: firstResultId });
  });

  it("didChange updates the diagnostics", async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri("src/app.ts"), version: version++ },
      // Replace line 3's call with a plain value.
      contentChanges: [{ range: { start: { line: 3, character: 25 }, end: { line: 3, character: 53 } }, text: `{ id: "local" }` }],
    });
    const report = await pull("src/app.ts", firstResultId);
    assert.equal(report.kind, "full");
    assert.deepEqual(report.kind === "full" && report.items.map((d) => d.range), [{ start: { line: 4, character: 11 }, end: { line: 4, character: 40 } }]);
    assert.notEqual(report.resultId, firstResultId);
  });

  it("workspace diagnostics skip open documents", async () => {
    const response = await withTimeout(client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }), 20000);
    const uris = response.items.map((item) => item.uri);
    assert.ok(!uris.includes(uri("src/app.ts")));
    assert.ok(uris.includes(uri("src/clean.ts")));
  });

  it("hover shows what replaces the call", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri("src/app.ts") }, position: { line: 4, character: 20 } });
    // The hovered finding's fixes are computed, as the engine's are: the hover is the engine's.
    const expected = analyzeText("app.ts", APP).findings[1].hover!;
    assert.ok(expected.includes("```"), "the engine's hover carries a before/after example");
    assert.deepEqual(hover, {
      contents: { kind: "markdown", value: expected },
      range: { start: { line: 4, character: 11 }, end: { line: 4, character: 40 } },
    });
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri("src/app.ts") }, position: { line: 0, character: 0 } }), null);
  });

  it("offers 'Disable <rule> for this line' with the line's indentation", async () => {
    const report = await pull("src/app.ts");
    const diagnostic = report.kind === "full" ? report.items[0] : undefined;
    assert.ok(diagnostic);
    const list = await actions("src/app.ts", diagnostic);
    const disable = list.find((action) => action.title === "Disable no-assistants-api for this line");
    assert.deepEqual(disable, {
      title: "Disable no-assistants-api for this line",
      kind: "quickfix",
      diagnostics: [diagnostic],
      edit: {
        changes: {
          [uri("src/app.ts")]: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: "    // responses-migrate-disable-next-line no-assistants-api\n" }],
        },
      },
    });
    // Every engine fix is a quickfix too.
    const engineFixes = analyzeText("app.ts", APP).findings[1].fixes.map((f) => f.title);
    for (const title of engineFixes) assert.ok(list.some((action) => action.title === title && action.kind === "quickfix"), title);
  });

  it("lists engine fixes without edits and computes each edit on codeAction/resolve", async () => {
    const STORES = `import OpenAI from "openai";\nconst client = new OpenAI();\nexport const upload = (id: string) =>\n  client.beta.vectorStores.files.create(id, { file_id: "f" });\n`;
    await open("src/stores.ts", STORES);
    const report = await pull("src/stores.ts");
    const diagnostic = report.kind === "full" ? report.items[0] : undefined;
    assert.ok(diagnostic);
    const engineFixes = analyzeText("stores.ts", STORES).findings[0].fixes;
    assert.deepEqual(engineFixes.map((fix) => fix.title), ["Use `vectorStores` (drop `beta.`)"]);
    const listed = (await actions("src/stores.ts", diagnostic)).filter((action) => action.kind === "quickfix" && !action.title.startsWith("Disable"));
    assert.deepEqual(listed.map((action) => action.title), engineFixes.map((fix) => fix.title));
    for (const [index, action] of listed.entries()) {
      assert.equal(action.edit, undefined, "listing computes no edit");
      const resolved = (await client.connection.sendRequest(CodeActionResolveRequest.type, action)) as CodeAction;
      const position = (offset: number) => {
        const line = STORES.slice(0, offset).split("\n").length - 1;
        return { line, character: offset - STORES.slice(0, offset).lastIndexOf("\n") - 1 };
      };
      assert.deepEqual(resolved.edit, {
        changes: { [uri("src/stores.ts")]: engineFixes[index].edits.map((edit) => ({ range: { start: position(edit.range.start), end: position(edit.range.end) }, newText: edit.newText })) },
      });
    }
    // Fix-all from the menu is resolved too; asked for by kind (on save) it comes with its edit.
    const [menuFixAll] = (await actions("src/stores.ts", diagnostic)).filter((action) => action.kind === "source.fixAll.responsesMigrate");
    assert.equal(menuFixAll?.edit, undefined);
    const resolvedFixAll = (await client.connection.sendRequest(CodeActionResolveRequest.type, menuFixAll)) as CodeAction;
    const [onSave] = await actions("src/stores.ts", diagnostic, ["source.fixAll.responsesMigrate"]);
    assert.deepEqual(onSave.edit?.changes?.[uri("src/stores.ts")], [{ range: { start: { line: 3, character: 9 }, end: { line: 3, character: 14 } }, newText: "" }]);
    assert.deepEqual(resolvedFixAll.edit, onSave.edit);
  });

  it("applying the disable edit removes the diagnostic", async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri("src/app.ts"), version: version++ },
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: "    // responses-migrate-disable-next-line no-assistants-api\n" }],
    });
    const report = await pull("src/app.ts");
    assert.deepEqual(report.kind === "full" && report.items, []);
  });

  it("keeps CRLF line endings in the disable edit", async () => {
    const text = `import OpenAI from "openai";\r\nconst c = new OpenAI();\r\n\tc.beta.threads.create();\r\n`;
    await open("src/crlf.ts", text);
    const report = await pull("src/crlf.ts");
    const diagnostic = report.kind === "full" ? report.items[0] : undefined;
    assert.deepEqual(diagnostic?.range, { start: { line: 2, character: 1 }, end: { line: 2, character: 22 } });
    const disable = (await actions("src/crlf.ts", diagnostic!)).find((action) => action.title.startsWith("Disable"));
    assert.deepEqual(disable?.edit?.changes?.[uri("src/crlf.ts")], [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: "\t// responses-migrate-disable-next-line no-assistants-api\r\n" },
    ] satisfies TextEdit[]);
  });

  it("returns the source.fixAll.responsesMigrate action when asked for fix-all", async () => {
    const report = await pull("src/crlf.ts");
    const diagnostic = report.kind === "full" ? report.items[0] : undefined;
    for (const only of [["source.fixAll.responsesMigrate"], ["source.fixAll"], ["source"]]) {
      const list = await actions("src/crlf.ts", diagnostic!, only);
      assert.deepEqual(list.map((action) => action.kind), ["source.fixAll.responsesMigrate"], only.join());
      assert.equal(list[0].title, "Responses Migrate: fix all safe migrations");
    }
    assert.deepEqual(await actions("src/crlf.ts", diagnostic!, ["refactor"]), []);
  });

  it("advertises the capabilities an editor needs", () => {
    const capabilities = (client.initializeResult as { capabilities: Record<string, unknown> }).capabilities;
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: "responses-migrate", interFileDependencies: false, workspaceDiagnostics: true });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ["quickfix", "source.fixAll", "source.fixAll.responsesMigrate"], resolveProvider: true });
    assert.equal(capabilities.hoverProvider, true);
  });

  it("survives a garbage document and keeps answering", async () => {
    await open("src/mangled.ts", "\u0000\uffff}}}{{{ client.beta.threads.( ((((((( `${", "typescript");
    const report = await pull("src/mangled.ts");
    assert.equal(report.kind, "full");
    assert.ok(client.alive);
    assert.equal((await pull("src/app.ts")).kind, "full");
  });
});
