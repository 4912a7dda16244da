// A thread born, fed, run once and read inside one function, seen by nothing else, holds no state
// worth keeping (the seed guide's "threads.create() -> nothing"): the whole turn is one stateless
// `responses.create` (or `responses.stream`) and the reply is `response.output_text`. Status checks,
// logging, guards and try/catch between the calls do not matter: only where the id goes does.
import type { Strategy } from "../plan";
import { conversationReplacement, isKeptRun, isLocalThread, RUN_STARTS } from "../shape";

const TURN_CALLS = new Set(["thread.create", "thread.delete", "message.create", "message.list", "run.create", "run.createAndPoll", "run.stream", "run.retrieve", "run.poll", "run.submitToolOutputs", "run.submitToolOutputsAndPoll", "run.submitToolOutputsStream", "thread.createAndRun", "thread.createAndRunStream"]);

export const statelessTurnStrategy: Strategy = {
  id: "stateless-turn",
  refuse(thread, context) {
    const first = context.calls[0];
    if (!isLocalThread(thread)) return { callId: thread.origin.callId ?? first.id, reason: "the thread id outlives this function" };
    const starts = context.calls.filter((call) => RUN_STARTS.has(call.kind));
    if (starts.length !== 1) return { callId: starts[1]?.id ?? first.id, reason: starts.length === 0 ? "the thread is never run" : "the thread is run more than once" };
    const other = context.calls.find((call) => !TURN_CALLS.has(call.kind));
    if (other) return { callId: other.id, reason: "a one-turn rewrite has no place for it" };
    const kept = context.runs.find((run) => isKeptRun(run, context));
    if (kept) return { callId: kept.startCallId, reason: "the run outlives the statement that starts it" };
    return undefined;
  },
  replace(call) {
    if (call.kind === "message.create") return "into-input";
    // The run (or stream, or tool outputs) becomes the turn's request; the thread's own calls go.
    const kept = conversationReplacement(call);
    return kept.startsWith("responses.") ? kept : "remove";
  },
};
