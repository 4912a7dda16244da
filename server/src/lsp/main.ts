// The language server: a thin adapter from LSP to the engine. `createConnection(ProposedFeatures.all)`
// picks the transport from argv (--stdio for any LSP client, --node-ipc for VS Code).
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import { SUPPORTED_EXTENSIONS } from "../engine";
import { clientFeatures, type ClientFeatures } from "./clientCapabilities";
import { codeActionsForClient } from "./clientCodeActions";
import { codeActions, CODE_ACTION_KINDS, resolveCodeAction, type CodeActionServices } from "./codeActions";
import { ConfigStore, folderFromUri, type Folder } from "./config";
import { SOURCE } from "./convert";
import { DocumentAnalyzer } from "./documentDiagnostics";
import { hoverAt } from "./hover";
import { FixReview } from "./fixReview";
import { PushDiagnostics } from "./pushDiagnostics";
import { WorkspaceDiagnostics } from "./workspaceDiagnostics";
import { registerMigrationRequests } from "./migrationRequests";
import { recordedFindings } from "./recordedFindings";
import { SUPPRESSIONS_FILE } from "../workspace/bulkSuppressions";

export const RESCAN_COMMAND = "responsesMigrate.server.rescanWorkspace";
export const RESCAN_REQUEST = "responsesMigrate/rescanWorkspace";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const config = new ConfigStore(connection);
let folders: Folder[] = [];
const getFolders = () => folders;
const analyzer = new DocumentAnalyzer(connection, documents, config, getFolders, () => workspace.assistantDefinitions());
const workspace = new WorkspaceDiagnostics(connection, documents, config, getFolders);
recordedFindings.setFolders(() => folders.map((folder) => folder.fsPath));
registerMigrationRequests({ connection, documents, analyzer, workspace, config, folders: getFolders });
const codeActionServices: CodeActionServices = { analyzer, log: (message) => connection.console.error(message), review: new FixReview() };
let canRegisterWatchers = false;
let canRefreshDiagnostics = false;
let features: ClientFeatures = clientFeatures({});
/** Set when the client has no pull diagnostics (Neovim < 0.10, Emacs, Helix, Sublime LSP). */
let push: PushDiagnostics | undefined;

function logError(what: string, error: unknown): void {
  connection.console.error(`Responses Migrate: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  config.supportsConfiguration = capabilities.workspace?.configuration === true;
  canRegisterWatchers = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canRefreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
  if (params.workspaceFolders) folders = params.workspaceFolders.map((folder) => folderFromUri(folder.uri, folder.name));
  else if (params.rootUri) folders = [folderFromUri(params.rootUri)];
  config.sources.fromInitializationOptions(params.initializationOptions);
  features = clientFeatures(capabilities);
  if (!features.pullDiagnostics) {
    push = new PushDiagnostics(connection, documents, analyzer, config, workspace, features);
    push.listen();
  }
  const storagePath = (params.initializationOptions as { storagePath?: unknown } | undefined)?.storagePath;
  if (typeof storagePath === "string" && storagePath !== "") workspace.useStorage(storagePath);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: push ? undefined : { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
      executeCommandProvider: { commands: [RESCAN_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: "responses-migrate" },
  };
});

connection.onInitialized(async () => {
  if (canRegisterWatchers) {
    try {
      const extensions = SUPPORTED_EXTENSIONS.map((extension) => extension.replace(/^\./, "")).join(",");
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/*.{${extensions}}` }, { globPattern: "**/.gitignore" }, { globPattern: `**/${SUPPRESSIONS_FILE}` }],
      });
      workspace.watching = true;
    } catch (error) {
      logError("could not register file watchers", error);
    }
  }
  try {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folderFromUri(folder.uri).uri));
      folders = [...folders.filter((folder) => !removed.has(folder.uri)), ...event.added.map((folder) => folderFromUri(folder.uri, folder.name))];
      config.invalidate();
      workspace.invalidate();
      refreshDiagnostics();
    });
  } catch {
    // The client does not support workspace folder notifications.
  }
  void push?.refresh();
});

function refreshDiagnostics(): void {
  void push?.refresh();
  if (canRefreshDiagnostics) connection.languages.diagnostics.refresh().catch((error) => logError("diagnostics refresh failed", error));
}

connection.onDidChangeConfiguration((change) => {
  const pushed = change.settings && typeof change.settings === "object" && "responsesMigrate" in change.settings ? change.settings : undefined;
  config.invalidate(pushed);
  workspace.invalidate();
  refreshDiagnostics();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const change of changes) {
    const uri = URI.parse(change.uri);
    if (uri.scheme !== "file") continue;
    if (uri.fsPath.endsWith(SUPPRESSIONS_FILE)) {
      // The recorded counts changed: every file's hints may change.
      recordedFindings.reload();
      analyzer.clear();
      workspace.invalidate(true);
      refreshDiagnostics();
      continue;
    }
    const kind = change.type === FileChangeType.Created ? "created" : change.type === FileChangeType.Deleted ? "deleted" : "changed";
    workspace.fileChanged(uri.fsPath, kind);
  }
});

documents.onDidClose(({ document }) => {
  analyzer.forget(document.uri);
  codeActionServices.review?.forget(document.uri);
  // The workspace report takes the file over again: wake a held workspace/diagnostic request.
  workspace.changes.fire();
});

connection.languages.diagnostics.on(async (params, token) => {
  return analyzer.pull(params.textDocument.uri, params.previousResultId, token);
});

connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
  return workspace.handle(params, token, resultProgress);
});

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  try {
    return hoverAt(await analyzer.resultFor(document), params.position);
  } catch (error) {
    logError("hover failed", error);
    return null;
  }
});

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  try {
    return await codeActionsForClient(await codeActions(params, document, codeActionServices), features, (action) =>
      resolveCodeAction(action, documents, codeActionServices),
    );
  } catch (error) {
    logError("code actions failed", error);
    return [];
  }
});

connection.onCodeActionResolve(async (action) => {
  try {
    return await resolveCodeAction(action, documents, codeActionServices);
  } catch (error) {
    logError("resolving a code action failed", error);
    return action;
  }
});

async function rescan(): Promise<void> {
  connection.console.info("Responses Migrate: rescanning the workspace");
  config.invalidate();
  analyzer.clear();
  workspace.invalidate(true);
  refreshDiagnostics();
}

connection.onExecuteCommand(async (params) => {
  if (params.command === RESCAN_COMMAND) await rescan();
  return null;
});
connection.onRequest(RESCAN_REQUEST, rescan);

connection.onShutdown(() => {
  push?.shutdown();
  workspace.changes.close();
});

process.on("uncaughtException", (error) => logError("uncaught exception", error));
process.on("unhandledRejection", (error) => logError("unhandled rejection", error));

documents.listen(connection);
connection.listen();
