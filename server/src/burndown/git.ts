// Reads a repository's history with git itself: the first-parent commits of HEAD, each commit's tree,
// and blobs through one long-running `git cat-file --batch`. Nothing is checked out and nothing is
// kept between runs. Used by `burndown` and by the server's burn-down chart.
import { spawn, spawnSync } from "node:child_process";
import * as readline from "node:readline";

export interface CommitInfo {
  commit: string;
  /** Committer date, strict ISO 8601. */
  date: string;
}

export interface TreeEntry {
  /** Path relative to the repository's top level, "/"-separated. */
  path: string;
  oid: string;
  size: number;
}

export class GitError extends Error {}

/** The repository's top level, or undefined outside a repository (or without git). */
export function gitTopLevel(directory: string): string | undefined {
  const result = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: directory, encoding: "utf8" });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.trim();
}

/** Whether HEAD names a commit (false in a repository with no commits yet). */
export function hasHead(topLevel: string): boolean {
  const result = spawnSync("git", ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], { cwd: topLevel, encoding: "utf8" });
  return result.status === 0;
}

/** First-parent commits of HEAD, oldest first, streamed as git prints them. */
export async function* firstParentCommits(topLevel: string, since?: string): AsyncGenerator<CommitInfo> {
  const args = ["log", "--first-parent", "--reverse", "--format=%H %cI", ...(since ? [`--since=${since}`] : []), "HEAD", "--"];
  const child = spawn("git", args, { cwd: topLevel, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  for await (const line of readline.createInterface({ input: child.stdout })) {
    const [commit, date] = line.split(" ");
    if (commit && date) yield { commit, date };
  }
  const code = await exited;
  if (code !== 0) throw new GitError(`git log failed: ${stderr.trim().split("\n")[0] || `exit ${code}`}`);
}

/** Every blob of a commit's tree below `prefix` ("" for all), with its size; symlinks and submodules left out. */
export function listTree(topLevel: string, commit: string, prefix: string): Promise<TreeEntry[]> {
  return new Promise((resolve, reject) => {
    const args = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit, ...(prefix ? ["--", prefix] : [])];
    const child = spawn("git", args, { cwd: topLevel, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new GitError(`git ls-tree failed: ${stderr.trim().split("\n")[0]}`));
      const entries: TreeEntry[] = [];
      for (const record of Buffer.concat(chunks).toString("utf8").split("\0")) {
        // "<mode> <type> <oid> <size>\t<path>"; 120000 is a symlink, "commit" a submodule.
        const tab = record.indexOf("\t");
        if (tab < 0) continue;
        const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
        if (type !== "blob" || mode === "120000") continue;
        entries.push({ path: record.slice(tab + 1), oid, size: Number(size) });
      }
      resolve(entries);
    });
  });
}

/** One `git cat-file --batch` for a whole walk: blobs are asked for by id, one at a time. */
export class BlobReader {
  private readonly child;
  private readonly waiting: Array<{ resolve: (bytes: Buffer) => void; reject: (error: Error) => void }> = [];
  private header = "";
  /** The blob being received: its bytes and how many have arrived. */
  private body: { bytes: Buffer; filled: number } | undefined;
  /** After a body, git prints one newline. */
  private skipNewline = false;
  private failed: Error | undefined;

  constructor(topLevel: string) {
    this.child = spawn("git", ["cat-file", "--batch"], { cwd: topLevel, stdio: ["pipe", "pipe", "ignore"] });
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    const fail = (error: Error) => {
      this.failed = error;
      for (const pending of this.waiting.splice(0)) pending.reject(error);
    };
    this.child.on("error", fail);
    this.child.on("close", () => fail(new GitError("git cat-file ended early")));
    this.child.stdin.on("error", () => undefined); // reported through "close"
  }

  read(oid: string): Promise<Buffer> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private receive(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.skipNewline) {
        this.skipNewline = false;
        offset++;
        continue;
      }
      if (this.body) {
        const count = Math.min(chunk.length - offset, this.body.bytes.length - this.body.filled);
        chunk.copy(this.body.bytes, this.body.filled, offset, offset + count);
        this.body.filled += count;
        offset += count;
        if (this.body.filled === this.body.bytes.length) {
          this.waiting.shift()?.resolve(this.body.bytes);
          this.body = undefined;
          this.skipNewline = true;
        }
        continue;
      }
      const newline = chunk.indexOf(0x0a, offset);
      if (newline < 0) {
        this.header += chunk.toString("utf8", offset);
        return;
      }
      const header = this.header + chunk.toString("utf8", offset, newline);
      this.header = "";
      offset = newline + 1;
      // "<oid> <type> <size>", or "<oid> missing".
      const [, type, size] = header.split(" ");
      if (type === "missing" || size === undefined) {
        this.waiting.shift()?.reject(new GitError(`git has no object ${header.split(" ")[0]}`));
        continue;
      }
      this.body = { bytes: Buffer.allocUnsafe(Number(size)), filled: 0 };
      if (this.body.bytes.length === 0) {
        this.waiting.shift()?.resolve(this.body.bytes);
        this.body = undefined;
        this.skipNewline = true;
      }
    }
  }
}
