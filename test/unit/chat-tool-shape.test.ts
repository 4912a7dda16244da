import { ruleTester } from "./support/ruleTester";
import { IMPORT, inv } from "./support/cases";

ruleTester.run("chat-tool-shape", {
  valid: [
    `${IMPORT}await openai.responses.create({ model, input, tools: [{ type: "function", name: "lookup", parameters: {} }] });`,
    `${IMPORT}await openai.responses.create({ model, input, tools: [{ type: "file_search", vector_store_ids: [id] }] });`,
    // Chat Completions takes the nested shape.
    `${IMPORT}await openai.chat.completions.create({ model, messages, tools: [{ type: "function", function: { name: "lookup", parameters: {} } }] });`,
    `${IMPORT}const tools = [{ type: "function", function: { name: "lookup" } }];\nawait openai.chat.completions.create({ model, messages, tools });`,
    `${IMPORT}// responses-migrate-disable-next-line chat-tool-shape\nawait openai.responses.create({ model, input, tools: [{ type: "function", function: { name: "x" } }] });`,
    `// await openai.responses.create({ tools: [{ type: "function", function: { name: "x" } }] })`,
  ],
  invalid: [
    inv(
      `${IMPORT}await openai.responses.create({ model, input, tools: [{ type: "function", function: { name: "lookup", parameters: {} } }] });`,
      [3, '{ type: "function", function: { name: "lookup", parameters: {} } }', "Function tool `lookup` has the Chat Completions shape, which `responses.create` rejects: move `name`, `description` and `parameters` up out of `function`"],
    ),
    inv(
      `${IMPORT}const tools = [\n  { type: "function", function: { name: "a" } },\n  { type: "function", name: "b" },\n  { type: "function", function: { name: "c" } },\n];\nawait openai.responses.create({ model, input, tools });`,
      [4, '{ type: "function", function: { name: "a" } }', "`a`"],
      [6, '{ type: "function", function: { name: "c" } }', "`c`"],
    ),
    inv(
      `${IMPORT}const weather = { type: "function", function: { name: "weather" } } as const;\nawait openai.responses.create({ model, input, tools: [weather] });`,
      [3, '{ type: "function", function: { name: "weather" } }', "`weather`"],
    ),
    inv(
      `${IMPORT}const base = [{ type: "function", function: { name: "a" } }];\nawait openai.responses.stream({ model, input, tools: [...base] });`,
      [3, '{ type: "function", function: { name: "a" } }', "`responses.stream` rejects"],
    ),
    // Reported once even when two requests share the const.
    inv(
      `${IMPORT}const tools = [{ type: "function", function: { name: "a" } }];\nawait openai.responses.create({ model, input, tools });\nawait openai.responses.create({ model, input: more, tools });`,
      [3, '{ type: "function", function: { name: "a" } }'],
    ),
  ],
});
