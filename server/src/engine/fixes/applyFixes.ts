// Applies fixes the way Ruff does: non-overlapping edits per pass, re-analysing between passes until
// nothing more applies, so fix-all run twice gives what it gave once.
import { analyzeText } from "../analyze";
import { applyEdits } from "./applyEdits";
import type { AnalysisOptions, Finding, Fix, TextEdit } from "../types";

export interface FixAllOptions extends AnalysisOptions {
  /** Also apply fixes marked unsafe (`fix --unsafe`). */
  unsafe?: boolean;
  /**
   * The type-check port: the type errors of the file's text (one string each, no positions), where
   * the adapter has the SDK's types. The engine does no I/O; the CLI supplies one. A fix that adds an
   * error is held back.
   */
  typeCheck?: (text: string) => readonly string[];
}

/** A fix fix-all left out because the rewritten file had type errors the original did not. */
export interface HeldBackFix {
  title: string;
  /** Offset of its finding in the original text. */
  offset: number;
  errors: string[];
}

export interface FixAllResult {
  text: string;
  /** How many fixes were applied, over all passes. */
  appliedCount: number;
  /** Findings still present in the fixed text. */
  remaining: Finding[];
  /** Fixes held back by the type check (empty without one). */
  heldBack: HeldBackFix[];
}

const MAX_PASSES = 10;

function chosenFix(finding: Finding, unsafe: boolean): Fix | undefined {
  const eligible = finding.fixes.filter((fix) => fix.safe || unsafe);
  // Alternatives (not preferred) are offered in the editor, never forced by fix-all.
  return eligible.find((fix) => fix.preferred);
}

/**
 * Edits taken so far, sorted by start then end, so an overlap is found by binary search rather than
 * against every edit taken: fix-all on a file with thousands of fixes stays n log n.
 */
class TakenEdits {
  readonly sorted: TextEdit[] = [];
  private readonly keys = new Set<string>();

  has(edit: TextEdit): boolean {
    return this.keys.has(keyOf(edit));
  }

  /** Whether `edit` overlaps a taken edit; an insertion also conflicts with one at the same point. */
  overlaps(edit: TextEdit): boolean {
    const { start, end } = edit.range;
    const at = this.firstStartingAtOrAfter(start);
    // Taken edits do not overlap, so the last one starting before `start` reaches furthest among those.
    const previous = this.sorted[at - 1];
    if (previous && start < previous.range.end && previous.range.start < end) return true;
    if (previous && start === end && previous.range.start === start) return true;
    for (let i = at; i < this.sorted.length && (this.sorted[i].range.start < end || this.sorted[i].range.start === start); i++) {
      const other = this.sorted[i].range;
      if ((start < other.end && other.start < end) || (start === end && other.start === start)) return true;
    }
    return false;
  }

  add(edit: TextEdit): void {
    this.keys.add(keyOf(edit));
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = this.sorted[middle].range;
      if (other.start < edit.range.start || (other.start === edit.range.start && other.end <= edit.range.end)) low = middle + 1;
      else high = middle;
    }
    this.sorted.splice(low, 0, edit);
  }

  private firstStartingAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sorted[middle].range.start < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

const keyOf = (edit: TextEdit) => `${edit.range.start}:${edit.range.end}:${edit.newText}`;

/** Applies edits that do not overlap any edit already taken; returns the new text and the count taken. */
export function applyNonOverlapping(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const taken = new TakenEdits();
  let applied = 0;
  for (const fix of fixes) {
    // An edit identical to one already taken (two fixes adding the same import or helper) is shared,
    // not a conflict: it is applied once and the fix still counts.
    const own = fix.edits.filter((edit) => !taken.has(edit));
    if (own.some((edit) => taken.overlaps(edit))) continue;
    for (const edit of own) taken.add(edit);
    applied++;
  }
  return { text: applyEdits(text, taken.sorted), applied };
}

/**
 * A fix's identity across passes: its title and the line its finding is on, which the fixes of other
 * findings leave as it was (a thread's findings share one fix, so they share one identity).
 */
