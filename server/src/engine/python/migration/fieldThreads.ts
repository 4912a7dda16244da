// Threads kept where every method (or function) can reach them: `self.thread = client.beta.threads.create()`
// in `__init__` read as `self.thread.id` in other methods, `self.thread_id = ….create().id` (or
// `thread = ….create()` then `self.thread_id = thread.id`) read as `self.thread_id`, a module-level `thread = ….create()` read as `thread.id` in functions. The front end
// first sees one thread per function (`field:self.thread_id@<function>`); here they become one thread,
// born where it is created, so the planner migrates it whole or not at all.
import type { AssistantsCall, Run, Thread } from "../../migration/model";
import type { ParsedPython } from "../extract";
import { attributeName, enclosingFunction, field, forEachDescendant, type PyNode } from "../syntax";
import type { PythonCallSyntax } from "./buildModel";

interface Holder {
  /** The name the thread id goes by where it is used: `self.thread.id`, `self.thread_id`, `thread.id`. */
  idName: string;
  /** The class whose methods share `self.…`, or undefined for a module-level name. */
  owner?: PyNode;
  /** The assigned name, for a module-level holder (a function that assigns it has its own). */
  global?: string;
}

function enclosingClass(node: PyNode): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === "class_definition") return current;
  return undefined;
}

/** Where a `threads.create()` result (or its `.id`) is kept: a `self.` field or a module-level name. */
function holderOf(call: PyNode, parsed: ParsedPython): Holder | undefined {
  let value = call;
  while (value.parent && (value.parent.type === "await" || value.parent.type === "parenthesized_expression")) value = value.parent;
  let viaId = false;
  if (value.parent?.type === "attribute" && field(value.parent, "object") === value && attributeName(value.parent, parsed.source) === "id") {
    value = value.parent;
    viaId = true;
  }
  const assignment = value.parent;
  if (assignment?.type !== "assignment" || field(assignment, "right") !== value || assignment.parent?.type !== "expression_statement") return undefined;
  const target = field(assignment, "left")!;
  const name = parsed.source.of(target);
  const fn = enclosingFunction(call);
  // `thread = ….create()` then `self.thread_id = thread.id` (or `self.thread = thread`) in the same method.
  if (target.type === "identifier" && fn && !viaId) return keptLocal(name, fn, assignment.end, parsed);
  if (target.type === "attribute" && /^self\.\w+$/.test(name.replace(/\s+/g, ""))) {
    const owner = fn && enclosingClass(fn);
    return owner ? { idName: viaId ? name : `${name}.id`, owner } : undefined;
  }
  if (target.type === "identifier" && !fn) return { idName: viaId ? name : `${name}.id`, global: name };
  return undefined;
}

function keptLocal(name: string, fn: PyNode, after: number, parsed: ParsedPython): Holder | undefined {
  const owner = enclosingClass(fn);
  if (!owner) return undefined;
  let holder: Holder | undefined;
  forEachDescendant(fn, (node) => {
    if (holder || node.type !== "assignment" || node.start < after) return !holder;
    const left = field(node, "left")!;
    const right = parsed.source.of(field(node, "right") ?? node).replace(/\s+/g, "");
    const kept = parsed.source.of(left).replace(/\s+/g, "");
    if (left.type !== "attribute" || !/^self\.\w+$/.test(kept)) return;
    if (right === `${name}.id`) holder = { idName: kept, owner };
    else if (right === name) holder = { idName: `${kept}.id`, owner };
  });
  return holder;
}

/** The function assigns `name` itself (so its `name` is not the module's). */
function assignsLocally(fn: PyNode, name: string, parsed: ParsedPython): boolean {
  let assigns = false;
  forEachDescendant(fn, (node) => {
    if (assigns) return false;
    if ((node.type === "assignment" || node.type === "augmented_assignment" || node.type === "for_statement") && field(node, "left") && parsed.source.of(field(node, "left")!) === name) assigns = true;
    if (node.type === "parameters" && new RegExp(`\\b${name}\\b`).test(parsed.source.of(node))) assigns = true;
    return !assigns;
  });
  return assigns;
}

/**
 * Merges each thread whose id is read from where a created thread is kept into that created thread.
 * Returns the threads that remain.
 */
export function mergeKeptThreads(threads: Thread[], calls: ReadonlyMap<string, AssistantsCall>, runs: ReadonlyMap<string, Run>, syntax: ReadonlyMap<string, PythonCallSyntax>, parsed: ParsedPython): Thread[] {
  const merged = new Set<Thread>();
  const norm = (text: string) => text.replace(/\s+/g, "");
  for (const created of threads) {
    if (created.origin.kind !== "created" || !created.origin.callId || merged.has(created)) continue;
    const holder = holderOf(syntax.get(created.origin.callId)!.call, parsed);
    if (!holder) continue;
    for (const other of threads) {
      if (other === created || merged.has(other) || (other.origin.kind !== "field" && other.origin.kind !== "unknown") || norm(other.origin.name) !== norm(holder.idName)) continue;
      const otherCalls = other.callIds.map((id) => syntax.get(id)!.call);
      const reaches = otherCalls.every((call) => {
        const fn = enclosingFunction(call);
        if (holder.owner) return !!fn && enclosingClass(fn) === holder.owner;
        return !fn || !assignsLocally(fn, holder.global!, parsed);
      });
      if (!reaches) continue;
      absorb(created, other, calls, runs);
      merged.add(other);
    }
  }
  // One `self.thread_id` handed in (not created here) and read by several methods of a class: one thread.
  const byField = new Map<string, Thread>();
  for (const thread of threads) {
    if (merged.has(thread) || thread.origin.kind !== "field" || !/^self\.\w+(\.id)?$/.test(norm(thread.origin.name))) continue;
    const fn = enclosingFunction(syntax.get(thread.callIds[0])!.call);
    const owner = fn && enclosingClass(fn);
    if (!owner) continue;
    const key = `${owner.start}:${norm(thread.origin.name)}`;
    const first = byField.get(key);
    if (!first) byField.set(key, thread);
    else {
      absorb(first, thread, calls, runs);
      merged.add(thread);
    }
  }
  return threads.filter((thread) => !merged.has(thread));
}

function absorb(into: Thread, other: Thread, calls: ReadonlyMap<string, AssistantsCall>, runs: ReadonlyMap<string, Run>): void {
  for (const id of other.callIds) calls.get(id)!.threadId = into.id;
  for (const id of other.runIds) runs.get(id)!.threadId = into.id;
  into.callIds.push(...other.callIds);
  into.callIds.sort((a, b) => calls.get(a)!.callRange.start - calls.get(b)!.callRange.start);
  into.runIds.push(...other.runIds);
  into.replyReads.push(...other.replyReads);
  into.escapes.push(...other.escapes);
  for (const range of other.functionRanges) if (!into.functionRanges.some((known) => known.start === range.start)) into.functionRanges.push(range);
}
