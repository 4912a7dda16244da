// Diagnostics for the workspace's unopened files, pushed to clients without pull diagnostics. It runs
// the same scan as workspace/diagnostic, in a loop: each pass compares against what this client was
// last sent and publishes only files whose diagnostics changed, then waits for a change (a watched file,
// a setting, a folder, a closed document) before the next pass.
import { CancellationTokenSource, DocumentDiagnosticReportKind, type Connection, type Diagnostic, type TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { EMPTY_RESULT_ID } from "./convert";
import type { WorkspaceDiagnostics } from "./workspaceDiagnostics";

export class WorkspacePush {
  /** Result id of what the client was last sent, per unopened file (clean files included, sent or not). */
  private readonly sent = new Map<string, string>();
  private running: CancellationTokenSource | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: WorkspaceDiagnostics,
    private readonly send: (uri: string, diagnostics: readonly Diagnostic[]) => void,
  ) {}

  start(): void {
    if (this.running) return;
    const source = new CancellationTokenSource();
    this.running = source;
    void this.loop(source);
  }

  /** Stops pushing; `clear` takes back what was sent (the user opted out). */
  stop(clear = true): void {
    this.running?.cancel();
    this.running = undefined;
    if (clear) {
      for (const [uri, resultId] of this.sent) if (resultId !== EMPTY_RESULT_ID && !this.documents.get(uri)) this.send(uri, []);
    }
    this.sent.clear();
  }

  /** The document pusher took this file over (it was opened). */
  forget(uri: string): void {
    this.sent.delete(uri);
  }

  private async loop(source: CancellationTokenSource): Promise<void> {
    const token = source.token;
    while (!token.isCancellationRequested) {
      const generation = this.workspace.changes.count;
      let published = 0;
      try {
        const previousResultIds = [...this.sent].map(([uri, value]) => ({ uri, value }));
        const report = await this.workspace.handle({ previousResultIds }, token, undefined);
        for (const item of report.items) {
          if (item.kind !== DocumentDiagnosticReportKind.Full || token.isCancellationRequested) continue;
          if (this.documents.get(item.uri)) continue; // opened while the pass ran: the document pusher owns it
          const before = this.sent.get(item.uri);
          this.sent.set(item.uri, item.resultId ?? EMPTY_RESULT_ID);
          // A clean file the client never saw diagnostics for needs no message (20,000 files, most clean).
          if (item.items.length > 0 || (before !== undefined && before !== EMPTY_RESULT_ID)) {
            this.send(item.uri, item.items);
            published++;
          }
        }
      } catch (error) {
        if (token.isCancellationRequested) break;
        this.connection.console.error(`Responses Migrate: workspace diagnostics failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      // With file watchers a pass that finds nothing new holds inside handle(); without them, or after an
      // error, wait here so the loop never spins.
      if (!this.workspace.watching || published === 0) {
        if (!(await this.workspace.changes.wait(generation, token))) break;
      }
    }
    if (this.running === source) this.running = undefined;
    source.dispose();
  }
}
