// `beta.assistants.*` rewrites, TypeScript and Python: RuleTester cases for each mapping (exact
// ranges and the output of fix-all), a definition exported from another file of the workspace
// (imported, type-checked together with it), and fix-all run twice.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { ensurePythonParser, findExportedAssistantDefinitions, fixAll } from "../../server/src/engine";
import { ruleTester, type InvalidCase } from "./support/ruleTester";
import { typecheck } from "./support/typecheck";
import { parseAndExtractPython } from "../../server/src/engine/python/extract";
import { assistantFieldsOf } from "../../server/src/engine/python/emit/assistantDefinitions";

const TS_HEAD = 'import OpenAI from "openai";\n\nconst client = new OpenAI();\n';
const STUB = `// TODO(responses-migrate): fill in this assistant definition: copy its model, instructions and tools from the OpenAI dashboard, then delete this line. It replaces the assistant \`ID\`.
const assistantDefinition = {
  model: "gpt-4.1",
  instructions: "",
  tools: [],
};
`;
const UPDATE_TODO = "TODO(responses-migrate): this updated the assistant; move the change into its in-repo definition, then delete this line.";
const DELETE_TODO = "TODO(responses-migrate): this deleted the assistant; delete its in-repo definition instead, then delete this line.";

before(() => ensurePythonParser());

const CASES: InvalidCase[] = [
    {
      name: "retrieve: the definition, with the id asked for",
      code: `${TS_HEAD}const ID = "asst_1";\nexport async function get() {\n  const a = await client.beta.assistants.retrieve(ID);\n  return a.id;\n}\n`,
      errors: [{ line: 6, column: 19, endLine: 6, endColumn: 50, messageIncludes: "`beta.assistants.retrieve` no longer works" }],
      output: `import OpenAI from "openai";\n\n${STUB}\nconst client = new OpenAI();\nconst ID = "asst_1";\nexport async function get() {\n  const a = { ...assistantDefinition, id: ID };\n  return a.id;\n}\n`,
    },
    {
      name: "update as a statement: the patch goes onto the definition, with a TODO",
      code: `${TS_HEAD}const ID = "asst_1";\nexport async function set(policy: string) {\n  await client.beta.assistants.update(ID, { instructions: policy });\n}\n`,
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 38 }],
      output: `import OpenAI from "openai";\n\n${STUB}\nconst client = new OpenAI();\nconst ID = "asst_1";\nexport async function set(policy: string) {\n  // ${UPDATE_TODO}\n  Object.assign(assistantDefinition, { instructions: policy });\n}\n`,
    },
    {
      name: "update as a value: a new object from the definition and the patch, with the id",
      code: `${TS_HEAD}export const helpdeskAssistant = { model: "gpt-4.1", instructions: "Help.", tools: [] };\nexport async function rename(id: string, name: string) {\n  const updated = await client.beta.assistants.update(id, { name });\n  return updated.name;\n}\n`,
      errors: [{ line: 6, column: 25, endLine: 6, endColumn: 54 }],
      output: `${TS_HEAD}export const helpdeskAssistant = { model: "gpt-4.1", instructions: "Help.", tools: [] };\nexport async function rename(id: string, name: string) {\n  // ${UPDATE_TODO}\n  const updated = { ...helpdeskAssistant, ...{ name }, id: id };\n  return updated.name;\n}\n`,
    },
    {
      name: "list: the in-repo definitions as a page",
      code: `${TS_HEAD}export const helpdeskAssistant = { model: "gpt-4.1", instructions: "Help.", tools: [] };\nexport async function ids() {\n  return (await client.beta.assistants.list()).data.map((a) => a.id);\n}\n`,
      errors: [{ line: 6, column: 17, endLine: 6, endColumn: 44 }],
      output: `${TS_HEAD}export const helpdeskAssistant = { model: "gpt-4.1", instructions: "Help.", tools: [] };\nexport async function ids() {\n  return ({ data: [{ ...helpdeskAssistant, id: "helpdeskAssistant" }] }).data.map((a) => a.id);\n}\n`,
    },
    {
      name: "del as a statement goes, its TODO stays; as a value it is a neutral deletion result",
      code: `${TS_HEAD}export async function drop(id: string) {\n  await client.beta.assistants.del(id);\n}\nexport function later(id: string) {\n  return client.beta.assistants.delete(id);\n}\n`,
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 35 },
        { line: 8, column: 10, endLine: 8, endColumn: 39 },
      ],
      output: `${TS_HEAD}export async function drop(id: string) {\n  // ${DELETE_TODO}\n}\nexport function later(id: string) {\n  // ${DELETE_TODO}\n  return Promise.resolve({ id: id, object: "assistant.deleted" as const, deleted: true });\n}\n`,
    },
    {
      name: "create, destructured or returned: the definition in place, with an id where one is read",
      code: `${TS_HEAD}export async function setup(name: string) {\n  const { id } = await client.beta.assistants.create({ name, model: "gpt-4.1", instructions: "Tutor." });\n  console.log("ASSISTANT_ID=" + id);\n}\nexport function make() {\n  return client.beta.assistants.create({ model: "gpt-4.1" });\n}\n`,
      errors: [
        { line: 5, column: 24, endLine: 5, endColumn: 53 },
        { line: 9, column: 10, endLine: 9, endColumn: 39 },
      ],
      output: `${TS_HEAD}export async function setup(name: string) {\n  const assistantDefinition = {\n    name,\n    model: "gpt-4.1",\n    instructions: "Tutor.",\n    tools: [],\n    id: name,\n  };\n  const { id } = assistantDefinition;\n  console.log("ASSISTANT_ID=" + id);\n}\nexport function make() {\n  return Promise.resolve({\n    model: "gpt-4.1",\n    instructions: "",\n    tools: [],\n  });\n}\n`,
    },
    {
      name: "Python: retrieve, update and delete",
      filename: "admin.py",
      code: 'from openai import OpenAI\n\nclient = OpenAI()\nSUPPORT = {"model": "gpt-4.1", "instructions": "Help."}\n\n\ndef show(assistant_id):\n    a = client.beta.assistants.retrieve(assistant_id)\n    client.beta.assistants.update(assistant_id, instructions="Help more.")\n    client.beta.assistants.delete(assistant_id)\n    return a.id\n',
      errors: [
        { line: 8, column: 9, endLine: 8, endColumn: 40 },
        { line: 9, column: 5, endLine: 9, endColumn: 34 },
        { line: 10, column: 5, endLine: 10, endColumn: 34 },
      ],
      output: `from openai import OpenAI\nfrom types import SimpleNamespace\n\nclient = OpenAI()\nSUPPORT = {"model": "gpt-4.1", "instructions": "Help."}\n\n\ndef show(assistant_id):\n    a = SimpleNamespace(**SUPPORT, id=assistant_id)\n    # ${UPDATE_TODO}\n    SUPPORT.update(instructions="Help more.")\n    # ${DELETE_TODO}\n    return a.id\n`,
    },
    {
      name: "Python: a list read at once is a plain list; iterated, too",
      filename: "admin.py",
      code: 'from openai import OpenAI\n\nclient = OpenAI()\nSUPPORT = {"model": "gpt-4.1", "instructions": "Help."}\nnames = [a.name for a in client.beta.assistants.list().data]\nfor a in client.beta.assistants.list():\n    print(a.id)\n',
      errors: [
        { line: 5, column: 26, endLine: 5, endColumn: 53 },
        { line: 6, column: 10, endLine: 6, endColumn: 37 },
      ],
      output: 'from openai import OpenAI\nfrom types import SimpleNamespace\n\nclient = OpenAI()\nSUPPORT = {"model": "gpt-4.1", "instructions": "Help."}\nnames = [a.name for a in [SimpleNamespace(**SUPPORT, id="SUPPORT")]]\nfor a in [SimpleNamespace(**SUPPORT, id="SUPPORT")]:\n    print(a.id)\n',
    },
    {
      name: "Python: type imports keep their local names",
      filename: "types.py",
      code: "from openai.types.beta.threads import Run, Message\nfrom openai.types.beta.thread import Thread as T\n",
      errors: [
        { line: 1, column: 6, endLine: 1, endColumn: 31 },
        { line: 2, column: 6, endLine: 2, endColumn: 30 },
      ],
      output: "from openai.types.responses import Response as Run\nfrom openai.types.conversations import Message\nfrom openai.types.conversations import Conversation as T\n",
    },
    {
      name: "Python: an Assistants type with no counterpart leaves the import alone",
      filename: "types.py",
      code: "from openai.types.beta.threads import Run, TextDelta\n",
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 31 }],
      output: "from openai.types.beta.threads import Run, TextDelta\n",
    },
];

