// The server's adaptation to what a client declares: lazy code actions resolved for clients without
// codeAction/resolve, `documentChanges` rewritten as `changes`, settings layered from every source.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CodeAction } from "vscode-languageserver/node";
import { clientFeatures } from "../../server/src/lsp/clientCapabilities";
import { asChanges, codeActionsForClient } from "../../server/src/lsp/clientCodeActions";
import { SettingsSources } from "../../server/src/lsp/settingsSources";

const URI = "file:///w/app.ts";
const EDIT = { range: { start: { line: 3, character: 25 }, end: { line: 3, character: 51 } }, newText: "client.conversations.create()" };
const LAZY: CodeAction = { title: "Rewrite to conversations.create", kind: "quickfix", data: { uri: URI, finding: 0 } };
const resolveWithEdit = async (action: CodeAction): Promise<CodeAction> => ({
  ...action,
  edit: { documentChanges: [{ textDocument: { uri: URI, version: 7 }, edits: [EDIT] }] },
});

describe("clientFeatures", () => {
  it("reads Neovim 0.7's capabilities as push-only, resolving, without documentChanges or configuration", () => {
    const features = clientFeatures({
      workspace: { workspaceEdit: { resourceOperations: ["rename", "create", "delete"] } },
      textDocument: { codeAction: { resolveSupport: { properties: ["edit"] } }, publishDiagnostics: { tagSupport: { valueSet: [1, 2] } } },
    });
    assert.deepEqual(features, {
      pullDiagnostics: false,
      publish: { tags: new Set([1, 2]), codeDescription: false, version: false },
      resolvesCodeActionEdits: true,
      disabledCodeActions: false,
      documentChanges: false,
      configuration: false,
    });
  });

  it("does not count resolve support that cannot fill in the edit", () => {
    assert.equal(clientFeatures({ textDocument: { codeAction: { resolveSupport: { properties: ["command"] } } } }).resolvesCodeActionEdits, false);
  });
});

describe("codeActionsForClient", () => {
  it("resolves a lazy action for a client without codeAction/resolve, and gives its edit as `changes`", async () => {
    const actions = await codeActionsForClient([LAZY], { resolvesCodeActionEdits: false, documentChanges: false, disabledCodeActions: false }, resolveWithEdit);
    assert.deepEqual(actions, [{ ...LAZY, edit: { changes: { [URI]: [EDIT] } } }]);
  });

  it("keeps documentChanges for a client that applies them", async () => {
    const actions = await codeActionsForClient([LAZY], { resolvesCodeActionEdits: false, documentChanges: true, disabledCodeActions: false }, resolveWithEdit);
    assert.deepEqual(actions[0].edit, { documentChanges: [{ textDocument: { uri: URI, version: 7 }, edits: [EDIT] }] });
  });

  it("leaves the action lazy for a client that resolves", async () => {
    assert.deepEqual(await codeActionsForClient([LAZY], { resolvesCodeActionEdits: true, documentChanges: false, disabledCodeActions: false }, resolveWithEdit), [LAZY]);
  });

  it("drops a lazy action that no one can resolve: it would do nothing", async () => {
    assert.deepEqual(await codeActionsForClient([LAZY], { resolvesCodeActionEdits: false, documentChanges: false, disabledCodeActions: false }), []);
  });

  it("sends a disabled action (it says why there is no fix) only to a client that shows `disabled`", async () => {
    const refused = { title: "Rewrite this thread to the Responses API", kind: "quickfix", disabled: { reason: "Not rewritten: ..." } };
    assert.deepEqual(await codeActionsForClient([refused], { resolvesCodeActionEdits: false, documentChanges: false, disabledCodeActions: true }, resolveWithEdit), [refused]);
    assert.deepEqual(await codeActionsForClient([refused, LAZY], { resolvesCodeActionEdits: true, documentChanges: true, disabledCodeActions: false }, resolveWithEdit), [LAZY]);
    assert.equal(clientFeatures({ textDocument: { codeAction: { disabledSupport: true } } }).disabledCodeActions, true);
  });

  it("cannot express file operations as `changes`", () => {
    assert.equal(asChanges({ documentChanges: [{ kind: "create", uri: "file:///w/new.ts" }] }), undefined);
    assert.deepEqual(asChanges({ changes: { [URI]: [EDIT] } }), { changes: { [URI]: [EDIT] } });
  });
});

describe("SettingsSources", () => {
  it("says nothing until a source does (every default holds)", () => {
    const sources = new SettingsSources();
    sources.fromInitializationOptions(null);
    sources.fromDidChangeConfiguration({ files: {} });
    assert.equal(sources.merge(null), undefined);
  });

  it("layers initializationOptions, didChangeConfiguration and workspace/configuration key by key", () => {
    const sources = new SettingsSources();
    sources.fromInitializationOptions({ responsesMigrate: { severity: { "no-assistants-api": "hint" }, maxFileSize: 10 } });
    sources.fromDidChangeConfiguration({ responsesMigrate: { maxFileSize: 20, enable: false } });
    assert.deepEqual(sources.merge({ enable: true }), { severity: { "no-assistants-api": "hint" }, maxFileSize: 20, enable: true });
    // A payload without our section (VS Code's `settings: null`) keeps the last one.
    sources.fromDidChangeConfiguration(null);
    assert.deepEqual(sources.merge(undefined), { severity: { "no-assistants-api": "hint" }, maxFileSize: 20, enable: false });
  });

  it("accepts bare setting keys as initializationOptions, not as a didChangeConfiguration payload", () => {
    const sources = new SettingsSources();
    sources.fromInitializationOptions({ pushWorkspaceDiagnostics: false });
    sources.fromDidChangeConfiguration({ enable: false });
    assert.deepEqual(sources.merge(undefined), { pushWorkspaceDiagnostics: false });
  });
});
