// Per-file results for files on disk, keyed by path and validated by mtime + size + settings, so a
// rescan of an unchanged 20,000-file workspace reads nothing and analyses nothing.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { URI } from "vscode-uri";
import type { Diagnostic } from "vscode-languageserver/node";
import { LineIndex, openFileFixSession, takeSyntaxTree, type AnalysisHooks, type FixSession, type WorkspaceDefinition } from "../engine";
import { assistantDefinitionsIn } from "../workspace/assistantDefinitions";
import type { FolderConfig } from "./config";
import { EMPTY_RESULT_ID, resultIdOf, toDiagnostic } from "./convert";
import { recordedFindings } from "./recordedFindings";
import { toAnalysisOptions } from "./settings";
import { engineHooks } from "../workspace/engineHooks";
import { ReusingReader } from "../workspace/reader";

export interface FileEntry {
  fsPath: string;
  uri: string;
  mtimeMs: number;
  size: number;
  analysisKey: string;
  diagnostics: Diagnostic[];
  resultId: string;
  skipped?: string;
  /** Assistant definitions this file exports, for rewrites in other files. */
  definitions: WorkspaceDefinition[];
  /** sha1 of the bytes, kept for files that needed parsing: a touched but unchanged file is not parsed again. */
  contentHash?: string;
  /** False for entries loaded from the previous session's cache until this session has checked the file. */
  verified?: boolean;
}

function sha1(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("base64url");
}

export class FileCache {
  private readonly entries = new Map<string, FileEntry>();
  /** Bumped whenever a result is added, replaced or dropped: tells the saver whether there is news. */
  revision = 0;

  private readonly hooks: AnalysisHooks;
  /** One buffer for every file read: a 20,000-file pass allocates no buffer per file (RSS stays flat). */
  private readonly reader = new ReusingReader();

  constructor(private readonly log: (message: string) => void) {
    this.hooks = engineHooks((message) => log(`Responses Migrate: ${message}`));
  }

  /** Every assistant definition the cached files export. */
  definitions(): WorkspaceDefinition[] {
    return [...this.entries.values()].flatMap((entry) => entry.definitions);
  }

  all(): FileEntry[] {
    return [...this.entries.values()];
  }

  get size(): number {
    return this.entries.size;
  }

  peek(fsPath: string): FileEntry | undefined {
    return this.entries.get(fsPath);
  }

  delete(fsPath: string): void {
    if (this.entries.delete(fsPath)) this.revision++;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Entries from the previous session's cache; each is checked against the disk before it is trusted. */
  seed(entries: readonly FileEntry[]): void {
    for (const entry of entries) if (!this.entries.has(entry.fsPath)) this.entries.set(entry.fsPath, { ...entry, verified: false });
  }

  /** Drops entries for paths not in `keep`. */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const fsPath of this.entries.keys()) if (!keep.has(fsPath)) this.entries.delete(fsPath);
  }

  /**
   * The file's current result. With `trusted`, an existing entry under the same settings is returned
   * without touching the disk (file watchers tell us what changed). Returns undefined if the file is gone.
   */
  refresh(fsPath: string, config: FolderConfig, trusted: boolean): FileEntry | undefined {
    const existing = this.entries.get(fsPath);
    if (trusted && existing && existing.verified !== false && existing.analysisKey === config.analysisKey) return existing;
    // Synchronous: a stat and a read of a cached file take microseconds, far less than a promise
    // round trip through the thread pool each; the caller yields to the event loop between batches.
    let stat;
    try {
      stat = fs.statSync(fsPath, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat) {
      this.entries.delete(fsPath);
      return undefined;
    }
    if (!stat.isFile()) {
      this.entries.delete(fsPath);
      return undefined;
    }
    if (existing && existing.analysisKey === config.analysisKey && existing.mtimeMs === stat.mtimeMs && existing.size === stat.size) {
      existing.verified = true;
      return existing;
    }
    const entry: FileEntry = {
      fsPath,
      uri: existing?.uri ?? URI.file(fsPath).toString(),
      mtimeMs: stat.mtimeMs,
      size: stat.size,
      analysisKey: config.analysisKey,
      diagnostics: [],
      resultId: EMPTY_RESULT_ID,
      definitions: [],
    };
    try {
      if (stat.size > config.settings.maxFileSize) {
        entry.skipped = `larger than maxFileSize (${stat.size} > ${config.settings.maxFileSize} bytes)`;
      } else {
        // Valid until the next read: everything below that keeps something copies it (strings, hashes).
        const bytes = this.reader.read(fsPath);
        const hash = existing?.contentHash !== undefined && existing.analysisKey === config.analysisKey ? sha1(bytes) : undefined;
        if (hash !== undefined && hash === existing!.contentHash) {
          // Same content under the same settings (touched, or restored by git): the result stands.
          const same = { ...existing!, mtimeMs: stat.mtimeMs, size: stat.size, verified: true };
          this.entries.set(fsPath, same);
          return same;
        }
        let session: FixSession | undefined;
        try {
          session = openFileFixSession(fsPath, bytes, { ...toAnalysisOptions(config.settings), hooks: this.hooks });
        } finally {
          // A definition file the analysis parsed is not parsed twice (the same text, so the same tree).
          entry.definitions = assistantDefinitionsIn(fsPath, bytes, (text) => (session && text === session.analysis.text ? takeSyntaxTree(session) : undefined));
        }
        const analysis = session.analysis;
        if (analysis.findings.length > 0 || entry.definitions.length > 0) entry.contentHash = hash ?? sha1(bytes);
        if (analysis.skipped) {
          entry.skipped = analysis.skipped.reason;
        } else if (analysis.findings.length > 0) {
          const lines = new LineIndex(analysis.text);
          entry.diagnostics = recordedFindings.mark(fsPath, analysis.findings, analysis.findings.map((finding) => toDiagnostic(finding, lines)));
          entry.resultId = resultIdOf(entry.diagnostics);
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code === "ENOENT") {
        this.entries.delete(fsPath);
        return undefined;
      }
      // One bad file never stops the scan: log it, report nothing for it, retry when it changes.
      this.log(`Responses Migrate: analysing ${fsPath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      entry.skipped = "analysis failed";
    }
    this.entries.set(fsPath, entry);
    this.revision++;
    return entry;
  }
}
