// workspace/diagnostic: every supported file of every folder, streamed as partial results, with result
// ids so unchanged files come back as `unchanged`. Long-polls: vscode-languageclient re-requests 2 s
// after every answer, so when nothing changed since the client's previousResultIds the request is held
// open until a watched file, a setting, a folder or a closed document changes (or it is cancelled).
import * as path from "node:path";
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type ResultProgressReporter,
  type TextDocuments,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { ensurePythonParser, isSupportedFile, languageOf, type WorkspaceDefinition } from "../engine";
import { discoverSourceFiles } from "../workspace/discover";
import type { ConfigStore, Folder, FolderConfig } from "./config";
import { EMPTY_RESULT_ID } from "./convert";
import { throwIfCancelled } from "./documentDiagnostics";
import { FileCache, type FileEntry } from "./fileCache";
import { ChangeSignal } from "./changeSignal";
import { PersistentCache } from "./persistentCache";

/** Longest run of file refreshes between yields to the event loop (so cancellation and other requests get through). */
const SLICE_MS = 30;
const BATCH_SIZE = 200;
const BATCH_INTERVAL_MS = 100;

export class WorkspaceDiagnostics {
  private readonly cache: FileCache;
  private readonly discovered = new Map<string, string[]>();
  private discoveryNeeded = true;
  private readonly dirty = new Set<string>();
  private firstScanDone = false;
  private answeredOnce = false;
  /** True once file watchers are registered: then unchanged files need no stat. */
  watching = false;
  private persistent: PersistentCache | undefined;
  /** Results loaded from the previous session, reported once before the first scan. */
  private restored: FileEntry[] = [];
  private savedRevision = -1;
  /** The saved clean files are read once the first scan has listed the files, after the saved findings went out. */
  private cleanFilesToLoad = false;
  readonly changes = new ChangeSignal();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly config: ConfigStore,
    private readonly folders: () => readonly Folder[],
  ) {
    this.cache = new FileCache((message) => connection.console.error(message));
  }

  /** The assistant definitions exported by the files scanned so far. */
  assistantDefinitions(): WorkspaceDefinition[] {
    return this.cache.definitions();
  }

  /** The files analysed so far, with their diagnostics (the migration view reads these). */
  files(): FileEntry[] {
    return this.cache.all();
  }

  /** Keep results across restarts in `storagePath` (the extension's storage folder). */
  useStorage(storagePath: string): void {
    this.persistent = new PersistentCache(storagePath, (message) => this.connection.console.error(message));
    const entries = this.persistent.loadFindings();
    this.cache.seed(entries);
    this.restored = entries.filter((entry) => entry.diagnostics.length > 0);
    this.cleanFilesToLoad = true;
  }

  /** A watched file was created, changed or deleted. */
  fileChanged(fsPath: string, kind: "created" | "changed" | "deleted"): void {
    if (path.basename(fsPath) === ".gitignore" || kind !== "changed" || !isSupportedFile(fsPath)) {
      // New, removed or re-ignored paths: the file list must be rebuilt (a deleted folder arrives as one event).
      this.discoveryNeeded = true;
    }
    if (kind === "deleted") this.cache.delete(fsPath);
    this.dirty.add(fsPath);
    this.changes.fire();
  }

  /** Settings, folders or an explicit rescan: rebuild the file list; `dropCache` also re-reads every file. */
  invalidate(dropCache = false): void {
    this.discoveryNeeded = true;
    if (dropCache) this.cache.clear();
    this.changes.fire();
  }

  async handle(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    resultProgress: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult> | undefined,
  ): Promise<WorkspaceDiagnosticReport> {
    const previous = new Map(params.previousResultIds.map(({ uri, value }) => [uri, value]));
    for (;;) {
      const generation = this.changes.count;
      const canHold = this.watching && this.answeredOnce;
      const sender = new ReportSender(resultProgress, !canHold);
      let changed = 0;
      // A restart: what the last session found goes out first; the scan below confirms or corrects it.
      if (this.restored.length > 0 && resultProgress) {
        const restored = this.restored.filter((entry) => !this.documents.get(entry.uri));
        for (let i = 0; i < restored.length; i += BATCH_SIZE) {
          resultProgress.report({
            items: restored.slice(i, i + BATCH_SIZE).map((entry) => ({ kind: DocumentDiagnosticReportKind.Full, uri: entry.uri, version: null, resultId: entry.resultId, items: entry.diagnostics })),
          });
        }
      }
      this.restored = [];
      await this.scan(previous, token, (report) => {
        if (report.kind === DocumentDiagnosticReportKind.Full) changed++;
        sender.add(report);
      });
      throwIfCancelled(token);
      if (!canHold || changed > 0) {
        this.answeredOnce = true;
        return sender.finish();
      }
      if (this.changes.count === generation && !(await this.changes.wait(generation, token))) {
        throwIfCancelled(token);
        return { items: [] }; // shutting down
      }
    }
  }

  /**
   * The folder's files, each handed to `onFile` as the walk finds it (the first pass reports files
   * before the walk is done); a listing kept from an earlier pass is handed over at once.
   */
  private async filesOf(folder: Folder, config: FolderConfig, onFile: (fsPath: string) => void): Promise<void> {
    const known = this.discovered.get(folder.uri);
    if (known) {
      for (const file of known) onFile(file);
      return;
    }
    let files: string[];
    try {
      files = await discoverSourceFiles(folder.fsPath, { exclude: config.settings.exclude, filesExclude: config.filesExclude }, onFile);
    } catch (error) {
      this.connection.console.error(`Responses Migrate: listing ${folder.fsPath} failed: ${String(error)}`);
      files = [];
    }
    this.discovered.set(folder.uri, files);
  }

  private async scan(
    previous: ReadonlyMap<string, string>,
    token: CancellationToken,
    report: (item: WorkspaceDocumentDiagnosticReport) => void,
  ): Promise<void> {
    // Without file watchers nothing tells us about new files: list the folders on every pull.
    if (this.discoveryNeeded || !this.watching) {
      this.discoveryNeeded = false;
      this.discovered.clear();
    }
    const claimed = new Set<string>();
    const seen = new Set<string>();
    const progress = this.firstScanDone ? undefined : await this.beginProgress();
    let done = 0;
    let sliceStartedAt = performance.now();
    const refresh = async (fsPath: string, config: FolderConfig): Promise<void> => {
      if (performance.now() - sliceStartedAt > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStartedAt = performance.now();
      }
      if (languageOf(fsPath) === "python") await ensurePythonParser();
      const trusted = this.watching && !this.dirty.delete(fsPath);
      const entry = this.cache.refresh(fsPath, config, trusted);
      done++;
      if (progress && done % 100 === 0) progress.report(`${done} files`);
      if (!entry) return;
      seen.add(entry.uri);
      if (this.documents.get(entry.uri)) return; // open documents are covered by textDocument/diagnostic
      if (previous.get(entry.uri) === entry.resultId) {
        report({ kind: DocumentDiagnosticReportKind.Unchanged, uri: entry.uri, version: null, resultId: entry.resultId });
      } else {
        report({ kind: DocumentDiagnosticReportKind.Full, uri: entry.uri, version: null, resultId: entry.resultId, items: entry.diagnostics });
      }
    };
    // Innermost folders first, so a nested folder's settings win for its files. Each folder's files are
    // analysed while its walk goes on (the walk yields to the event loop between folders).
    const folders = [...this.folders()].sort((a, b) => b.fsPath.length - a.fsPath.length);
    for (const folder of folders) {
      const config = await this.config.get(folder);
      if (!config.settings.enable) continue;
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      let walked = false;
      const walk = this.filesOf(folder, config, (fsPath) => {
        if (claimed.has(fsPath)) return;
        claimed.add(fsPath);
        queue.push(fsPath);
        wake?.();
      }).finally(() => {
        walked = true;
        wake?.();
      });
      // The saved clean files are loaded once the walk has begun, after the restored findings went out.
      if (this.cleanFilesToLoad) {
        this.cleanFilesToLoad = false;
        this.cache.seed(this.persistent?.loadCleanFiles() ?? []);
      }
      for (let next = 0; ; ) {
        if (token.isCancellationRequested) break;
        if (next < queue.length) {
          await refresh(queue[next++], config);
          continue;
        }
        if (walked) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      await walk;
      if (token.isCancellationRequested) break;
    }
    progress?.done();
    if (token.isCancellationRequested) return;
    this.cache.retainOnly(claimed);
    this.firstScanDone = true;
    if (this.persistent && this.cache.revision !== this.savedRevision) {
      this.savedRevision = this.cache.revision;
      this.persistent.save(this.cache.all());
    }
    // Files the client still shows that are gone (deleted, now excluded, disabled): clear them once.
    for (const [uri, resultId] of previous) {
      if (!seen.has(uri) && resultId !== EMPTY_RESULT_ID && !this.documents.get(uri)) {
        report({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: EMPTY_RESULT_ID, items: [] });
      }
    }
  }

  private async beginProgress() {
    try {
      const progress = await this.connection.window.createWorkDoneProgress();
      progress.begin("Responses Migrate: scanning files", undefined, undefined, false);
      return progress;
    } catch (error) {
      this.connection.console.warn(`Responses Migrate: no progress notification: ${String(error)}`);
      return undefined;
    }
  }
}

