// Issue 12: every follower of a value sees through casts, `!`, parentheses, conditionals, `??`, `||`,
// `&&`, `await`, `let`, spreads, `.concat`, destructuring and exported names (engine/typescript/valueFlow.ts).
// One block per rule, each construct once as a finding and once as a look-alike that is none.
import { ruleTester } from "./support/ruleTester";
import { IMPORT, inv } from "./support/cases";

const CHAT_TOOL = '{ type: "function", function: { name: "lookup" } }';
const FLAT_TOOL = '{ type: "function", name: "flat", parameters: {} }';
const CHAT_TOOLS = `const CHAT_TOOLS = [${CHAT_TOOL}];\n`;
const FLAT_TOOLS = `const FLAT_TOOLS = [${FLAT_TOOL}];\n`;
/** A request on line 4 (after IMPORT and one declaration) whose tools are `tools`. */
const toolsRequest = (declarations: string, tools: string) => `${IMPORT}${declarations}await openai.responses.create({ model, input, tools: ${tools} });`;

ruleTester.run("chat-tool-shape", {
  valid: [
    toolsRequest(FLAT_TOOLS, "FLAT_TOOLS as any"),
    toolsRequest(FLAT_TOOLS, "useA ? FLAT_TOOLS : [...FLAT_TOOLS]"),
    toolsRequest(FLAT_TOOLS, "custom ?? FLAT_TOOLS"),
    // The left of `&&` is the value only when falsy, and no falsy value is a tool list.
    toolsRequest(CHAT_TOOLS, "CHAT_TOOLS.length > 0 && []"),
    toolsRequest(FLAT_TOOLS, "FLAT_TOOLS.concat([{ type: \"web_search\" }])"),
    // The Chat tools reach only Chat Completions, whatever they pass through.
    `${IMPORT}${CHAT_TOOLS}const tools = (flag ? CHAT_TOOLS : []) as any;\nawait openai.chat.completions.create({ model, messages, tools });`,
    // A name reassigned to flat tools before the request still may hold only what it is assigned.
    `${IMPORT}let tools = [${FLAT_TOOL}];\ntools = [...tools, ${FLAT_TOOL}];\nawait openai.responses.create({ model, input, tools });`,
    `${IMPORT}const AGENT = { tools: [${FLAT_TOOL}], legacy: [${CHAT_TOOL}] };\nconst { tools } = AGENT;\nawait openai.responses.create({ model, input, tools });`,
  ],
  invalid: [
    inv(toolsRequest(CHAT_TOOLS, "CHAT_TOOLS as any"), [3, CHAT_TOOL, "`lookup`"]),
    inv(toolsRequest(CHAT_TOOLS, "CHAT_TOOLS satisfies unknown[]"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS, "<any[]>CHAT_TOOLS"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS, "CHAT_TOOLS!"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS, "((CHAT_TOOLS))"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS + FLAT_TOOLS, "legacy ? CHAT_TOOLS : FLAT_TOOLS"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS, "custom ?? CHAT_TOOLS"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS, "custom || CHAT_TOOLS"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS, "enabled && CHAT_TOOLS"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS, "await CHAT_TOOLS"), [3, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS, `[...CHAT_TOOLS, ${FLAT_TOOL}]`), [3, CHAT_TOOL]),
    inv(toolsRequest(FLAT_TOOLS, `FLAT_TOOLS.concat(${CHAT_TOOL})`), [4, CHAT_TOOL]),
    inv(toolsRequest(CHAT_TOOLS + FLAT_TOOLS, "FLAT_TOOLS.concat(CHAT_TOOLS)"), [3, CHAT_TOOL]),
    // A tool chosen per element.
    inv(toolsRequest("", `[flag ? ${CHAT_TOOL} : ${FLAT_TOOL}]`), [3, CHAT_TOOL]),
    // let, assigned once, at its declaration or later.
    inv(`${IMPORT}let tools = [${CHAT_TOOL}];\nawait openai.responses.create({ model, input, tools });`, [3, CHAT_TOOL]),
    inv(`${IMPORT}let tools;\ntools = [${CHAT_TOOL}];\nawait openai.responses.create({ model, input, tools });`, [4, CHAT_TOOL]),
    // Destructured, renamed, or read as a property of a const object.
    inv(`${IMPORT}const AGENT = { model: "gpt-5", tools: [${CHAT_TOOL}] };\nconst { tools } = AGENT;\nawait openai.responses.create({ model, input, tools });`, [3, CHAT_TOOL]),
    inv(`${IMPORT}const AGENT = { model: "gpt-5", tools: [${CHAT_TOOL}] };\nconst { tools: agentTools } = AGENT;\nawait openai.responses.create({ model, input, tools: agentTools });`, [3, CHAT_TOOL]),
    inv(`${IMPORT}const AGENT = { model: "gpt-5", tools: [${CHAT_TOOL}] } as const;\nawait openai.responses.create({ model: AGENT.model, input, tools: AGENT.tools as any });`, [3, CHAT_TOOL]),
    inv(`${IMPORT}${CHAT_TOOLS}export async function ask(options: { tools?: unknown[] }) {\n  const { tools = CHAT_TOOLS } = options;\n  return openai.responses.create({ model, input, tools });\n}`, [3, CHAT_TOOL]),
    // Exported, then used in the same file.
    inv(`${IMPORT}export const TOOLS = [${CHAT_TOOL}];\nexport { TOOLS as AGENT_TOOLS };\nawait openai.responses.create({ model, input, tools: TOOLS });`, [3, CHAT_TOOL]),
    // The options object itself chosen by a conditional: every branch's tools are read.
    inv(`${IMPORT}const options = streaming ? { model, input, tools: [${FLAT_TOOL}] } : { model, input, tools: [${CHAT_TOOL}] };\nawait openai.responses.create(options as any);`, [3, CHAT_TOOL]),
  ],
});

