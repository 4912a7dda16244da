import { ruleTester } from "./support/ruleTester";
import { IMPORT, inv } from "./support/cases";

ruleTester.run("chat-tool-messages", {
  valid: [
    `${IMPORT}await openai.responses.create({ model, input: [{ type: "function_call_output", call_id, output }] });`,
    `${IMPORT}await openai.responses.create({ model, input: [{ role: "user", content: "hi" }] });`,
    // Chat Completions takes them.
    `${IMPORT}await openai.chat.completions.create({ model, messages: [...history, { role: "tool", tool_call_id: id, content }] });`,
    `${IMPORT}const messages = [{ role: "assistant", tool_calls }];\nawait openai.chat.completions.create({ model, messages });`,
    `${IMPORT}// responses-migrate-disable-next-line chat-tool-messages\nawait openai.responses.create({ model, input: [{ role: "tool", tool_call_id: id, content }] });`,
  ],
  invalid: [
    inv(
      `${IMPORT}await openai.responses.create({ model, input: [...history, { role: "tool", tool_call_id: id, content }] });`,
      [3, '{ role: "tool", tool_call_id: id, content }', 'A `role: "tool"` message is rejected in `responses.create` input: send `{ type: "function_call_output", call_id, output }`'],
    ),
    inv(
      `${IMPORT}await openai.responses.create({ model, input: [{ role: "assistant", content: null, tool_calls: message.tool_calls }] });`,
      [3, '{ role: "assistant", content: null, tool_calls: message.tool_calls }', "A `tool_calls` array is rejected in `responses.create` input"],
    ),
    inv(
      `${IMPORT}const input = [{ role: "user", content: q }];\ninput.push({ role: "tool", tool_call_id: call.id, content: out });\nawait openai.responses.create({ model, input });`,
      [4, '{ role: "tool", tool_call_id: call.id, content: out }'],
    ),
    inv(
      `${IMPORT}const history = [{ tool_call_id: id, content: out }];\nawait openai.responses.stream({ model, input: history });`,
      [3, "{ tool_call_id: id, content: out }", "`responses.stream` input"],
    ),
  ],
});
