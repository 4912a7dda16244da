import { ruleTester, type InvalidCase } from "./support/ruleTester";
import { on } from "./support/ranges";

/** An invalid case whose errors are given as [line, flagged text, message fragment?]. */
function inv(code: string, ...errors: Array<[number, string, string?]>): InvalidCase {
  return { code, errors: errors.map(([line, snippet, messageIncludes]) => on(code, line, snippet, messageIncludes ? { messageIncludes } : {})) };
}
function invIn(filename: string, code: string, ...errors: Array<[number, string, string?]>): InvalidCase {
  return { ...inv(code, ...errors), filename };
}

const IMPORT = 'import OpenAI from "openai";\nconst openai = new OpenAI();\n';

// Every method of the deprecated Node surface (openai-api-facts.md), v4 `del` included.
const SURFACE: Record<string, string[]> = {
  "beta.assistants": ["create", "retrieve", "update", "list", "delete", "del"],
  "beta.threads": ["create", "retrieve", "update", "delete", "del", "createAndRun", "createAndRunPoll", "createAndRunStream"],
  "beta.threads.messages": ["create", "retrieve", "update", "list", "delete", "del"],
  "beta.threads.runs": ["create", "createAndPoll", "createAndStream", "retrieve", "update", "list", "cancel", "poll", "stream", "submitToolOutputs", "submitToolOutputsAndPoll", "submitToolOutputsStream"],
  "beta.threads.runs.steps": ["retrieve", "list"],
};

const surfaceCases: InvalidCase[] = Object.entries(SURFACE).flatMap(([resource, methods]) =>
  methods.map((method) => {
    const code = `${IMPORT}await openai.${resource}.${method}("x", {});\n`;
    const name = `${resource}.${method === "del" ? "delete" : method}`;
    return { ...inv(code, [3, `openai.${resource}.${method}`, "no longer works (Assistants API shut down 2026-08-26)"]), name: `surface: ${resource}.${method} (${name})` };
  }),
);

