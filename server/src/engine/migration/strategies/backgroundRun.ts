// A run the code keeps (returned, stored, polled or cancelled elsewhere, its steps read) maps to
// Responses background mode on the thread's conversation: `responses.create({ ..., background: true })`,
// `runs.retrieve` to `responses.retrieve`, `runs.cancel` to `responses.cancel`, steps to the response's
// `output` items. Run fields map to Response fields (`last_error` -> `error`, `requires_action` -> the
// output has `function_call` items, `thread_id` -> the conversation). A polling loop over a background
// response is correct code, so it stays.
import type { Strategy } from "../plan";
import { conversationReplacement, isKeptRun, unmappedCall } from "../shape";

export const backgroundRunStrategy: Strategy = {
  id: "background-run",
  refuse(_thread, context) {
    const unmapped = unmappedCall(context);
    if (unmapped) return unmapped;
    // A finished run handed on as it is (`return run`) is a Response now: this strategy keeps the variable.
    if (!context.runs.some((run) => isKeptRun(run, context) || run.escapes.length > 0)) return { callId: context.calls[0].id, reason: "no run outlives the statement that starts it" };
    return undefined;
  },
  replace(call) {
    switch (call.kind) {
      case "run.create":
      case "run.createAndPoll":
      case "thread.createAndRun":
        return "responses.create.background";
      case "run.retrieve":
      case "run.poll":
        return "responses.retrieve";
      case "run.cancel":
        return "responses.cancel";
      case "step.list":
        return "response.output";
      default:
        return conversationReplacement(call);
    }
  },
};
