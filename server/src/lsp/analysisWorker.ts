// Entry of dist/analysisWorker.js: analyses one large document off the server's main thread, so
// hover, code actions and other documents stay responsive while it parses. Findings only: fixes are
// computed on request, on the main thread.
import { parentPort } from "node:worker_threads";
import { analyzeText, ensurePythonParser, languageOf, type AnalysisOptions, type FileAnalysis } from "../engine";
import { engineHooks } from "../workspace/engineHooks";

export interface AnalysisRequest {
  fileName: string;
  text: string;
  options: AnalysisOptions;
}

export type AnalysisReply = { findings: FileAnalysis["findings"]; skipped?: FileAnalysis["skipped"] } | { error: string };

parentPort?.once("message", async ({ fileName, text, options }: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    if (languageOf(fileName) === "python") await ensurePythonParser();
    const hooks = engineHooks((message) => console.error(message));
    const analysis = analyzeText(fileName, text, { ...options, fixes: false, hooks });
    reply = { findings: analysis.findings, skipped: analysis.skipped };
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
