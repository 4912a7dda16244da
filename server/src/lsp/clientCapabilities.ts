// What the connected editor can do, read once from `initialize`. VS Code does everything; Neovim before
// 0.10, Emacs, Helix and Sublime LSP lack pull diagnostics, codeAction/resolve or documentChanges, and
// the server adapts to each missing piece instead of assuming VS Code.
import { DiagnosticTag, type ClientCapabilities } from "vscode-languageserver/node";

export interface ClientFeatures {
  /** textDocument/diagnostic: without it the server pushes with textDocument/publishDiagnostics. */
  pullDiagnostics: boolean;
  /** What a pushed diagnostic may carry. */
  publish: {
    tags: ReadonlySet<DiagnosticTag>;
    codeDescription: boolean;
    version: boolean;
  };
  /** codeAction/resolve can fill in `edit`: without it every action must arrive with its edit. */
  resolvesCodeActionEdits: boolean;
  /** CodeAction.disabled (LSP 3.16): without it a disabled action is not sent. */
  disabledCodeActions: boolean;
  /** WorkspaceEdit.documentChanges (versioned edits): without it edits go in `changes`. */
  documentChanges: boolean;
  /** workspace/configuration: without it settings come only from initializationOptions and didChangeConfiguration. */
  configuration: boolean;
}

export function clientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  const text = capabilities.textDocument;
  const publish = text?.publishDiagnostics;
  return {
    pullDiagnostics: text?.diagnostic !== undefined,
    publish: {
      tags: new Set(publish?.tagSupport?.valueSet ?? []),
      codeDescription: publish?.codeDescriptionSupport === true,
      version: publish?.versionSupport === true,
    },
    resolvesCodeActionEdits: text?.codeAction?.resolveSupport?.properties.includes("edit") === true,
    disabledCodeActions: text?.codeAction?.disabledSupport === true,
    documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
    configuration: capabilities.workspace?.configuration === true,
  };
}
