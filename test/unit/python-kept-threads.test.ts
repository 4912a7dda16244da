// Threads kept where several functions reach them (a `self.` field set in `__init__`, a module-level
// name) are one thread of the migration model, so they migrate whole; look-alikes stay apart. And the
// smaller shapes real code has around tool outputs and statuses, with their exact rewrites.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { computeFixes, ensurePythonParser, fixAll } from "../../server/src/engine/index";
import { parseAndExtractPython } from "../../server/src/engine/python/extract";
import { buildPythonMigrationModel } from "../../server/src/engine/python/migration/buildModel";

const FIXTURES = path.join(__dirname, "..", "fixtures", "fixes-python");

function threadsOf(text: string) {
  const { model } = buildPythonMigrationModel(parseAndExtractPython(text)!, "kept.py");
  const line = (offset: number) => text.slice(0, offset).split("\n").length;
  return model.threads.map((thread) => ({ origin: thread.origin.kind, calls: thread.callIds.map((id) => `${model.calls.get(id)!.kind}@${line(model.calls.get(id)!.callRange.start)}`), functions: thread.functionRanges.length }));
}

describe("Python threads kept across functions", () => {
  before(() => ensurePythonParser());

  it("a thread created in __init__ (as a field or its id) or at module level is one thread with its calls in other methods", () => {
    assert.deepEqual(threadsOf(readFileSync(path.join(FIXTURES, "kept_fields.py"), "utf8")), [
      { origin: "created", calls: ["thread.create@8", "message.create@43", "run.createAndPoll@44"], functions: 2 },
      { origin: "created", calls: ["thread.create@15", "message.create@19", "run.createAndPoll@21", "message.list@24"], functions: 2 },
      { origin: "created", calls: ["thread.create@35", "message.create@38", "run.createAndPoll@39"], functions: 2 },
    ]);
  });

  it("a parameter of the same name, and another class's field, are other threads", () => {
    const text = `from openai import OpenAI

client = OpenAI()
thread = client.beta.threads.create()


def send(thread, text):
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=text)


class A:
    def __init__(self):
        self.thread = client.beta.threads.create()


class B:
    def send(self, text):
        client.beta.threads.messages.create(thread_id=self.thread.id, role="user", content=text)

    def run(self):
        client.beta.threads.runs.create_and_poll(thread_id=self.thread.id, assistant_id="asst_1")
`;
    assert.deepEqual(threadsOf(text), [
      { origin: "created", calls: ["thread.create@4"], functions: 1 },
      { origin: "created", calls: ["thread.create@13"], functions: 1 },
      { origin: "field", calls: ["message.create@8"], functions: 1 },
      { origin: "field", calls: ["message.create@18", "run.createAndPoll@21"], functions: 2 },
    ]);
  });

  it("tool outputs written inline in submit_tool_outputs become function_call_output items in the request", () => {
    const text = `from openai import OpenAI

client = OpenAI()


def answer(thread_id, run_id, call_id, output):
    client.beta.threads.runs.submit_tool_outputs(
        thread_id=thread_id,
        run_id=run_id,
        tool_outputs=[{"tool_call_id": call_id, "output": output}],
    )
`;
    const fixed = fixAll("tools.py", text, { unsafe: true }).text;
    assert.equal(
      fixed.slice(fixed.indexOf("def answer")),
      `def answer(thread_id, run_id, call_id, output):
    # TODO(responses-migrate): pass the assistant's function tools as tools= (Responses function tools are flat: {"type": "function", "name": ..., "parameters": ...})
    client.responses.create(model=ASSISTANT["model"], instructions=ASSISTANT["instructions"], tools=[], conversation=thread_id, input=[{"type": "function_call_output", "call_id": call_id, "output": output}])
`,
    );
  });

  it("dict(tool_call_id=…) outputs are renamed where they are built", () => {
    const text = `from openai import OpenAI

client = OpenAI()


def answer(thread_id, run_id, calls):
    outputs = []
    for call in calls:
        outputs.append(dict(tool_call_id=call, output="ok"))
    client.beta.threads.runs.submit_tool_outputs(thread_id=thread_id, run_id=run_id, tool_outputs=outputs)
`;
    const fixed = fixAll("tools.py", text, { unsafe: true }).text;
    assert.match(fixed, /^ {8}outputs\.append\(dict\(type="function_call_output", call_id=call, output="ok"\)\)$/m);
    assert.match(fixed, /^ {4}client\.responses\.create\(model=ASSISTANT\["model"\], instructions=ASSISTANT\["instructions"\], tools=\[\], conversation=thread_id, input=outputs\)$/m);
  });

  it("a status no run ever had is compared as written (it was never equal, and is not now)", () => {
    const text = `from openai import OpenAI

client = OpenAI()


def ask(thread_id: str, question: str) -> str:
    client.beta.threads.messages.create(thread_id=thread_id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    if run.status == "in-progress" or run.status == "queued":
        return "busy"
    return "done"
`;
    const fixed = fixAll("status.py", text, { unsafe: true }).text;
    assert.doesNotMatch(fixed, /beta\./);
    assert.match(fixed, /^ {4}run = client\.responses\.create\(model=ASSISTANT\["model"\], instructions=ASSISTANT\["instructions"\], conversation=thread_id\)$/m);
    assert.match(fixed, /^ {4}if run\.status == "in-progress" or run\.status == "queued":$/m);
  });
  it("a status no run ever had, in a list of statuses, stays as written beside the mapped ones", () => {
    const text = `from openai import OpenAI

client = OpenAI()


def ask(thread_id: str, question: str) -> str:
    client.beta.threads.messages.create(thread_id=thread_id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    if run.status in ["expired", "in progress", "cancelling"]:
        return "busy"
    return "done"
`;
    const fixed = fixAll("status.py", text, { unsafe: true }).text;
    assert.doesNotMatch(fixed, /beta\./);
    assert.match(fixed, /^ {4}if run\.status in \["incomplete", "in progress", "in_progress"\]:$/m);
  });

  it("a run serialized (json(), to_dict(), model_dump()) serializes the Response, with a TODO over each statement", () => {
    const text = `import json

from openai import OpenAI

client = OpenAI()


def usage(thread_id: str) -> dict:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    data = json.loads(run.json())
    print(run.to_dict(), run.model_dump())
    return data
`;
    const fixed = fixAll("serialized.py", text, { unsafe: true }).text;
    const todo = "# TODO(responses-migrate): this serializes a Response now, not a run: its fields differ (output items, usage.input_tokens and output_tokens, conversation, no thread_id or assistant_id). Check the code that reads it.";
    assert.ok(
      fixed.endsWith(`def usage(thread_id: str) -> dict:
    run = client.responses.create(model=ASSISTANT["model"], instructions=ASSISTANT["instructions"], conversation=thread_id)
    ${todo}
    data = json.loads(run.json())
    ${todo}
    print(run.to_dict(), run.model_dump())
    return data
`),
      fixed,
    );
    // A method a Response does not have still refuses.
    const other = text.replace("run.to_dict()", "run.get('usage')");
    assert.match(computeFixes("serialized.py", other).map((finding) => finding.message).join("\n"), /the run's `get` has no Response counterpart/);
  });

  it("a thread created in one method and kept as self.thread_id, through a self.beta alias, migrates whole on the aliased client", () => {
    const text = BETA_ALIAS;
    const fixed = fixAll("chat.py", text, { unsafe: true }).text;
    assert.equal(
      fixed.slice(fixed.indexOf("class Chat")),
      `class Chat:
    def __init__(self, api_key: str):
        self.client = OpenAI(api_key=api_key)
        self.beta = self.client.beta
        self.thread_id = ""

    def start(self) -> None:
        thread = self.client.conversations.create()
        self.thread_id = thread.id

    def say(self, text: str) -> str:
        self.client.conversations.items.create(self.thread_id, items=[{"type": "message", "role": "user", "content": text}])
        run = self.client.responses.create(model=ASSISTANT["model"], instructions=ASSISTANT["instructions"], conversation=self.thread_id)
        return run.output_text
`,
    );
  });

  it("a local resource alias taken in parentheses, through cast(...) or a walrus names its client at each call", () => {
    const text = `from typing import cast
import openai


def resources(settings) -> None:
    runs = (settings.client.beta.threads.runs)
    if (messages := settings.client.beta.threads.messages) is not None:
        messages.delete(message_id="msg_1", thread_id="t")
    runs.poll(run_id="run_1", thread_id="t")
    cancels = cast(openai.OpenAI, openai).beta.threads.runs
    cancels.cancel(run_id="run_2", thread_id="t")
`;
    const fixed = fixAll("jobs.py", text, { unsafe: true }).text;
    assert.match(fixed, /^ {8}settings\.client\.conversations\.items\.delete\("msg_1", conversation_id="t"\)$/m);
    assert.match(fixed, /^ {4}settings\.client\.responses\.retrieve\("run_1"\)$/m);
    assert.match(fixed, /^ {4}cast\(openai\.OpenAI, openai\)\.responses\.cancel\("run_2"\)$/m);
    assert.doesNotMatch(fixed, /\b(messages|runs|cancels)\.(delete|poll|cancel)\(/);
  });

  it("a self.beta alias of a client only __init__ sees is not rewritten (no method could name the client)", () => {
    const text = BETA_ALIAS.replace("self.client = OpenAI(api_key=api_key)\n        self.beta = self.client.beta", "client = OpenAI(api_key=api_key)\n        self.beta = client.beta");
    assert.notEqual(text, BETA_ALIAS);
    const messages = computeFixes("chat.py", text).filter((finding) => finding.ruleId === "no-assistants-api").map((finding) => finding.message);
    assert.equal(messages.length, 4);
    for (const message of messages) assert.match(message, /Not rewritten: .* blocks it: the client is reached through an alias of `beta`/);
    assert.equal(fixAll("chat.py", text, { unsafe: true }).text, text);
  });
});

const BETA_ALIAS = `from openai import OpenAI


class Chat:
    def __init__(self, api_key: str):
        self.client = OpenAI(api_key=api_key)
        self.beta = self.client.beta
        self.thread_id = ""

    def start(self) -> None:
        thread = self.beta.threads.create()
        self.thread_id = thread.id

    def say(self, text: str) -> str:
        self.beta.threads.messages.create(thread_id=self.thread_id, role="user", content=text)
        run = self.beta.threads.runs.create_and_poll(thread_id=self.thread_id, assistant_id="asst_1")
        messages = self.beta.threads.messages.list(thread_id=self.thread_id, limit=1)
        return messages.data[0].content[0].text.value
`;
