// Model -> plan -> emit -> verify for one TypeScript/JavaScript file. Every call on a thread gets the
// same fix (the whole thread's rewrite), or none, with the reason in its message.
import ts from "typescript";
import { assistantsEntry } from "../../assistantsSurface";
import type { Fix, TextRange } from "../../types";
import type { CallId, ThreadId } from "../../migration/model";
import { refusalMessage, type ThreadRefusal } from "../../migration/plan";
import { threadsLeftMixing, threadsNeedingUnsafe, type Reanalysis } from "../../migration/verify";
import { decideThreadsVerified } from "../../migration/decideVerified";
import type { TypeScriptFixContext } from "../fixes/context";
import { isFunctionLike, rangeOf } from "../syntax";
import { parseAndExtract } from "../extract";
import { buildTypeScriptMigrationModel } from "./buildModel";
import { TypeScriptEmitter } from "./emit";

export interface CallMigration {
  fixes: Fix[];
  /** Why the call's thread is not rewritten, for its finding's message. */
  refusal?: string;
}

const NEW_API = new Set(["responses", "conversations"]);

/** Syntax errors, calls and functions of a TypeScript/JavaScript text, for verification. */
export function reanalyseTypeScript(fileName: string, text: string, parsed = parseAndExtract(fileName, text)): Reanalysis {
  const functions: TextRange[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) functions.push(rangeOf(node, parsed.sourceFile));
    ts.forEachChild(node, visit);
  };
  visit(parsed.sourceFile);
  const assistantsCalls: TextRange[] = [];
  const responsesCalls: TextRange[] = [];
  for (const call of parsed.facts.apiCalls) {
    if (assistantsEntry(call.path) >= 0 && call.path.length >= assistantsEntry(call.path) + 3) assistantsCalls.push(call.calleeRange);
    else if (call.path.some((name) => NEW_API.has(name)) && !call.path.includes("beta")) responsesCalls.push(call.calleeRange);
  }
  const syntaxErrors = (parsed.sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
  return { syntaxErrors, assistantsCalls, responsesCalls, functions };
}

/** The thread rewrite of every call on a thread, keyed by the call's callee start. */
export function migrateThreads(context: TypeScriptFixContext): Map<number, CallMigration> {
  const { model, nodes } = buildTypeScriptMigrationModel(context);
  const result = new Map<number, CallMigration>();
  if (model.threads.length === 0) return result;
  const emitter = new TypeScriptEmitter(model, nodes, context);
  const before = reanalyseTypeScript(context.fileName, context.text, context);
  const reanalyse = (text: string) => reanalyseTypeScript(context.fileName, text);
  const decisions = decideThreadsVerified(model, context.settings.stateStrategy, context.text, before, () => (plan) => emitter.render(plan), reanalyse);

  const planned = new Map<ThreadId, { fix: Fix; alternatives: Fix[] }>();
  const refusals = new Map<ThreadId, ThreadRefusal>();
  for (const [thread, decision] of decisions) {
    if ("refusal" in decision) {
      refusals.set(thread.id, { ...decision.refusal, blockingCallId: decision.refusal.blockingCallId || thread.callIds[0] });
      continue;
    }
    planned.set(thread.id, { fix: decision.rendered, alternatives: decision.alternatives.map(({ rendered }) => ({ ...rendered, preferred: false })) });
  }

  // No function may be left calling both APIs: a thread sharing a function with a call that stays is held back.
  const staying = new Set<CallId>([...model.calls.values()].filter((call) => !call.threadId && call.kind !== "assistant.create").map((call) => call.id));
  const functions = before.functions;
  const held = threadsLeftMixing(model, new Set([...planned.keys()].filter((id) => planned.get(id)!.fix.preferred)), staying, functions);
  for (const [threadId, blocker] of held) {
    const blocking = model.calls.get(blocker)!;
    const stayingThread = blocking.threadId && refusals.get(blocking.threadId);
    const why = stayingThread ? `\`${blocking.surface}\` in the same function stays (${stayingThread.reason})` : `\`${blocking.surface}\` in the same function has no rewrite`;
    refusals.set(threadId, { threadId, blockingCallId: blocker, reason: `${why}, and a function must not call both APIs` });
    planned.delete(threadId);
  }

  // A safe rewrite beside an unsafe one in a function becomes unsafe too: a safe fix-all must not move one and leave the other.
  const safety = new Map([...planned].map(([id, { fix }]) => [id, fix.safe] as const));
  for (const threadId of threadsNeedingUnsafe(model, safety, functions)) {
    const plan = planned.get(threadId)!;
    planned.set(threadId, { ...plan, fix: { ...plan.fix, safe: false } });
  }

  for (const thread of model.threads) {
    const plan = planned.get(thread.id);
    const refusal = refusals.get(thread.id);
    for (const callId of thread.callIds) {
      const call = model.calls.get(callId)!;
      result.set(call.calleeRange.start, plan ? { fixes: [plan.fix, ...plan.alternatives] } : { fixes: [], refusal: refusal && refusalMessage(model, refusal) });
    }
  }
  return result;
}
