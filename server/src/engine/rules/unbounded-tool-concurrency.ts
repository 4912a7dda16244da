/**
 * unbounded-tool-concurrency
 *
 * What: `Promise.all` (or `allSettled`) over the model's tool calls with no concurrency cap, and
 * `calls.forEach(async …)`, which starts every call and waits for none.
 *
 * Why: the model can ask for many calls at once; starting them all together can flood a
 * rate-limited downstream (the seed guide's CRM outage). `forEach(async …)` also lets the turn go on
 * before the outputs exist.
 *
 * Python: `asyncio.gather(*(run_tool(c) for c in calls))` with no `asyncio.Semaphore` (or other
 * limiter) around each call.
 *
 * Example:
 *   const outputs = await Promise.all(calls.map((call) => runTool(call)));
 *
 * Fix: wrap each call in a limiter: `calls.map((call) => limit(() => runTool(call)))` with
 * `const limit = pLimit(3)`; replace `forEach(async …)` with an awaited, capped `Promise.all`.
 */
import type { Rule } from "./rule";
import { beforeAfterHover } from "./hover";
import { TOOL_CALL_SOURCE_NAMES } from "./toolCallSources";

export const unboundedToolConcurrency: Rule = {
  id: "unbounded-tool-concurrency",
  defaultSeverity: "info",
  summary: "Tool calls run all at once with no concurrency cap.",
  deprecated: false,
  // Typed parameters (`calls: ResponseFunctionToolCall[]`) and `toolCalls` properties name no other trigger.
  triggers: ["tool_calls", "function_call", "ToolCall", "toolCalls", "functionCalls"],
  check(facts, report) {
    for (const batch of facts.toolBatches) {
      if (batch.capped) continue;
      const message =
        batch.kind === "asyncio-gather"
          ? `\`asyncio.gather\` runs all of ${TOOL_CALL_SOURCE_NAMES[batch.source]} at once: cap the concurrency (an asyncio.Semaphore) so rate-limited tools are not flooded`
          : batch.kind === "for-each-async"
          ? `\`forEach(async …)\` starts all of ${TOOL_CALL_SOURCE_NAMES[batch.source]} and waits for none: use an awaited Promise.all with a concurrency cap`
          : `\`Promise.all\` runs all of ${TOOL_CALL_SOURCE_NAMES[batch.source]} at once: cap the concurrency (p-limit) so rate-limited tools are not flooded`;
      report({
        range: batch.range,
        message,
        hover: beforeAfterHover("Cap how many tool calls run at once.", {
          before: "await Promise.all(calls.map((call) => runTool(call)));",
          after: "await Promise.all(calls.map((call) => limit(() => runTool(call))));",
        }),
      });
    }
  },
};
