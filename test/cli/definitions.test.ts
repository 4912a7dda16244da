// `fix` looks across the workspace for the assistant definition a run names, and imports it.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { cli, removeTree, write } from "./helpers";

const DEFINITIONS = 'export const triageAssistant = {\n  model: "gpt-4.1-mini",\n  instructions: "Route tickets.",\n  tools: [],\n};\n';
const WORKER = `import OpenAI from "openai";

const client = new OpenAI();

export async function triage(ticket: string): Promise<string> {
  const thread = await client.beta.threads.create({ messages: [{ role: "user", content: ticket }] });
  await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: process.env.TRIAGE_ASSISTANT_ID! });
  const messages = await client.beta.threads.messages.list(thread.id);
  return messages.data[0].content[0].type === "text" ? messages.data[0].content[0].text.value : "";
}
`;

describe("fix uses workspace assistant definitions", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-cli-definitions-"));
  after(() => removeTree(dir));
  write(dir, "src/prompts/assistants.ts", DEFINITIONS);
  const worker = write(dir, "src/worker/triage.ts", WORKER);

  it("imports the definition named like the run's assistant id instead of inserting a stub", () => {
    const result = cli(["fix", ".", "--unsafe"], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      fs.readFileSync(worker, "utf8"),
      `import OpenAI from "openai";
import { triageAssistant } from "../prompts/assistants";

const client = new OpenAI();

export async function triage(ticket: string): Promise<string> {
  const response = await client.responses.create({
    model: triageAssistant.model,
    instructions: triageAssistant.instructions,
    tools: triageAssistant.tools,
    input: ticket,
  });
  return response.output_text;
}
`,
    );
  });
});
