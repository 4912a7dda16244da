// The per-file results saved across server restarts in the extension's storage folder (the client
// passes it as initializationOptions.storagePath), so a reopened workspace fills the Problems panel
// from the cache at once; the rescan then checks every entry (mtime and size, then content hash)
// before trusting it. A cache written by another build of the server is ignored.
import * as fs from "node:fs";
import * as path from "node:path";
import { URI } from "vscode-uri";
import { EMPTY_RESULT_ID } from "./convert";
import type { FileEntry } from "./fileCache";

const FINDINGS_FILE = "workspace-cache-v1.json";
const CLEAN_FILE = "workspace-cache-v1.clean.json";

/** Names this build: a cache from any other build (rules or messages may differ) is not read. */
function buildStamp(): string {
  try {
    const stat = fs.statSync(__filename);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "unknown";
  }
}

/** Files with something to show (findings, definitions, a skip reason): read at start-up, small. */
interface SavedFindings {
  build: string;
  entries: FileEntry[];
}

/** The rest (most files): only what says "unchanged", by folder; read when the first scan starts. */
interface SavedCleanFiles {
  build: string;
  analysisKeys: string[];
  /** folder -> [name, mtimeMs, size, index into analysisKeys] */
  folders: Record<string, Array<[string, number, number, number]>>;
}

/**
 * A file name URIs spell as it is (RFC 3986 unreserved characters): its URI is its folder's plus
 * "/name", without the cost of building one URI per file for 20,000 files at start-up.
 */
const PLAIN_NAME = /^[A-Za-z0-9._~-]+$/;

function hasContent(entry: FileEntry): boolean {
  return entry.diagnostics.length > 0 || entry.definitions.length > 0 || entry.skipped !== undefined || entry.contentHash !== undefined;
}

export class PersistentCache {
  private readonly findingsFile: string;
  private readonly cleanFile: string;

  constructor(
    storagePath: string,
    private readonly log: (message: string) => void,
  ) {
    this.findingsFile = path.join(storagePath, FINDINGS_FILE);
    this.cleanFile = path.join(storagePath, CLEAN_FILE);
  }

  private read<T extends { build: string }>(file: string): T | undefined {
    try {
      const saved = JSON.parse(fs.readFileSync(file, "utf8")) as T;
      return saved.build === buildStamp() ? saved : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.log(`Responses Migrate: ignoring the saved cache ${file}: ${String(error)}`);
      return undefined;
    }
  }

  /** The saved files with findings (or definitions, or skipped), or none without a cache from this build. */
  loadFindings(): FileEntry[] {
    const saved = this.read<SavedFindings>(this.findingsFile);
    return Array.isArray(saved?.entries) ? saved.entries : [];
  }

  /** The saved files with nothing to report. */
  loadCleanFiles(): FileEntry[] {
    const saved = this.read<SavedCleanFiles>(this.cleanFile);
    if (!saved || typeof saved.folders !== "object" || !Array.isArray(saved.analysisKeys)) return [];
    const entries: FileEntry[] = [];
    for (const [folder, files] of Object.entries(saved.folders)) {
      const folderUri = URI.file(folder).toString();
      for (const [name, mtimeMs, size, key] of files) {
        const fsPath = path.join(folder, name);
        const uri = PLAIN_NAME.test(name) && !folderUri.endsWith("/") ? `${folderUri}/${name}` : URI.file(fsPath).toString();
        entries.push({ fsPath, uri, mtimeMs, size, analysisKey: saved.analysisKeys[key], diagnostics: [], resultId: EMPTY_RESULT_ID, definitions: [] });
      }
    }
    return entries;
  }

  /**
   * Writes the entries, synchronously (a client may kill the server right after its answer), each
   * file to a temporary one then renamed, so a crash never leaves half a cache.
   */
  save(entries: Iterable<FileEntry>): void {
    const findings: SavedFindings = { build: buildStamp(), entries: [] };
    const clean: SavedCleanFiles = { build: findings.build, analysisKeys: [], folders: {} };
    const keyIndex = new Map<string, number>();
    for (const { verified: _verified, ...entry } of entries) {
      if (hasContent(entry)) {
        findings.entries.push(entry);
        continue;
      }
      let key = keyIndex.get(entry.analysisKey);
      if (key === undefined) keyIndex.set(entry.analysisKey, (key = clean.analysisKeys.push(entry.analysisKey) - 1));
      (clean.folders[path.dirname(entry.fsPath)] ??= []).push([path.basename(entry.fsPath), entry.mtimeMs, entry.size, key]);
    }
    try {
      fs.mkdirSync(path.dirname(this.findingsFile), { recursive: true });
      for (const [file, content] of [[this.cleanFile, clean], [this.findingsFile, findings]] as const) {
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify(content));
        fs.renameSync(temporary, file);
      }
    } catch (error) {
      this.log(`Responses Migrate: could not save the cache to ${this.findingsFile}: ${String(error)}`);
    }
  }
}
