// The fix fixtures (test/fixtures/fixes): which rules, settings and fix produce each .after file.
// Shared by the snapshot/property tests and the type-check test.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { analyzeText, fixAll, type FixSettings, type RuleId, type StateStrategy } from "../../../server/src/engine";
import { applyNonOverlapping } from "../../../server/src/engine/fixes/applyFixes";

export const FIXTURES = path.join(__dirname, "..", "..", "fixtures", "fixes");

export interface FixtureCase {
  /** `<before>` file name in test/fixtures/fixes. */
  before: string;
  after: string;
  rules: RuleId[];
  dependencies?: string[];
  unsafe?: boolean;
  /** `responsesMigrate.stateStrategy`; auto when absent. */
  stateStrategy?: StateStrategy;
  /** Apply this one fix of the first finding instead of fix-all (fixes fix-all never picks). */
  fixIndex?: number;
}

export const CASES: FixtureCase[] = [
  { before: "vector-stores.before.ts", after: "vector-stores.after.ts", rules: ["no-beta-vector-stores"] },
  { before: "chat-tool-shape.before.ts", after: "chat-tool-shape.after.ts", rules: ["chat-tool-shape"] },
  { before: "chat-tool-messages.before.ts", after: "chat-tool-messages.after.ts", rules: ["chat-tool-messages"] },
  { before: "tool-loop.before.ts", after: "tool-loop.after.helper.ts", rules: ["sequential-tool-loop"], unsafe: true },
  { before: "tool-loop.before.ts", after: "tool-loop.after.p-limit.ts", rules: ["sequential-tool-loop"], unsafe: true, dependencies: ["p-limit"] },
  { before: "tool-batches.before.ts", after: "tool-batches.after.safe.ts", rules: ["unbounded-tool-concurrency"] },
  { before: "tool-batches.before.ts", after: "tool-batches.after.helper.ts", rules: ["unbounded-tool-concurrency"], unsafe: true },
  { before: "tool-batches.before.ts", after: "tool-batches.after.p-limit.ts", rules: ["unbounded-tool-concurrency"], unsafe: true, dependencies: ["p-limit"] },
  { before: "tool-loop-indexed.before.ts", after: "tool-loop-indexed.after.ts", rules: ["sequential-tool-loop"], unsafe: true },
  { before: "tool-loop-evolving.before.ts", after: "tool-loop-evolving.after.ts", rules: ["sequential-tool-loop"], unsafe: true },
  { before: "tool-loop-style.before.ts", after: "tool-loop-style.after.ts", rules: ["sequential-tool-loop"], unsafe: true, dependencies: ["p-limit"] },
  { before: "tool-loop-commonjs.before.cjs", after: "tool-loop-commonjs.after.cjs", rules: ["sequential-tool-loop"], unsafe: true, dependencies: ["p-limit"] },
  { before: "chain-fallback.before.ts", after: "chain-fallback.after.ts", rules: ["chain-without-fallback"], fixIndex: 0 },
  { before: "store-false-chain.before.ts", after: "store-false-chain.after.keep-store.ts", rules: ["store-false-chain"], fixIndex: 0 },
  { before: "store-false-chain.before.ts", after: "store-false-chain.after.drop-chain.ts", rules: ["store-false-chain"], fixIndex: 1 },
  { before: "one-turn.before.ts", after: "one-turn.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "kept-thread.before.ts", after: "kept-thread.after.ts", rules: ["no-assistants-api"] },
  { before: "assistant-definition.before.ts", after: "assistant-definition.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "polled-run.before.ts", after: "polled-run.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stream-kept-thread.before.ts", after: "stream-kept-thread.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stream-style.before.ts", after: "stream-style.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "type-imports.before.ts", after: "type-imports.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "triage-bot.before.ts", after: "triage-bot.after.ts", rules: ["no-assistants-api", "sequential-tool-loop"], unsafe: true },
  { before: "kept-thread-tools.before.ts", after: "kept-thread-tools.after.ts", rules: ["no-assistants-api", "sequential-tool-loop"], unsafe: true },
  { before: "kept-thread-polled.before.ts", after: "kept-thread-polled.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "aliases.before.ts", after: "aliases.after.ts", rules: ["no-assistants-api"] },
  { before: "chained-turn.before.ts", after: "chained-turn.after.ts", rules: ["no-assistants-api"], unsafe: true, stateStrategy: "previous-response-id" },
  { before: "explicit-history-turn.before.ts", after: "explicit-history-turn.after.ts", rules: ["no-assistants-api"], unsafe: true, stateStrategy: "explicit-history" },
  { before: "create-and-run.before.ts", after: "create-and-run.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "status-guarded-turn.before.ts", after: "status-guarded-turn.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stored-thread-id.before.ts", after: "stored-thread-id.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "kept-run-background.before.ts", after: "kept-run-background.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "returned-run-tools.before.ts", after: "returned-run-tools.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "assistants-manage.before.ts", after: "assistants-manage.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "run-service.before.ts", after: "run-service.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "polled-tool-loop.before.ts", after: "polled-tool-loop.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "function-call-loop.before.ts", after: "function-call-loop.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "create-and-run-kept.before.ts", after: "create-and-run-kept.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "thread-history.before.ts", after: "thread-history.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stream-route.before.ts", after: "stream-route.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stream-handlers.before.ts", after: "stream-handlers.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stream-tool-loop.before.ts", after: "stream-tool-loop.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stream-events.before.ts", after: "stream-events.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stream-tool-outputs-route.before.ts", after: "stream-tool-outputs-route.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "stream-one-turn.before.ts", after: "stream-one-turn.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "tool-call-handed-on.before.ts", after: "tool-call-handed-on.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "polling-service.before.ts", after: "polling-service.after.ts", rules: ["no-assistants-api"], unsafe: true },
  { before: "reply-reads.before.ts", after: "reply-reads.after.ts", rules: ["no-assistants-api"], unsafe: true },
];

export const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
export const settings = (c: FixtureCase): Partial<FixSettings> => ({ dependencies: c.dependencies ?? [], toolConcurrency: 3, stateStrategy: c.stateStrategy ?? "auto" });

/** The fixed text of a case, the way the editor (one fix) or `fix` (fix-all) would produce it. */
export function applyCase(c: FixtureCase, text = read(c.before)): string {
  if (c.fixIndex === undefined) return fixAll(c.before, text, { unsafe: c.unsafe, onlyRules: c.rules, fix: settings(c) }).text;
  const finding = analyzeText(c.before, text, { onlyRules: c.rules, fix: settings(c) }).findings[0];
  assert.ok(finding, `${c.before}: expected a ${c.rules.join(",")} finding`);
  return applyNonOverlapping(text, [finding.fixes[c.fixIndex]]).text;
}

