// Verification of every thread rewrite of a file in one re-analysis instead of one per rewrite, which
// was quadratic on bundles with thousands of threads. The rewrites are applied together; when the
// result parses no worse and no Assistants call is left where a rewrite migrated one or wrote new
// text, every rewrite in the group passes. Any rewrite that a left-over call maps back to is verified
// on its own, and a group that fails as a whole is split in halves, so a file costs
// O(size × (1 + failures × log threads)). Language-neutral: the front end re-analyses a text.
import { inTextOrder } from "../fixes/applyEdits";
import type { TextEdit, TextRange } from "../types";
import type { Reanalysis } from "./verify";

export interface VerificationCandidate {
  edits: readonly TextEdit[];
  /** Callee ranges of the Assistants calls the rewrite migrates. */
  migratedCalls: readonly TextRange[];
}

interface Segment {
  originalEnd: number;
  newStart: number;
  newEnd: number;
  owners: number[];
}

/**
 * Why each candidate fails verification (as `verifyOne` words it), or undefined where it passes.
 * `reanalyse` gives the facts of a text (undefined when it cannot be re-parsed); `verifyOne` is the
 * check of one candidate on its own, used for suspects and for groups of one.
 */
export function verifyTogether(
  text: string,
  before: Reanalysis,
  candidates: readonly VerificationCandidate[],
  reanalyse: (text: string) => Reanalysis | undefined,
  verifyOne: (candidate: VerificationCandidate) => string | undefined,
): Array<string | undefined> {
  const verdicts: Array<string | undefined> = new Array(candidates.length).fill(undefined);
  const assistantsBefore = new Set(before.assistantsCalls.map((call) => call.start));
  const alone = (index: number) => {
    verdicts[index] = verifyOne(candidates[index]);
  };
  const together: number[] = [];
  candidates.forEach((candidate, index) => {
    const ordered = inTextOrder(candidate.edits);
    const overlapping = ordered.some((edit, i) => i > 0 && edit.range.start < ordered[i - 1].range.end);
    // A migrated call the re-analysis does not count is checked alone, so the call count means the same.
    const uncounted = candidate.migratedCalls.some((call) => !assistantsBefore.has(call.start));
    if (candidate.edits.length === 0 || overlapping || uncounted) alone(index);
    else together.push(index);
  });

  const check = (group: number[]): void => {
    if (group.length === 0) return;
    if (group.length === 1) return alone(group[0]);
    const { text: rewritten, segments, deferred, included } = combine(text, candidates, group);
    const after = reanalyse(rewritten);
    const migratedCount = included.reduce((sum, index) => sum + candidates[index].migratedCalls.length, 0);
    if (!after || after.syntaxErrors > before.syntaxErrors) {
      const half = Math.ceil(included.length / 2);
      check(included.slice(0, half));
      check(included.slice(half));
    } else {
      const suspects = suspectsOf(after, segments, candidates, included);
      if (suspects.size === 0 && after.assistantsCalls.length > before.assistantsCalls.length - migratedCount) {
        const half = Math.ceil(included.length / 2);
        check(included.slice(0, half));
        check(included.slice(half));
      } else if (suspects.size > 0 && after.assistantsCalls.length > before.assistantsCalls.length - migratedCount) {
        for (const index of suspects) alone(index);
        check(included.filter((index) => !suspects.has(index)));
      } else {
        for (const index of suspects) alone(index);
      }
    }
    check(deferred);
  };
  check(together);
  return verdicts;
}

/** The group's edits applied together; a candidate whose edits overlap another's is deferred to a later group. */
function combine(text: string, candidates: readonly VerificationCandidate[], group: readonly number[]) {
  const edits = group.flatMap((owner) => inTextOrder(candidates[owner].edits).map((edit, order) => ({ edit, owner, order })));
  edits.sort((a, b) => a.edit.range.start - b.edit.range.start || a.edit.range.end - b.edit.range.end || a.owner - b.owner || a.order - b.order);
  const deferredSet = new Set<number>();
  let lastEnd = -1;
  let lastOwner = -1;
  for (const { edit, owner } of edits) {
    if (deferredSet.has(owner)) continue;
    if (owner !== lastOwner && edit.range.start < lastEnd) deferredSet.add(owner);
    else {
      lastEnd = Math.max(lastEnd, edit.range.end);
      lastOwner = owner;
    }
  }
  const parts: string[] = [];
  const segments: Segment[] = [];
  let at = 0;
  let length = 0;
  let lastStart = -1;
  for (const { edit, owner } of edits) {
    if (deferredSet.has(owner)) continue;
    const previous = segments[segments.length - 1];
    // The same edit from two rewrites (an import both add) is made once, owned by both.
    if (previous && previous.originalEnd === edit.range.end && at === edit.range.end && parts[parts.length - 1] === edit.newText && lastStart === edit.range.start) {
      previous.owners.push(owner);
      continue;
    }
    const kept = text.slice(at, edit.range.start);
    parts.push(kept, edit.newText);
    length += kept.length;
    segments.push({ originalEnd: edit.range.end, newStart: length, newEnd: length + edit.newText.length, owners: [owner] });
    length += edit.newText.length;
    at = edit.range.end;
    lastStart = edit.range.start;
  }
  parts.push(text.slice(at));
  const included = group.filter((index) => !deferredSet.has(index));
  return { text: parts.join(""), segments, deferred: group.filter((index) => deferredSet.has(index)), included };
}
/** Candidates an Assistants call left in the rewritten text maps back to: in their new text, or at a call they migrate. */
function suspectsOf(after: Reanalysis, segments: readonly Segment[], candidates: readonly VerificationCandidate[], included: readonly number[]): Set<number> {
  const migratedAt = new Map<number, number>();
  for (const index of included) for (const call of candidates[index].migratedCalls) migratedAt.set(call.start, index);
  const suspects = new Set<number>();
  for (const call of after.assistantsCalls) {
    // The last segment starting before the call's end, then back over every one the call touches.
    let low = 0;
    let high = segments.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (segments[middle].newStart < call.end) low = middle + 1;
      else high = middle;
    }
    let touched = false;
    for (let i = low - 1; i >= 0 && segments[i].newEnd >= call.start; i--) {
      const segment = segments[i];
      const empty = segment.newStart === segment.newEnd;
      const overlaps = empty ? call.start < segment.newStart && segment.newStart < call.end : call.start < segment.newEnd && segment.newStart < call.end;
      if (overlaps) {
        touched = true;
        for (const owner of segment.owners) suspects.add(owner);
      }
    }
    if (touched) continue;
    // In unchanged text: shift back by the last edit ending at or before the call.
    let index = low - 1;
    while (index >= 0 && segments[index].newEnd > call.start) index--;
    const original = index < 0 ? call.start : call.start - segments[index].newEnd + segments[index].originalEnd;
    const owner = migratedAt.get(original);
    if (owner !== undefined) suspects.add(owner);
  }
  return suspects;
}
