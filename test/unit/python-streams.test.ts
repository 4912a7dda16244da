// The Python stream renderer (python/migration/streams.ts) on its own: the conversation form the
// thread emitter calls it with (`conversation=` the thread id text), the exact rewritten text, and the
// reason it gives for each stream it must not rewrite. The one-turn forms are the fix snapshots in
// test/fixtures/fixes-python (streams.py, streamlit_chat.py).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ensurePythonParser } from "../../server/src/engine/index";
import { parseAndExtractPython } from "../../server/src/engine/python/extract";
import { buildPythonMigrationModel } from "../../server/src/engine/python/migration/buildModel";
import { renderPythonStream, type StreamTurn } from "../../server/src/engine/python/migration/streams";
import type { TextEdit } from "../../server/src/engine/types";

const HEADER = "from openai import AssistantEventHandler, OpenAI\n\nclient = OpenAI()\n\n";

function apply(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.range.start - a.range.start)) result = result.slice(0, edit.range.start) + edit.newText + result.slice(edit.range.end);
  return result;
}

const STREAM_KINDS = new Set(["run.stream", "thread.createAndRunStream", "run.submitToolOutputsStream"]);

/** Renders the file's one stream on the conversation `thread_id` (by default), with the turn's input `question`. */
function render(body: string, turn: Partial<StreamTurn> = { conversation: "thread_id", input: "question" }): { text: string } | { reason: string } {
  const text = HEADER + body;
  const parsed = parseAndExtractPython(text)!;
  const { model, syntax } = buildPythonMigrationModel(parsed, "bot.py");
  const streams = [...model.calls.values()].filter((call) => STREAM_KINDS.has(call.kind));
  assert.equal(streams.length, 1);
  const rendered = renderPythonStream(syntax.get(streams[0].id)!, { ...turn, definition: { name: "ASSISTANT", edits: [] } }, { parsed, text });
  return "reason" in rendered ? rendered : { text: apply(text, rendered.edits) };
}

