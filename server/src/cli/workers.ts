// Spreads reading and analysis over worker threads for large scans: parsing is CPU-bound, so on a
// machine with N cores up to N workers share the files. The workers run this same bundle.
import * as os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { ensurePythonParser, languageOf, type RuleId } from "../engine";
import { ReusingReader } from "../workspace/reader";

export const WORKER_ROLE = "responses-migrate-scan-worker";
/** Below this many files a single thread is faster than starting workers. */
export const WORKER_THRESHOLD = 1500;

export interface WorkerOptions {
  onlyRules?: readonly RuleId[];
  maxFileSize?: number;
  eslintFixes?: boolean;
}

/** What a worker sends back per file; `unreadable` carries the error code, ENOENT included. */
export interface WorkerFileResult<F> {
  index: number;
  file?: F;
  unreadable?: string;
}

export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE;
}

export function workerCount(fileCount: number): number {
  const configured = process.env.RESPONSES_MIGRATE_WORKERS;
  if (configured !== undefined && /^\d+$/.test(configured)) return Math.min(Number(configured), 16);
  if (fileCount < WORKER_THRESHOLD || !__filename.endsWith(".js")) return 0;
  // The main thread claims files too: one thread per core.
  return Math.max(1, Math.min(os.availableParallelism() - 1, 3));
}

/** How long a worker may keep warming up while it waits for its first file. */
const WARM_UP_MS = 300;
/** Ordinary TypeScript that the engine parses (it mentions the API), for warming up. */
const WARM_UP_SAMPLE = `import OpenAI from "openai";
import { readFile } from "node:fs/promises";

export interface Settings {
  model: string;
  retries?: number;
  tags: readonly string[];
}

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export class Store<T extends { id: string }> {
  private readonly items = new Map<string, T>();
  constructor(private readonly name: string) {}
  add(item: T): void {
    this.items.set(item.id, { ...item });
  }
  find(predicate: (item: T) => boolean): T | undefined {
    for (const item of this.items.values()) if (predicate(item)) return item;
    return undefined;
  }
  get size(): number {
    return this.items.size;
  }
}

export async function load(path: string, settings: Partial<Settings> = {}): Promise<Settings> {
  const raw = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  const tags = Array.isArray(raw.tags) ? raw.tags.map(String) : [];
  return { model: String(raw.model ?? settings.model ?? "gpt-4o"), retries: Number(raw.retries ?? 3), tags };
}

export async function ask(question: string, assistantId: string): Promise<string> {
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: "user", content: question });
  let run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistantId });
  while (run.status === "queued" || run.status === "in_progress") {
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = await client.beta.threads.runs.retrieve(thread.id, run.id);
  }
  const messages = await client.beta.threads.messages.list(thread.id);
  const first = messages.data[0]?.content[0];
  return first?.type === "text" ? first.text.value : \`no answer (\${run.status})\`;
}

export function summarize(values: number[], weights?: number[]): { mean: number; max: number } {
  let total = 0;
  let max = Number.NEGATIVE_INFINITY;
  values.forEach((value, index) => {
    total += value * (weights?.[index] ?? 1);
    max = Math.max(max, value);
  });
  return { mean: values.length === 0 ? 0 : total / values.length, max };
}
`;

/** Files handed out in claims of this many: few enough that the threads finish together. */
export const CLAIM_SIZE = 64;

/** The scan's file list, shared by every thread: each claims the next CLAIM_SIZE files from `next`. */
export interface SharedFiles {
  files: readonly string[];
  /** One Int32 in a SharedArrayBuffer: the index of the next unclaimed file. */
  next: Int32Array;
}

export function claim(shared: SharedFiles): number {
  return Atomics.add(shared.next, 0, CLAIM_SIZE);
}

type WorkerMessage = { warmUp?: boolean; share?: { files: string[]; next: SharedArrayBuffer; python: boolean } };

/**
 * Worker side: warm up, then claim files from the shared list and analyse each whole (read, prefilter,
 * parse), reporting only those with something to say (`isNotable`).
 */
