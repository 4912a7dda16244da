// responsesMigrate.stateStrategy decides which rewrite is preferred (and so what fix-all applies);
// the others stay on offer as alternatives.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeText, fixAll, type StateStrategy } from "../../server/src/engine";
import { read } from "./support/fixCases";

const ONE_TURN = "one-turn.before.ts";
const KEPT = "kept-thread.before.ts";

function offered(file: string, stateStrategy: StateStrategy, line: number) {
  const text = read(file);
  const finding = analyzeText(file, text, { onlyRules: ["no-assistants-api"], fix: { stateStrategy } }).findings.find(
    (f) => text.slice(0, f.range.start).split("\n").length === line,
  );
  assert.ok(finding, `a finding on line ${line}`);
  return finding.fixes.map((fix) => `${fix.preferred ? "*" : ""}${fix.title}`);
}

describe("state strategies", () => {
  it("auto prefers the one-turn rewrite for a thread that never leaves its function, conversations as the alternative", () => {
    assert.deepEqual(offered(ONE_TURN, "auto", 8), ["*Rewrite this one-turn thread to a single responses.create", "Rewrite this thread to a conversation (every call on it)"]);
  });

  it("conversation prefers the official mapping even for a one-turn thread; the one-turn rewrite stays on offer", () => {
    assert.deepEqual(offered(ONE_TURN, "conversation", 8), ["*Rewrite this thread to a conversation (every call on it)", "Rewrite this one-turn thread to a single responses.create"]);
  });

  it("explicit-history keeps the one-turn rewrite and stores nothing", () => {
    const text = read(ONE_TURN);
    const fixed = fixAll(ONE_TURN, text, { unsafe: true, onlyRules: ["no-assistants-api"], fix: { stateStrategy: "explicit-history" } }).text;
    assert.ok(fixed.includes("    tools: assistantDefinition.tools,\n    store: false,\n    input: userMessage,\n  });"), fixed);
  });

  it("a kept thread under previous-response-id has no preferred rewrite: fix-all leaves it, the conversation mapping is offered", () => {
    assert.deepEqual(offered(KEPT, "previous-response-id", 14), ["Rewrite this thread to a conversation (every call on it)"]);
    const text = read(KEPT);
    assert.equal(fixAll(KEPT, text, { unsafe: true, onlyRules: ["no-assistants-api"], fix: { stateStrategy: "previous-response-id" } }).text, text);
  });
});
