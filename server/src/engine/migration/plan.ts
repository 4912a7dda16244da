/**
 * The planner: for each thread of a `MigrationModel`, one strategy and, for every call on the thread
 * and every read that depends on it, its replacement; or a refusal of the whole thread naming the call
 * that blocks it and why. All or nothing: a thread is never planned in part.
 *
 * Language-neutral: it reads only the model. Each strategy lives in `strategies/<id>.ts` and says when
 * it applies (`refuse` returns why not) and what it makes of each call (`replace`). An emitter per
 * language renders a `ThreadPlan` as edits; when it cannot render one replacement it reports that back
 * (`RenderRefusal`), and the thread is refused as a whole with that call as its blocker.
 *
 * `auto` picks from the model's shape (where the id is born, whether it or its runs escape, how many
 * runs and functions it spans), never from an exact sequence of statements.
 */
import type { StateStrategy } from "../types";
import type { AssistantsCall, CallId, MigrationModel, Run, Thread, ThreadId } from "./model";
import { callsOf, runsOf } from "./model";
import { backgroundRunStrategy } from "./strategies/backgroundRun";
import { conversationStrategy } from "./strategies/conversation";
import { explicitHistoryStrategy } from "./strategies/explicitHistory";
import { previousResponseIdStrategy } from "./strategies/previousResponseId";
import { statelessTurnStrategy } from "./strategies/statelessTurn";

export type StrategyId = "stateless-turn" | "previous-response-id" | "explicit-history" | "conversation" | "background-run";

/** What a call becomes. The emitter spells each kind in its language. */
export type ReplacementKind =
  /** The call goes away (a stateless turn has no thread; `responses.create` waits for itself). */
  | "remove"
  /** Its message becomes part of the next request's `input`. */
  | "into-input"
  | "responses.create"
  /** `responses.create({ ..., background: true })`: a run the code keeps. */
  | "responses.create.background"
  | "responses.stream"
  | "responses.retrieve"
  | "responses.cancel"
  /** Tool outputs go back as `function_call_output` items in a follow-up `responses.create`. */
  | "responses.create.tool-outputs"
  /** `runs.steps.list`: the response's `output` items. */
  | "response.output"
  | "conversations.create"
  | "conversations.retrieve"
  | "conversations.update"
  | "conversations.delete"
  | "conversations.items.create"
  | "conversations.items.list"
  | "conversations.items.retrieve"
  | "conversations.items.delete"
  /** `assistants.create`: an exported in-repo definition. */
  | "definition"
  /**
   * A call with no Responses counterpart (`runs.list`, `messages.update`, `runs.update`,
   * `steps.retrieve`): a neutral value of the nearest type and a TODO saying what to do by hand.
   * Always unsafe.
   */
  | "unmapped-todo";

export interface Replacement {
  callId: CallId;
  kind: ReplacementKind;
}

/** What a read of a run or of listed messages becomes. */
export type ReadReplacementKind =
  | "response.output_text"
  | "response.status"
  | "response.error"
  | "response.usage"
  | "response.id"
  | "conversation.id"
  | "function-calls"
  | "conversation-items";

export interface ReadReplacement {
  range: { start: number; end: number };
  kind: ReadReplacementKind;
}

export interface ThreadPlan {
  threadId: ThreadId;
  strategy: StrategyId;
  replacements: Replacement[];
  reads: ReadReplacement[];
  /** Strategies that also apply, offered as alternatives (not preferred, never applied by fix-all). */
  alternatives: StrategyId[];
  /** Stored `thread_` ids must not reach Conversations as they are: guard them, with a TODO to persist. */
  guardStoredId: boolean;
  /**
   * Fix-all applies it. Under an explicit setting a plan with another stateful strategy is only
   * offered (the user asked for a different state model).
   */
  preferred: boolean;
}

export interface ThreadRefusal {
  threadId: ThreadId;
  /** The call no strategy can map (or the one the emitter could not render). */
  blockingCallId: CallId;
  reason: string;
}

export type ThreadDecision = { threadId: ThreadId; plan: ThreadPlan; refusal?: undefined } | { threadId: ThreadId; plan?: undefined; refusal: ThreadRefusal };

/** What an emitter says when it cannot render a replacement; the planner turns it into a refusal. */
export interface RenderRefusal {
  callId: CallId;
  reason: string;
}

export interface Strategy {
  id: StrategyId;
  /** Why the strategy cannot take this thread, with the call that stops it; undefined when it can. */
  refuse(thread: Thread, context: StrategyContext): { callId: CallId; reason: string } | undefined;
  /** Each call's replacement. Only called when `refuse` returned undefined. */
  replace(call: AssistantsCall, thread: Thread, context: StrategyContext): ReplacementKind;
}

export interface StrategyContext {
  model: MigrationModel;
  calls: AssistantsCall[];
  runs: Run[];
  setting: StateStrategy;
}

export const STRATEGIES: Readonly<Record<StrategyId, Strategy>> = {
  "stateless-turn": statelessTurnStrategy,
  "previous-response-id": previousResponseIdStrategy,
  "explicit-history": explicitHistoryStrategy,
  conversation: conversationStrategy,
  "background-run": backgroundRunStrategy,
};

/**
 * The order strategies are tried in for a setting: the first that takes the thread is the plan, the
 * others that take it are its alternatives. `auto` prefers the simplest code that keeps behaviour:
 * no state for a thread that never outlives its turn, then a conversation, background runs where a
 * run outlives the statement that starts it.
 */
