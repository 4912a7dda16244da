// textDocument/publishDiagnostics for clients without pull diagnostics (Neovim before 0.10, Emacs,
// Helix, Sublime LSP): open documents on open and change, from the same analysis, debounce and cache as
// textDocument/diagnostic; the workspace's other files through WorkspacePush.
import {
  CancellationTokenSource,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ClientFeatures } from "./clientCapabilities";
import type { ConfigStore } from "./config";
import type { DocumentAnalyzer } from "./documentDiagnostics";
import type { WorkspaceDiagnostics } from "./workspaceDiagnostics";
import { WorkspacePush } from "./workspacePush";

/** Drops what the client did not declare it understands: unknown tags, codeDescription. */
export function shapeForClient(diagnostics: readonly Diagnostic[], publish: ClientFeatures["publish"]): Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    const { codeDescription, tags, ...rest } = diagnostic;
    const shaped: Diagnostic = { ...rest };
    if (codeDescription && publish.codeDescription) shaped.codeDescription = codeDescription;
    const known = tags?.filter((tag) => publish.tags.has(tag));
    if (known && known.length > 0) shaped.tags = known;
    return shaped;
  });
}

export class PushDiagnostics {
  private readonly pending = new Map<string, CancellationTokenSource>();
  /** Result id of what the client shows for each open document, so unchanged reports are not re-sent. */
  private readonly shown = new Map<string, string>();
  private readonly workspacePush: WorkspacePush;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyzer: DocumentAnalyzer,
    private readonly config: ConfigStore,
    workspace: WorkspaceDiagnostics,
    private readonly features: ClientFeatures,
  ) {
    this.workspacePush = new WorkspacePush(connection, documents, workspace, (uri, diagnostics) => this.send(uri, diagnostics));
  }

  listen(): void {
    // Fires on didOpen as well as didChange.
    this.documents.onDidChangeContent(({ document }) => this.schedule(document));
    this.documents.onDidOpen(({ document }) => this.workspacePush.forget(document.uri));
    this.documents.onDidClose(({ document }) => this.closed(document.uri));
  }

  /** Settings, folders or a rescan changed: re-publish open documents, start or stop the workspace push. */
  async refresh(): Promise<void> {
    this.shown.clear();
    for (const document of this.documents.all()) this.schedule(document);
    const { settings } = await this.config.get(undefined);
    if (settings.pushWorkspaceDiagnostics) this.workspacePush.start();
    else this.workspacePush.stop();
  }

  shutdown(): void {
    for (const source of this.pending.values()) source.cancel();
    this.workspacePush.stop(false);
  }

  private schedule(document: TextDocument): void {
    this.pending.get(document.uri)?.cancel();
    const source = new CancellationTokenSource();
    this.pending.set(document.uri, source);
    void this.publish(document.uri, document.version, source);
  }

  private async publish(uri: string, version: number, source: CancellationTokenSource): Promise<void> {
    try {
      const report = await this.analyzer.pull(uri, this.shown.get(uri), source.token);
      if (source.token.isCancellationRequested || this.documents.get(uri)?.version !== version) return;
      if (report.kind === DocumentDiagnosticReportKind.Unchanged) return;
      if (report.resultId !== undefined) this.shown.set(uri, report.resultId);
      this.send(uri, report.items, version);
    } catch (error) {
      if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return;
      this.connection.console.error(`Responses Migrate: publishing diagnostics for ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      if (this.pending.get(uri) === source) this.pending.delete(uri);
      source.dispose();
    }
  }

  /** The editor's buffer is gone: clear it; the workspace push re-reports the file on disk if it covers it. */
  private closed(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.shown.delete(uri);
    this.send(uri, []);
  }

  private send(uri: string, diagnostics: readonly Diagnostic[], version?: number): void {
    const params = { uri, diagnostics: shapeForClient(diagnostics, this.features.publish), version: this.features.publish.version ? version : undefined };
    this.connection.sendDiagnostics(params).catch((error) => this.connection.console.error(`Responses Migrate: sending diagnostics failed: ${String(error)}`));
  }
}
