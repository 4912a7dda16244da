// Applies fixes the way Ruff does: non-overlapping edits per pass, re-analysing between passes until
// nothing more applies, so fix-all run twice gives what it gave once.
import { analyzeText } from "../analyze";
import type { AnalysisOptions, Finding, Fix, TextEdit } from "../types";

export interface FixAllOptions extends AnalysisOptions {
  /** Also apply fixes marked unsafe (`fix --unsafe`). */
  unsafe?: boolean;
}

export interface FixAllResult {
  text: string;
  /** How many fixes were applied, over all passes. */
  appliedCount: number;
  /** Findings still present in the fixed text. */
  remaining: Finding[];
}

const MAX_PASSES = 10;

function chosenFix(finding: Finding, unsafe: boolean): Fix | undefined {
  const eligible = finding.fixes.filter((fix) => fix.safe || unsafe);
  // Alternatives (not preferred) are offered in the editor, never forced by fix-all.
  return eligible.find((fix) => fix.preferred);
}

/** Applies edits that do not overlap any edit already taken; returns the new text and the count taken. */
export function applyNonOverlapping(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  const same = (a: TextEdit, b: TextEdit) => a.range.start === b.range.start && a.range.end === b.range.end && a.newText === b.newText;
  for (const fix of fixes) {
    // An edit identical to one already taken (two fixes adding the same import or helper) is shared,
    // not a conflict: it is applied once and the fix still counts.
    const own = fix.edits.filter((edit) => !taken.some((other) => same(edit, other)));
    const overlaps = own.some((edit) => taken.some((other) => edit.range.start < other.range.end && other.range.start < edit.range.end || (edit.range.start === edit.range.end && edit.range.start === other.range.start)));
    if (overlaps) continue;
    taken.push(...own);
    applied++;
  }
  taken.sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let result = text;
  for (const edit of taken) result = result.slice(0, edit.range.start) + edit.newText + result.slice(edit.range.end);
  return { text: result, applied };
}

export function fixAll(fileName: string, text: string, options: FixAllOptions = {}): FixAllResult {
  let current = text;
  let appliedCount = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const analysis = analyzeText(fileName, current, options);
    const fixes = analysis.findings.map((finding) => chosenFix(finding, options.unsafe ?? false)).filter((fix): fix is Fix => fix !== undefined);
    if (fixes.length === 0) return { text: current, appliedCount, remaining: analysis.findings };
    const next = applyNonOverlapping(current, fixes);
    if (next.text === current) return { text: current, appliedCount, remaining: analysis.findings };
    current = next.text;
    appliedCount += next.applied;
  }
  return { text: current, appliedCount, remaining: analyzeText(fileName, current, options).findings };
}

/** One edit replacing only the span that differs between `before` and `after`. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { range: { start, end: endBefore }, newText: after.slice(start, endAfter) };
}
