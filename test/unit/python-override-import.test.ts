// A handler class rewrite drops its `@override` decorators (no base method is left to override), and
// with them `from typing_extensions import override` when nothing else in the file uses it.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ensurePythonParser, fixAll } from "../../server/src/engine/index";

const handlerFile = (importLine: string, rest = "") => `${importLine}
from openai import AssistantEventHandler, OpenAI

client = OpenAI()


class EventHandler(AssistantEventHandler):
    @override
    def on_text_delta(self, delta, snapshot):
        print(delta.value, end="", flush=True)
${rest}

def ask(thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=EventHandler()) as stream:
        stream.until_done()
`;

const OTHER_OVERRIDE = `

class Labelled:
    @override
    def __str__(self) -> str:
        return "labelled"
`;

const fix = (text: string) => fixAll("bot.py", text, { onlyRules: ["no-assistants-api"], unsafe: true }).text;

describe("the override import after a handler rewrite", () => {
  before(() => ensurePythonParser());

  it("goes with the last @override", () => {
    const fixed = fix(handlerFile("from typing_extensions import override"));
    assert.ok(fixed.startsWith("from openai import OpenAI\n"), fixed);
    assert.doesNotMatch(fixed, /override/);
    assert.equal(fix(fixed), fixed);
  });

  it("loses only its name when the import line names more", () => {
    const fixed = fix(handlerFile("from typing import Any, override"));
    assert.ok(fixed.startsWith("from typing import Any\nfrom openai import OpenAI\n"), fixed);
  });

  it("stays while another class still uses @override", () => {
    const fixed = fix(handlerFile("from typing_extensions import override", OTHER_OVERRIDE));
    assert.ok(fixed.startsWith("from typing_extensions import override\nfrom openai import OpenAI\n"), fixed);
    assert.equal(fixed.split("@override").length - 1, 1);
    assert.match(fixed, /class EventHandler:\n    def on_text_delta/);
  });
});
