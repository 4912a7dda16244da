// Renders the conversation and background-run strategies in TypeScript, one call at a time: the
// thread becomes a conversation, its messages conversation items, each run a `responses.create` on
// it (`background: true` for a run the code keeps and does not wait for), `runs.retrieve`/`poll`
// `responses.retrieve(id)`, `runs.cancel` `responses.cancel(id)`, `steps.list` the response's
// `output` items, tool outputs `function_call_output` items, and calls with no counterpart a TODO
// (see ./callRewrites). A run variable keeps its name and now holds a Response; its reads are mapped
// by planRunResult. A polling loop beside a run that now waits for itself goes; one over a
// background response stays, since polling it is correct code.
import type ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import type { AssistantsCall, CallId, MigrationModel } from "../../migration/model";
import type { RenderRefusal, ReplacementKind, ThreadPlan } from "../../migration/plan";
import { betaChainOf } from "../fixes/calleeChain";
import { conversationFix, lenientConversationEdits } from "../fixes/conversationCalls";
import type { TypeScriptFixContext } from "../fixes/context";
import { rewriteCall, todoAbove } from "./callRewrites";
import { replyAfterRunEdits, storedIdGuardEdits } from "./conversationReads";
import { createdItemEdits, historyReadEdits } from "./historyReads";

type Rendered = { edits: TextEdit[]; safe: boolean } | RenderRefusal;

export interface ConversationRenderInputs {
  plan: ThreadPlan;
  model: MigrationModel;
  nodes: ReadonlyMap<CallId, ts.CallExpression>;
  context: TypeScriptFixContext;
  /** An existing provider's conversation rewrite of the call (streams render only there). */
  providerFix?: (call: AssistantsCall) => Fix | undefined;
  /** Try the provider first for every call (the conversation strategy); else only for streams. */
  providersFirst?: boolean;
}

/** Whether the replacement is a thread or message call's conversation counterpart. */
function isConversationCall(kind: ReplacementKind): boolean {
  return kind.startsWith("conversations.");
}

/** A run not waited for in its function, which the code keeps: it runs in background mode. */
function runsInBackground(call: AssistantsCall, kind: ReplacementKind, model: MigrationModel): boolean {
  if (kind !== "responses.create.background") return false;
  const run = call.runId ? model.runs.get(call.runId) : undefined;
  const waited = call.kind === "run.createAndPoll" || call.surface === "threads.createAndRunPoll" || !!run?.pollLoop;
  return !waited;
}

export function renderConversationCalls(inputs: ConversationRenderInputs): Rendered {
  const { plan, model, nodes, context } = inputs;
  const edits: TextEdit[] = [];
  const claimed = new Set<CallId>();
  /** The name each rendered run's Response goes by, for the reply read after it. */
  const responseNames = new Map<CallId, string>();
  let safe = true;
  // A call inside a span another call's rewrite replaced (a deleted polling loop, a rewritten tool loop) is done.
  const covered = (call: AssistantsCall) => edits.some((edit) => edit.range.start < edit.range.end && edit.range.start <= call.callRange.start && call.callRange.end <= edit.range.end);
  for (const replacement of plan.replacements) {
    if (replacement.kind === "definition") continue;
    const call = model.calls.get(replacement.callId)!;
    if (claimed.has(call.id) || covered(call)) continue;
    const node = nodes.get(call.id)!;
    const reply = replyAfterRunEdits(call, model, nodes, context, (run) => responseNames.get(run.id));
    if (reply) {
      edits.push(...reply);
      continue;
    }
    edits.push(...storedIdGuardEdits(call, nodes, context));
    if (call.kind === "message.list") {
      const history = historyReadEdits(node, context);
      edits.push(...history.edits);
      if (history.flagged) safe = false;
    }
    if (call.kind === "message.create") {
      const created = createdItemEdits(node, context);
      edits.push(...created);
      if (created.length > 0) safe = false;
    }
    const provided = inputs.providersFirst || replacement.kind === "responses.stream" ? inputs.providerFix?.(call) : undefined;
    if (provided) {
      safe &&= provided.safe;
      edits.push(...provided.edits);
      if (call.result) responseNames.set(call.id, responseNameOf(provided, call) ?? call.result.name);
      continue;
    }
    if (isConversationCall(replacement.kind)) {
      const chain = betaChainOf(node, context.bindings);
      if (!chain) return { callId: call.id, reason: "its client cannot be written again at the call site" };
      const fix = conversationFix(node, chain, context, true)[0];
      if (fix) {
        safe &&= fix.safe;
        edits.push(...fix.edits);
        continue;
      }
      const lenient = lenientConversationEdits(node, chain, context);
      if (!lenient) return { callId: call.id, reason: "it has no conversation counterpart the rewrite can write" };
      const names = lenient.dropped.map((name) => `\`${name}\``).join(", ");
      edits.push(...lenient.edits, ...(lenient.dropped.length ? todoAbove(node, `${names} ${lenient.dropped.length === 1 ? "has" : "have"} no Conversations counterpart and ${lenient.dropped.length === 1 ? "was" : "were"} left out.`, context) : []));
      safe = false;
      continue;
    }
    // Under the conversation strategy a retrieve outside a polling loop that went reads the response.
    const kind = replacement.kind === "remove" ? "responses.retrieve" : replacement.kind;
    const rewrite = rewriteCall({ call, node, kind, model, nodes, context, background: runsInBackground(call, kind, model) });
    if ("reason" in rewrite) return rewrite;
    edits.push(...rewrite.edits);
    for (const id of rewrite.claimed) claimed.add(id);
    if (call.result) responseNames.set(call.id, call.result.name);
    safe = false;
  }
  return { edits, safe };
}

/** The name a provider's run rewrite gave the Response (it renames the run variable). */
function responseNameOf(fix: Fix, call: AssistantsCall): string | undefined {
  const renamed = fix.edits.find((edit) => call.result && edit.range.start === call.result.range.start && edit.range.end === call.result.range.end);
  return renamed?.newText;
}
