// no-assistants-api and no-beta-vector-stores on Python: every client form, the snake_case surface,
// event handlers and type imports; comments, strings and look-alikes never count.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ensurePythonParser, fixAll } from "../../server/src/engine/index";
import { ruleTester } from "./support/ruleTester";
import { invIn } from "./support/cases";

before(() => ensurePythonParser());

const py = (code: string) => ({ code, filename: "bot.py" });
const CLIENT = "from openai import OpenAI\nclient = OpenAI()\n";

ruleTester.run("no-assistants-api", {
  valid: [
    py('# client.beta.threads.create()\n"""client.beta.threads.create()"""\nsnippet = "client.beta.threads.create()"\n'),
    py("forum.threads.create(title='x')\nclient.threads.create()\n"),
    py("import threading\nthreading.Thread(target=run).start()\n"),
    py("from langgraph_sdk import get_client\nclient = get_client(url=URL)\nawait client.runs.create(thread_id, 'agent')\nawait client.assistants.search()\n"),
    py("app.beta.enable('feature')\n"),
    py(CLIENT + "client.responses.create(model='gpt-4o', input='hi')\nclient.conversations.create()\n"),
    py(CLIENT + "# responses-migrate-disable-next-line no-assistants-api\nclient.beta.threads.create()\n"),
    py("from openai.types.beta.realtime import Session\nfrom openai.lib.streaming import ResponseStream\n"),
    py("class Handler(EventHandler):\n    pass\n"),
  ],
  invalid: [
    invIn("bot.py", CLIENT + "thread = client.beta.threads.create()\n", [3, "client.beta.threads.create", "`beta.threads.create` no longer works (Assistants API shut down 2026-08-26): use `conversations.create`"]),
    invIn("bot.py", "from openai import AsyncOpenAI as AO\n\nasync def go():\n    c = AO()\n    await c.beta.threads.runs.create_and_poll(thread_id=t, assistant_id=a)\n", [5, "c.beta.threads.runs.create_and_poll", "`beta.threads.runs.create_and_poll` no longer works (Assistants API shut down 2026-08-26): use `responses.create`"]),
    invIn("bot.py", "import openai\nopenai.beta.threads.messages.create(thread_id=t, role='user', content='hi')\n", [2, "openai.beta.threads.messages.create", "use `conversations.items.create`"]),
    invIn("bot.py", "import openai as oai\nclient = oai.AzureOpenAI()\nclient.beta.assistants.update('asst_1', instructions='x')\n", [3, "client.beta.assistants.update", "an edit to the in-repo assistant definition"]),
    invIn("bot.py", "class Bot:\n    def __init__(self):\n        self.client = OpenAI()\n    def go(self):\n        self.client.beta.threads.runs.submit_tool_outputs(run_id=r, thread_id=t, tool_outputs=o)\n", [5, "self.client.beta.threads.runs.submit_tool_outputs", "with `function_call_output` items"]),
    invIn("bot.py", "from openai import OpenAI\n\ndef go(client: OpenAI):\n    runs = client.beta.threads.runs\n    runs.submit_tool_outputs_and_poll(run_id=r, thread_id=t, tool_outputs=o)\n", [5, "runs.submit_tool_outputs_and_poll", "`beta.threads.runs.submit_tool_outputs_and_poll`"]),
    invIn("bot.py", "from openai import OpenAI\n\nclass Agent(BaseModel):\n    client: OpenAI\n    def go(self):\n        return self.client.beta.threads.create_and_run(assistant_id=a)\n", [6, "self.client.beta.threads.create_and_run", "use `responses.create`"]),
    invIn("bot.py", "with get_client().beta.threads.runs.stream(thread_id=t, assistant_id=a) as stream:\n    stream.until_done()\n", [1, "get_client().beta.threads.runs.stream", "use `responses.stream`"]),
    invIn("bot.py", CLIENT + "client.beta.threads.runs.create_and_stream(thread_id=t, assistant_id=a)\nclient.beta.threads.runs.steps.list(run_id=r, thread_id=t)\n", [3, "client.beta.threads.runs.create_and_stream"], [4, "client.beta.threads.runs.steps.list", "use `response.output`"]),
    invIn("bot.py", CLIENT + "c = (client if ok else None) or OpenAI()\nc.beta.threads.delete(t)\n(client).beta.assistants.list()\ncast(OpenAI, client).beta.threads.retrieve(t)\n", [4, "c.beta.threads.delete"], [5, "(client).beta.assistants.list"], [6, "cast(OpenAI, client).beta.threads.retrieve"]),
    invIn("bot.py", CLIENT + "if (threads := client.beta.threads):\n    threads.update(t, metadata={})\n", [4, "threads.update", "use `conversations.update`"]),
    invIn("bot.py", "from openai.types.beta import Assistant, Thread, ChatKitWorkflow\nfrom openai.types.beta.threads import Run, Message\n", [1, "openai.types.beta", "`Assistant, Thread` from `openai.types.beta`"], [2, "openai.types.beta.threads", "`Run, Message` from `openai.types.beta.threads`"]),
    invIn("bot.py", "from openai import AssistantEventHandler, OpenAI\n\nclass Handler(AssistantEventHandler):\n    pass\n", [1, "AssistantEventHandler", "`AssistantEventHandler` from `openai`"], [3, "AssistantEventHandler", "`AssistantEventHandler` from `openai`"]),
    invIn("bot.py", "import openai\n\nclass Handler(openai.AssistantEventHandler):\n    pass\n", [3, "openai.AssistantEventHandler"]),
    invIn("bot.py", "from openai import OpenAI\n\ndef broken(:\n    pass\n\nclient = OpenAI()\nclient.beta.threads.create()\n", [7, "client.beta.threads.create"]),
    // An Assistants class imported and no longer used (its handler was rewritten, or never was written) loses its import.
    {
      ...invIn("bot.py", "import asyncio\nfrom openai import AsyncOpenAI, AssistantEventHandler  # clients\n\naclient = AsyncOpenAI()\n", [2, "AssistantEventHandler", "`AssistantEventHandler` from `openai`"]),
      output: "import asyncio\nfrom openai import AsyncOpenAI  # clients\n\naclient = AsyncOpenAI()\n",
    },
    {
      ...invIn("bot.py", "from openai import (\n    AssistantEventHandler as Base,\n    OpenAI,\n)\nclient = OpenAI()\n", [2, "AssistantEventHandler as Base"]),
      output: "from openai import (\n    OpenAI,\n)\nclient = OpenAI()\n",
    },
    {
      ...invIn("bot.py", "from openai.lib.streaming import AssistantEventHandler\nprint('ready')\n", [1, "AssistantEventHandler"]),
      output: "print('ready')\n",
    },
    // Still used: the import stays, and only the class's own finding stands.
    {
      ...invIn("bot.py", "from openai import AssistantEventHandler\nhandler_type = AssistantEventHandler\n", [1, "AssistantEventHandler"]),
      output: "from openai import AssistantEventHandler\nhandler_type = AssistantEventHandler\n",
    },
  ],
});

