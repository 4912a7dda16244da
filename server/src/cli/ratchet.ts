// `check`'s bulk suppressions (ESLint's --suppress-all, --suppress-rule, --prune-suppressions,
// --suppressions-location, --pass-on-unpruned-suppressions): record, apply and prune the counts in
// responses-migrate-suppressions.json, so CI lets no new Assistants code in while the old is migrated.
import * as fs from "node:fs";
import * as path from "node:path";
import type { RuleId } from "../engine";
import {
  applySuppressions,
  countOf,
  loadSuppressions,
  pruneSuppressions,
  recordSuppressions,
  saveSuppressions,
  SUPPRESSIONS_FILE,
  SuppressionsFileError,
} from "../workspace/bulkSuppressions";
import { displayPath, UsageError, type ScannedFile } from "./scan";

export interface RatchetOptions {
  suppressAll?: boolean;
  suppressRules?: RuleId[];
  pruneSuppressions?: boolean;
  suppressionsLocation?: string;
  passOnUnprunedSuppressions?: boolean;
}

export interface RatchetResult {
  files: ScannedFile[];
  notes: string[];
  /** ESLint's exit 2: recorded counts that no finding uses any more, and no prune asked for. */
  unpruned?: string;
}

export function validateRatchetOptions(options: RatchetOptions): void {
  const suppressRule = (options.suppressRules?.length ?? 0) > 0;
  if (options.suppressAll && suppressRule) throw new UsageError("--suppress-all and --suppress-rule cannot be used together");
  if (options.pruneSuppressions && (options.suppressAll || suppressRule)) {
    throw new UsageError(`--prune-suppressions cannot be used with ${options.suppressAll ? "--suppress-all" : "--suppress-rule"}`);
  }
}

/** Records or prunes as asked, then splits every file's findings into reported and suppressed. */
export function runRatchet(files: ScannedFile[], options: RatchetOptions, checkedRules?: readonly RuleId[]): RatchetResult {
  validateRatchetOptions(options);
  const cwd = process.cwd();
  const location = path.resolve(options.suppressionsLocation ?? SUPPRESSIONS_FILE);
  const recording = options.suppressAll || (options.suppressRules?.length ?? 0) > 0;
  if (options.suppressionsLocation && !recording && !fs.existsSync(location)) {
    throw new UsageError(`the suppressions file ${options.suppressionsLocation} does not exist: run check with --suppress-all or --suppress-rule to create it`);
  }
  const notes: string[] = [];
  let counts;
  try {
    counts = loadSuppressions(location);
    if (recording) {
      counts = recordSuppressions(counts, files, cwd, options.suppressAll ? undefined : options.suppressRules);
      saveSuppressions(location, counts);
      notes.push(`${countOf(counts)} findings recorded in ${displayPath(location)}`);
    }
  } catch (error) {
    if (error instanceof SuppressionsFileError) throw new UsageError(error.message);
    throw error;
  }
  if (Object.keys(counts).length === 0 && !options.pruneSuppressions) return { files, notes };

  let applied = applySuppressions(files, counts, cwd, checkedRules);
  if (options.pruneSuppressions) {
    const before = countOf(counts);
    counts = pruneSuppressions(counts, applied.unused);
    saveSuppressions(location, counts);
    notes.push(`${before - countOf(counts)} recorded findings pruned from ${displayPath(location)}; ${countOf(counts)} remain`);
    applied = applySuppressions(files, counts, cwd, checkedRules);
  }
  const split = files.map((file) => ({
    ...file,
    findings: applied.reported.get(file.filePath) ?? file.findings,
    suppressedFindings: applied.suppressed.get(file.filePath) ?? [],
  }));
  const suppressedCount = split.reduce((sum, file) => sum + file.suppressedFindings.length, 0);
  if (suppressedCount > 0) notes.push(`${suppressedCount} findings within the counts recorded in ${displayPath(location)} not reported`);
  const unusedCount = countOf(applied.unused);
  const unpruned =
    unusedCount > 0 && !options.passOnUnprunedSuppressions
      ? `${unusedCount} recorded findings in ${displayPath(location)} do not occur any more (${Object.keys(applied.unused).join(", ")}): run check with --prune-suppressions to lower the counts, or pass --pass-on-unpruned-suppressions`
      : undefined;
  return { files: split, notes, unpruned };
}
