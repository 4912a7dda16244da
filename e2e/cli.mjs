// Runs the project's CLI (`node dist/cli.js check <dir> --format json`, ESLint JSON shape)
// and turns its report into per-file counts keyed by workspace-relative path.
import { spawnSync } from "node:child_process";
import { join, relative, resolve } from "node:path";
import { ROOT } from "./provision.mjs";

export const CLI = process.env.E2E_CLI ?? join(ROOT, "dist", "cli.js");

export function cliReport(target) {
  const r = spawnSync(process.execPath, [CLI, "check", target, "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 });
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`CLI did not print JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** { "src/worker/triage.ts": n } for files with at least one finding (optionally one rule only). */
export function cliCounts(workspace, ruleId) {
  const counts = {};
  for (const file of cliReport(workspace)) {
    const n = file.messages.filter((m) => !ruleId || m.ruleId === ruleId).length;
    if (n) counts[relative(workspace, resolve(file.filePath))] = n;
  }
  return counts;
}

/** Findings of one file: [{ ruleId, line, column, message, ... }]. */
export function cliFindings(workspace, relPath) {
  const file = cliReport(join(workspace, relPath)).find((f) => f.filePath.endsWith(relPath));
  return file ? file.messages : [];
}
