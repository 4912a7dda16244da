// A thread migrates whole or not at all, in the TypeScript front end and emitter: every finding on a
// thread carries the same fix; a safe fix-all never moves part of a thread; a thread with a call that
// has no mapping keeps every call, and its findings say which call blocks it and why.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeText, fixAll } from "../../server/src/engine";

const HEAD = 'import OpenAI from "openai";\nconst client = new OpenAI();\n';

const KEPT = `${HEAD}export async function ask(threadId: string, text: string) {
  await client.beta.threads.messages.create(threadId, { role: "user", content: text });
  const run = await client.beta.threads.runs.createAndPoll(threadId, { assistant_id: "asst_1", model: "gpt-4.1", instructions: "x", tools: [] });
  if (run.status !== "completed") throw new Error("run failed");
  return run.id;
}
`;

describe("thread rewrites are all or nothing", () => {
  it("every finding on one thread offers the same fix, covering every call", () => {
    const findings = analyzeText("a.ts", KEPT, { onlyRules: ["no-assistants-api"] }).findings;
    assert.equal(findings.length, 2);
    const [first, second] = findings.map((finding) => finding.fixes[0]);
    assert.equal(first, second);
    assert.equal(first.title, "Rewrite this thread to a conversation (every call on it)");
    assert.equal(first.safe, false);
  });

  it("safe fix-all leaves a thread whose run rewrite is unsafe wholly as it was (the message alone would be safe)", () => {
    assert.equal(fixAll("a.ts", KEPT, { onlyRules: ["no-assistants-api"] }).text, KEPT);
    const unsafe = fixAll("a.ts", KEPT, { onlyRules: ["no-assistants-api"], unsafe: true }).text;
    assert.doesNotMatch(unsafe, /beta\./);
    assert.match(unsafe, /await client\.conversations\.items\.create\(threadId, \{ items: \[\{ type: "message", role: "user", content: text \}\] \}\);/);
  });

  it("a message handed over whole becomes a message item reading its role and content, with a TODO for what items lack (unsafe)", () => {
    const code = `${HEAD}export function post(threadId: string, message: { role: "user"; content: string }) {
  return client.beta.threads.messages.create(threadId, message);
}
`;
    assert.equal(fixAll("a.ts", code, { onlyRules: ["no-assistants-api"] }).text, code);
    assert.equal(
      fixAll("a.ts", code, { onlyRules: ["no-assistants-api"], unsafe: true }).text,
      `${HEAD}export function post(threadId: string, message: { role: "user"; content: string }) {
  // TODO(responses-migrate): \`message.attachments\` has no Conversations counterpart and was left out.
  // TODO(responses-migrate): conversations.items.create returns the list of items it created (\`.data[0]\` is the message), not an Assistants message: check the reads of its result.
  return client.conversations.items.create(threadId, { items: [{ type: "message", role: message.role, content: message.content }] });
}
`,
    );
  });

  it("a call with no counterpart becomes a typed neutral value with a TODO, in an unsafe fix of the whole thread", () => {
    const code = `${HEAD}export async function history(threadId: string) {
  await client.beta.threads.messages.create(threadId, { role: "user", content: "hi" });
  const runs = await client.beta.threads.runs.list(threadId);
  return runs.data.length;
}
`;
    const findings = analyzeText("a.ts", code, { onlyRules: ["no-assistants-api"] }).findings;
    assert.deepEqual(findings.map((finding) => finding.fixes.map((fix) => fix.safe)), [[false], [false]]);
    assert.equal(fixAll("a.ts", code, { onlyRules: ["no-assistants-api"] }).text, code);
    assert.equal(
      fixAll("a.ts", code, { onlyRules: ["no-assistants-api"], unsafe: true }).text,
      `${HEAD}export async function history(threadId: string) {
  await client.conversations.items.create(threadId, { items: [{ type: "message", role: "user", content: "hi" }] });
  // TODO(responses-migrate): the Responses API keeps no list of a conversation's responses; store the response ids yourself.
  const runs = await Promise.resolve({ data: [] as import("openai/resources/responses/responses").Response[] });
  return runs.data.length;
}
`,
    );
  });

  it("a call whose rewrite cannot be written blocks its thread: no call on it is rewritten, and each finding says why", () => {
    const code = `${HEAD}export async function ask(threadId: string, makeClient: () => OpenAI) {
  await client.beta.threads.messages.create(threadId, { role: "user", content: "hi" });
  const runs = makeClient().beta.threads.runs;
  const run = await runs.createAndPoll(threadId, { assistant_id: "asst_1" });
  return run.status;
}
`;
    const findings = analyzeText("a.ts", code, { onlyRules: ["no-assistants-api"] }).findings;
    assert.deepEqual(findings.map((finding) => finding.fixes.length), [0, 0]);
    const why = "(Not rewritten: this thread migrates whole or not at all, and `threads.runs.createAndPoll` blocks it: its client cannot be written again at the call site.)";
    for (const finding of findings) {
      assert.ok(finding.message.endsWith(why), finding.message);
      assert.ok(finding.hover?.endsWith(why.slice(1, -1)), finding.hover);
    }
    assert.equal(fixAll("a.ts", code, { unsafe: true }).text, code);
  });

  it("a thread sharing a function with an Assistants call that stays is held back, so the function does not mix the APIs", () => {
    const code = `${HEAD}export async function both(threadId: string, otherId: string, makeClient: () => OpenAI) {
  await client.beta.threads.messages.create(threadId, { role: "user", content: "hi" });
  const run = await client.beta.threads.runs.createAndPoll(threadId, { assistant_id: "asst_1", model: "m", instructions: "x", tools: [] });
  const runs = makeClient().beta.threads.runs;
  const other = await runs.createAndPoll(otherId, { assistant_id: "asst_1" });
  if (run.status !== "completed") throw new Error("run failed");
  return other.status;
}
`;
    const findings = analyzeText("a.ts", code, { onlyRules: ["no-assistants-api"] }).findings;
    assert.deepEqual(findings.map((finding) => finding.fixes.length), [0, 0, 0]);
    assert.match(findings[0].message, /`threads\.runs\.createAndPoll` blocks it: `threads\.runs\.createAndPoll` in the same function stays \(.*\), and a function must not call both APIs\.\)$/);
  });

  it("a safe thread rewrite beside an unsafe one in the same function is unsafe too, so a safe fix-all moves neither", () => {
    const code = `${HEAD}export async function reply(chatId: string | undefined, text: string) {
  if (!chatId) {
    const thread = await client.beta.threads.create();
    chatId = thread.id;
  }
  await client.beta.threads.messages.create(chatId, { role: "user", content: text });
  const run = await client.beta.threads.runs.createAndPoll(chatId, { assistant_id: "asst_1", model: "m", instructions: "x", tools: [] });
  return { chatId, status: run.status };
}
`;
    const findings = analyzeText("a.ts", code, { onlyRules: ["no-assistants-api"] }).findings;
    assert.deepEqual(findings.map((finding) => finding.fixes.map((fix) => fix.safe)), [[false], [false], [false]]);
    assert.equal(fixAll("a.ts", code, { onlyRules: ["no-assistants-api"] }).text, code);
    assert.doesNotMatch(fixAll("a.ts", code, { onlyRules: ["no-assistants-api"], unsafe: true }).text, /beta\./);
  });

  it("a one-turn thread created and run inside a try block is still one stateless turn", () => {
    const code = `${HEAD}export async function answer(q: string) {
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: "user", content: q });
  try {
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: "a", model: "m", instructions: "i", tools: [] });
    if (run.status !== "completed") throw new Error(run.status);
    const messages = await client.beta.threads.messages.list(thread.id);
    return messages.data[0].content[0].type === "text" ? messages.data[0].content[0].text.value : "";
  } finally {
    console.log("done");
  }
}
`;
    const fixed = fixAll("a.ts", code, { onlyRules: ["no-assistants-api"], unsafe: true }).text;
    assert.equal(
      fixed,
      `${HEAD}export async function answer(q: string) {
  try {
    const response = await client.responses.create({
      model: "m",
      instructions: "i",
      tools: [],
      input: q,
    });
    if (response.status !== "completed") throw new Error(response.status);
    return response.output_text;
  } finally {
    console.log("done");
  }
}
`,
    );
  });
});
