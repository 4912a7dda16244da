// The thin client: starts dist/server.js over IPC, shows an output channel, a status bar count of the
// remaining Assistants call sites, and two commands. All analysis happens in the server.
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { showBurndown } from "./burndownPanel";
import { MigrationView, VIEW_ID } from "./migrationView";

const SOURCE = "responses-migrate";
const ASSISTANTS_RULE = "no-assistants-api";
const RESCAN_REQUEST = "responsesMigrate/rescanWorkspace";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Responses Migrate", { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const documentSelector = ["typescript", "typescriptreact", "javascript", "javascriptreact", "python"].flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
  // Jupyter notebook cells are documents of their own.
  documentSelector.push({ scheme: "vscode-notebook-cell", language: "python" });
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // Tell the server when these change; it then pulls the values per folder (workspace/configuration).
    synchronize: { configurationSection: ["responsesMigrate", "files.exclude"] },
    // The server registers its own file watchers (workspace/didChangeWatchedFiles).
    // Where the server keeps its per-file cache across restarts.
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
  };
  client = new LanguageClient("responsesMigrate", "Responses Migrate", serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = "Responses Migrate";
  status.command = `${VIEW_ID}.focus`;
  status.tooltip = "Remaining OpenAI Assistants API call sites. Click to open the Responses Migration view.";
  context.subscriptions.push(status);
  const updateStatus = () => {
    status.text = `$(warning) Assistants: ${countAssistantsCalls()}`;
    status.show();
  };
  updateStatus();
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(updateStatus));

  const view = new MigrationView(client);
  context.subscriptions.push(
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: view, showCollapseAll: true }),
    vscode.languages.onDidChangeDiagnostics(() => view.scheduleRefresh()),
    vscode.commands.registerCommand("responsesMigrate.refreshMigrationView", () => view.refresh()),
    vscode.commands.registerCommand("responsesMigrate.fixSite", (node) => view.fix(node)),
    vscode.commands.registerCommand("responsesMigrate.fixGroup", (node) => view.fix(node)),
    vscode.commands.registerCommand("responsesMigrate.fixAllInWorkspace", () => view.fixAllInWorkspace(false)),
    vscode.commands.registerCommand("responsesMigrate.fixAllInWorkspaceUnsafe", () => view.fixAllInWorkspace(true)),
    vscode.commands.registerCommand("responsesMigrate.showBurndown", () => showBurndown(context, client!)),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand("responsesMigrate.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("responsesMigrate.rescanWorkspace", async () => {
      if (!client?.isRunning()) return;
      output.appendLine("Rescanning the workspace…");
      await client.sendRequest(RESCAN_REQUEST);
    }),
  );

  await client.start();
}

function countAssistantsCalls(): number {
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const code = typeof diagnostic.code === "object" && diagnostic.code !== null ? diagnostic.code.value : diagnostic.code;
      if (code === ASSISTANTS_RULE) count++;
    }
  }
  return count;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
