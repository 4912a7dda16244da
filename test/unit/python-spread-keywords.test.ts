// `**options` spreads in Python Assistants calls: a dict written once beside the call, and read by
// nothing else, is passed on by name and dropped with the call; any other spread refuses the thread
// whole, rather than losing the options it carries.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { analyzeText, ensurePythonParser, fixAll } from "../../server/src/engine/index";

const HEADER = `from openai import OpenAI

client = OpenAI()
`;
const fixed = (body: string) => fixAll("app.py", HEADER + body, { unsafe: true }).text;
const refusals = (body: string) => [...new Set(analyzeText("app.py", HEADER + body).findings.map((finding) => /Not rewritten: .*?blocks it: (.*)\.\)$/.exec(finding.message)?.[1]))];

describe("Python spread keyword arguments", () => {
  before(() => ensurePythonParser());

  it("a run's options from a dict literal beside it are passed by name, and the dict goes", () => {
    const body = `

def ask(question: str, assistant_id: str) -> str:
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run_args = {"assistant_id": assistant_id, "instructions": "Be brief."}  # the run's options
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, **run_args)
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    return messages.data[0].content[0].text.value
`;
    assert.equal(
      fixed(body),
      `from openai import OpenAI

# TODO(responses-migrate): fill in this assistant definition (assistant assistant_id): its model, instructions and tools
ASSISTANT = {"model": "gpt-4o", "instructions": ""}

client = OpenAI()


def ask(question: str, assistant_id: str) -> str:
    response = client.responses.create(model=ASSISTANT["model"], instructions="Be brief.", input=question)
    return response.output_text
`,
    );
  });

  it("a message's and a conversation run's options from dict(...) are passed by name", () => {
    const body = `

def turn(thread_id: str, text: str) -> str:
    message = dict(role="user", content=text)
    client.beta.threads.messages.create(thread_id=thread_id, **message)
    options = dict(assistant_id="asst_1", model="gpt-4.1")
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, **options)
    return run.status
`;
    assert.equal(
      fixed(body),
      `from openai import OpenAI

# TODO(responses-migrate): fill in this assistant definition (assistant "asst_1"): its model, instructions and tools
ASSISTANT = {"model": "gpt-4o", "instructions": ""}

client = OpenAI()


def turn(thread_id: str, text: str) -> str:
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": text}])
    run = client.responses.create(model="gpt-4.1", instructions=ASSISTANT["instructions"], conversation=thread_id)
    return str(run.status)
`,
    );
  });

  it("a spread it cannot read refuses the thread, naming the spread", () => {
    const body = `

def ask(question: str, **run_options) -> str:
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, **run_options)
    return run.status


def ask_twice(question: str, params: dict) -> str:
    options = {"assistant_id": "asst_1"}
    options["instructions"] = "Be brief."
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, **options)
    return run.status
`;
    assert.deepEqual(refusals(body), [
      "its arguments are spread from `run_options`, which is not a dict written once beside the call",
      "its arguments are spread from `options`, which is not a dict written once beside the call",
    ]);
    assert.equal(fixed(body), HEADER + body);
  });

  it("a keyword both passed and spread is refused", () => {
    const body = `

def ask(question: str) -> str:
    options = {"assistant_id": "asst_1"}
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id="asst_2", **options)
    return run.status
`;
    assert.deepEqual(refusals(body), ["`assistant_id=` is passed twice"]);
  });

  it("the refusal names the call as Python spells it", () => {
    const body = `

def ask(question: str, **run_options) -> str:
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, **run_options)
    return run.status
`;
    const messages = analyzeText("app.py", HEADER + body).findings.map((finding) => finding.message);
    assert.ok(messages.length > 0 && messages.every((message) => message.includes("and `threads.runs.create_and_poll` blocks it")), messages.join("\n"));
  });
});
