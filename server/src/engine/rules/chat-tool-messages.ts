/**
 * chat-tool-messages
 *
 * What: Chat Completions tool messages in a Responses `input`: `{ role: "tool", tool_call_id, … }`
 * and assistant messages carrying a `tool_calls` array.
 *
 * Why: Responses `input` takes items, not chat messages; these are rejected ("Unknown parameter:
 * input[3].tool_calls").
 *
 * Example:
 *   input: [...history, { role: "tool", tool_call_id: call.id, content: output }]
 *
 * Fix: send tool results as `{ type: "function_call_output", call_id, output }` items, and the calls
 * themselves as the response's `function_call` items (or chain with `previous_response_id`).
 */
import type { Rule } from "./rule";
import { RESPONSES_REQUEST_STEP, TOOL_LITERAL } from "./triggers";
import { beforeAfterHover } from "./hover";

export const chatToolMessages: Rule = {
  id: "chat-tool-messages",
  defaultSeverity: "error",
  summary: "Chat-style tool messages in a Responses `input`, which rejects them.",
  deprecated: false,
  triggers: ["responses"],
  mayFind: (text) =>
    text.includes("input") && (TOOL_LITERAL.test(text) || text.includes("tool_call_id") || text.includes("tool_calls")) && RESPONSES_REQUEST_STEP.test(text),
  check(facts, report) {
    for (const request of facts.responseRequests) {
      for (const message of request.chatToolMessages) {
        report({
          range: message.range,
          message:
            message.kind === "tool-role"
              ? `A \`role: "tool"\` message is rejected in \`responses.${request.method}\` input: send \`{ type: "function_call_output", call_id, output }\``
              : `A \`tool_calls\` array is rejected in \`responses.${request.method}\` input: pass the response's \`function_call\` items (or chain with \`previous_response_id\`)`,
          hover: beforeAfterHover("Tool results are input items in the Responses API.", {
            before: '{ role: "tool", tool_call_id: call.id, content: output }',
            after: '{ type: "function_call_output", call_id: call.call_id, output }',
          }),
        });
      }
    }
  },
};
