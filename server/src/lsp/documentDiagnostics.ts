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
import { analyzeText, ensurePythonParser, isSupportedFile, languageOf, LineIndex, type FileAnalysis, type WorkspaceDefinition } from "../engine";
import { folderOf, type ConfigStore, type Folder } from "./config";
import { resultIdOf, toDiagnostic } from "./convert";
import { dependenciesFor } from "../workspace/packageDependencies";
import { toAnalysisOptions } from "./settings";

export const DEBOUNCE_MS = 150;
/**
 * A large document (a bundle, a minified file) takes seconds to parse, on this thread; waiting longer
 * after an edit lets a burst of typing cost one parse instead of one per pause.
 */
const LARGE_DOCUMENT_CHARS = 1_000_000;
const LARGE_DOCUMENT_DEBOUNCE_MS = 1_500;

function debounceFor(document: TextDocument): number {
  return document.getText().length > LARGE_DOCUMENT_CHARS ? LARGE_DOCUMENT_DEBOUNCE_MS : DEBOUNCE_MS;
}

export interface DocumentResult {
  uri: string;
  version: number;
  analysisKey: string;
  fileName: string;
  dependencies: readonly string[];
  analysis: FileAnalysis;
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

export class DocumentAnalyzer {
  private readonly cache = new Map<string, DocumentResult>();

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

  async resultFor(document: TextDocument): Promise<DocumentResult> {
    const hit = await this.cached(document);
    if (hit) return hit;
    const config = await this.config.get(folderOf(document.uri, this.folders()));
    const fileName = fileNameOf(document);
    const text = document.getText();
    const dependencies = URI.parse(document.uri).scheme === "file" ? dependenciesFor(fileName) : [];
    let analysis: FileAnalysis;
    if (!config.settings.enable) {
      analysis = { text, findings: [] };
    } else {
      try {
        if (languageOf(fileName) === "python") await ensurePythonParser();
        analysis = analyzeText(fileName, text, toAnalysisOptions(config.settings, dependencies, this.workspaceDefinitions()));
      } catch (error) {
        this.connection.console.error(`Responses Migrate: analysing ${document.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        analysis = { text, findings: [] };
      }
    }
    const lines = new LineIndex(analysis.text);
    const diagnostics = analysis.findings.map((finding) => toDiagnostic(finding, lines));
    const result: DocumentResult = {
      uri: document.uri,
      version: document.version,
      analysisKey: config.analysisKey,
      fileName,
      dependencies,
      analysis,
      lines,
      diagnostics,
      resultId: resultIdOf(diagnostics),
    };
    // Only keep it if the document did not move on while we were waiting for settings.
    if (this.documents.get(document.uri)?.version === document.version) this.cache.set(document.uri, result);
    return result;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
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
    const result = await this.resultFor(document);
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