/** Sends reports as partial results in batches when streaming, else collects them for the response. */
class ReportSender {
  private batch: WorkspaceDocumentDiagnosticReport[] = [];
  private readonly collected: WorkspaceDocumentDiagnosticReport[] = [];
  /** Never yet: the first report goes out on its own, so the Problems panel starts filling at once. */
  private lastFlush = 0;

  constructor(
    private readonly progress: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult> | undefined,
    private readonly streaming: boolean,
  ) {}

  add(report: WorkspaceDocumentDiagnosticReport): void {
    if (!this.progress || !this.streaming) {
      this.collected.push(report);
      return;
    }
    this.batch.push(report);
    if (this.batch.length >= BATCH_SIZE || Date.now() - this.lastFlush >= BATCH_INTERVAL_MS) this.flush();
  }

  private flush(): void {
    if (this.batch.length > 0) this.progress!.report({ items: this.batch });
    this.batch = [];
    this.lastFlush = Date.now();
  }

  /** The final response: empty when everything went out as partial results, as LSP requires. */
  finish(): WorkspaceDiagnosticReport {
    if (!this.progress) return { items: this.collected };
    for (const report of this.collected) this.batch.push(report);
    for (let i = 0; i < this.batch.length; i += BATCH_SIZE) this.progress.report({ items: this.batch.slice(i, i + BATCH_SIZE) });
    this.batch = [];
    return { items: [] };
  }
}
