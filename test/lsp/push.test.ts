// Clients that are not VS Code, over stdio: no pull diagnostics (push instead), publishDiagnostics
// capabilities honoured, code actions with their edits in `changes`, settings without workspace/configuration.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeText } from "../../server/src/engine";
import { fileUri, REPO_ROOT, TestClient } from "./support/lspClient";
import { APP_WITH_TWO_CALLS as APP, makeWorkspace, removeWorkspace } from "./support/fixture";

const THREAD_CREATE = { start: { line: 3, character: 25 }, end: { line: 3, character: 51 } };
const RUNS_LIST = { start: { line: 4, character: 11 }, end: { line: 4, character: 40 } };

/** What Debian's Neovim 0.7.2 declares (runtime/lua/vim/lsp/protocol.lua), trimmed to what matters here. */
const NEOVIM_07: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: { workspaceFolders: true, applyEdit: true, workspaceEdit: { resourceOperations: ["rename", "create", "delete"] } },
  textDocument: {
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ["", "quickfix", "refactor", "source", "source.organizeImports"] } },
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
    },
    publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    hover: { contentFormat: ["markdown", "plaintext"] },
  },
};

/** A client that shows rule links and drops stale versions, but knows no tags and cannot resolve. */
const LINKS_NO_TAGS: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } },
    publishDiagnostics: { codeDescriptionSupport: true, versionSupport: true },
  },
};

const docsHref = (rule: string) => fileUri(path.join(REPO_ROOT, "docs", "rules", `${rule}.md`));
const summary = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => [d.range, d.code, d.severity, d.tags]);

function harness(capabilities: ClientCapabilities, initializationOptions?: unknown) {
  const state = { root: "", client: undefined as unknown as TestClient, version: 1 };
  const uri = (relative: string) => fileUri(path.join(state.root, relative));
  before(async () => {
    state.root = makeWorkspace();
    state.client = await TestClient.start(state.root, undefined, { capabilities, initializationOptions });
  });
  after(async () => {
    await state.client.stop();
    removeWorkspace(state.root);
  });
  return {
    state,
    uri,
    async open(relative: string, text: string) {
      await state.client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uri(relative), languageId: "typescript", version: state.version++, text },
      });
    },
    async actions(relative: string, diagnostic: Diagnostic) {
      return (await state.client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uri(relative) },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
    },
  };
}

describe("a client without pull diagnostics (Neovim 0.7)", () => {
  const { state, uri, open, actions } = harness(NEOVIM_07);

  it("is not offered pull diagnostics", () => {
    const capabilities = (state.client.initializeResult as { capabilities: Record<string, unknown> }).capabilities;
    assert.equal(capabilities.diagnosticProvider, undefined);
    assert.equal(capabilities.hoverProvider, true);
  });

  it("gets diagnostics pushed for an opened file, with tags and without what it did not declare", async () => {
    await open("src/opened.ts", APP);
    const params = await state.client.publishedFor(uri("src/opened.ts"));
    assert.deepEqual(summary(params), [
      [THREAD_CREATE, "no-assistants-api", 1, [2]],
      [RUNS_LIST, "no-assistants-api", 1, [2]],
    ]);
    assert.deepEqual(
      params.diagnostics.map((d) => d.message),
      analyzeText("opened.ts", APP, { fixes: false }).findings.map((f) => f.message),
    );
    assert.ok(params.diagnostics.every((d) => d.codeDescription === undefined && d.source === "responses-migrate"));
    assert.equal(params.version, undefined);
  });

  it("returns code actions with their edits, as `changes`", async () => {
    const diagnostic = (await state.client.publishedFor(uri("src/opened.ts"))).diagnostics[0];
    const list = await actions("src/opened.ts", diagnostic);
    // The thread's runs.list has no Responses counterpart: the whole thread's rewrite carries a TODO for it.
    assert.deepEqual(
      list.map((action) => [action.title, action.kind, action.isPreferred]),
      [
        ["Rewrite this thread to a conversation (every call on it)", "quickfix", true],
        ["Disable no-assistants-api for this line", "quickfix", undefined],
        ["Responses Migrate: fix all safe migrations", "source.fixAll.responsesMigrate", undefined],
      ],
    );
    // Neovim 0.7 resolves: the fix-all's edit comes on codeAction/resolve; the disable comment's is at hand.
    assert.equal(list[2].edit, undefined);
    assert.deepEqual(list[1].edit, {
      changes: { [uri("src/opened.ts")]: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: "    // responses-migrate-disable-next-line no-assistants-api\n" }] },
    });
  });

  it("gets them re-pushed after a change", async () => {
    const count = state.client.published.length;
    await state.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri("src/opened.ts"), version: state.version++ },
      contentChanges: [{ range: { start: { line: 3, character: 25 }, end: { line: 3, character: 53 } }, text: `{ id: "local" }` }],
    });
    const params = await state.client.publishedFor(uri("src/opened.ts"), (p) => state.client.published.indexOf(p) >= count);
    assert.deepEqual(summary(params), [[RUNS_LIST, "no-assistants-api", 1, [2]]]);
  });

  it("gets the workspace's unopened files pushed after the scan, and nothing for clean files", async () => {
    const app = await state.client.publishedFor(uri("src/app.ts"));
    const onDisk = fs.readFileSync(path.join(state.root, "src", "app.ts"), "utf8");
    assert.deepEqual(
      app.diagnostics.map((d) => d.message),
      analyzeText("app.ts", onDisk, { fixes: false }).findings.map((f) => f.message),
    );
    assert.equal(app.diagnostics.length, 2);
    const legacy = await state.client.publishedFor(uri("generated/legacy.js"));
    assert.deepEqual(summary(legacy), [[{ start: { line: 2, character: 0 }, end: { line: 2, character: 27 } }, "no-assistants-api", 1, [2]]]);
    assert.ok(!state.client.published.some((p) => p.uri === uri("src/clean.ts")), "a clean file needs no message");
  });

  it("takes settings from didChangeConfiguration (no workspace/configuration) and re-pushes", async () => {
    const count = state.client.published.length;
    await state.client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { responsesMigrate: { severity: { "no-assistants-api": "hint" } } },
    });
    const after = (p: PublishDiagnosticsParams) => state.client.published.indexOf(p) >= count;
    assert.deepEqual(summary(await state.client.publishedFor(uri("src/opened.ts"), after)), [[RUNS_LIST, "no-assistants-api", 4, [2]]]);
    const legacy = await state.client.publishedFor(uri("generated/legacy.js"), after);
    assert.deepEqual(legacy.diagnostics.map((d) => d.severity), [4]);
  });

  it("clears a closed document, then shows the file on disk again", async () => {
    const count = state.client.published.length;
    await open("src/app.ts", APP.replace("client.beta.threads.runs.list(thread.id)", "thread"));
    // The workspace pass may still re-push the file on disk: wait for the opened text's one finding.
    const opened = await state.client.publishedFor(uri("src/app.ts"), (p) => state.client.published.indexOf(p) >= count && p.diagnostics.length === 1);
    assert.deepEqual(summary(opened), [[THREAD_CREATE, "no-assistants-api", 4, [2]]]);
    const closing = state.client.published.length;
    await state.client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri("src/app.ts") } });
    const cleared = await state.client.publishedFor(uri("src/app.ts"), (p) => state.client.published.indexOf(p) >= closing);
    assert.deepEqual(cleared.diagnostics, []);
    const fromDisk = await state.client.publishedFor(uri("src/app.ts"), (p) => state.client.published.indexOf(p) > state.client.published.indexOf(cleared) && p.diagnostics.length > 0);
    assert.equal(fromDisk.diagnostics.length, 2, "the file on disk still has both calls");
  });

  it("takes back the workspace's diagnostics when pushWorkspaceDiagnostics is turned off", async () => {
    const count = state.client.published.length;
    await state.client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { responsesMigrate: { pushWorkspaceDiagnostics: false } },
    });
    const after = (p: PublishDiagnosticsParams) => state.client.published.indexOf(p) >= count;
    assert.deepEqual((await state.client.publishedFor(uri("generated/legacy.js"), after)).diagnostics, []);
    assert.deepEqual((await state.client.publishedFor(uri("src/app.ts"), (p) => after(p) && p.diagnostics.length === 0)).diagnostics, []);
    // The open document keeps its own, at the default severity again (the last payload replaced the first).
    assert.deepEqual(summary(await state.client.publishedFor(uri("src/opened.ts"), after)), [[RUNS_LIST, "no-assistants-api", 1, [2]]]);
  });
});

