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
 * Python: an `async` loop that awaits each call, and a synchronous loop that calls a tool function
 * per call (each blocks the next), are both reported; the fixes use `asyncio.gather` with an
 * `asyncio.Semaphore(N)` and `ThreadPoolExecutor(max_workers=N)`.
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
    const python = facts.language === "python";
    for (const loop of facts.toolLoops) {
      if (!loop.awaitsInBody && !loop.callsToolInBody) continue;
      const calls = TOOL_CALL_SOURCE_NAMES[loop.source];
      report({
        range: loop.headRange,
        message: loop.awaitsInBody
          ? `This loop awaits ${calls} one at a time: run them concurrently with a cap (${python ? "asyncio.gather with an asyncio.Semaphore" : "p-limit"}, default 3)`
          : `This loop runs ${calls} one after another, each blocking the next: run them together with a cap (concurrent.futures.ThreadPoolExecutor, default 3 workers)`,
        hover: beforeAfterHover("Tool calls the model asks for together can run together, with a concurrency cap.", {
          before: "for (const call of calls) outputs.push(await runTool(call));",
          after: "const outputs = await Promise.all(calls.map((call) => limit(() => runTool(call))));",
        }),
      });
    }
  },
};
