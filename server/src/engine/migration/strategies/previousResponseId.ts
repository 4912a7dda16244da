// The seed guide's pattern 1 for a thread id handed in: the id now holds the last response id and the
// turn chains to it by `previous_response_id`, with a TODO saying the new response id must be stored
// where the thread id was. One run, in one function.
import type { Strategy } from "../plan";
import { isHandedIn, isKeptRun, RUN_STARTS, unmappedCall } from "../shape";

const CHAIN_CALLS = new Set(["message.create", "message.list", "run.create", "run.createAndPoll", "run.retrieve", "run.poll", "run.submitToolOutputs", "run.submitToolOutputsAndPoll"]);

export const previousResponseIdStrategy: Strategy = {
  id: "previous-response-id",
  refuse(thread, context) {
    const unmapped = unmappedCall(context);
    if (unmapped) return unmapped;
    const first = context.calls[0];
    if (!isHandedIn(thread) || thread.origin.kind !== "parameter") return { callId: first.id, reason: "only a turn on a thread id handed in as a parameter chains by previous_response_id" };
    if (context.calls.filter((call) => RUN_STARTS.has(call.kind)).length !== 1) return { callId: first.id, reason: "a chained turn runs exactly once" };
    const other = context.calls.find((call) => !CHAIN_CALLS.has(call.kind));
    if (other) return { callId: other.id, reason: "a chained turn has no place for it" };
    const kept = context.runs.find((run) => isKeptRun(run, context));
    if (kept) return { callId: kept.startCallId, reason: "the run outlives the statement that starts it" };
    return undefined;
  },
  replace(call) {
    if (call.kind === "message.create") return "into-input";
    if (call.kind === "run.submitToolOutputs" || call.kind === "run.submitToolOutputsAndPoll") return "responses.create.tool-outputs";
    return call.kind === "run.create" || call.kind === "run.createAndPoll" ? "responses.create" : "remove";
  },
};
