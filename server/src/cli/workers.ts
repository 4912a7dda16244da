// Spreads reading and analysis over worker threads for large scans: parsing is CPU-bound, so on a
// machine with N cores up to N workers share the files. The workers run this same bundle.
import * as fs from "node:fs";
import * as os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { ensurePythonParser, languageOf, type RuleId } from "../engine";

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
  // The main thread reads and prefilters every file: leave it a core.
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

/** Worker side: analyse the batches the main thread sends until it says stop. */
export function serveScanWorker<F>(analyze: (filePath: string, bytes: Uint8Array, options: WorkerOptions) => F): void {
  const options = (workerData as { options: WorkerOptions }).options;
  let working = false;
  // The Python parser compiles asynchronously: once a batch holds Python, it and every later message
  // wait for it, in order.
  let pythonReady: Promise<void> | undefined;
  parentPort!.on("message", (message: { batch?: Array<[number, string, Uint8Array?]>; warmUp?: boolean }) => {
    if (!pythonReady && message.batch?.some(([, filePath]) => languageOf(filePath) === "python")) pythonReady = ensurePythonParser();
    if (pythonReady) void pythonReady.then(() => handle(message));
    else handle(message);
  });
  function handle(message: { batch?: Array<[number, string, Uint8Array?]>; warmUp?: boolean }): void {
    if (message.warmUp) {
      // Load the compiler and warm the parser while the main thread discovers and reads: one file that
      // needs parsing, then (until the first real file arrives, for at most WARM_UP_MS) rounds over a
      // sample of ordinary code, so the parser and the engine are compiled and optimised by then.
      analyze("warm-up.ts", Buffer.from("const client = new OpenAI();\nawait client.beta.threads.create();\n"), options);
      const until = performance.now() + WARM_UP_MS;
      const sample = Buffer.from(WARM_UP_SAMPLE);
      const round = (): void => {
        if (working || performance.now() > until) return;
        analyze("warm-up.ts", sample, options);
        setImmediate(round);
      };
      setImmediate(round);
      return;
    }
    working = true;
    if (!message.batch) {
      parentPort!.close();
      return;
    }
    const results: Array<WorkerFileResult<F>> = [];
    for (const [index, filePath, given] of message.batch) {
      let bytes: Uint8Array;
      try {
        bytes = given ?? fs.readFileSync(filePath);
      } catch (error) {
        results.push({ index, unreadable: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
        continue;
      }
      results.push({ index, file: analyze(filePath, bytes, options) });
    }
    parentPort!.postMessage(results);
  }
}

/**
 * Main side, for scans where the main thread reads every file and settles most of them itself: the
 * files that need parsing go to `count` workers (each to the one with the least outstanding work).
 */
export class ParsePool<F> {
  private readonly workers: Array<{ worker: Worker; outstanding: number }> = [];
  private outstanding = 0;
  private failure: Error | undefined;
  private drained: (() => void) | undefined;
  private failed: ((error: Error) => void) | undefined;

  constructor(count: number, options: WorkerOptions, onResult: (result: WorkerFileResult<F>) => void) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(__filename, { workerData: { role: WORKER_ROLE, options } });
      const entry = { worker, outstanding: 0 };
      worker.on("message", (results: Array<WorkerFileResult<F>>) => {
        entry.outstanding -= results.length;
        this.outstanding -= results.length;
        for (const result of results) onResult(result);
        if (this.outstanding === 0) this.drained?.();
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", () => {
        if (entry.outstanding > 0) this.fail(new Error("a scan worker stopped unexpectedly"));
      });
      worker.postMessage({ warmUp: true });
      this.workers.push(entry);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  submit(index: number, filePath: string, bytes: Uint8Array): void {
    const entry = this.workers.reduce((least, candidate) => (candidate.outstanding < least.outstanding ? candidate : least));
    entry.outstanding++;
    this.outstanding++;
    entry.worker.postMessage({ batch: [[index, filePath, bytes]] });
  }

  /** Waits for every submitted file, then stops the workers. */
  async finish(): Promise<void> {
    try {
      if (this.failure) throw this.failure;
      if (this.outstanding > 0) {
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
