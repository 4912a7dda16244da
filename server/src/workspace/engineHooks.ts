// The engine hooks both adapters (CLI, server) pass: a fix that throws is logged with its file, and
// tests can make the engine throw on chosen files (RESPONSES_MIGRATE_INJECT_FAULT) to check that one
// file's failure costs that file only.
import * as path from "node:path";
import type { AnalysisHooks } from "../engine";

export const FAULT_VARIABLE = "RESPONSES_MIGRATE_INJECT_FAULT";

/**
 * `analysis:<name>` throws when a file of that base name is analysed, `fix:<name>` when a fix is
 * computed in it; several, comma-separated. Unset (always, outside tests): no faults.
 */
function injectedFaults(): { analysis: Set<string>; fix: Set<string> } | undefined {
  const spec = process.env[FAULT_VARIABLE];
  if (!spec) return undefined;
  const faults = { analysis: new Set<string>(), fix: new Set<string>() };
  for (const entry of spec.split(",")) {
    const [stage, name] = entry.split(":");
    if ((stage === "analysis" || stage === "fix") && name) faults[stage].add(name);
  }
  return faults;
}

export function engineHooks(log: (message: string) => void): AnalysisHooks {
  const faults = injectedFaults();
  const hooks: AnalysisHooks = {
    onFixError: (error, fileName, finding) =>
      log(`computing a ${finding.ruleId} fix in ${fileName} failed, fix skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  };
  if (faults?.analysis.size) {
    hooks.beforeAnalysis = (fileName) => {
      if (faults.analysis.has(path.basename(fileName))) throw new Error(`injected analysis fault in ${path.basename(fileName)}`);
    };
  }
  if (faults?.fix.size) {
    hooks.beforeFix = (fileName) => {
      if (faults.fix.has(path.basename(fileName))) throw new Error(`injected fix fault in ${path.basename(fileName)}`);
    };
  }
  return hooks;
}
