// OpenAI's official mapping for a thread the code keeps: the thread becomes a conversation, its
// messages conversation items, and each run one `responses.create` on that conversation. Taken when no
// run outlives the statement that starts it (those are background runs).
import type { Strategy } from "../plan";
import { conversationReplacement, isKeptRun, unmappedCall } from "../shape";

export const conversationStrategy: Strategy = {
  id: "conversation",
  refuse(_thread, context) {
    const unmapped = unmappedCall(context);
    if (unmapped) return unmapped;
    const kept = context.runs.find((run) => isKeptRun(run, context));
    if (kept) return { callId: kept.startCallId, reason: "the run outlives the statement that starts it, so it needs background mode" };
    return undefined;
  },
  replace: (call) => conversationReplacement(call),
};
