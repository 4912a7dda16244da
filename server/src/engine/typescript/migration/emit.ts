// The TypeScript emitter: renders a thread's plan as one fix whose edits rewrite every call on the
// thread (and the reads that depend on them) together. Each call's rewrite comes from the providers
// in ../fixes (one-turn, conversation, chained turn, streams, createAndRun), picked by the plan's
// strategy; background runs come from ./backgroundRun. A call with no rewrite under the strategy makes
// the whole plan fail (`RenderRefusal`), never a partial fix.
import type ts from "typescript";
import type { Finding, Fix, TextEdit } from "../../types";
import type { AssistantsCall, CallId, MigrationModel } from "../../migration/model";
import type { RenderRefusal, StrategyId, ThreadPlan } from "../../migration/plan";
import { assistantsCallFixes } from "../fixes/assistantsCalls";
import type { TypeScriptFixContext } from "../fixes/context";
import { streamRefusalOf } from "../fixes/streams";
import { renderConversationCalls } from "./conversationRender";

/** Which strategy an existing provider's fix implements, by its title. */
export function strategyOfFix(fix: Fix): StrategyId | undefined {
  const title = fix.title;
  if (/one-turn thread|single stateless|stateless responses\.stream/.test(title)) return "stateless-turn";
  if (/previous_response_id/.test(title)) return "previous-response-id";
  if (/explicit history/.test(title)) return "explicit-history";
  if (/^Rewrite to conversations\.|on the thread's conversation/.test(title)) return "conversation";
  return undefined;
}

const STRATEGY_TITLES: Record<StrategyId, string> = {
  "stateless-turn": "Rewrite this one-turn thread to a single responses.create",
  "previous-response-id": "Rewrite this thread's turn to chain by previous_response_id",
  "explicit-history": "Rewrite this thread's turn to send explicit history (store: false)",
  conversation: "Rewrite this thread to a conversation (every call on it)",
  "background-run": "Rewrite this thread to a conversation with Responses background mode for its kept runs",
};

const STRATEGY_NAMES: Record<StrategyId, string> = {
  "stateless-turn": "one-turn",
  "previous-response-id": "previous_response_id",
  "explicit-history": "explicit-history",
  conversation: "conversation",
  "background-run": "background-mode",
};

export class TypeScriptEmitter {
  private readonly candidates = new Map<CallId, Fix[]>();

  constructor(
    private readonly model: MigrationModel,
    private readonly nodes: ReadonlyMap<CallId, ts.CallExpression>,
    private readonly context: TypeScriptFixContext,
  ) {}

  /** The providers' rewrites of one call, whatever strategy each implements. */
  private candidatesFor(call: AssistantsCall): Fix[] {
    let fixes = this.candidates.get(call.id);
    if (!fixes) {
      const probe = { ruleId: "no-assistants-api", range: call.calleeRange } as Finding;
      try {
        fixes = assistantsCallFixes(probe, this.context);
        // Under an explicit setting the providers leave some strategies out; ask for them as under auto.
        if (this.context.settings.stateStrategy !== "auto") fixes = [...fixes, ...assistantsCallFixes(probe, { ...this.context, settings: { ...this.context.settings, stateStrategy: "auto" } })];
      } catch {
        fixes = [];
      }
      this.candidates.set(call.id, fixes);
    }
    return fixes;
  }

  render(plan: ThreadPlan): Fix | RenderRefusal {
    const edits: TextEdit[] = [];
    let safe = true;
    const own = plan.replacements.filter((replacement) => replacement.kind !== "definition");
    if (plan.strategy === "background-run" || plan.strategy === "conversation") {
      // An existing provider's conversation rewrite of a call is kept where there is one; every other call is rewritten where it stands.
      const providerFix = (call: AssistantsCall) => this.candidatesFor(call).find((candidate) => strategyOfFix(candidate) === "conversation");
      const rendered = renderConversationCalls({ plan, model: this.model, nodes: this.nodes, context: this.context, providerFix, providersFirst: plan.strategy === "conversation" });
      if ("reason" in rendered) return rendered;
      edits.push(...rendered.edits);
      safe = rendered.safe && plan.strategy === "conversation";
    } else {
      for (const replacement of own) {
        const call = this.model.calls.get(replacement.callId)!;
        const fix = this.candidatesFor(call).find((candidate) => strategyOfFix(candidate) === plan.strategy);
        if (!fix) return { callId: call.id, reason: streamRefusalOf(this.nodes.get(call.id)) ?? `no ${STRATEGY_NAMES[plan.strategy]} rewrite of this call is known` };
        safe &&= fix.safe;
        edits.push(...fix.edits);
      }
    }
    const merged = mergeEdits(edits);
    if (!merged) return { callId: own[0]?.callId ?? plan.replacements[0].callId, reason: "the rewrites of its calls overlap" };
    return { title: STRATEGY_TITLES[plan.strategy], edits: merged, safe, preferred: plan.preferred };
  }
}

/** One copy of each edit; undefined when two different edits overlap (the rewrites disagree). */
export function mergeEdits(edits: readonly TextEdit[]): TextEdit[] | undefined {
  const unique = new Map<string, TextEdit>();
  for (const edit of edits) unique.set(`${edit.range.start}:${edit.range.end}:${edit.newText}`, edit);
  // Of insertions at one point, imports end up first in the text (they stay with the imports above
  // them): edits at one point apply right to left, so they go last here.
  const importRank = (edit: TextEdit) => (edit.range.start === edit.range.end && /^\s*(import|from)\s/.test(edit.newText) ? 1 : 0);
  const sorted = [...unique.values()].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || importRank(a) - importRank(b));
  const kept: TextEdit[] = [];
  for (const edit of sorted) {
    const previous = kept[kept.length - 1];
    if (previous && edit.range.start < previous.range.end) {
      // An edit inside a deleted or replaced span is part of it (a provider rewrote a statement another removes).
      if (edit.range.end <= previous.range.end && previous.newText === "") continue;
      return undefined;
    }
    if (previous && edit.range.start === edit.range.end && previous.range.start === edit.range.start && previous.range.end === previous.range.start) {
      // Two insertions at one point keep their order.
      kept.push(edit);
      continue;
    }
    kept.push(edit);
  }
  return kept;
}
