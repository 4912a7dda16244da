// Reads of listed messages in Python rewrites, where the order decides what a read gets: the newest
// message after a run is its reply (`response.output_text`); any other read keeps the listing as the
// conversation's history, with message-item guards; a read that is neither refuses the thread whole.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { analyzeText, ensurePythonParser, fixAll } from "../../server/src/engine/index";

const HEADER = `from openai import AsyncOpenAI, OpenAI

client = OpenAI()


`;
const fixed = (body: string) => fixAll("app.py", HEADER + body, { unsafe: true }).text.slice(HEADER.length);
const refusals = (body: string) => [...new Set(analyzeText("app.py", HEADER + body).findings.map((finding) => /Not rewritten: .*?blocks it: (.*)\.\)$/.exec(finding.message)?.[1]))];

describe("Python reads of listed messages", () => {
  before(() => ensurePythonParser());

  it("the oldest message of a newest-first listing is not the reply: it stays history", () => {
    const body = `def first_question(thread_id: str) -> str:
    client.beta.threads.messages.create(thread_id=thread_id, role="user", content="hi")
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    for m in messages.data:
        print(m.content[0].text.value)
    return run.status
`;
    const after = fixed(body);
    assert.match(after, /^ {4}messages = client\.conversations\.items\.list\(thread_id\)$/m);
    assert.match(after, /^ {4}for m in \[item for item in messages\.data if item\.type == "message"\]:$/m);
    assert.match(after, /^ {8}print\(""\.join\(part\.text for part in m\.content if part\.type == "output_text" or part\.type == "input_text"\)\)$/m);
    assert.doesNotMatch(after, /output_text\)$|run\.output_text/);
  });

  it("the reply's first part held in a name and read behind its type test is the reply text", () => {
    const body = `async def summarize(aclient: AsyncOpenAI, text: str) -> str:
    thread = await aclient.beta.threads.create()
    await aclient.beta.threads.messages.create(thread_id=thread.id, role="user", content=text)
    run = await aclient.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id="asst_1")
    if run.status != "completed":
        return "failed"
    msgs = await aclient.beta.threads.messages.list(thread_id=thread.id, limit=1)
    first = msgs.data[0].content[0]
    if first.type == "text":
        print("answered")
    return first.text.value if first.type == "text" else "(no text)"
`;
    const after = fixAll("app.py", HEADER + body, { unsafe: true }).text;
    assert.doesNotMatch(after, /beta\.|first|msgs/);
    assert.match(after, /^ {4}response = await aclient\.responses\.create\(model=ASSISTANT\["model"\], instructions=ASSISTANT\["instructions"\], input=text\)$/m);
    assert.match(after, /^ {4}if response\.output_text:\n {8}print\("answered"\)\n {4}return \(response\.output_text or "\(no text\)"\)\n$/m);
  });

  it("the last message of an oldest-first listing is the reply", () => {
    const body = `def answer(thread_id: str) -> str:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    messages = client.beta.threads.messages.list(thread_id=thread_id, order="asc")
    return messages.data[-1].content[0].text.value
`;
    assert.match(fixed(body), /^ {4}return run\.output_text$/m);
  });

  it("the first message of an oldest-first listing is not the reply: it is read as history, the first message item", () => {
    const body = `def question(thread_id: str) -> str:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    messages = client.beta.threads.messages.list(thread_id=thread_id, order="asc")
    return messages.data[0].content[0].text.value
`;
    assert.equal(
      fixed(body).replace(/^[^]*?\n\n\n/, ""),
      `def question(thread_id: str) -> str:
    run = client.responses.create(model=ASSISTANT["model"], instructions=ASSISTANT["instructions"], conversation=thread_id)
    messages = client.conversations.items.list(thread_id, order="asc")
    return "".join(part.text for part in [item for item in messages.data if item.type == "message"][0].content if part.type == "output_text" or part.type == "input_text")
`,
    );
  });

  it("a newest user message read off a kept thread is read off its history, where it still is", () => {
    const body = `def last_question(thread_id: str) -> str:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    for m in messages.data:
        if m.role == "user":
            return m.content[0].text.value
    return run.id
`;
    const after = fixed(body);
    assert.match(after, /^ {4}for m in \[item for item in messages\.data if item\.type == "message"\]:$/m);
    assert.match(after, /^ {8}if m\.role == "user":$/m);
    assert.doesNotMatch(after, /output_text$/m);
  });

  it("an async listing paged with async for stays whole: a list comprehension cannot page through it", () => {
    const body = `async def texts(thread_id: str) -> list[str]:
    aclient = AsyncOpenAI()
    out = []
    async for m in aclient.beta.threads.messages.list(thread_id=thread_id):
        out.append(m.content[0].text.value)
    return out
`;
    assert.equal(fixed(body), body);
    assert.deepEqual(refusals(body), ["the listed history is used where the rewrite cannot follow it"]);
  });

  it("a listing returned as it is is returned as conversation items, with a TODO for its callers", () => {
    const body = `def page(thread_id: str):
    return client.beta.threads.messages.list(thread_id=thread_id, order="asc", limit=10)
`;
    assert.equal(
      fixed(body),
      `def page(thread_id: str):
    # TODO(responses-migrate): these are conversation items now, not Assistants messages: only message items have a role and content, whose text parts are output_text and input_text. Check the code that reads them.
    return client.conversations.items.list(thread_id, order="asc", limit=10)
`,
    );
  });

  it("a created message read beyond its id and its text refuses; its id alone keeps the created item", () => {
    const read = `def post(thread_id: str) -> str:
    message = client.beta.threads.messages.create(thread_id=thread_id, role="user", content="hi")
    return message.role
`;
    assert.equal(fixed(read), read);
    assert.deepEqual(refusals(read), ["the created message is read beyond its id, and a conversation item is not a message"]);
    // Text that may read differently by then is not the message's text.
    const changed = `def post(thread_id: str, text: str) -> str:
    message = client.beta.threads.messages.create(thread_id=thread_id, role="user", content=text)
    text = ""
    return message.content[0].text.value
`;
    assert.deepEqual(refusals(changed), ["the created message is read beyond its id, and a conversation item is not a message"]);
    const id = `def post(thread_id: str) -> str:
    message = client.beta.threads.messages.create(thread_id=thread_id, role="user", content="hi")
    return message.id
`;
    assert.equal(
      fixed(id),
      `def post(thread_id: str) -> str:
    message = client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": "hi"}]).data[0]
    return message.id
`,
    );
  });

  it("a listing serialized (model_dump_json) holds conversation items now, which a TODO says", () => {
    const body = `def dump(thread_id: str) -> None:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    print(messages.model_dump_json(indent=2))
`;
    assert.equal(
      fixed(body),
      `def dump(thread_id: str) -> None:
    # TODO(responses-migrate): these are conversation items now, not Assistants messages: only message items have a role and content, whose text parts are output_text and input_text. Check the code that reads them.
    messages = client.conversations.items.list(thread_id)
    print(messages.model_dump_json(indent=2))
`,
    );
  });

  it("a listing tested for any messages, or counted, tests and counts its message items", () => {
    const body = `def reply(thread_id: str) -> str:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    if messages.data:
        print(len(messages.data))
        return messages.data[0].content[0].text.value
    return ""
`;
    assert.equal(
      fixed(body),
      `def reply(thread_id: str) -> str:
    messages = client.conversations.items.list(thread_id)
    if [item for item in messages.data if item.type == "message"]:
        print(len([item for item in messages.data if item.type == "message"]))
        return "".join(part.text for part in [item for item in messages.data if item.type == "message"][0].content if part.type == "output_text" or part.type == "input_text")
    return ""
`,
    );
  });

  it("a loop reading every part's text unguarded loops over the text parts; a guard on some reads only refuses", () => {
    const body = `def show(thread_id: str) -> None:
    thread_messages = client.beta.threads.messages.list(thread_id)
    for message in reversed(thread_messages.data):
        for text in message.content:
            print(message.role, text.text.value)
`;
    assert.equal(
      fixed(body),
      `def show(thread_id: str) -> None:
    thread_messages = client.conversations.items.list(thread_id)
    for message in reversed([item for item in thread_messages.data if item.type == "message"]):
        for text in [text for text in message.content if text.type == "output_text" or text.type == "input_text"]:
            print(message.role, text.text)
`,
    );
    const partly = `def show(thread_id: str) -> None:
    thread_messages = client.beta.threads.messages.list(thread_id)
    for message in thread_messages.data:
        for part in message.content:
            if part.type == "text":
                print(part.text.value)
            print(part.text.value)
`;
    assert.deepEqual(refusals(partly), ["a message part's text is read where the rewrite cannot guard it"]);
  });

  it("a one-turn thread's message, its text read back, moves into the input and the read reads the content", () => {
    const body = `def ask(question: str) -> str:
    thread = client.beta.threads.create()
    message = client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    print("asked:", message.content[0].text.value)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id="asst_1")
    return run.status
`;
    assert.match(fixed(body), /^def ask\(question: str\) -> str:\n {4}print\("asked:", question\)\n {4}response = client\.responses\.create\(model=ASSISTANT\["model"\], instructions=ASSISTANT\["instructions"\], input=question\)\n {4}return str\(response\.status\)\n$/m);
    // Read any other way, it stays a message: the thread is not rewritten.
    assert.deepEqual(refusals(body.replace("message.content[0].text.value", "message.created_at")), ["the created message is used"]);
  });

  it("a created message's text read back is the content it was created with", () => {
    const body = `def post(thread_id: str, query: str) -> str:
    my_message = client.beta.threads.messages.create(thread_id=thread_id, role="user", content=query)
    print(f"User: {my_message.content[0].text.value}")
    return my_message.id
`;
    assert.equal(
      fixed(body),
      `def post(thread_id: str, query: str) -> str:
    my_message = client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": query}]).data[0]
    print(f"User: {query}")
    return my_message.id
`,
    );
  });

  it("a projection of the messages is followed only for the reply and the fields a reply has", () => {
    const run = `    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
    messages = client.beta.threads.messages.list(thread_id=thread_id, run_id=run.id)
`;
    assert.deepEqual(refusals(`def letter(thread_id: str) -> str:\n${run}    message = [{"text": m.content[0].text.value, "at": m.created_at} for m in messages][0]\n    return message["text"]\n`), ["the listed messages are filtered in a way the rewrite cannot follow"]);
    assert.deepEqual(refusals(`def letter(thread_id: str) -> str:\n${run}    message = [{"text": m.content[0].text.value} for m in messages][1]\n    return message["text"]\n`), ["the listed messages are filtered in a way the rewrite cannot follow"]);
  });

  it("a listed message's content tested for parts stays a test; its content handed on is not followed", () => {
    const loop = `def history(thread_id: str) -> list:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    for m in messages:
`;
    assert.equal(
      fixed(`${loop}        if not m.content:\n            continue\n        print(m.content[0].text.value)\n    return []\n`),
      `def history(thread_id: str) -> list:
    messages = client.conversations.items.list(thread_id)
    for m in [item for item in messages if item.type == "message"]:
        if not m.content:
            continue
        print("".join(part.text for part in m.content if part.type == "output_text" or part.type == "input_text"))
    return []
`,
    );
    assert.deepEqual(refusals(`${loop}        print(m.content or "")\n    return []\n`), ["a listed message's `content` has no conversation item counterpart"]);
  });
});
