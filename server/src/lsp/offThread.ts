// Runs the analysis of a large document in a worker thread (dist/analysisWorker.js), one worker per
// analysis. A newer version of the same document terminates the stale worker at once: a parse cannot
// be interrupted any other way, and a fresh worker starts in well under the time a bundle takes.
import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { AnalysisOptions, FileAnalysis } from "../engine";
import type { AnalysisReply, AnalysisRequest } from "./analysisWorker";

/** Documents at least this long are analysed off the main thread (about 5,000 lines of ordinary code). */
export const OFF_THREAD_CHARS = 200_000;

export class Superseded extends Error {
  constructor() {
    super("superseded by a newer version of the document");
  }
}

const WORKER_FILE = path.join(__dirname, "analysisWorker.js");

export class OffThreadAnalysis {
  private readonly running = new Map<string, { worker: Worker; reject: (error: Error) => void }>();
  private readonly available = fs.existsSync(WORKER_FILE);

  /** False when running from sources (tests through tsx): then analysis stays on the main thread. */
  wants(text: string): boolean {
    return this.available && text.length >= OFF_THREAD_CHARS;
  }

  /** Analyses `text`; rejects with Superseded when `cancel(key)` or a newer `analyze(key, …)` comes first. */
  analyze(key: string, fileName: string, text: string, options: AnalysisOptions): Promise<FileAnalysis> {
    this.cancel(key);
    return new Promise<FileAnalysis>((resolve, reject) => {
      // Hooks are functions: the worker makes its own.
      const request: AnalysisRequest = { fileName, text, options: { ...options, hooks: undefined } };
      const worker = new Worker(WORKER_FILE);
      const entry = { worker, reject };
      this.running.set(key, entry);
      const settle = () => {
        if (this.running.get(key) === entry) this.running.delete(key);
        void worker.terminate();
      };
      worker.once("message", (reply: AnalysisReply) => {
        settle();
        if ("error" in reply) reject(new Error(reply.error));
        else resolve({ text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, findings: reply.findings, skipped: reply.skipped });
      });
      worker.once("error", (error) => {
        settle();
        reject(error);
      });
      worker.once("exit", (code) => {
        if (this.running.get(key) !== entry) return;
        this.running.delete(key);
        reject(new Error(`analysis worker exited with code ${code}`));
      });
      worker.postMessage(request);
    });
  }

  cancel(key: string): void {
    const entry = this.running.get(key);
    if (!entry) return;
    this.running.delete(key);
    entry.reject(new Superseded());
    void entry.worker.terminate();
  }

  cancelAll(): void {
    for (const key of [...this.running.keys()]) this.cancel(key);
  }
}
