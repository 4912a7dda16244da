// "A run that names an assistant uses that definition when the workspace has it": a definition
// exported from another file is imported instead of inserting a stub.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { findExportedAssistantDefinitions, fixAll } from "../../server/src/engine";
import { typecheck } from "./support/typecheck";

const ROOT = path.resolve("/workspace/app");
const DEFINITIONS = `export const supportAssistant = {
  model: "gpt-4.1",
  instructions: "Answer as the Acme support desk.",
  tools: [],
};

export const triageAssistant = {
  model: "gpt-4.1-mini",
  instructions: "Route tickets.",
  tools: [],
};

const internalNotes = { model: "x", instructions: "not exported" };
`;
const ROUTE = `import OpenAI from "openai";

const client = new OpenAI();

export async function answer(question: string): Promise<string> {
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: "user", content: question });
  await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: process.env.SUPPORT_ASSISTANT_ID! });
  const messages = await client.beta.threads.messages.list(thread.id);
  return messages.data[0].content[0].type === "text" ? messages.data[0].content[0].text.value : "";
}
`;

describe("workspace assistant definitions", () => {
  it("finds exported definitions only", () => {
    assert.deepEqual(findExportedAssistantDefinitions("assistants.ts", DEFINITIONS), ["supportAssistant", "triageAssistant"]);
    assert.deepEqual(findExportedAssistantDefinitions("other.ts", "export const x = 1;\n"), []);
  });

  it("a run whose assistant id names a workspace definition imports it instead of a stub", () => {
    const workspaceDefinitions = findExportedAssistantDefinitions("assistants.ts", DEFINITIONS).map((name) => ({ name, fileName: path.join(ROOT, "src/assistants.ts") }));
    const fixed = fixAll(path.join(ROOT, "src/api/route.ts"), ROUTE, { unsafe: true, fix: { workspaceDefinitions } }).text;
    assert.equal(
      fixed,
      `import OpenAI from "openai";
import { supportAssistant } from "../assistants";

const client = new OpenAI();

export async function answer(question: string): Promise<string> {
  await client.responses.create({
    model: supportAssistant.model,
    instructions: supportAssistant.instructions,
    tools: supportAssistant.tools,
    input: question,
  });
  return response.output_text;
}
`.replace("  await client.responses.create", "  const response = await client.responses.create"),
    );
    assert.deepEqual(typecheck({ "src/assistants.ts": DEFINITIONS, "src/api/route.ts": fixed }), []);
  });

  it("without a safe way to pick one, it still stubs", () => {
    const workspaceDefinitions = [{ name: "billingAssistant", fileName: path.join(ROOT, "src/assistants.ts") }];
    const fixed = fixAll(path.join(ROOT, "src/api/route.ts"), ROUTE, { unsafe: true, fix: { workspaceDefinitions } }).text;
    assert.match(fixed, /const assistantDefinition = \{/);
    assert.doesNotMatch(fixed, /billingAssistant/);
  });
});