ruleTester.run("no-beta-vector-stores", {
  valid: [py(CLIENT + "client.vector_stores.create(name='docs')\n"), py("# client.beta.vector_stores.create()\n")],
  invalid: [
    {
      ...invIn("bot.py", CLIENT + "store = client.beta.vector_stores.create(name='docs')\nclient.beta.vector_stores.files.list(vector_store_id=store.id)\n", [3, "client.beta.vector_stores.create", "`beta.vector_stores.create` moved to `vector_stores.create`"], [4, "client.beta.vector_stores.files.list"]),
      output: CLIENT + "store = client.vector_stores.create(name='docs')\nclient.vector_stores.files.list(vector_store_id=store.id)\n",
    },
  ],
});

describe("unused Assistants import", () => {
  const code = "from openai import OpenAI, AssistantEventHandler\nclient = OpenAI()\n";
  it("goes with a safe fix in a module", () => {
    assert.equal(fixAll("bot.py", code, { unsafe: false }).text, "from openai import OpenAI\nclient = OpenAI()\n");
  });
  it("needs --unsafe in an __init__.py or beside __all__, where it may be a re-export", () => {
    assert.equal(fixAll("pkg/__init__.py", code, { unsafe: false }).text, code);
    assert.equal(fixAll("pkg/__init__.py", code, { unsafe: true }).text, "from openai import OpenAI\nclient = OpenAI()\n");
    const exported = `${code}__all__ = ["client"]\n`;
    assert.equal(fixAll("bot.py", exported, { unsafe: false }).text, exported);
  });
});
