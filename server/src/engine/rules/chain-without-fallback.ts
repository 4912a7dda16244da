/**
 * chain-without-fallback
 *
 * What: `responses.create` with `previous_response_id` and no handling around it for an expired chain.
 *
 * Why: stored responses are kept about 30 days; after that, chaining to one fails with 404
 * (`OpenAI.NotFoundError`) and the conversation is lost unless the code rebuilds it.
 *
 * Example:
 *   await client.responses.create({ model, input, previous_response_id: lastId });
 *
 * Fix: catch `NotFoundError` and retry with the input rebuilt from your own stored history.
 */
import type { Rule } from "./rule";
import { beforeAfterHover } from "./hover";

export const chainWithoutFallback: Rule = {
  id: "chain-without-fallback",
  defaultSeverity: "info",
  summary: "A `previous_response_id` chain with no fallback for when it expires (404 after ~30 days).",
  deprecated: false,
  triggers: ["previous_response_id"],
  check(facts, report) {
    for (const request of facts.responseRequests) {
      if (!request.previousResponseId || request.handlesExpiredChain || request.chainsFreshResponse) continue;
      report({
        range: request.previousResponseId,
        message:
          "`previous_response_id` chains expire after about 30 days and then fail with 404: catch `NotFoundError` and rebuild the input from stored history",
        hover: beforeAfterHover("Keep a fallback for an expired chain.", {
          before: "await client.responses.create({ model, input, previous_response_id });",
          after: "try { … } catch (e) { if (e instanceof OpenAI.NotFoundError) /* rebuild input */ }",
        }),
      });
    }
  },
};