const TOOL_MESSAGE = '{ role: "tool", tool_call_id: id, content }';
const inputRequest = (declarations: string, input: string) => `${IMPORT}${declarations}await openai.responses.create({ model, input: ${input} });`;

ruleTester.run("chat-tool-messages", {
  valid: [
    inputRequest('const history = [{ type: "function_call_output", call_id, output }];\n', "history as any"),
    inputRequest('const history = [{ role: "user", content: q }];\n', "resume ? [...history, next] : history"),
    `${IMPORT}const messages = [${TOOL_MESSAGE}];\nawait openai.chat.completions.create({ model, messages: (messages as any) ?? [] });`,
  ],
  invalid: [
    inv(inputRequest(`const history = [${TOOL_MESSAGE}];\n`, "history as any"), [3, TOOL_MESSAGE, 'A `role: "tool"` message']),
    inv(inputRequest(`const history = [${TOOL_MESSAGE}];\n`, "resume ? history : [next]"), [3, TOOL_MESSAGE]),
    inv(inputRequest(`const history = [${TOOL_MESSAGE}];\n`, "previous ?? history"), [3, TOOL_MESSAGE]),
    inv(inputRequest(`const history = [${TOOL_MESSAGE}];\n`, "[...history!, next]"), [3, TOOL_MESSAGE]),
    inv(inputRequest("const history = [];\n", `history.concat([${TOOL_MESSAGE}])`), [4, TOOL_MESSAGE]),
    inv(`${IMPORT}let input = [{ role: "user", content: q }];\ninput = [...input, ${TOOL_MESSAGE}];\nawait openai.responses.create({ model, input });`, [4, TOOL_MESSAGE]),
    inv(`${IMPORT}const turn = { input: [${TOOL_MESSAGE}] };\nconst { input } = turn;\nawait openai.responses.create({ model, input });`, [3, TOOL_MESSAGE]),
  ],
});

const ASSISTANTS = "the run's tool calls";
const CHAT = "the message's tool calls";
const loop = (declaration: string, collection: string) => `async function handle(run, other, message) {\n  ${declaration}\n  for (const call of ${collection}) {\n    await runTool(call);\n  }\n}`;

