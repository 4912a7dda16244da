// The kind each finding is grouped under in the "Responses Migration" view, read from the rules' real
// messages on real code (not hand-written messages).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeText } from "../../server/src/engine";
import { migrationKindOf } from "../../server/src/engine/findingKind";

const CODE = `import OpenAI from "openai";
import type { Run } from "openai/resources/beta/threads/runs";
const client = new OpenAI();
export async function all(threadId: string, calls: Array<{ id: string }>) {
  const assistant = await client.beta.assistants.create({ model: "gpt-4.1" });
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: "user", content: "hi" });
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
  const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
  const store = await client.beta.vectorStores.create({ name: "docs" });
  const response = await client.responses.create({ model: "gpt-4.1", input: "hi", store: false, previous_response_id: "resp_1" });
  return [steps, stream, store, response, threadId, calls];
}
`;

describe("migrationKindOf", () => {
  it("groups each finding of real code by what it migrates", () => {
    const findings = analyzeText("all.ts", CODE).findings;
    const kinds = findings.map((finding) => [finding.ruleId, /^`([^`]+)`/.exec(finding.message)?.[1] ?? finding.message.slice(0, 20), migrationKindOf(finding.ruleId, finding.message)]);
    assert.deepEqual(kinds, [
      ["no-assistants-api", "Run", "runs"],
      ["no-assistants-api", "beta.assistants.create", "assistants"],
      ["no-assistants-api", "beta.threads.create", "threads"],
      ["no-assistants-api", "beta.threads.messages.create", "threads"],
      ["no-assistants-api", "beta.threads.runs.createAndPoll", "runs"],
      ["no-assistants-api", "beta.threads.runs.steps.list", "runs"],
      ["no-assistants-api", "beta.threads.runs.stream", "streams"],
      ["no-beta-vector-stores", "beta.vectorStores.create", "pitfalls"],
      ["store-false-chain", "store: false", "pitfalls"],
      ["chain-without-fallback", "previous_response_id", "pitfalls"],
    ]);
  });

  it("tool loops, stubs and hand-left steps", () => {
    assert.equal(migrationKindOf("sequential-tool-loop", "Tool calls awaited one at a time"), "tool loops");
    assert.equal(migrationKindOf("unbounded-tool-concurrency", "Promise.all over tool calls"), "tool loops");
    assert.equal(migrationKindOf("no-assistants-api", "Assistant definition stub: fill in the model"), "assistants");
    assert.equal(migrationKindOf("no-assistants-api", "Migration left a step to do by hand: store the id."), "pitfalls");
    assert.equal(migrationKindOf("no-assistants-api", "`AssistantStream` from `openai/lib/AssistantStream` belongs to the Assistants API"), "streams");
  });
});