ruleTester.run("no-assistants-api", {
  valid: [
    // Look-alikes from libraries that also say threads, runs or assistant_id.
    "forum.threads.create({ title });",
    "await gmail.users.threads.list({ userId: 'me' });",
    "const gmail = google.gmail({ version: 'v1', auth });\nawait gmail.users.threads.get({ userId: 'me', id });",
    'import { Client } from "@langchain/langgraph-sdk";\nconst client = new Client({ apiUrl });\nconst thread = await client.threads.create();\nfor await (const chunk of client.runs.stream(thread.thread_id, assistantId, { input })) {}',
    'import { Client } from "@langchain/langgraph-sdk";\nconst client = new Client();\nawait client.assistants.search({ graphId: "agent" });\nawait client.runs.wait(null, assistantId, { input });',
    "const job = { assistant_id: 'asst_123', thread_id: 'thread_1' };\nsave(job.assistant_id);",
    'import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.chat.completions.create({ model, messages });',
    'import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.responses.create({ model, input });\nawait openai.conversations.create();',
    'import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.vectorStores.create({ name });',
    'import OpenAI from "openai";\nconst openai = new OpenAI();\nconst threads = await db.threads.findMany();\nthreads.map((t) => t.id);',
    "slack.conversations.replies({ channel, ts });\ndiscord.threads.create({ name });\nthis.threads.create(x);",
    "const runs = await ci.runs.list();\nruns.cancel(id);",
    // A parameter shadows an outer alias.
    'import OpenAI from "openai";\nconst openai = new OpenAI();\nconst threads = openai.beta.threads;\nexport function post(threads) {\n  return threads.create({ title });\n}',
    'import OpenAI from "openai";\nconst openai = new OpenAI();\nconst threads = openai.beta.threads;\nfor (const threads of boards) threads.create();\ntry {} catch (threads) { threads.create(); }',
    // Text that only mentions the API.
    "// await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id });",
    "/* openai.beta.assistants.create({ model }) */",
    'const doc = "openai.beta.threads.create()";',
    "const doc = `Call ${name}.beta.threads.create() to start`;",
    "/**\n * @example\n * await client.beta.threads.messages.list(threadId);\n */\nexport function f() {}",
    // A bare reference is not a call.
    'import OpenAI from "openai";\nconst openai = new OpenAI();\nconst ok = typeof openai.beta === "object";',
    // Suppressed.
    'import OpenAI from "openai";\nconst openai = new OpenAI();\n// responses-migrate-disable-next-line no-assistants-api\nawait openai.beta.threads.create();',
    'import OpenAI from "openai";\nconst openai = new OpenAI();\n// responses-migrate-disable-next-line sequential-tool-loop, no-assistants-api\nawait openai.beta.threads.create();',
    'import OpenAI from "openai";\nconst openai = new OpenAI();\n// responses-migrate-disable-next-line\nawait openai.beta.threads.create();',
    '// responses-migrate-disable no-assistants-api\nimport OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.beta.threads.create();\nawait openai.beta.assistants.list();',
    'import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.beta.threads.create();\n// responses-migrate-disable',
    // Not JS/TS at all.
    { code: "openai.beta.threads.create()", filename: "notes.md" },
    { code: "openai.beta.threads.create()", filename: "types.d.ts" },
  ],
  invalid: [
    ...surfaceCases,
    inv(`${IMPORT}const run = await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id });\n`, [3, "openai.beta.threads.runs.createAndPoll", "`beta.threads.runs.createAndPoll` no longer works (Assistants API shut down 2026-08-26): use `responses.create`"]),
    // Import forms.
    inv('import OAI from "openai";\nconst ai = new OAI();\nai.beta.threads.create();', [3, "ai.beta.threads.create"]),
    inv('import { OpenAI } from "openai";\nconst ai = new OpenAI({ apiKey });\nai.beta.assistants.create({ model });', [3, "ai.beta.assistants.create"]),
    inv('import { OpenAI as Client } from "openai";\nconst ai = new Client();\nai.beta.assistants.list();', [3, "ai.beta.assistants.list"]),
    inv('import * as oai from "openai";\nconst ai = new oai.OpenAI();\nai.beta.threads.messages.create(t, { role: "user", content });', [3, "ai.beta.threads.messages.create"]),
    inv('import * as oai from "openai";\nconst ai = new oai.default();\nai.beta.threads.messages.create(t, { role: "user", content });', [3, "ai.beta.threads.messages.create"]),
    inv('import { AzureOpenAI } from "openai";\nconst azure = new AzureOpenAI({ endpoint, apiVersion });\nawait azure.beta.threads.runs.create(t, { assistant_id });', [3, "azure.beta.threads.runs.create"]),
    inv('import OpenAI, { AzureOpenAI as Az } from "openai";\nconst azure = new Az();\nawait azure.beta.threads.runs.list(t);', [3, "azure.beta.threads.runs.list"]),
    invIn("script.cjs", 'const OpenAI = require("openai");\nconst openai = new OpenAI();\nopenai.beta.threads.create().then(console.log);', [3, "openai.beta.threads.create"]),
    invIn("script.cjs", 'const { OpenAI } = require("openai");\nconst openai = new OpenAI();\nopenai.beta.threads.create();', [3, "openai.beta.threads.create"]),
    invIn("script.js", 'const OpenAI = require("openai").default;\nconst openai = new OpenAI();\nopenai.beta.threads.create();', [3, "openai.beta.threads.create"]),
    invIn("script.js", 'const openai = new (require("openai"))();\nopenai.beta.threads.create();', [2, "openai.beta.threads.create"]),
    invIn("script.js", 'const openai = new (require("openai").OpenAI)({ apiKey });\nopenai.beta.threads.create();', [2, "openai.beta.threads.create"]),
    inv('import OpenAI = require("openai");\nconst openai = new OpenAI();\nopenai.beta.threads.create();', [3, "openai.beta.threads.create"]),
    // Classes.
    inv('import OpenAI from "openai";\nclass Bot {\n  private ai = new OpenAI();\n  async start() {\n    return this.ai.beta.threads.create();\n  }\n}', [5, "this.ai.beta.threads.create"]),
    inv('import OpenAI from "openai";\nclass Bot {\n  ai: OpenAI;\n  constructor() { this.ai = new OpenAI(); }\n  run() { return this.ai.beta.threads.runs.create(t, {}); }\n}', [5, "this.ai.beta.threads.runs.create"]),
    inv('import OpenAI from "openai";\nclass Bot {\n  constructor(private readonly client: OpenAI) {}\n  run() { return this.client.beta.threads.runs.create(t, {}); }\n}', [4, "this.client.beta.threads.runs.create"]),
    inv('import OpenAI from "openai";\nclass Bot {\n  private threads;\n  constructor(private client: OpenAI) { this.threads = this.client.beta.threads; }\n  send(t) { return this.threads.messages.create(t, {}); }\n}', [5, "this.threads.messages.create"]),
    inv('import OpenAI from "openai";\nfunction make(client: OpenAI) {\n  return client.beta.assistants.retrieve(id);\n}', [3, "client.beta.assistants.retrieve"]),
    inv('import OpenAI from "openai";\nconst make = async (client: OpenAI | undefined) => client?.beta.assistants.retrieve(id);', [2, "client?.beta.assistants.retrieve"]),
    inv('import * as oai from "openai";\nfunction make(client: oai.OpenAI) {\n  return client.beta.assistants.retrieve(id);\n}', [3, "client.beta.assistants.retrieve"]),
    // Resource aliases.
    inv(`${IMPORT}const { threads } = openai.beta;\nawait threads.runs.createAndPoll(t, {});\nawait threads.del(t);`, [4, "threads.runs.createAndPoll"], [5, "threads.del", "use `conversations.delete`"]),
    inv(`${IMPORT}const { beta } = openai;\nawait beta.assistants.create({});`, [4, "beta.assistants.create"]),
    inv(`${IMPORT}const runs = openai.beta.threads.runs;\nconst run = await runs.retrieve(runId, { thread_id });`, [4, "runs.retrieve"]),
    inv(`${IMPORT}const { runs, messages: msgs } = openai.beta.threads;\nawait runs.submitToolOutputs(r, {});\nawait msgs.list(t);`, [4, "runs.submitToolOutputs"], [5, "msgs.list"]),
    inv(`${IMPORT}const steps = openai.beta.threads.runs.steps;\nawait steps.list(r, { thread_id });`, [4, "steps.list"]),
    // Aliases follow scope: an unrelated `threads` in one handler does not hide the alias in another.
    inv(
      `${IMPORT}export async function start() {\n  const threads = openai.beta.threads;\n  return threads.create();\n}\nexport async function post(forumApi) {\n  const threads = forumApi.threads;\n  return threads.create({ title });\n}`,
      [5, "threads.create"],
    ),
    inv(
      `${IMPORT}const runs = openai.beta.threads.runs;\nfunction ci(runs) {\n  return runs.cancel(id);\n}\nruns.cancel(runId, { thread_id });`,
      [7, "runs.cancel"],
    ),
    inv(`${IMPORT}let threads;\nthreads = openai.beta.threads;\nthreads.create();`, [5, "threads.create"]),
    // Unknown receivers reaching `.beta.threads` / `.beta.assistants`.
    inv("getClient().beta.threads.create();", [1, "getClient().beta.threads.create"]),
    inv("async function poll() {\n  await (await getClient()).beta.threads.runs.poll(runId, { thread_id });\n}", [2, "(await getClient()).beta.threads.runs.poll"]),
    inv("export async function GET() {\n  const messages = await ctx.openai.beta.threads.messages.list(threadId);\n}", [2, "ctx.openai.beta.threads.messages.list"]),
    inv("deps.ai['beta']['threads'].create();", [1, "deps.ai['beta']['threads'].create"]),
    inv("client!.beta.threads.create();", [1, "client!.beta.threads.create"]),
    inv("(client as any).beta.assistants.create({});", [1, "(client as any).beta.assistants.create"]),
    // Optional chaining, parentheses, await, split lines.
    inv(`${IMPORT}openai?.beta?.threads?.createAndRunPoll({ assistant_id });`, [3, "openai?.beta?.threads?.createAndRunPoll"]),
    inv(`${IMPORT}(openai.beta.threads).runs.cancel(r, { thread_id });`, [3, "(openai.beta.threads).runs.cancel"]),
    {
      code: `${IMPORT}const run = await openai.beta.threads.runs\n  .createAndPoll(thread.id, {\n    assistant_id,\n  });`,
      errors: [{ line: 3, column: 19, endLine: 4, endColumn: 17, messageIncludes: "createAndPoll" }],
    },
    {
      code: `${IMPORT}openai\n  .beta\n  .threads\n  .runs\n  .stream(thread.id, { assistant_id })\n  .on("textDelta", (delta) => process.stdout.write(delta.value));`,
      errors: [{ line: 3, column: 1, endLine: 7, endColumn: 10, messageIncludes: "use `responses.stream`" }],
    },
    // Several calls on one line, and in one expression.
    inv(`${IMPORT}const [a, t] = await Promise.all([openai.beta.assistants.create({}), openai.beta.threads.create()]);`, [3, "openai.beta.assistants.create"], [3, "openai.beta.threads.create"]),
    // A call nested in another call's arguments.
    inv(`${IMPORT}await openai.beta.threads.messages.list((await openai.beta.threads.create()).id);`, [3, "openai.beta.threads.messages.list"], [3, "openai.beta.threads.create"]),
    // Type imports from the Assistants part of the SDK.
    inv('import type { Run } from "openai/resources/beta/threads/runs";', [1, '"openai/resources/beta/threads/runs"']),
    inv('import { AssistantStream } from "openai/lib/AssistantStream";', [1, '"openai/lib/AssistantStream"']),
    inv('import type { Assistant } from "openai/resources/beta/assistants";', [1, '"openai/resources/beta/assistants"', "`Assistant` from"]),
    // Suppressions that name other rules, or the wrong line, leave the finding.
    inv(`${IMPORT}// responses-migrate-disable-next-line sequential-tool-loop\nawait openai.beta.threads.create();`, [4, "openai.beta.threads.create"]),
    inv(`${IMPORT}// responses-migrate-disable-next-line no-assistants-api\n\nawait openai.beta.threads.create();`, [5, "openai.beta.threads.create"]),
    inv(`// responses-migrate-disable chat-tool-shape\n${IMPORT}await openai.beta.threads.create();`, [4, "openai.beta.threads.create"]),
    // Only the suppressed line is spared.
    inv(`${IMPORT}// responses-migrate-disable-next-line no-assistants-api\nawait openai.beta.threads.create();\nawait openai.beta.threads.create();`, [5, "openai.beta.threads.create"]),
    // BOM and CRLF keep exact positions.
    inv(`\uFEFF${IMPORT}await openai.beta.threads.create();`, [3, "openai.beta.threads.create"]),
    inv('import OpenAI from "openai";\r\nconst openai = new OpenAI();\r\n\r\n  await openai.beta.threads.runs.createAndPoll(t, {});\r\n', [4, "openai.beta.threads.runs.createAndPoll"]),
    inv('\uFEFFimport OpenAI from "openai";\r\nconst openai = new OpenAI();\r\nawait openai.beta.threads.create(); await openai.beta.assistants.list();\r\n', [3, "openai.beta.threads.create"], [3, "openai.beta.assistants.list"]),
    {
      code: 'import OpenAI from "openai";\r\nconst openai = new OpenAI();\r\nopenai.beta.threads.runs\r\n  .stream(t, {});',
      errors: [{ line: 3, column: 1, endLine: 4, endColumn: 10 }],
    },
    // Every supported extension, including JSX.
    invIn("page.tsx", `${IMPORT}export default function Page() {\n  return <button onClick={() => openai.beta.threads.create()}>New</button>;\n}`, [4, "openai.beta.threads.create"]),
    invIn("page.jsx", `${IMPORT}export default function Page() {\n  return <button onClick={() => openai.beta.threads.create()}>New</button>;\n}`, [4, "openai.beta.threads.create"]),
    invIn("route.mts", `${IMPORT}await openai.beta.threads.create();`, [3, "openai.beta.threads.create"]),
    invIn("route.cts", `${IMPORT}openai.beta.threads.create();`, [3, "openai.beta.threads.create"]),
    invIn("route.mjs", `${IMPORT}await openai.beta.threads.create();`, [3, "openai.beta.threads.create"]),
  ],
});