ruleTester.run("no-assistants-api", { valid: [], invalid: CASES });

it("every TypeScript output type-checks (strict) against openai 7.57", () => {
  const outputs = CASES.filter((c) => !c.filename).map((c, index) => [`case${index}.ts`, c.output!]);
  assert.deepEqual(typecheck(Object.fromEntries(outputs)), []);
});

const ROOT = path.resolve("/workspace/app");
const VENV_PYTHON = path.join(__dirname, "..", "..", ".venv-test", "bin", "python");

describe("a definition in another file of the workspace", () => {
  it("TypeScript: a retrieved assistant imports it, and its thread then migrates with it", () => {
    const definitions = 'export const supportAssistant = {\n  model: "gpt-4.1",\n  instructions: "Answer as the Acme support desk.",\n  tools: [],\n};\n';
    const route = `${TS_HEAD}\nexport async function answer(question: string): Promise<string> {\n  const assistant = await client.beta.assistants.retrieve(process.env.SUPPORT_ASSISTANT_ID!);\n  const thread = await client.beta.threads.create();\n  await client.beta.threads.messages.create(thread.id, { role: "user", content: question });\n  await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });\n  const messages = await client.beta.threads.messages.list(thread.id);\n  const first = messages.data[0].content[0];\n  return first.type === "text" ? first.text.value : "";\n}\n`;
    const workspaceDefinitions = findExportedAssistantDefinitions("assistants.ts", definitions).map((name) => ({ name, fileName: path.join(ROOT, "src/assistants.ts") }));
    const once = fixAll(path.join(ROOT, "src/route.ts"), route, { unsafe: true, fix: { workspaceDefinitions } }).text;
    assert.equal(
      once,
      `import OpenAI from "openai";\nimport { supportAssistant } from "./assistants";\n\nconst client = new OpenAI();\n\nexport async function answer(question: string): Promise<string> {\n  const assistant = { ...supportAssistant, id: process.env.SUPPORT_ASSISTANT_ID! };\n  const response = await client.responses.create({\n    model: assistant.model,\n    instructions: assistant.instructions,\n    tools: assistant.tools,\n    input: question,\n  });\n  return response.output_text;\n}\n`,
    );
    assert.equal(fixAll(path.join(ROOT, "src/route.ts"), once, { unsafe: true, fix: { workspaceDefinitions } }).text, once);
    assert.deepEqual(typecheck({ "src/assistants.ts": definitions, "src/route.ts": once }), []);
  });

  it("Python: finds module-level definition dicts, and a retrieved assistant imports one", () => {
    const definitions = 'SUPPORT_ASSISTANT = {"model": "gpt-4.1", "instructions": "Answer as the Acme support desk.", "tools": []}\nlimits = {"model": "x"}\n';
    assert.deepEqual(findExportedAssistantDefinitions("assistants.py", definitions), ["SUPPORT_ASSISTANT"]);
    const bot = 'import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\ndef describe() -> str:\n    assistant = client.beta.assistants.retrieve(os.environ["SUPPORT_ASSISTANT_ID"])\n    return f"{assistant.id}: {assistant.instructions}"\n';
    const workspaceDefinitions = [{ name: "SUPPORT_ASSISTANT", fileName: path.join(ROOT, "assistants.py") }, { name: "BILLING_ASSISTANT", fileName: path.join(ROOT, "billing.py") }];
    const once = fixAll(path.join(ROOT, "bot.py"), bot, { unsafe: true, fix: { workspaceDefinitions } }).text;
    assert.equal(
      once,
      'import os\n\nfrom openai import OpenAI\nfrom types import SimpleNamespace\nfrom assistants import SUPPORT_ASSISTANT\n\nclient = OpenAI()\n\n\ndef describe() -> str:\n    assistant = SimpleNamespace(**SUPPORT_ASSISTANT, id=os.environ["SUPPORT_ASSISTANT_ID"])\n    return f"{assistant.id}: {assistant.instructions}"\n',
    );
    assert.equal(fixAll(path.join(ROOT, "bot.py"), once, { unsafe: true, fix: { workspaceDefinitions } }).text, once);
    const dir = mkdtempSync(path.join(os.tmpdir(), "responses-migrate-assistants-"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "assistants.py"), definitions);
    writeFileSync(path.join(dir, "bot.py"), once);
    execFileSync("python3", ["-m", "py_compile", path.join(dir, "bot.py")], { stdio: "pipe" });
    if (existsSync(VENV_PYTHON)) {
      let report: { generalDiagnostics: { severity: string; message: string }[] };
      try {
        report = JSON.parse(execFileSync(process.execPath, [require.resolve("pyright/index.js"), "--outputjson", "--pythonpath", VENV_PYTHON, path.join(dir, "bot.py")], { encoding: "utf8", cwd: dir }));
      } catch (error) {
        report = JSON.parse((error as { stdout: string }).stdout);
      }
      assert.deepEqual(report.generalDiagnostics.filter((d) => d.severity === "error").map((d) => d.message), []);
    }
  });

  it("Python: what a rewritten assistant reads its model and instructions through, for the thread rewrites", () => {
    const text = 'SUPPORT = {"model": "gpt-4.1", "instructions": "Help."}\na = SimpleNamespace(**SUPPORT, id="asst_1")\nb = SimpleNamespace(name="B", model="gpt-4.1", instructions="Be brief.")\nc = {"model": "x"}\n';
    const parsed = parseAndExtractPython(text)!;
    assert.deepEqual(assistantFieldsOf(parsed.root, parsed.source, "a"), { model: 'SUPPORT["model"]', instructions: 'SUPPORT["instructions"]', tools: 'SUPPORT.get("tools", [])' });
    assert.deepEqual(assistantFieldsOf(parsed.root, parsed.source, "b"), { model: "b.model", instructions: "b.instructions", tools: undefined });
    assert.equal(assistantFieldsOf(parsed.root, parsed.source, "c"), undefined);
  });

  it("Python: with no definition to use, a stub", () => {
    const bot = 'from openai import OpenAI\n\nclient = OpenAI()\nassistant = client.beta.assistants.retrieve("asst_1")\n';
    const once = fixAll("bot.py", bot, { unsafe: true }).text;
    assert.match(once, /^# TODO\(responses-migrate\): fill in this assistant definition \(assistant "asst_1"\): its model, instructions and tools\nASSISTANT: dict\[str, object\] = \{"model": "gpt-4o", "instructions": "", "tools": \[\]\}$/m);
    assert.match(once, /^assistant = SimpleNamespace\(\*\*ASSISTANT, id="asst_1"\)$/m);
  });
});
