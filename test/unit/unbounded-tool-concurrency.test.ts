import { ruleTester } from "./support/ruleTester";
import { inv } from "./support/cases";

ruleTester.run("unbounded-tool-concurrency", {
  valid: [
    // Capped with p-limit, p-map's concurrency or a semaphore.
    'import pLimit from "p-limit";\nconst limit = pLimit(3);\nawait Promise.all(message.tool_calls.map((call) => limit(() => runTool(call))));',
    'import pLimit from "p-limit";\nconst cap = pLimit(3);\nawait Promise.all(message.tool_calls.map((call) => cap(() => runTool(call))));',
    "await Promise.all(message.tool_calls.map(async (call) => {\n  await semaphore.acquire();\n  try { return await runTool(call); } finally { semaphore.release(); }\n}));",
    "const queue = new PQueue({ concurrency: 2 });\nawait Promise.all(message.tool_calls.map((call) => queue.add(() => runTool(call))));",
    // Not tool calls.
    "await Promise.all(files.map((file) => upload(file)));",
    "await Promise.all(messages.data.map((m) => save(m)));",
    "items.forEach(async (item) => { await save(item); });",
    // A plain forEach does not start async work.
    "message.tool_calls.forEach((call) => names.push(call.function.name));",
    // Sequential loops are another rule's business.
    "for (const call of message.tool_calls) await runTool(call);",
    "// await Promise.all(message.tool_calls.map(runTool))",
    "// responses-migrate-disable-next-line unbounded-tool-concurrency\nawait Promise.all(message.tool_calls.map((call) => runTool(call)));",
  ],
  invalid: [
    inv(
      "const outputs = await Promise.all(message.tool_calls.map(async (call) => runTool(call)));",
      [1, "Promise.all", "`Promise.all` runs all of the message's tool calls at once: cap the concurrency (p-limit) so rate-limited tools are not flooded"],
    ),
    inv(
      "const toolCalls = run.required_action.submit_tool_outputs.tool_calls;\nconst outputs = await Promise.allSettled(toolCalls.map((c) => runTool(c)));",
      [2, "Promise.allSettled", "the run's tool calls"],
    ),
    inv(
      "const calls = response.output.filter((item) => item.type === 'function_call');\nconst pending = calls.map((c) => runTool(c));\nawait Promise.all(pending);",
      [3, "Promise.all", "the response's function calls"],
    ),
    inv(
      "message.tool_calls.forEach(async (call) => {\n  await runTool(call);\n});",
      [1, "message.tool_calls.forEach", "`forEach(async …)` starts all of the message's tool calls and waits for none"],
    ),
    inv(
      "run.required_action.submit_tool_outputs.tool_calls.forEach(async function (call) { await runTool(call); });",
      [1, "run.required_action.submit_tool_outputs.tool_calls.forEach", "the run's tool calls"],
    ),
    inv(
      "async function handleRequiresAction(event) {\n  const toolCalls = event.data.required_action.submit_tool_outputs.tool_calls;\n  const toolCallOutputs = await Promise.all(\n    toolCalls.map(async (toolCall) => ({ output: await functionCallHandler(toolCall), tool_call_id: toolCall.id })),\n  );\n}",
      [3, "Promise.all", "the run's tool calls"],
    ),
    inv("\uFEFFconst a = 1;\r\nawait Promise.all(message.tool_calls.map(runTool));\r\n", [2, "Promise.all"]),
  ],
});
