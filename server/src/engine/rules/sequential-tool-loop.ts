/**
 * sequential-tool-loop
 *
 * What: a loop over the tool calls a model asked for (Assistants `required_action` tool calls,
 * Responses `function_call` output items, Chat Completions `message.tool_calls`) whose body awaits
 * each tool in turn.
 *
 * Why: the model asks for several calls at once so they can run together; awaiting them one by one
 * adds every tool's latency to the turn.
 *
 * Example:
 *   for (const call of response.output.filter((item) => item.type === "function_call")) {
 *     outputs.push(await runTool(call));
 *   }
 *
 * Fix: run them concurrently with a cap: `await Promise.all(calls.map((call) => limit(() => runTool(call))))`
 * with `const limit = pLimit(3)`, so a rate-limited downstream is not flooded.
 */
import type { Rule } from "./rule";
import { beforeAfterHover } from "./hover";
import { TOOL_CALL_SOURCE_NAMES } from "./toolCallSources";

export const sequentialToolLoop: Rule = {
  id: "sequential-tool-loop",
  defaultSeverity: "warning",
  summary: "A loop awaits the model's tool calls one at a time.",
  deprecated: false,
  // Typed parameters (`calls: ResponseFunctionToolCall[]`) and `toolCalls` properties name no other trigger.
  triggers: ["tool_calls", "function_call", "ToolCall", "toolCalls", "functionCalls"],
  check(facts, report) {
    for (const loop of facts.toolLoops) {
      if (!loop.awaitsInBody) continue;
      report({
        range: loop.headRange,
        message: `This loop awaits ${TOOL_CALL_SOURCE_NAMES[loop.source]} one at a time: run them concurrently with a cap (p-limit, default 3)`,
        hover: beforeAfterHover("Tool calls the model asks for together can run together, with a concurrency cap.", {
          before: "for (const call of calls) outputs.push(await runTool(call));",
          after: "const outputs = await Promise.all(calls.map((call) => limit(() => runTool(call))));",
        }),
      });
    }
  },
};
