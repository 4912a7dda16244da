// Verification of a rewrite before it is offered: the rewritten file parses, the migrated thread has
// no Assistants call left, and no function calls both APIs. Language-neutral: a front end re-parses
// the text and hands back a `Reanalysis`; the checks here compare ranges only.
import type { TextRange } from "../types";
import type { CallId, MigrationModel, ThreadId } from "./model";

export interface Reanalysis {
  /** Syntax errors in the text. */
  syntaxErrors: number;
  /** Callee ranges of every Assistants call left. */
  assistantsCalls: TextRange[];
  /** Ranges of every Responses or Conversations call. */
  responsesCalls: TextRange[];
  /** Every function with a body, innermost last among nested ones. */
  functions: TextRange[];
}

interface FunctionTree {
  /** By start, outer before inner at one start. */
  sorted: TextRange[];
  /** Index in `sorted` of each one's innermost enclosing function, or -1. */
  parent: number[];
}

// Functions nest, so the innermost one holding a range is an ancestor of the last function starting
// at or before it: a binary search and a walk up, not a scan of every function per call.
const trees = new WeakMap<readonly TextRange[], FunctionTree>();

function treeOf(functions: readonly TextRange[]): FunctionTree {
  let tree = trees.get(functions);
  if (tree) return tree;
  const sorted = [...functions].sort((a, b) => a.start - b.start || b.end - a.end);
  const parent: number[] = [];
  const open: number[] = [];
  sorted.forEach((fn, index) => {
    while (open.length > 0 && !contains(sorted[open[open.length - 1]], fn)) open.pop();
    parent.push(open.length > 0 ? open[open.length - 1] : -1);
    open.push(index);
  });
  tree = { sorted, parent };
  trees.set(functions, tree);
  return tree;
}

const contains = (outer: TextRange, inner: TextRange) => outer.start <= inner.start && inner.end <= outer.end;

/** The innermost function holding `range`, or the module (undefined). */
function ownerOf(range: TextRange, functions: readonly TextRange[]): TextRange | undefined {
  const { sorted, parent } = treeOf(functions);
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle].start <= range.start) low = middle + 1;
    else high = middle;
  }
  for (let index = low - 1; index >= 0; index = parent[index]) if (contains(sorted[index], range)) return sorted[index];
  return undefined;
}

/** Functions (or the module, as `{ start: -1, end: -1 }`) that call both APIs. */
export function mixedFunctions(analysis: Reanalysis): TextRange[] {
  const key = (fn: TextRange | undefined) => (fn ? `${fn.start}:${fn.end}` : "module");
  const withResponses = new Set(analysis.responsesCalls.map((call) => key(ownerOf(call, analysis.functions))));
  const mixed = new Map<string, TextRange>();
  for (const call of analysis.assistantsCalls) {
    const fn = ownerOf(call, analysis.functions);
    if (withResponses.has(key(fn))) mixed.set(key(fn), fn ?? { start: -1, end: -1 });
  }
  return [...mixed.values()];
}

/** Why the rewritten text fails verification, or undefined when it passes. */
export function verificationFailure(before: Reanalysis, after: Reanalysis, migratedCallCount: number): string | undefined {
  if (after.syntaxErrors > before.syntaxErrors) return "the rewritten code does not parse";
  if (after.assistantsCalls.length > before.assistantsCalls.length - migratedCallCount) return "Assistants calls on the thread would be left";
  if (mixedFunctions(after).length > mixedFunctions(before).length) return "a function would call both the Assistants and the Responses API";
  return undefined;
}

/**
 * Threads to hold back so that no function is left calling both APIs: a thread whose calls share a
 * function with an Assistants call that stays (a thread not migrating, or a call with no rewrite) is
 * held back too, until nothing changes.
 */
export function threadsLeftMixing(model: MigrationModel, migrating: ReadonlySet<ThreadId>, staying: ReadonlySet<CallId>, functions: readonly TextRange[]): Map<ThreadId, CallId> {
  const held = new Map<ThreadId, CallId>();
  const key = (range: TextRange) => {
    const fn = ownerOf(range, functions);
    return fn ? `${fn.start}:${fn.end}` : "module";
  };
  for (let changed = true; changed; ) {
    changed = false;
    const stays = new Map<string, CallId>();
    for (const call of model.calls.values()) {
      const threadStays = call.threadId ? !migrating.has(call.threadId) || held.has(call.threadId) : staying.has(call.id);
      if (threadStays) stays.set(key(call.calleeRange), call.id);
    }
    for (const thread of model.threads) {
      if (!migrating.has(thread.id) || held.has(thread.id)) continue;
      for (const callId of thread.callIds) {
        const call = model.calls.get(callId)!;
        const blocker = stays.get(key(call.calleeRange));
        if (blocker) {
          held.set(thread.id, blocker);
          changed = true;
          break;
        }
      }
    }
  }
  return held;
}

/**
 * Threads whose safe rewrite shares a function with a thread whose rewrite is unsafe: a safe fix-all
 * would move the one and leave the other, and the function would call both APIs. Their rewrites are
 * unsafe too, so both move in `--unsafe` or neither does.
 */
export function threadsNeedingUnsafe(model: MigrationModel, safeByThread: ReadonlyMap<ThreadId, boolean>, functions: readonly TextRange[]): Set<ThreadId> {
  const key = (range: TextRange) => {
    const fn = ownerOf(range, functions);
    return fn ? `${fn.start}:${fn.end}` : "module";
  };
  const functionsOf = new Map<ThreadId, Set<string>>();
  for (const thread of model.threads) {
    if (!safeByThread.has(thread.id)) continue;
    functionsOf.set(thread.id, new Set(thread.callIds.map((id) => key(model.calls.get(id)!.calleeRange))));
  }
  const unsafe = new Set([...safeByThread].filter(([, safe]) => !safe).map(([id]) => id));
  for (let changed = true; changed; ) {
    changed = false;
    const unsafeFunctions = new Set([...unsafe].flatMap((id) => [...functionsOf.get(id)!]));
    for (const [id, fns] of functionsOf) {
      if (unsafe.has(id) || ![...fns].some((fn) => unsafeFunctions.has(fn))) continue;
      unsafe.add(id);
      changed = true;
    }
  }
  return new Set([...unsafe].filter((id) => safeByThread.get(id)));
}
