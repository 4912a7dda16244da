// Spreads reading and analysis over worker threads for large scans: parsing is CPU-bound, so on a
// machine with N cores up to N workers share the files. The workers run this same bundle.
import * as fs from "node:fs";
import * as os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { RuleId } from "../engine";

export const WORKER_ROLE = "responses-migrate-scan-worker";
/** Below this many files a single thread is faster than starting workers. */
export const WORKER_THRESHOLD = 1500;
const BATCH = 64;

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
  return Math.min(os.availableParallelism(), 4);
}

/** Worker side: analyse the batches the main thread sends until it says stop. */
export function serveScanWorker<F>(analyze: (filePath: string, bytes: Uint8Array, options: WorkerOptions) => F): void {
  const options = (workerData as { options: WorkerOptions }).options;
  parentPort!.on("message", (message: { batch?: Array<[number, string]> }) => {
    if (!message.batch) {
      parentPort!.close();
      return;
    }
    const results: Array<WorkerFileResult<F>> = [];
    for (const [index, filePath] of message.batch) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(filePath);
      } catch (error) {
        results.push({ index, unreadable: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
        continue;
      }
      results.push({ index, file: analyze(filePath, bytes, options) });
    }
    parentPort!.postMessage(results);
  });
}

/** Main side: hands out batches to `count` workers and collects every result. */
export function scanInWorkers<F>(files: readonly string[], count: number, options: WorkerOptions, onResult: (result: WorkerFileResult<F>) => void): Promise<void> {
  let next = 0;
  const nextBatch = (): Array<[number, string]> | undefined => {
    if (next >= files.length) return undefined;
    const batch: Array<[number, string]> = [];
    for (const end = Math.min(next + BATCH, files.length); next < end; next++) batch.push([next, files[next]]);
    return batch;
  };
  const runOne = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { role: WORKER_ROLE, options } });
      let finished = false;
      const send = () => {
        const batch = nextBatch();
        if (batch) {
          worker.postMessage({ batch });
        } else {
          finished = true;
          void worker.terminate().then(() => resolve());
        }
      };
      worker.on("message", (results: Array<WorkerFileResult<F>>) => {
        for (const result of results) onResult(result);
        send();
      });
      worker.on("error", reject);
      worker.on("exit", () => (finished ? resolve() : reject(new Error("a scan worker stopped unexpectedly"))));
      worker.once("online", send);
    });
  return Promise.all(Array.from({ length: count }, runOne)).then(() => undefined);
}