describe("Python stream renderer", () => {
  before(() => ensurePythonParser());

  it("renders a stream on a kept thread as responses.stream on its conversation, the handler driven by the event loop", () => {
    const result = render(
      [
        "class Printer(AssistantEventHandler):",
        "    def on_text_delta(self, delta, snapshot):",
        "        print(delta.value, end='')",
        "",
        "    def on_text_done(self, text):",
        "        print('\\n' + text.value)",
        "",
        "    def on_message_delta(self, delta, snapshot):",
        "        self.so_far = snapshot.content[0].text.value",
        "",
        "",
        "def turn(thread_id, question):",
        "    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='asst_1', event_handler=Printer(), max_completion_tokens=200) as stream:",
        "        stream.until_done()",
        "",
      ].join("\n"),
    );
    assert.deepEqual(result, {
      text: [
        "from openai import OpenAI",
        "",
        "client = OpenAI()",
        "",
        "class Printer:",
        "    def on_text_delta(self, delta, snapshot):",
        "        print(delta, end='')",
        "",
        "    def on_text_done(self, text):",
        "        print('\\n' + text)",
        "",
        "    def on_message_delta(self, delta, snapshot):",
        "        self.so_far = snapshot",
        "",
        "",
        "def turn(thread_id, question):",
        "    handler = Printer()",
        "    with client.responses.stream(model=ASSISTANT['model'], instructions=ASSISTANT['instructions'], input=question, conversation=thread_id, max_output_tokens=200) as stream:",
        "        for event in stream:",
        "            if event.type == 'response.output_text.delta':",
        "                handler.on_text_delta(event.delta, event.snapshot)",
        "                handler.on_message_delta(event.delta, event.snapshot)",
        "            elif event.type == 'response.output_text.done':",
        "                handler.on_text_done(event.text)",
        "",
      ].join("\n"),
    });
  });

  it("a delta's parts tested after the event's name, in the same condition, are its text tested for being there", () => {
    const rendered = render("def turn(thread_id):\n    out = ''\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a') as stream:\n        for event in stream:\n            if event.event == 'thread.message.delta' and event.data.delta.content:\n                out += event.data.delta.content[0].text.value\n    return out\n");
    assert.ok("text" in rendered, JSON.stringify(rendered));
    assert.equal(
      rendered.text.slice(HEADER.length),
      "def turn(thread_id):\n    out = ''\n    with client.responses.stream(model=ASSISTANT['model'], instructions=ASSISTANT['instructions'], input=question, conversation=thread_id) as stream:\n        for event in stream:\n            if event.type == 'response.output_text.delta' and event.delta:\n                out += event.delta\n    return out\n",
    );
  });

  it("renders streamed tool outputs as function_call_output items of the next response, chained or on the conversation", () => {
    const body = "async def answer(run_id, outputs):\n    async with client.beta.threads.runs.submit_tool_outputs_stream(thread_id='t', run_id=run_id, tool_outputs=outputs) as stream:\n        async for text in stream.text_deltas:\n            print(text)\n";
    const request = (state: string) =>
      HEADER +
      `async def answer(run_id, outputs):\n    async with client.responses.stream(model=ASSISTANT['model'], instructions=ASSISTANT['instructions'], input=[{'type': 'function_call_output', 'call_id': output['tool_call_id'], 'output': output['output']} for output in outputs], ${state}) as stream:\n        async for text in (event.delta async for event in stream if event.type == 'response.output_text.delta'):\n            print(text)\n`;
    assert.deepEqual(render(body, { previousResponseId: "response.id" }), { text: request("previous_response_id=response.id") });
    assert.deepEqual(render(body, { conversation: "conversation_id" }), { text: request("conversation=conversation_id") });
    assert.deepEqual(render(body, {}), { reason: "tool outputs need the conversation or the previous response they answer" });
  });

  const refusals: Array<[string, string, RegExp]> = [
    [
      "a handler handing the response of requires_action to a method it does not define",
      "class Tools(AssistantEventHandler):\n    def on_event(self, event):\n        if event.event == 'thread.run.requires_action':\n            self.submit(event.data)\n\ndef turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', event_handler=Tools()) as stream:\n        stream.until_done()\n",
      /`self\.submit` is reached other than with the response of a requires_action event/,
    ],
    [
      "a handler reading the run of requires_action in a way a Response has no counterpart for",
      "class Tools(AssistantEventHandler):\n    def on_event(self, event):\n        if event.event == 'thread.run.requires_action':\n            print(event.data.required_action.type)\n\ndef turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', event_handler=Tools()) as stream:\n        stream.until_done()\n",
      /in `on_event`, its `required_action` is read in a way a Response has no counterpart for/,
    ],
    [
      "a callback reading what the Responses payload lacks",
      "class Cites(AssistantEventHandler):\n    def on_text_done(self, text):\n        print(text.annotations)\n\ndef turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', event_handler=Cites()) as stream:\n        stream.until_done()\n",
      /in `on_text_done`, `text.annotations` has no counterpart on the Responses event/,
    ],
    [
      "a callback parameter annotated with an Assistants type",
      "class Typed(AssistantEventHandler):\n    def on_text_delta(self, delta: TextDelta, snapshot):\n        print(delta.value)\n\ndef turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', event_handler=Typed()) as stream:\n        stream.until_done()\n",
      /`on_text_delta`'s parameter `delta: TextDelta` is typed/,
    ],
    [
      "a handler using the base class's state",
      "class Watch(AssistantEventHandler):\n    def on_text_done(self, text):\n        print(self.current_message_snapshot, text.value)\n\ndef turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', event_handler=Watch()) as stream:\n        stream.until_done()\n",
      /uses `self\.current_message_snapshot`, a member of AssistantEventHandler/,
    ],
    [
      "a handler using its current run whole",
      "class Watch(AssistantEventHandler):\n    def on_text_done(self, text):\n        print(self.current_run, text.value)\n\ndef turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', event_handler=Watch()) as stream:\n        stream.until_done()\n",
      /the handler uses `self\.current_run` whole, and it is a Response now/,
    ],
    [
      "a handler class another stream constructs too",
      "class Shared(AssistantEventHandler):\n    def on_text_done(self, text):\n        print(text.value)\n\nspare = Shared()\n\ndef turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', event_handler=Shared()) as stream:\n        stream.until_done()\n",
      /the handler class `Shared` is used by more than this stream/,
    ],
    [
      "an event payload read outside a test of the event's name",
      "def turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a') as stream:\n        for event in stream:\n            print(event.data.delta.content[0].text.value)\n",
      /`event\.data\.delta\.content\[0\]\.text\.value` has no Responses rendering outside a test of the event's name/,
    ],
    [
      "a delta's parts tested before the event's name (`and` reads them only after the test)",
      "def turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a') as stream:\n        for event in stream:\n            if event.data.delta.content and event.event == 'thread.message.delta':\n                print(event.data.delta.content[0].text.value)\n",
      /`event\.data\.delta\.content` has no Responses rendering outside a test of the event's name/,
    ],
    [
      "a delta's parts used as a list, not tested for being there",
      "def turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a') as stream:\n        for event in stream:\n            if event.event == 'thread.message.delta':\n                for part in event.data.delta.content:\n                    print(part)\n",
      /`event\.data\.delta\.content` has no Responses rendering$/,
    ],
    [
      "an Assistants event with no Responses event of the same moment",
      "def turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a') as stream:\n        for event in stream:\n            if event.event == 'thread.run.step.created':\n                print('step')\n",
      /the Assistants event `thread\.run\.step\.created` has no Responses event/,
    ],
    [
      "a stream handed on",
      "def turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a') as stream:\n        consume(stream)\n",
      /`consume\(stream\)` has no Responses rendering here yet/,
    ],
    [
      "a stream not entered with `with`",
      "def turn(thread_id):\n    manager = client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a')\n    with manager as stream:\n        stream.until_done()\n",
      /the stream is not entered with `with` as it is created/,
    ],
    [
      "an async handler on a sync stream",
      "class Late(AssistantEventHandler):\n    async def on_text_done(self, text):\n        print(text.value)\n\ndef turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', event_handler=Late()) as stream:\n        stream.until_done()\n",
      /an async handler drives a sync stream/,
    ],
    [
      "a stream name bound again later in the function",
      "def turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a') as stream:\n        stream.until_done()\n    stream = open('log.txt')\n    stream.write('done')\n",
      /`stream` is bound again in the function/,
    ],
    [
      "Assistants tools passed to the run",
      "def turn(thread_id):\n    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id='a', tools=[{'type': 'code_interpreter'}]) as stream:\n        stream.until_done()\n",
      /`tools=` has no Responses rendering here yet/,
    ],
  ];
  for (const [title, body, reason] of refusals) {
    it(`refuses ${title}`, () => {
      const result = render(body);
      assert.ok("reason" in result, "no rewrite");
      assert.match(result.reason, reason);
    });
  }
});