ruleTester.run("sequential-tool-loop", {
  valid: [
    loop("const items = isOpenAI ? files : other.files;", "items"),
    loop("let items = files ?? [];", "items as any[]"),
    loop("const { data } = await openai.files.list();", "data!"),
    loop("const calls = message.tool_calls && message.tool_calls.length;", "[]"),
  ],
  invalid: [
    // The line.
    inv(loop("const calls = isOpenAI ? run.required_action.submit_tool_outputs.tool_calls : other.toolCalls;", "calls"), [3, "for (const call of calls)", ASSISTANTS]),
    inv(loop("const calls = other.items ?? message.tool_calls;", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("const calls = cached || message.tool_calls;", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("const calls = message && message.tool_calls;", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("const calls = run.required_action!.submit_tool_outputs.tool_calls as ToolCall[];", "calls"), [3, "for (const call of calls)", ASSISTANTS]),
    inv(loop("const calls = <any>message.tool_calls;", "(calls satisfies unknown[])"), [3, "for (const call of (calls satisfies unknown[]))", CHAT]),
    inv(loop("const calls = (await ready, message.tool_calls);", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("const calls = await (message.tool_calls);", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("let calls = message.tool_calls;", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("let calls; calls = message.tool_calls;", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("const calls = [...message.tool_calls, ...extra];", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("const calls = extra.concat(message.tool_calls);", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("const { tool_calls: calls } = message;", "calls"), [3, "for (const call of calls)", CHAT]),
    inv(loop("const turn = { calls: run.required_action.submit_tool_outputs.tool_calls };", "turn.calls"), [3, "for (const call of turn.calls)", ASSISTANTS]),
  ],
});

ruleTester.run("unbounded-tool-concurrency", {
  valid: [
    "const items = isOpenAI ? files : other.files;\nawait Promise.all(items.map((f) => upload(f)));",
    'import pLimit from "p-limit";\nconst limit = pLimit(3);\nconst calls = isOpenAI ? message.tool_calls : other.toolCalls;\nawait Promise.all((calls as any[]).map((call) => limit(() => runTool(call))));',
  ],
  invalid: [
    inv("const calls = isOpenAI ? run.required_action.submit_tool_outputs.tool_calls : other.toolCalls;\nawait Promise.all(calls.map((call) => runTool(call)));", [2, "Promise.all", ASSISTANTS]),
    inv("await Promise.all((message.tool_calls as any[]).map((call) => runTool(call)));", [1, "Promise.all", CHAT]),
    inv("await Promise.all(message.tool_calls!.map((call) => runTool(call)));", [1, "Promise.all", CHAT]),
    inv("await Promise.all((message.tool_calls ?? []).map((call) => runTool(call)));", [1, "Promise.all", CHAT]),
    inv("await Promise.all([...message.tool_calls, ...more].map((call) => runTool(call)));", [1, "Promise.all", CHAT]),
    inv("await Promise.all(more.concat(message.tool_calls).map((call) => runTool(call)));", [1, "Promise.all", CHAT]),
    inv("let pending = message.tool_calls.map((call) => runTool(call));\nawait Promise.all(pending as Promise<string>[]);", [2, "Promise.all", CHAT]),
    inv("const pending = ready ? message.tool_calls.map((call) => runTool(call)) : [];\nawait Promise.all(pending);", [2, "Promise.all", CHAT]),
    inv("const { tool_calls } = message;\n(tool_calls as any[]).forEach(async (call) => { await runTool(call); });", [2, "(tool_calls as any[]).forEach", CHAT]),
  ],
});

const RUNS_CREATE = "`beta.threads.runs.createAndPoll` no longer works";

ruleTester.run("no-assistants-api", {
  valid: [
    "const threads = isForum ? forum.threads : board.threads;\nawait threads.create({ title });",
    "const runs = ci.runs ?? other.runs;\nawait runs.cancel(id);",
    "let threads = (db.threads as any);\nthreads.create();",
    `${IMPORT}const threads = useForum ? forum.threads : openai.chat;\nawait threads.create({ title });`,
  ],
  invalid: [
    inv(`${IMPORT}const runs = useAzure ? azure.beta.threads.runs : openai.beta.threads.runs;\nawait runs.createAndPoll(t, { assistant_id });`, [4, "runs.createAndPoll", RUNS_CREATE]),
    inv(`${IMPORT}const runs = injected ?? openai.beta.threads.runs;\nawait runs.createAndPoll(t, { assistant_id });`, [4, "runs.createAndPoll", RUNS_CREATE]),
    inv(`${IMPORT}const runs = injected || openai.beta.threads.runs;\nawait runs.createAndPoll(t, { assistant_id });`, [4, "runs.createAndPoll", RUNS_CREATE]),
    inv(`${IMPORT}let runs;\nruns = ready && openai.beta.threads.runs;\nawait runs.createAndPoll(t, { assistant_id });`, [5, "runs.createAndPoll", RUNS_CREATE]),
    inv(`${IMPORT}const runs = (openai.beta.threads as any).runs!;\nawait runs.createAndPoll(t, { assistant_id });`, [4, "runs.createAndPoll", RUNS_CREATE]),
    inv(`${IMPORT}const runs = <Runs>openai.beta.threads.runs;\nawait runs.createAndPoll(t, { assistant_id });`, [4, "runs.createAndPoll", RUNS_CREATE]),
    inv(`${IMPORT}const runs = openai.beta.threads.runs satisfies object;\nawait runs.createAndPoll(t, { assistant_id });`, [4, "runs.createAndPoll", RUNS_CREATE]),
    inv(`${IMPORT}const runs = await openai.beta.threads.runs;\nawait runs.createAndPoll(t, { assistant_id });`, [4, "runs.createAndPoll", RUNS_CREATE]),
    inv(`${IMPORT}const { runs } = region === "eu" ? eu.beta.threads : openai.beta.threads;\nawait runs.createAndPoll(t, { assistant_id });`, [4, "runs.createAndPoll", RUNS_CREATE]),
    // The client itself chosen by a conditional, then aliased.
    inv('import OpenAI, { AzureOpenAI } from "openai";\nconst client = useAzure ? new AzureOpenAI() : new OpenAI();\nconst { threads } = client.beta;\nawait threads.create();', [4, "threads.create", "`beta.threads.create` no longer works"]),
    inv('import OpenAI from "openai";\nclass Bot {\n  private ai;\n  constructor(injected?: OpenAI) { this.ai = injected ?? new OpenAI(); }\n  start() { return this.ai.beta.threads.create(); }\n}', [5, "this.ai.beta.threads.create"]),
    inv(`${IMPORT}export const assistants = openai.beta.assistants;\nexport { assistants as assistantApi };\nawait assistants.list();`, [5, "assistants.list", "`beta.assistants.list` no longer works"]),
  ],
});
