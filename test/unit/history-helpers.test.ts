// The helpers a rewritten history read calls (`conversationItemText`, `conversationItemRole`) are
// added at the end of the file only when the rewritten reads call them, once each, whatever the file
// already declares: an unused helper would trip `noUnusedLocals`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixAll } from "../../server/src/engine";

const HEAD = 'import OpenAI from "openai";\nconst client = new OpenAI();\n';

const ROLES_ONLY = `${HEAD}export async function userTurns(threadId: string) {
  const messages = await client.beta.threads.messages.list(threadId);
  return messages.data.filter((message) => message.role === "user").length;
}
`;

const TEXT_ONLY = `${HEAD}export async function transcript(threadId: string) {
  const messages = await client.beta.threads.messages.list(threadId);
  return messages.data.map((message) => message.content[0].text.value).join("\\n");
}
`;

const fix = (text: string) => fixAll("a.ts", text, { onlyRules: ["no-assistants-api"], unsafe: true }).text;
const declarations = (text: string, name: string) => text.split(`function ${name}(`).length - 1;

describe("history read helpers", () => {
  it("reads of roles alone add the role helper and not the text helper", () => {
    const fixed = fix(ROLES_ONLY);
    assert.match(fixed, /conversationItemRole\(message\) === "user"/);
    assert.equal(declarations(fixed, "conversationItemRole"), 1);
    assert.equal(declarations(fixed, "conversationItemText"), 0);
    assert.equal(fix(fixed), fixed);
  });

  it("reads of text alone add the text helper and not the role helper", () => {
    const fixed = fix(TEXT_ONLY);
    assert.match(fixed, /conversationItemText\(message\)/);
    assert.equal(declarations(fixed, "conversationItemText"), 1);
    assert.equal(declarations(fixed, "conversationItemRole"), 0);
    assert.equal(fix(fixed), fixed);
  });

  it("a file that already has the text helper gets only the role helper its new reads call", () => {
    const withText = fix(TEXT_ONLY);
    const both = fix(withText + ROLES_ONLY.slice(HEAD.length));
    assert.equal(declarations(both, "conversationItemText"), 1);
    assert.equal(declarations(both, "conversationItemRole"), 1);
    assert.equal(fix(both), both);
  });

  it("two threads in one fix-all, one reading text and one roles, get each helper once", () => {
    const fixed = fix(TEXT_ONLY + ROLES_ONLY.slice(HEAD.length));
    assert.equal(declarations(fixed, "conversationItemText"), 1);
    assert.equal(declarations(fixed, "conversationItemRole"), 1);
    assert.doesNotMatch(fixed, /beta\.threads/);
    assert.equal(fix(fixed), fixed);
  });
});
