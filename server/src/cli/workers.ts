// Spreads reading and analysis over worker threads for large scans: parsing is CPU-bound, so on a
// machine with N cores up to N workers share the files. The workers run this same bundle.
import * as fs from "node:fs";
import * as os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { RuleId } from "../engine";

export const WORKER_ROLE = "responses-migrate-scan-worker";
/** Below this many files a single thread is faster than starting workers. */
export const WORKER_THRESHOLD = 1500;

export interface WorkerOptions {
  onlyRules?: readonly RuleId[];
  maxFileSize?: number;
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

/** Worker side: analyse the batches the main thread sends until it says stop. */
export function serveScanWorker<F>(analyze: (filePath: string, bytes: Uint8Array, options: WorkerOptions) => F): void {
  const options = (workerData as { options: WorkerOptions }).options;
  parentPort!.on("message", (message: { batch?: Array<[number, string, Uint8Array?]>; warmUp?: boolean }) => {
    if (message.warmUp) {
      // Load the compiler and warm the parser while the main thread reads: one file that needs parsing.
      analyze("warm-up.ts", Buffer.from("const client = new OpenAI();\nawait client.beta.threads.create();\n"), options);
      return;
    }
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
  });
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
