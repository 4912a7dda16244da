// Diagnostics for open documents, from the editor's in-memory text: debounced, cancellable, cached
// per (uri, version, settings) so hover and code actions reuse the same analysis.
import { URI } from "vscode-uri";
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextDocuments,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { ensurePythonParser, isSupportedFile, languageOf, LineIndex, openFixSession, type AnalysisOptions, type FileAnalysis, type FixSession, type WorkspaceDefinition } from "../engine";
import { settledFixSession } from "../engine/fixSession";
import { engineHooks } from "../workspace/engineHooks";
import { OFF_THREAD_CHARS, OffThreadAnalysis, Superseded } from "./offThread";
import { folderOf, type ConfigStore, type Folder } from "./config";
import { resultIdOf, toDiagnostic } from "./convert";
import { dependenciesFor } from "../workspace/packageDependencies";
import { recordedFindings } from "./recordedFindings";
import { toAnalysisOptions } from "./settings";

/**
 * How long a pull for an edited document waits before analysing. Under pull diagnostics the client
 * paces the pulls and cancels the stale one on the next edit, and analysis without fixes takes a few
 * milliseconds for ordinary files, so ordinary documents are analysed at once. A large document waits
 * a little, so a burst of typing starts one worker instead of one per keystroke (a newer edit
 * terminates a stale worker anyway).
 */
export const DEBOUNCE_MS = 0;
const LARGE_DOCUMENT_DEBOUNCE_MS = 300;

function debounceFor(document: TextDocument): number {
  return document.getText().length >= OFF_THREAD_CHARS ? LARGE_DOCUMENT_DEBOUNCE_MS : DEBOUNCE_MS;
}

export interface DocumentResult {
  uri: string;
  version: number;
  analysisKey: string;
  fileName: string;
  dependencies: readonly string[];
  analysis: FileAnalysis;
  /** The options the analysis ran with; undefined when the folder is disabled. */
  options?: AnalysisOptions;
  /** Fixes on request for this version (made on first use when the analysis ran off the main thread). */
  readonly fixes: FixSession;
  lines: LineIndex;
  diagnostics: Diagnostic[];
  resultId: string;
}

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  typescript: ".ts",
  typescriptreact: ".tsx",
  javascript: ".js",
  javascriptreact: ".jsx",
  python: ".py",
};

/** A file name the engine understands: the real path, or one derived from the language id (untitled). */
export function fileNameOf(document: TextDocument): string {
  const uri = URI.parse(document.uri);
  const fileName = uri.scheme === "file" ? uri.fsPath : uri.path;
  // A notebook cell's URI names the notebook; its text is the cell's Python.
  if (uri.scheme === "vscode-notebook-cell") return `${fileName}.cell.py`;
  if (isSupportedFile(fileName)) return fileName;
  return `${fileName || "untitled"}${EXTENSION_BY_LANGUAGE[document.languageId] ?? ".ts"}`;
}

/** The fix session a result made on this thread, if any (its tree can seed the next version's parse). */
const madeSessions = new WeakMap<DocumentResult, () => FixSession | undefined>();

