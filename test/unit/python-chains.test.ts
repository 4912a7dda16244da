// responsesMigrate.stateStrategy = "previous-response-id" in Python: a turn on a thread id handed in as
// a parameter becomes one `responses.create` chained by `previous_response_id` (sync and async), with a
// TODO to store the new response id where the thread id came from; a stored `thread_` id starts a new
// chain instead of failing. The fixed text compiles and type-checks (pyright, openai 3.3.1).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { ensurePythonParser, fixAll } from "../../server/src/engine/index";

const REPO = path.join(__dirname, "..", "..");
const VENV_PYTHON = path.join(REPO, ".venv-test", "bin", "python");

const BEFORE = `from openai import AsyncOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()


def reply(thread_id: str, question: str) -> str:
    client.beta.threads.messages.create(thread_id=thread_id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    if run.status != "completed":
        return ""
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    return messages.data[0].content[0].text.value


async def areply(thread_id: str, question: str) -> str:
    await aclient.beta.threads.messages.create(thread_id=thread_id, role="user", content=question)
    run = await aclient.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    messages = await aclient.beta.threads.messages.list(thread_id=thread_id)
    return messages.data[0].content[0].text.value
`;

const TODO = "    # TODO(responses-migrate): `thread_id` chains from the previous response now: store this response's id where the thread id came from (a stored thread_ id starts a new chain).";
const AFTER = `from openai import AsyncOpenAI, OpenAI

# TODO(responses-migrate): fill in this assistant definition (assistant "asst_1"): its model, instructions and tools
ASSISTANT = {"model": "gpt-4o", "instructions": ""}

client = OpenAI()
aclient = AsyncOpenAI()


def reply(thread_id: str, question: str) -> str:
${TODO}
    response = client.responses.create(model=ASSISTANT["model"], instructions=ASSISTANT["instructions"], input=question, previous_response_id=thread_id if str(thread_id).startswith("resp_") else None)
    if response.status != "completed":
        return ""
    return response.output_text


async def areply(thread_id: str, question: str) -> str:
${TODO}
    response = await aclient.responses.create(model=ASSISTANT["model"], instructions=ASSISTANT["instructions"], input=question, previous_response_id=thread_id if str(thread_id).startswith("resp_") else None)
    return response.output_text
`;

describe("Python previous_response_id chains", () => {
  before(() => ensurePythonParser());
  const fix = (text: string) => fixAll("chain.py", text, { unsafe: true, fix: { stateStrategy: "previous-response-id" } }).text;

  it("a turn on a thread id parameter chains to the previous response, and fixing again changes nothing", () => {
    assert.equal(fix(BEFORE), AFTER);
    assert.equal(fix(AFTER), AFTER);
  });

  it("under auto the same turn keeps a conversation instead", () => {
    assert.match(fixAll("chain.py", BEFORE, { unsafe: true }).text, /conversation=thread_id\)/);
  });

  it("the chained file compiles and type-checks", { skip: existsSync(VENV_PYTHON) ? false : "no .venv-test/" }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rm-chain-"));
    try {
      const file = path.join(dir, "chain.py");
      writeFileSync(file, AFTER);
      execFileSync("python3", ["-m", "py_compile", file], { stdio: "pipe", env: { ...process.env, PYTHONPYCACHEPREFIX: dir } });
      const report = JSON.parse(execFileSync(process.execPath, [require.resolve("pyright/index.js"), "--outputjson", "--pythonpath", VENV_PYTHON, file], { encoding: "utf8" }));
      assert.equal(report.summary.errorCount, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
