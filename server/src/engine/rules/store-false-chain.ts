/**
 * store-false-chain
 *
 * What: `store: false` and `previous_response_id` in the same Responses request.
 *
 * Why: a response created with `store: false` is not kept, so the next request that names it as
 * `previous_response_id` fails (400 previous_response_not_found). The chain breaks on turn two.
 *
 * Example:
 *   await client.responses.create({ model, input, store: false, previous_response_id: lastId });
 *
 * Fix: either keep `store: true` (the default) and chain, or keep `store: false` and send the full
 * history as `input` without `previous_response_id`.
 */
import type { Rule } from "./rule";
import { beforeAfterHover } from "./hover";

export const storeFalseChain: Rule = {
  id: "store-false-chain",
  defaultSeverity: "warning",
  summary: "`store: false` with `previous_response_id`: the chain cannot be followed.",
  deprecated: false,
  triggers: ["previous_response_id"],
  check(facts, report) {
    for (const request of facts.responseRequests) {
      if (!request.storeFalse || !request.previousResponseId) continue;
      report({
        range: request.storeFalse,
        message:
          "`store: false` responses are not kept, so `previous_response_id` cannot chain to them (400 previous_response_not_found): drop one of the two",
        hover: beforeAfterHover("Chain with stored responses, or send the full history unstored.", {
          before: "{ store: false, previous_response_id: lastId, input }",
          after: "{ store: false, input: [...history, newMessage] }",
        }),
      });
    }
  },
};