export class DocumentAnalyzer {
  private readonly cache = new Map<string, DocumentResult>();
  private readonly inflight = new Map<string, { version: number; promise: Promise<DocumentResult> }>();
  private readonly offThread = new OffThreadAnalysis();
  private readonly hooks = engineHooks((message) => this.log(message));

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly config: ConfigStore,
    private readonly folders: () => readonly Folder[],
    private readonly workspaceDefinitions: () => readonly WorkspaceDefinition[] = () => [],
  ) {}

  /** The cached result when it matches the document's current version and settings. */
  async cached(document: TextDocument): Promise<DocumentResult | undefined> {
    const hit = this.cache.get(document.uri);
    if (!hit || hit.version !== document.version) return undefined;
    const { analysisKey } = await this.config.get(folderOf(document.uri, this.folders()));
    return hit.analysisKey === analysisKey ? hit : undefined;
  }

  /** The result for the document's current version; concurrent callers share one analysis. */
  resultFor(document: TextDocument): Promise<DocumentResult> {
    const running = this.inflight.get(document.uri);
    if (running && running.version === document.version) return running.promise;
    const promise = this.analyze(document).finally(() => {
      if (this.inflight.get(document.uri)?.promise === promise) this.inflight.delete(document.uri);
    });
    this.inflight.set(document.uri, { version: document.version, promise });
    return promise;
  }

  private async analyze(document: TextDocument): Promise<DocumentResult> {
    const hit = await this.cached(document);
    if (hit) return hit;
    const config = await this.config.get(folderOf(document.uri, this.folders()));
    const fileName = fileNameOf(document);
    const text = document.getText();
    const dependencies = URI.parse(document.uri).scheme === "file" ? dependenciesFor(fileName) : [];
    let analysis: FileAnalysis;
    let options: AnalysisOptions | undefined;
    let session: FixSession | undefined;
    if (!config.settings.enable) {
      analysis = { text, findings: [] };
      session = settledFixSession(analysis);
    } else {
      options = { ...toAnalysisOptions(config.settings, dependencies, this.workspaceDefinitions()), hooks: this.hooks };
      try {
        if (languageOf(fileName) === "python") await ensurePythonParser();
        if (this.offThread.wants(text)) {
          analysis = await this.offThread.analyze(document.uri, fileName, text, options);
        } else {
          // The last version's tree, reparsed incrementally: a keystroke costs a fraction of a parse.
          const previous = this.cache.get(document.uri);
          session = openFixSession(fileName, text, options, previous && previous.fileName === fileName ? madeSessions.get(previous)?.() : undefined);
          analysis = session.analysis;
        }
      } catch (error) {
        if (error instanceof Superseded) throw error;
        this.log(`analysing ${fileName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        analysis = { text, findings: [] };
        session = settledFixSession(analysis);
      }
    }
    const lines = new LineIndex(analysis.text);
    const diagnostics = recordedFindings.mark(fileName, analysis.findings, analysis.findings.map((finding) => toDiagnostic(finding, lines)));
    const sessionOptions = options;
    const result: DocumentResult = {
      uri: document.uri,
      version: document.version,
      analysisKey: config.analysisKey,
      fileName,
      dependencies,
      analysis,
      options,
      get fixes() {
        // Off-thread results parse again here, on the first code action: findings come out the same.
        session ??= sessionOptions ? openFixSession(fileName, text, sessionOptions) : settledFixSession(analysis);
        return session;
      },
      lines,
      diagnostics,
      resultId: resultIdOf(diagnostics),
    };
    madeSessions.set(result, () => session);
    // Only keep it if the document did not move on while we were waiting for settings.
    if (this.documents.get(document.uri)?.version === document.version) this.cache.set(document.uri, result);
    return result;
  }

  private log(message: string): void {
    this.connection.console.error(`Responses Migrate: ${message}`);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.offThread.cancel(uri);
  }

  clear(): void {
    this.cache.clear();
    this.offThread.cancelAll();
  }

  /** textDocument/diagnostic. */
  async pull(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    let document = this.documents.get(uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (!(await this.cached(document))) {
      await delay(debounceFor(document), token);
      throwIfCancelled(token);
      document = this.documents.get(uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
    let result: DocumentResult;
    try {
      result = await this.resultFor(document);
    } catch (error) {
      // A newer edit took over; the client pulls again for it.
      if (error instanceof Superseded) throw new ResponseError(LSPErrorCodes.ServerCancelled, "superseded by a newer edit");
      throw error;
    }
    throwIfCancelled(token);
    if (previousResultId !== undefined && previousResultId === result.resultId) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
    }
    return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.diagnostics };
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "cancelled");
}

/** Sleeps, waking early when the token is cancelled. */
export function delay(ms: number, token?: CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const subscription = token?.onCancellationRequested(done);
    function done() {
      clearTimeout(timer);
      subscription?.dispose();
      resolve();
    }
  });
}
