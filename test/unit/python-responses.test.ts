// The Responses pitfalls on Python: store=False with previous_response_id, chains with no
// NotFoundError handling, Chat-shaped tools and role "tool" messages passed to responses.create,
// through keyword arguments, `**params`, names, `+`, splats, append, cast(), conditionals and `or`.
import { before } from "node:test";
import { ensurePythonParser } from "../../server/src/engine/index";
import { ruleTester } from "./support/ruleTester";
import { invIn } from "./support/cases";

before(() => ensurePythonParser());

const py = (code: string) => ({ code, filename: "agent.py" });
const CLIENT = "from openai import OpenAI\nclient = OpenAI()\n";

ruleTester.run("store-false-chain", {
  valid: [
    py(CLIENT + "client.responses.create(model='m', input=history, store=False)\n"),
    py(CLIENT + "client.responses.create(model='m', input='x', previous_response_id=last, store=True)\n"),
    py(CLIENT + "client.responses.create(model='m', input='x', previous_response_id=None, store=False)\n"),
  ],
  invalid: [
    invIn("agent.py", CLIENT + "client.responses.create(model='m', input='x', store=False, previous_response_id=last)\n", [3, "store=False", "`store: false` responses are not kept"]),
    invIn("agent.py", CLIENT + "params = {\"store\": False, \"previous_response_id\": last}\nclient.responses.create(model='m', input='x', **params)\n", [3, "\"store\": False"]),
  ],
});

ruleTester.run("chain-without-fallback", {
  valid: [
    py(CLIENT + "try:\n    client.responses.create(model='m', input='x', previous_response_id=last)\nexcept openai.NotFoundError:\n    rebuild()\n"),
    py(CLIENT + "first = client.responses.create(model='m', input='x')\nclient.responses.create(model='m', input=outputs, previous_response_id=first.id)\n"),
    py(CLIENT + "with_fallback(lambda: client.responses.create(model='m', input='x', previous_response_id=last))\n"),
    // A stream handler's current run is the response streaming now.
    py(CLIENT + "class Handler:\n    def answer(self, outputs):\n        client.responses.stream(model='m', input=outputs, previous_response_id=self.current_run.id)\n"),
  ],
  invalid: [
    invIn("agent.py", CLIENT + "def turn(last):\n    return client.responses.create(model='m', input='x', previous_response_id=last)\n", [4, "previous_response_id=last", "`previous_response_id` chains expire after about 30 days"]),
    invIn("agent.py", CLIENT + "try:\n    client.responses.create(model='m', input='x', previous_response_id=last)\nexcept KeyError:\n    pass\n", [4, "previous_response_id=last"]),
    invIn("agent.py", CLIENT + "class Handler:\n    def answer(self, outputs):\n        client.responses.stream(model='m', input=outputs, previous_response_id=self.saved_run.id)\n", [5, "previous_response_id=self.saved_run.id"]),
  ],
});

ruleTester.run("chat-tool-shape", {
  valid: [
    py(CLIENT + "client.responses.create(model='m', input='x', tools=[{\"type\": \"function\", \"name\": \"f\", \"parameters\": {}}])\n"),
    py(CLIENT + "client.chat.completions.create(model='m', messages=[], tools=[{\"type\": \"function\", \"function\": {\"name\": \"f\"}}])\n"),
  ],
  invalid: [
    {
      code: CLIENT + "TOOLS = [\n    {\n        \"type\": \"function\",\n        \"function\": {\n            \"name\": \"lookup\",\n            \"parameters\": {},\n        },\n    }\n]\nclient.responses.create(model='m', input='x', tools=TOOLS)\n",
      filename: "agent.py",
      errors: [{ line: 4, column: 5, endLine: 10, endColumn: 6, messageIncludes: "Function tool `lookup` has the Chat Completions shape, which `responses.create` rejects" }],
      output: CLIENT + "TOOLS = [\n    {\n        \"type\": \"function\",\n        \"name\": \"lookup\",\n        \"parameters\": {},\n        \"strict\": False,\n    }\n]\nclient.responses.create(model='m', input='x', tools=TOOLS)\n",
    },
    {
      ...invIn("agent.py", CLIENT + "extra = {'type': 'function', 'function': {'name': 'b'}}\nclient.responses.create(model='m', input='x', tools=cast(list, [*BASE, extra]) if ok else [])\n", [3, "{'type': 'function', 'function': {'name': 'b'}}", "Function tool `b`"]),
      output: CLIENT + "extra = {'type': 'function', 'name': 'b', 'strict': False}\nclient.responses.create(model='m', input='x', tools=cast(list, [*BASE, extra]) if ok else [])\n",
    },
    invIn("agent.py", CLIENT + "tools = []\ntools.append({'type': 'function', 'function': {'name': 'c'}})\nclient.responses.stream(model='m', input='x', tools=tools + [])\n", [4, "{'type': 'function', 'function': {'name': 'c'}}", "`responses.stream` rejects"]),
  ],
});

ruleTester.run("chat-tool-messages", {
  valid: [
    py(CLIENT + "client.responses.create(model='m', input=[{\"type\": \"function_call_output\", \"call_id\": c, \"output\": o}])\n"),
    py(CLIENT + "client.chat.completions.create(model='m', messages=[{\"role\": \"tool\", \"tool_call_id\": c, \"content\": o}])\n"),
  ],
  invalid: [
    invIn("agent.py", CLIENT + "history.append({\"role\": \"tool\", \"tool_call_id\": c, \"content\": o})\nclient.responses.create(model='m', input=history)\n", [3, "{\"role\": \"tool\", \"tool_call_id\": c, \"content\": o}", "A `role: \"tool\"` message is rejected in `responses.create` input"]),
    invIn("agent.py", CLIENT + "client.responses.create(model='m', input=[*history, {\"role\": \"assistant\", \"tool_calls\": calls}])\n", [3, "{\"role\": \"assistant\", \"tool_calls\": calls}", "A `tool_calls` array is rejected"]),
  ],
});
