// Questions the strategies ask of a thread's shape. Read off the model only, so every language's
// front end gets the same answers.
import type { AssistantsCall, AssistantsCallKind, Run } from "./model";
import type { StrategyContext } from "./plan";
import type { Thread } from "./model";

export const RUN_STARTS: ReadonlySet<AssistantsCallKind> = new Set(["run.create", "run.createAndPoll", "run.stream", "thread.createAndRun", "thread.createAndRunStream"]);
const SUBMITS: ReadonlySet<AssistantsCallKind> = new Set(["run.submitToolOutputs", "run.submitToolOutputsAndPoll", "run.submitToolOutputsStream"]);

/**
 * Calls with no Responses counterpart, with what to do by hand. The strategies that keep a
 * conversation render them as `unmapped-todo` (a neutral value and this TODO), never safely.
 */
export const NO_COUNTERPART: Partial<Record<AssistantsCallKind, string>> = {
  "message.update": "conversation items are immutable, so a message cannot be updated in place",
  "run.list": "the Responses API keeps no list of a conversation's responses; store the response ids yourself",
  "run.update": "a response's metadata is set when it is created",
  "step.retrieve": "a response has no steps to fetch one by one; read its `output` items",
};

/** A call of a surface the planner does not know at all: no strategy takes its thread. */
export function unmappedCall(context: StrategyContext): { callId: string; reason: string } | undefined {
  const unknown = context.calls.find((call) => call.kind === "other");
  return unknown && { callId: unknown.id, reason: "this call has no Responses counterpart" };
}

export function isSubmit(call: AssistantsCall): boolean {
  return SUBMITS.has(call.kind);
}

/**
 * A run that outlives the statement that starts it: one not waited for (`runs.create`, a run id
 * handed in) whose run or id escapes, or any run retrieved or cancelled apart from its own poll loop,
 * or whose steps are read. A polled run is finished when its statement is: handing on its id is fine.
 */
export function isKeptRun(run: Run, context: StrategyContext): boolean {
  // Escapes after the run's own poll loop hand on a finished run, as a polled run's do.
  const waited = run.pollLoop ? run.escapes.filter((escape) => escape.range.start < run.pollLoop!.end) : run.escapes;
  // `createAndRun` (not `createAndRunPoll`) returns before the run finishes, as `runs.create` does.
  const start = context.model.calls.get(run.startCallId);
  const notWaited = run.mode === "created" || run.mode === "handed-in" || (run.mode === "created-with-thread" && start?.surface !== "threads.createAndRunPoll");
  if (notWaited && waited.length > 0) return true;
  return run.followUpCallIds.some((id) => {
    const call = context.model.calls.get(id);
    if (!call) return false;
    // A streamed run is finished once its stream is: its steps read in the same function are its output.
    const startedIn = context.model.calls.get(run.startCallId)?.functionRange;
    if (call.kind === "step.list" && run.mode === "streamed" && startedIn && within(call.callRange, startedIn)) return false;
    if (call.kind === "run.cancel" || call.kind === "step.list") return true;
    const polling = call.kind === "run.retrieve" || call.kind === "run.poll";
    return polling && !(run.pollLoop && within(call.callRange, run.pollLoop));
  });
}

export function within(inner: { start: number; end: number }, outer: { start: number; end: number }): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** The thread id is born in this file and nothing outside the planner's sight sees it. */
export function isLocalThread(thread: Thread): boolean {
  return (thread.origin.kind === "created" || thread.origin.kind === "created-with-run") && thread.escapes.length === 0 && thread.functionRanges.length <= 1;
}

/** The thread id comes from elsewhere: a caller, a field, storage. */
export function isHandedIn(thread: Thread): boolean {
  return thread.origin.kind === "parameter" || thread.origin.kind === "field" || thread.origin.kind === "storage";
}

export function firstCallOf(context: StrategyContext, kinds: ReadonlySet<AssistantsCallKind>): AssistantsCall | undefined {
  return context.calls.find((call) => kinds.has(call.kind));
}

/** What a call on a kept thread becomes, shared by the strategies that keep a conversation. */
export function conversationReplacement(call: AssistantsCall): import("./plan").ReplacementKind {
  switch (call.kind) {
    case "thread.create":
      return "conversations.create";
    case "thread.retrieve":
      return "conversations.retrieve";
    case "thread.update":
      return "conversations.update";
    case "thread.delete":
      return "conversations.delete";
    case "message.create":
      return "conversations.items.create";
    case "message.list":
      return "conversations.items.list";
    case "message.retrieve":
      return "conversations.items.retrieve";
    case "message.delete":
      return "conversations.items.delete";
    case "run.stream":
    case "thread.createAndRunStream":
      return "responses.stream";
    case "run.submitToolOutputs":
    case "run.submitToolOutputsAndPoll":
    case "run.submitToolOutputsStream":
      return "responses.create.tool-outputs";
    case "run.retrieve":
    case "run.poll":
      return "remove";
    case "assistant.create":
      return "definition";
    case "message.update":
    case "run.list":
    case "run.update":
    case "step.retrieve":
      return "unmapped-todo";
    default:
      return "responses.create";
  }
}
