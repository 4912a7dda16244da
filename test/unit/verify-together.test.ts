// Verifying every thread rewrite of a file in one re-analysis must give each rewrite the verdict it
// gets when checked on its own: a rewrite that leaves an Assistants call, writes a new one or breaks
// the parse is refused even when every other rewrite in the file verifies.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { verificationFailure, type Reanalysis } from "../../server/src/engine/migration/verify";
import { applyEdits } from "../../server/src/engine/fixes/applyEdits";
import { verifyTogether, type VerificationCandidate } from "../../server/src/engine/migration/verifyTogether";
import { reanalyseTypeScript } from "../../server/src/engine/typescript/migration";
import type { TextEdit } from "../../server/src/engine/types";

const FILE = "bundle.js";
const TEXT = [
  `const c = new OpenAI();`,
  `async function a() { return c.beta.threads.retrieve("t1"); }`,
  `async function b() { return c.beta.threads.retrieve("t2"); }`,
  `async function d() { return c.beta.threads.retrieve("t3"); }`,
  `async function e() { return c.beta.threads.retrieve("t4"); }`,
  `async function f() { return c.beta.threads.retrieve("t5"); }`,
].join("\n");
const BEFORE = reanalyseTypeScript(FILE, TEXT);

/** An edit replacing the first `from` at or after `after` in TEXT. */
function replace(from: string, to: string, after = 0): TextEdit {
  const start = TEXT.indexOf(from, after);
  assert.ok(start >= 0, from);
  return { range: { start, end: start + from.length }, newText: to };
}

/** A rewrite of the call on `id` ("t1"…): its edits and the callee it migrates. */
function candidate(id: string, edits: (line: number) => TextEdit[]): VerificationCandidate {
  const line = TEXT.indexOf(`"${id}"`);
  const callee = BEFORE.assistantsCalls.find((call) => call.start < line && line - call.end < 3)!;
  return { edits: edits(line), migratedCalls: [callee] };
}

const migrates = (id: string) => candidate(id, (at) => [replace(`c.beta.threads.retrieve("${id}")`, `c.conversations.retrieve("${id}")`, at - 30)]);
const IMPORT: TextEdit = { range: { start: 0, end: 0 }, newText: `import OpenAI from "openai";\n` };

/** The check of one rewrite on its own, as the migration makes it. */
function alone(candidate: VerificationCandidate): string | undefined {
  const after = reanalyseTypeScript(FILE, applyEdits(TEXT, candidate.edits));
  return verificationFailure({ ...BEFORE, responsesCalls: [] }, { ...after, responsesCalls: [] }, candidate.migratedCalls.length);
}

function together(candidates: VerificationCandidate[]) {
  let reanalyses = 0;
  let alones = 0;
  const verdicts = verifyTogether(
    TEXT,
    BEFORE,
    candidates,
    (text): Reanalysis => {
      reanalyses++;
      return reanalyseTypeScript(FILE, text);
    },
    (candidate) => {
      alones++;
      return alone(candidate);
    },
  );
  return { verdicts, reanalyses, alones };
}

describe("verifyTogether", () => {
  it("passes every rewrite in one re-analysis when all verify, a shared import made once", () => {
    const candidates = [migrates("t1"), migrates("t2"), { ...migrates("t3"), edits: [IMPORT, ...migrates("t3").edits] }, { ...migrates("t4"), edits: [IMPORT, ...migrates("t4").edits] }];
    const result = together(candidates);
    assert.deepEqual(result.verdicts, [undefined, undefined, undefined, undefined]);
    assert.deepEqual({ reanalyses: result.reanalyses, alones: result.alones }, { reanalyses: 1, alones: 0 });
  });

  it("refuses a rewrite that leaves its call, one that writes a new Assistants call and one that breaks the parse, while the others pass", () => {
    const leavesCall = candidate("t2", (at) => [replace(`"t2"`, `"x2"`, at - 1)]);
    const writesCall = candidate("t3", (at) => [replace(`c.beta.threads.retrieve("t3")`, `c.conversations.retrieve("t3"), c.beta.threads.create()`, at - 30)]);
    const breaksParse = candidate("t4", (at) => [replace(`c.beta.threads.retrieve("t4")`, `c.conversations.retrieve("t4"`, at - 30)]);
    const candidates = [migrates("t1"), leavesCall, writesCall, breaksParse, migrates("t5")];
    const { verdicts } = together(candidates);
    const left = "Assistants calls on the thread would be left";
    assert.deepEqual(verdicts, [undefined, left, left, "the rewritten code does not parse", undefined]);
    assert.deepEqual(verdicts, candidates.map(alone));
  });

  it("checks rewrites whose edits overlap another's in a later group, with the same verdicts as alone", () => {
    const first = migrates("t1");
    const overlapping = { ...migrates("t1"), edits: [replace(`c.beta.threads.retrieve("t1")`, `c.conversations.retrieve("t1" )`, 0)] };
    const candidates = [first, overlapping, migrates("t2")];
    const { verdicts } = together(candidates);
    assert.deepEqual(verdicts, [undefined, undefined, undefined]);
    assert.deepEqual(verdicts, candidates.map(alone));
  });

  it("applies edits in one pass as right-to-left application does, insertions at one point in reverse order", () => {
    const edits: TextEdit[] = [
      { range: { start: 0, end: 0 }, newText: "A" },
      { range: { start: 0, end: 0 }, newText: "B" },
      { range: { start: 0, end: 5 }, newText: "const" },
      { range: { start: 6, end: 7 }, newText: "k" },
    ];
    assert.equal(applyEdits(TEXT, edits).slice(0, 12), "BAconst k = ");
  });
});
