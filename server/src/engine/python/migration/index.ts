// Model -> plan -> emit -> verify for one Python file: every call on a thread gets the thread's one
// rewrite, or none (with the planner's reason). The planning and the checks are the language-neutral
// ones in ../../migration; this file only wires the Python model, emitter and re-analysis to them.
import { assistantsEntry } from "../../assistantsSurface";
import type { CallId, ThreadId } from "../../migration/model";
import { decideThreadsVerified } from "../../migration/decideVerified";
import { refusalMessage, type ThreadRefusal } from "../../migration/plan";
import { threadsLeftMixing, type Reanalysis } from "../../migration/verify";
import type { Fix, TextEdit, TextRange } from "../../types";
import type { PythonFixContext } from "../emit";
import { parseAndExtractPython, type ParsedPython } from "../extract";
import { callArguments, field, forEachDescendant, rangeOf } from "../syntax";
import { buildPythonMigrationModel, type PythonCallSyntax } from "./buildModel";
import { PythonEmitter, type PythonDefinitions } from "./emit";

export interface CallMigration {
  fixes: Fix[];
  refusal?: string;
}

const NEW_API = new Set(["responses", "conversations"]);

export function reanalysePython(parsed: ParsedPython): Reanalysis {
  const functions: TextRange[] = [];
  forEachDescendant(parsed.root, (node) => {
    if (node.type === "function_definition") functions.push(rangeOf(node));
  });
  const assistantsCalls: TextRange[] = [];
  const responsesCalls: TextRange[] = [];
  for (const call of parsed.facts.apiCalls) {
    const entry = assistantsEntry(call.path);
    if (entry >= 0 && call.path.length >= entry + 3) assistantsCalls.push(call.calleeRange);
    else if (call.path.some((name) => NEW_API.has(name)) && !call.path.includes("beta")) responsesCalls.push(call.calleeRange);
  }
  return { syntaxErrors: parsed.hasErrors ? 1 : 0, assistantsCalls, responsesCalls, functions };
}

/** `assistant = client.beta.assistants.create(model=…, instructions=…)` whose result is only ever `assistant.id`: a dict definition. */
function definitionsOf(parsed: ParsedPython, syntax: ReadonlyMap<string, PythonCallSyntax>, kinds: ReadonlyMap<string, string>): PythonDefinitions {
  const byName = new Map<string, { edit: TextEdit }>();
  for (const [id, call] of syntax) {
    if (kinds.get(id) !== "assistant.create" || !call.assigned || !call.statement) continue;
    const { keywords, positional, splats } = callArguments(call.call, parsed.source);
    if (positional.length > 0 || splats.length > 0 || !keywords.has("model") || [...keywords.keys()].some((name) => !["model", "instructions", "name", "description"].includes(name))) continue;
    const name = parsed.source.of(call.assigned);
    let onlyId = true;
    forEachDescendant(parsed.root, (node) => {
      if (node.type !== "identifier" || node === call.assigned || parsed.source.of(node) !== name || node.field === "attribute") return;
      if (node.parent?.type !== "attribute" || parsed.source.of(field(node.parent, "attribute")!) !== "id" || node.parent.parent?.type !== "keyword_argument") onlyId = false;
    });
    if (!onlyId) continue;
    const value = (key: string) => parsed.source.of(field(keywords.get(key)!, "value")!);
    const dict = `{"model": ${value("model")}, "instructions": ${keywords.has("instructions") ? value("instructions") : '""'}}`;
    byName.set(name, { edit: { range: rangeOf(call.call.parent?.type === "await" ? call.call.parent : call.call), newText: dict } });
  }
  return { byName };
}

/** The thread rewrite of every call on a thread, keyed by the call's callee start. */
export function migratePythonThreads(context: PythonFixContext, fileName = "file.py"): Map<number, CallMigration> {
  const { parsed, text } = context;
  const { model, syntax } = buildPythonMigrationModel(parsed, fileName);
  const result = new Map<number, CallMigration>();
  if (model.threads.length === 0) return result;
  const kinds = new Map([...model.calls.values()].map((call) => [call.id, call.kind as string]));
  const definitions = definitionsOf(parsed, syntax, kinds);
  const emitter = new PythonEmitter(model, syntax, parsed, text, definitions);
  const before = reanalysePython(parsed);
  const reanalyse = (rewritten: string) => {
    const reparsed = parseAndExtractPython(rewritten);
    return reparsed && reanalysePython(reparsed);
  };
  const planned = new Map<ThreadId, Fix>();
  const refusals = new Map<ThreadId, ThreadRefusal>();
  for (const [thread, decision] of decideThreadsVerified(model, context.settings.stateStrategy, text, before, () => (plan) => emitter.render(plan), reanalyse)) {
    if ("refusal" in decision) refusals.set(thread.id, { ...decision.refusal, blockingCallId: decision.refusal.blockingCallId || thread.callIds[0] });
    else planned.set(thread.id, decision.rendered);
  }
  // No function may be left calling both APIs; a definition the rewrite turns into a dict does not stay.
  const defined = new Set([...definitions.byName.values()].map((definition) => definition.edit.range.start));
  const staying = new Set<CallId>([...model.calls.values()].filter((call) => !call.threadId && !defined.has(syntax.get(call.id)!.call.start) && !defined.has(syntax.get(call.id)!.call.parent!.start)).map((call) => call.id));
  const held = threadsLeftMixing(model, new Set([...planned.keys()].filter((id) => planned.get(id)!.preferred)), staying, before.functions);
  for (const [threadId, blocker] of held) {
    const blocking = model.calls.get(blocker)!;
    refusals.set(threadId, { threadId, blockingCallId: blocker, reason: `\`${blocking.spelling}\` in the same function stays, and a function must not call both APIs` });
    planned.delete(threadId);
  }
  for (const thread of model.threads) {
    const fix = planned.get(thread.id);
    const refusal = refusals.get(thread.id);
    for (const callId of thread.callIds) {
      result.set(model.calls.get(callId)!.calleeRange.start, fix ? { fixes: [fix] } : { fixes: [], refusal: refusal && refusalMessage(model, refusal) });
    }
  }
  // The definition's own finding carries the thread fix that rewrites it.
  for (const call of model.calls.values()) {
    if (call.kind !== "assistant.create") continue;
    const users = [...planned.values()].filter((fix) => fix.edits.some((edit) => edit.range.start <= call.callRange.start && call.callRange.end <= edit.range.end));
    if (users.length > 0) result.set(call.calleeRange.start, { fixes: users });
  }
  return result;
}