export function strategyOrder(setting: StateStrategy): StrategyId[] {
  switch (setting) {
    case "conversation":
      // A one-turn rewrite is still offered, but not applied: the setting asks for conversations.
      return ["conversation", "background-run", "stateless-turn"];
    case "previous-response-id":
      return ["stateless-turn", "previous-response-id", "conversation", "background-run"];
    case "explicit-history":
      return ["stateless-turn", "explicit-history", "conversation", "background-run"];
    default:
      return ["stateless-turn", "conversation", "background-run", "previous-response-id", "explicit-history"];
  }
}

export function planThread(model: MigrationModel, thread: Thread, setting: StateStrategy): ThreadDecision {
  const context: StrategyContext = { model, calls: callsOf(model, thread), runs: runsOf(model, thread), setting };
  const order = strategyOrder(setting);
  const taking: StrategyId[] = [];
  let firstRefusal: { callId: CallId; reason: string } | undefined;
  for (const id of order) {
    const refusal = STRATEGIES[id].refuse(thread, context);
    if (!refusal) taking.push(id);
    // The conversation mapping takes the most threads, so what stops it is what blocks the thread.
    else if (!firstRefusal || id === "conversation") firstRefusal = refusal;
  }
  // Under an explicit setting other than auto, only the preferred kinds are applied; the rest are offered.
  if (taking.length === 0) {
    return { threadId: thread.id, refusal: { threadId: thread.id, blockingCallId: firstRefusal?.callId ?? thread.callIds[0], reason: firstRefusal?.reason ?? "no strategy applies" } };
  }
  const [strategy, ...alternatives] = taking;
  return { threadId: thread.id, plan: planWith(strategy, thread, context, alternatives) };
}

/** Whether fix-all may apply a plan with `strategy` under `setting`. */
export function isPreferred(strategy: StrategyId, setting: StateStrategy): boolean {
  if (setting === "auto" || strategy === setting) return true;
  if (strategy === "stateless-turn") return setting !== "conversation";
  // A kept run needs background mode whichever way its conversation is kept.
  return strategy === "background-run" && setting === "conversation";
}

/** The plan of `thread` under one strategy (for alternatives, or a retry after the emitter refused). */
export function planWith(strategy: StrategyId, thread: Thread, context: StrategyContext, alternatives: StrategyId[] = []): ThreadPlan {
  const replacements = context.calls.map((call) => ({ callId: call.id, kind: STRATEGIES[strategy].replace(call, thread, context) }));
  return {
    threadId: thread.id,
    strategy,
    replacements,
    reads: [],
    alternatives,
    preferred: isPreferred(strategy, context.setting),
    guardStoredId: strategy !== "stateless-turn" && (thread.origin.kind === "storage" || thread.origin.kind === "field" || thread.origin.kind === "parameter"),
  };
}

export function strategyContext(model: MigrationModel, thread: Thread, setting: StateStrategy): StrategyContext {
  return { model, calls: callsOf(model, thread), runs: runsOf(model, thread), setting };
}

/** Every thread's decision. */
export function planFile(model: MigrationModel, setting: StateStrategy): ThreadDecision[] {
  return model.threads.map((thread) => planThread(model, thread, setting));
}

/** The message a refused thread's findings carry: which call blocks it and why. */
export function refusalMessage(model: MigrationModel, refusal: ThreadRefusal): string {
  const call = model.calls.get(refusal.blockingCallId);
  const name = call ? `\`${call.spelling}\`` : "a call";
  return `Not rewritten: this thread migrates whole or not at all, and ${name} blocks it: ${refusal.reason}.`;
}

/**
 * The thread's decision once an emitter has tried to render it: the planned strategy, else each
 * strategy that also takes the thread, in order; refused when none renders. Alternatives that render
 * are returned too, for the editor to offer.
 */
export function decideThread<Rendered>(
  model: MigrationModel,
  thread: Thread,
  setting: StateStrategy,
  render: (plan: ThreadPlan) => Rendered | RenderRefusal,
): { plan: ThreadPlan; rendered: Rendered; alternatives: Array<{ plan: ThreadPlan; rendered: Rendered }> } | { refusal: ThreadRefusal } {
  const decision = planThread(model, thread, setting);
  if (!decision.plan) return { refusal: decision.refusal };
  const context = strategyContext(model, thread, setting);
  const tried: Array<{ plan: ThreadPlan; rendered: Rendered }> = [];
  let firstRefusal: RenderRefusal | undefined;
  for (const strategy of [decision.plan.strategy, ...decision.plan.alternatives]) {
    const plan = strategy === decision.plan.strategy ? decision.plan : planWith(strategy, thread, context);
    const rendered = render(plan);
    if (isRenderRefusal(rendered)) firstRefusal ??= rendered;
    else tried.push({ plan, rendered });
  }
  if (tried.length === 0) return { refusal: { threadId: thread.id, blockingCallId: firstRefusal!.callId, reason: firstRefusal!.reason } };
  const [chosen, ...alternatives] = tried;
  // The first strategy that renders is the one fix-all applies, when its kind may be applied at all.
  return { plan: chosen.plan, rendered: chosen.rendered, alternatives };
}

function isRenderRefusal(value: unknown): value is RenderRefusal {
  return typeof value === "object" && value !== null && "callId" in value && "reason" in value && !("edits" in value);
}
