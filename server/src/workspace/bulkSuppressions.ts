// Bulk suppressions, as ESLint 9.24+ keeps them in eslint-suppressions.json: per file (relative to the
// working directory, "/"-separated) and per rule, how many error-severity findings are recorded.
// Findings within a recorded count are suppressed; entries no finding uses any more are "unused" and
// can be pruned, so fixed code cannot come back unnoticed. Shared by the CLI (check) and the server
// (hints in the editor).
import * as fs from "node:fs";
import * as path from "node:path";

export const SUPPRESSIONS_FILE = "responses-migrate-suppressions.json";

/** `{ "src/a.ts": { "no-assistants-api": { "count": 2 } } }`: ESLint's format. */
export type SuppressionCounts = Record<string, Record<string, { count: number }>>;

/** What the counting needs of a finding (the engine's Finding has more). */
export interface CountedFinding {
  ruleId: string;
  severity: string;
}

export interface FileFindings<F extends CountedFinding> {
  filePath: string;
  findings: readonly F[];
}

export class SuppressionsFileError extends Error {}

/** The recorded counts; none when the file does not exist. */
export function loadSuppressions(file: string): SuppressionCounts {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new SuppressionsFileError(`cannot read the suppressions file ${file}: ${(error as Error).message}`);
  }
  return parseSuppressions(text, file);
}

export function parseSuppressions(text: string, file: string): SuppressionCounts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SuppressionsFileError(`failed to parse the suppressions file at ${file}`);
  }
  if (!isCounts(parsed)) throw new SuppressionsFileError(`the suppressions file at ${file} is not { "<file>": { "<rule>": { "count": n } } }`);
  return parsed;
}

function isCounts(value: unknown): value is SuppressionCounts {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (rules) =>
      typeof rules === "object" &&
      rules !== null &&
      Object.values(rules).every((entry) => typeof entry === "object" && entry !== null && Number.isInteger((entry as { count?: unknown }).count)),
  );
}

/** Written as ESLint writes it (two-space JSON), with sorted keys so the file diffs cleanly. */
export function saveSuppressions(file: string, counts: SuppressionCounts): void {
  const sorted: SuppressionCounts = {};
  for (const key of Object.keys(counts).sort()) {
    sorted[key] = {};
    for (const rule of Object.keys(counts[key]).sort()) sorted[key][rule] = { count: counts[key][rule].count };
  }
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

/** The file's key: relative to the working directory, always with "/". */
export function suppressionKey(cwd: string, filePath: string): string {
  return path.relative(cwd, filePath).split(path.sep).join("/");
}

/** ESLint counts errors only: warnings never fail a run, so there is nothing to ratchet. */
function errorsByRule<F extends CountedFinding>(findings: readonly F[]): Map<string, F[]> {
  const byRule = new Map<string, F[]>();
  for (const finding of findings) {
    if (finding.severity !== "error") continue;
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  return byRule;
}

/**
 * `--suppress-all` (no `rules`) or `--suppress-rule`: today's counts replace the recorded ones for the
 * files and rules found; other entries stay, as in ESLint.
 */
export function recordSuppressions<F extends CountedFinding>(
  existing: SuppressionCounts,
  files: ReadonlyArray<FileFindings<F>>,
  cwd: string,
  rules?: readonly string[],
): SuppressionCounts {
  const counts = structuredClone(existing);
  for (const file of files) {
    const key = suppressionKey(cwd, file.filePath);
    for (const [ruleId, findings] of errorsByRule(file.findings)) {
      if (rules && !rules.includes(ruleId)) continue;
      counts[key] ??= {};
      counts[key][ruleId] = { count: findings.length };
    }
  }
  return counts;
}

export interface AppliedSuppressions<F> {
  /** Per file path: the findings still reported. */
  reported: Map<string, F[]>;
  /** Per file path: the findings within the recorded counts. */
  suppressed: Map<string, F[]>;
  /** Recorded counts no finding used, for the files and rules that were checked. */
  unused: SuppressionCounts;
}

/**
 * Splits each file's findings. Where a file has no more errors of a rule than recorded, all are
 * suppressed. Where it has more, ESLint reports them all; we report only those beyond the count (the
 * count says how many are old, not which: the last ones in the file are taken as the new ones).
 */
export function applySuppressions<F extends CountedFinding>(
  files: ReadonlyArray<FileFindings<F>>,
  counts: SuppressionCounts,
  cwd: string,
  checkedRules?: readonly string[],
): AppliedSuppressions<F> {
  const reported = new Map<string, F[]>();
  const suppressed = new Map<string, F[]>();
  const unused: SuppressionCounts = {};
  for (const file of files) {
    const recorded = counts[suppressionKey(cwd, file.filePath)];
    if (!recorded) {
      reported.set(file.filePath, [...file.findings]);
      continue;
    }
    const byRule = errorsByRule(file.findings);
    const hidden = new Set<F>();
    for (const [ruleId, findings] of byRule) {
      const allowed = recorded[ruleId]?.count ?? 0;
      for (const finding of findings.slice(0, allowed)) hidden.add(finding);
    }
    for (const [ruleId, { count }] of Object.entries(recorded)) {
      if (checkedRules && !checkedRules.includes(ruleId)) continue;
      const used = Math.min(count, byRule.get(ruleId)?.length ?? 0);
      if (used < count) (unused[suppressionKey(cwd, file.filePath)] ??= {})[ruleId] = { count: count - used };
    }
    reported.set(file.filePath, file.findings.filter((finding) => !hidden.has(finding)));
    suppressed.set(file.filePath, file.findings.filter((finding) => hidden.has(finding)));
  }
  return { reported, suppressed, unused };
}

/** `--prune-suppressions`: lowers each count by what is unused and drops entries that reach zero. */
export function pruneSuppressions(counts: SuppressionCounts, unused: SuppressionCounts): SuppressionCounts {
  const pruned = structuredClone(counts);
  for (const [key, rules] of Object.entries(unused)) {
    const entry = pruned[key];
    if (!entry) continue;
    for (const [ruleId, { count }] of Object.entries(rules)) {
      if (!entry[ruleId]) continue;
      entry[ruleId].count -= count;
      if (entry[ruleId].count <= 0) delete entry[ruleId];
    }
    if (Object.keys(entry).length === 0) delete pruned[key];
  }
  return pruned;
}

export function countOf(counts: SuppressionCounts): number {
  return Object.values(counts).reduce((sum, rules) => sum + Object.values(rules).reduce((inner, { count }) => inner + count, 0), 0);
}
