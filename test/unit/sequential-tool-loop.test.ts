import { ruleTester } from "./support/ruleTester";
import { inv, invIn } from "./support/cases";

const ASSISTANTS = "the run's tool calls";
const RESPONSES = "the response's function calls";
const CHAT = "the message's tool calls";

ruleTester.run("sequential-tool-loop", {
  valid: [
    // Concurrent.
    "const outputs = await Promise.all(run.required_action.submit_tool_outputs.tool_calls.map((call) => runTool(call)));",
    "const outputs = await Promise.all(message.tool_calls.map(async (call) => ({ tool_call_id: call.id, output: await runTool(call) })));",
    "message.tool_calls.forEach(async (call) => { await runTool(call); });",
    // A loop that starts the work and awaits it afterwards.
    "const pending = [];\nfor (const call of message.tool_calls) pending.push(runTool(call));\nawait Promise.all(pending);",
    // Awaits only inside a nested function, which the loop does not wait for.
    "for (const call of message.tool_calls) {\n  queue.push(async () => { await runTool(call); });\n}",
    // Loops over things that are not tool calls.
    "for (const m of messages.data) { await save(m); }",
    "for (const thread of await forum.threads.list()) { await archive(thread); }",
    "while (run.status === 'queued' || run.status === 'in_progress') {\n  await sleep(1000);\n  run = await openai.beta.threads.runs.retrieve(thread.id, run.id);\n}",
    "for (const item of response.output) {\n  if (item.type === 'message') await render(item);\n}",
    "for (const choice of completion.choices) { await log(choice.message.content); }",
    "for (const call of message.tool_calls) { outputs.push(runSync(call)); }",
    // `map` has already started every call; `for await` only collects them.
    "async function turn(message) {\n  for await (const result of message.tool_calls.map(runTool)) {\n    outputs.push(result);\n  }\n}",
    // Shadowed by a parameter that holds something else.
    "const calls = message.tool_calls;\nasync function replay(calls: Call[]) {\n  for (const c of calls) await run(c);\n}",
    // Comments and strings.
    "// for (const call of message.tool_calls) { await runTool(call); }",
    'const snippet = "for (const call of message.tool_calls) { await runTool(call); }";',
    // Suppressed.
    "async function f() {\n  // responses-migrate-disable-next-line sequential-tool-loop\n  for (const call of message.tool_calls) await runTool(call);\n}",
    "// responses-migrate-disable sequential-tool-loop\nasync function f() {\n  for (const call of message.tool_calls) await runTool(call);\n}",
  ],
  invalid: [
    inv(
      "async function handle(run) {\n  const outputs = [];\n  for (const call of run.required_action.submit_tool_outputs.tool_calls) {\n    outputs.push({ tool_call_id: call.id, output: await runTool(call) });\n  }\n}",
      [3, "for (const call of run.required_action.submit_tool_outputs.tool_calls)", `This loop awaits ${ASSISTANTS} one at a time: run them concurrently with a cap (p-limit, default 3)`],
    ),
    inv(
      "async function handle(run) {\n  const toolCalls = run.required_action?.submit_tool_outputs?.tool_calls ?? [];\n  for (let i = 0; i < toolCalls.length; i++) {\n    outputs.push(await runTool(toolCalls[i]));\n  }\n}",
      [3, "for (let i = 0; i < toolCalls.length; i++)", ASSISTANTS],
    ),
    inv(
      "async function handle(run) {\n  const { tool_calls } = run.required_action.submit_tool_outputs;\n  for (const c of tool_calls) await runTool(c);\n}",
      [3, "for (const c of tool_calls)", ASSISTANTS],
    ),
    inv(
      "async function handle(message) {\n  for (const toolCall of message.tool_calls) {\n    const fn = functions[toolCall.function.name];\n    const result = await fn(JSON.parse(toolCall.function.arguments));\n    messages.push({ role: 'tool', tool_call_id: toolCall.id, content: JSON.stringify(result) });\n  }\n}",
      [2, "for (const toolCall of message.tool_calls)", CHAT],
    ),
    inv(
      "async function handle() {\n  const responseMessage = completion.choices[0].message;\n  if (responseMessage.tool_calls) {\n    for (const toolCall of responseMessage.tool_calls) { await call(toolCall); }\n  }\n}",
      [4, "for (const toolCall of responseMessage.tool_calls)", CHAT],
    ),
    inv(
      "async function turn() {\n  const response = await client.responses.create({ model, input, tools });\n  for (const item of response.output) {\n    if (item.type === 'function_call') input.push({ type: 'function_call_output', call_id: item.call_id, output: await runTool(item) });\n  }\n}",
      [3, "for (const item of response.output)", RESPONSES],
    ),
    inv(
      "async function turn(response) {\n  const calls = response.output.filter((item) => item.type === 'function_call');\n  for (const call of calls) {\n    input.push(await runTool(call));\n  }\n}",
      [3, "for (const call of calls)", RESPONSES],
    ),
    inv(
      "async function turn(calls: ResponseFunctionToolCall[]) {\n  for (const call of calls) await runTool(call);\n}",
      [2, "for (const call of calls)", RESPONSES],
    ),
    inv(
      "async function turn(calls: RequiredActionFunctionToolCall[]) {\n  let i = 0;\n  while (i < calls.length) {\n    await runTool(calls[i++]);\n  }\n}",
      [3, "while (i < calls.length)", ASSISTANTS],
    ),
    inv(
      "async function turn(calls: ChatCompletionMessageToolCall[]) {\n  do {\n    await runTool(calls.pop());\n  } while (calls.length);\n}",
      [2, "do", CHAT],
    ),
    inv(
      "async function turn(calls: ChatCompletionMessageToolCall[]) {\n  for (const k in calls) {\n    await runTool(calls[k]);\n  }\n}",
      [2, "for (const k in calls)", CHAT],
    ),
    // Nested loops: only the inner walks the tool calls.
    inv(
      "async function turn(choices) {\n  for (const choice of choices) {\n    for (const call of choice.message.tool_calls ?? []) {\n      await runTool(call);\n    }\n  }\n}",
      [3, "for (const call of choice.message.tool_calls ?? [])", CHAT],
    ),
    // An untyped parameter named for tool calls.
    inv("export async function runTools(toolCalls) {\n  for (const toolCall of toolCalls) {\n    await execute(toolCall);\n  }\n}", [2, "for (const toolCall of toolCalls)", CHAT]),
    inv("// after run.required_action\nexport async function runTools(tool_calls, thread) {\n  for (const c of tool_calls) await execute(c);\n}", [3, "for (const c of tool_calls)", ASSISTANTS]),
    inv("export async function runTools(functionCalls) {\n  for (const c of functionCalls) await execute(c);\n}", [2, "for (const c of functionCalls)", RESPONSES]),
    // A name follows scope: `calls` here is not the tool calls of another function.
    inv(
      "async function a(message) {\n  const calls = message.tool_calls;\n  for (const c of calls) await run(c);\n}\nasync function b(db) {\n  const calls = await db.calls.findMany();\n  for (const c of calls) await run(c);\n}",
      [3, "for (const c of calls)"],
    ),
    // Split across lines: the head spans them, through its closing parenthesis.
    {
      code: "async function handle(run) {\n  for (const call of run\n    .required_action\n    .submit_tool_outputs\n    .tool_calls) {\n    await runTool(call);\n  }\n}",
      errors: [{ line: 2, column: 3, endLine: 5, endColumn: 17, messageIncludes: ASSISTANTS }],
    },
    // CRLF and BOM keep positions.
    inv("\uFEFFasync function handle(message) {\r\n  for (const call of message.tool_calls) {\r\n    await runTool(call);\r\n  }\r\n}\r\n", [2, "for (const call of message.tool_calls)"]),
    invIn("handler.js", "module.exports = async function (message) {\n  for (const call of message.tool_calls) await runTool(call);\n};", [2, "for (const call of message.tool_calls)"]),
  ],
});
