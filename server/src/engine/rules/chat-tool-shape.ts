/**
 * chat-tool-shape
 *
 * What: a Chat Completions / Assistants shaped function tool, `{ type: "function", function: { name,
 * description, parameters } }`, passed to `responses.create` or `responses.stream`, inline or through
 * a const in the same file.
 *
 * Why: Responses function tools are flat, `{ type: "function", name, description, parameters }`;
 * the nested shape is rejected with a 400.
 *
 * Example:
 *   tools: [{ type: "function", function: { name: "lookup", parameters } }]
 *
 * Fix: lift the `function` object's fields into the tool: `{ type: "function", name: "lookup", parameters }`.
 */
import type { Rule } from "./rule";
import { FUNCTION_LITERAL, RESPONSES_REQUEST_STEP } from "./triggers";
import { beforeAfterHover } from "./hover";

export const chatToolShape: Rule = {
  id: "chat-tool-shape",
  defaultSeverity: "error",
  summary: "A Chat-shaped function tool passed to the Responses API, which rejects it.",
  deprecated: false,
  triggers: ["responses"],
  mayFind: (text) => text.includes("tools") && FUNCTION_LITERAL.test(text) && RESPONSES_REQUEST_STEP.test(text),
  check(facts, report) {
    for (const request of facts.responseRequests) {
      for (const tool of request.chatShapedTools) {
        const name = tool.name ? ` \`${tool.name}\`` : "";
        report({
          range: tool.range,
          message: `Function tool${name} has the Chat Completions shape, which \`responses.${request.method}\` rejects: move \`name\`, \`description\` and \`parameters\` up out of \`function\``,
          hover: beforeAfterHover("Responses function tools are flat.", {
            before: '{ type: "function", function: { name, description, parameters } }',
            after: '{ type: "function", name, description, parameters }',
          }),
        });
      }
    }
  },
};