function fixKey(text: string, finding: Finding, fix: Fix): string {
  // At most 200 characters either side, so a minified one-line file costs no more than any other.
  const start = finding.range.start;
  const before = text.slice(Math.max(0, start - 200), start);
  const after = text.slice(start, start + 200);
  const line = before.slice(before.lastIndexOf("\n") + 1) + after.split("\n", 1)[0];
  return `${fix.title}\u0000${line.trim()}`;
}

interface Pass {
  text: string;
  appliedCount: number;
  remaining: Finding[];
  /** The fixes taken in the first pass, by key, with the offset of a finding of each. */
  firstPass: Map<string, { title: string; offset: number }>;
}

function runPasses(fileName: string, text: string, options: FixAllOptions, excluded: ReadonlySet<string>): Pass {
  let current = text;
  let appliedCount = 0;
  const firstPass = new Map<string, { title: string; offset: number }>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Fix-all needs the fixes, whatever the adapter asked of analysis.
    const analysis = analyzeText(fileName, current, { ...options, fixes: true });
    const fixes: Fix[] = [];
    // Migrations first: a thread's rewrite reshapes the code other fixes work on (a tool loop over the
    // run's tool calls reads output items once the thread is migrated), so those come in a later pass.
    const findings = [...analysis.findings].sort((a, b) => Number(a.ruleId !== "no-assistants-api") - Number(b.ruleId !== "no-assistants-api"));
    for (const finding of findings) {
      const fix = chosenFix(finding, options.unsafe ?? false);
      if (!fix) continue;
      const key = excluded.size > 0 || (pass === 0 && options.typeCheck) ? fixKey(current, finding, fix) : "";
      if (excluded.has(key)) continue;
      if (pass === 0 && options.typeCheck && !firstPass.has(key)) firstPass.set(key, { title: fix.title, offset: finding.range.start });
      fixes.push(fix);
    }
    if (fixes.length === 0) return { text: current, appliedCount, remaining: analysis.findings, firstPass };
    const next = applyNonOverlapping(current, fixes);
    if (next.text === current) return { text: current, appliedCount, remaining: analysis.findings, firstPass };
    current = next.text;
    appliedCount += next.applied;
  }
  return { text: current, appliedCount, remaining: analyzeText(fileName, current, options).findings, firstPass };
}

/** Errors in `after` that `before` does not have (as multisets: positions shift, messages do not). */
export function addedErrors(before: readonly string[], after: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const error of before) counts.set(error, (counts.get(error) ?? 0) + 1);
  return after.filter((error) => {
    const left = counts.get(error) ?? 0;
    if (left === 0) return true;
    counts.set(error, left - 1);
    return false;
  });
}

export function fixAll(fileName: string, text: string, options: FixAllOptions = {}): FixAllResult {
  const result = runPasses(fileName, text, options, new Set());
  if (!options.typeCheck || result.text === text) return { ...result, heldBack: [] };
  const baseline = options.typeCheck(text);
  let added = addedErrors(baseline, options.typeCheck(result.text));
  if (added.length === 0) return { ...result, heldBack: [] };
  // Hold back, one at a time, each first-pass fix whose absence removes added errors.
  const excluded = new Set<string>();
  const heldBack: HeldBackFix[] = [];
  let best = result;
  for (const [key, about] of result.firstPass) {
    if (added.length === 0) break;
    const trial = runPasses(fileName, text, options, new Set([...excluded, key]));
    const trialAdded = addedErrors(baseline, options.typeCheck(trial.text));
    if (trialAdded.length < added.length) {
      excluded.add(key);
      heldBack.push({ ...about, errors: addedErrors(trialAdded, added) });
      added = trialAdded;
      best = trial;
    }
  }
  if (added.length > 0) {
    // What is left adds errors no single fix explains: apply nothing rather than break the file.
    const untouched = analyzeText(fileName, text, options).findings;
    return { text, appliedCount: 0, remaining: untouched, heldBack: [...heldBack, { title: "all fixes in this file", offset: 0, errors: added }] };
  }
  return { text: best.text, appliedCount: best.appliedCount, remaining: best.remaining, heldBack };
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
