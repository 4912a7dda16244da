// The per-file results saved across server restarts in the extension's storage folder (the client
// passes it as initializationOptions.storagePath), so a reopened workspace fills the Problems panel
// from the cache at once; the rescan then checks every entry (mtime and size, then content hash)
// before trusting it. A cache written by another build of the server is ignored.
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileEntry } from "./fileCache";

const FILE_NAME = "workspace-cache-v1.json";

/** Names this build: a cache from any other build (rules or messages may differ) is not read. */
function buildStamp(): string {
  try {
    const stat = fs.statSync(__filename);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "unknown";
  }
}

interface Saved {
  build: string;
  entries: FileEntry[];
}

export class PersistentCache {
  private readonly file: string;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    storagePath: string,
    private readonly log: (message: string) => void,
  ) {
    this.file = path.join(storagePath, FILE_NAME);
  }

  /** The saved entries, or none when there is no cache from this build (or it cannot be read). */
  load(): FileEntry[] {
    let saved: Saved;
    try {
      saved = JSON.parse(fs.readFileSync(this.file, "utf8")) as Saved;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.log(`Responses Migrate: ignoring the saved cache ${this.file}: ${String(error)}`);
      return [];
    }
    return saved.build === buildStamp() && Array.isArray(saved.entries) ? saved.entries : [];
  }

  /** Writes the entries (to a temporary file, then renamed, so a crash never leaves half a cache). */
  save(entries: Iterable<FileEntry>): Promise<void> {
    const saved: Saved = { build: buildStamp(), entries: [...entries].map(({ verified: _verified, ...entry }) => entry) };
    this.saving = this.saving.then(async () => {
      try {
        await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
        const temporary = `${this.file}.${process.pid}.tmp`;
        await fs.promises.writeFile(temporary, JSON.stringify(saved));
        await fs.promises.rename(temporary, this.file);
      } catch (error) {
        this.log(`Responses Migrate: could not save the cache to ${this.file}: ${String(error)}`);
      }
    });
    return this.saving;
  }
}