describe("a client with codeDescription and version support, no tags, no resolve", () => {
  const { state, uri, open, actions } = harness(LINKS_NO_TAGS);

  it("gets rule links and the document version, and no tags", async () => {
    await open("src/opened.ts", APP);
    const params = await state.client.publishedFor(uri("src/opened.ts"));
    assert.equal(params.version, state.version - 1);
    assert.deepEqual(
      params.diagnostics.map((d) => [d.range, d.code, d.codeDescription, d.tags]),
      [
        [THREAD_CREATE, "no-assistants-api", { href: docsHref("no-assistants-api") }, undefined],
        [RUNS_LIST, "no-assistants-api", { href: docsHref("no-assistants-api") }, undefined],
      ],
    );
  });

  it("gets code actions with edits that apply", async () => {
    const diagnostic = (await state.client.publishedFor(uri("src/opened.ts"))).diagnostics[0];
    const list = await actions("src/opened.ts", diagnostic);
    const disable = list.find((action) => action.title === "Disable no-assistants-api for this line");
    const edits = disable?.edit?.changes?.[uri("src/opened.ts")];
    assert.ok(edits, JSON.stringify(disable));
    const fixed = TextDocument.applyEdits(TextDocument.create("x", "typescript", 1, APP), edits);
    assert.deepEqual(analyzeText("opened.ts", fixed).findings.map((f) => f.range.start), [fixed.indexOf("client.beta.threads.runs")]);
  });
});

describe("settings from initializationOptions", () => {
  // workspace/configuration is declared but answers `{}` for the section: the init options must stand.
  const { state, uri, open } = harness(
    { ...LINKS_NO_TAGS, workspace: { ...LINKS_NO_TAGS.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } },
    { severity: { "no-assistants-api": "warning" }, pushWorkspaceDiagnostics: false },
  );

  it("applies them to pushed diagnostics", async () => {
    await open("src/opened.ts", APP);
    const params = await state.client.publishedFor(uri("src/opened.ts"));
    assert.deepEqual(params.diagnostics.map((d) => d.severity), [2, 2]);
  });

  it("pushes the workspace once the client opts in", async () => {
    assert.ok(!state.client.published.some((p) => p.uri === uri("generated/legacy.js")), "opted out: no workspace files");
    state.client.settings.responsesMigrate = { pushWorkspaceDiagnostics: true };
    await state.client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const legacy = await state.client.publishedFor(uri("generated/legacy.js"));
    assert.deepEqual(legacy.diagnostics.map((d) => [d.code, d.severity]), [["no-assistants-api", 2]]);
  });
});
