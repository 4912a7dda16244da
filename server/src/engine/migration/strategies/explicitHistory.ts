// The seed guide's pattern 2 for a thread id handed in: nothing is stored server-side
// (`store: false`); the turn sends `[...history, message]`, with a TODO to load and store the history.
// Same shape as a chained turn, but with no tool round-trips: unstored responses cannot be chained.
import type { Strategy } from "../plan";
import { isSubmit } from "../shape";
import { previousResponseIdStrategy } from "./previousResponseId";

export const explicitHistoryStrategy: Strategy = {
  id: "explicit-history",
  refuse(thread, context) {
    const submit = context.calls.find(isSubmit);
    if (submit) return { callId: submit.id, reason: "tool outputs chain by previous_response_id, which unstored responses cannot" };
    return previousResponseIdStrategy.refuse(thread, context);
  },
  replace: (call, thread, context) => previousResponseIdStrategy.replace(call, thread, context),
};