export function serveScanWorker<F>(analyze: (filePath: string, bytes: Uint8Array, options: WorkerOptions) => F, isNotable: (file: F) => boolean): void {
  const options = (workerData as { options: WorkerOptions }).options;
  let working = false;
  parentPort!.on("message", (message: WorkerMessage) => {
    if (message.warmUp) {
      warmUp();
      return;
    }
    working = true;
    const share = message.share!;
    // The Python parser compiles asynchronously.
    void (share.python ? ensurePythonParser() : Promise.resolve()).then(() => claimInTurns({ files: share.files, next: new Int32Array(share.next) }));
  });
  /**
   * Loads the compiler and warms the parser while the main thread discovers files: one file that needs
   * parsing, then (until the file list arrives, for at most WARM_UP_MS) rounds over a sample of
   * ordinary code, so the parser and the engine are compiled and optimised by then.
   */
  function warmUp(): void {
    analyze("warm-up.ts", Buffer.from("const client = new OpenAI();\nawait client.beta.threads.create();\n"), options);
    const until = performance.now() + WARM_UP_MS;
    const sample = Buffer.from(WARM_UP_SAMPLE);
    const round = (): void => {
      if (working || performance.now() > until) return;
      analyze("warm-up.ts", sample, options);
      setImmediate(round);
    };
    setImmediate(round);
  }
  function claimInTurns(shared: SharedFiles): void {
    const reader = new ReusingReader();
    let claims = 0;
    for (let start = claim(shared); start < shared.files.length; start = claim(shared)) {
      claims++;
      const results: Array<WorkerFileResult<F>> = [];
      for (let index = start; index < Math.min(start + CLAIM_SIZE, shared.files.length); index++) {
        const filePath = shared.files[index];
        let bytes: Uint8Array;
        try {
          bytes = reader.read(filePath);
        } catch (error) {
          results.push({ index, unreadable: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
          continue;
        }
        const file = analyze(filePath, bytes, options);
        if (isNotable(file)) results.push({ index, file });
      }
      if (results.length > 0) parentPort!.postMessage({ results });
    }
    parentPort!.postMessage({ claimsDone: true, claims });
  }
}

/** Main side: `count` workers that claim files from the list `share` hands them, as the main thread does. */
export class ParsePool<F> {
  private readonly workers: Array<{ worker: Worker; claiming: boolean }> = [];
  /** How many claims the workers took (the rest the main thread did): for RESPONSES_MIGRATE_TIMING. */
  workerClaims = 0;
  private failure: Error | undefined;
  private drained: (() => void) | undefined;
  private failed: ((error: Error) => void) | undefined;

  constructor(count: number, options: WorkerOptions, onResult: (result: WorkerFileResult<F>) => void) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(__filename, { workerData: { role: WORKER_ROLE, options } });
      const entry = { worker, claiming: false };
      worker.on("message", (message: { results?: Array<WorkerFileResult<F>>; claimsDone?: boolean; claims?: number }) => {
        for (const result of message.results ?? []) onResult(result);
        if (message.claimsDone) {
          entry.claiming = false;
          this.workerClaims += message.claims ?? 0;
          if (this.idle()) this.drained?.();
        }
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", () => {
        if (entry.claiming) this.fail(new Error("a scan worker stopped unexpectedly"));
      });
      worker.postMessage({ warmUp: true });
      this.workers.push(entry);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Hands the workers the file list to claim from, with the counter the main thread claims from too. */
  share(files: string[]): SharedFiles {
    const next = new SharedArrayBuffer(4);
    const python = files.some((file) => languageOf(file) === "python");
    for (const entry of this.workers) {
      entry.claiming = true;
      entry.worker.postMessage({ share: { files, next, python } });
    }
    return { files, next: new Int32Array(next) };
  }

  private idle(): boolean {
    return this.workers.every((entry) => !entry.claiming);
  }

  /** Waits until the workers have analysed every file they claimed, then stops them. */
  async finish(): Promise<void> {
    try {
      if (this.failure) throw this.failure;
      if (!this.idle()) {
        await new Promise<void>((resolve, reject) => {
          this.drained = resolve;
          this.failed = reject;
        });
      }
    } finally {
      await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.failed?.(error);
  }
}
