// The fixed fixtures compile: strict `tsc --noEmit` against the real openai 7.57 package (and p-limit
// where a fix imports it). The before files need not compile; what the fixes produce must.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CASES, applyCase } from "./support/fixCases";
import { typecheck } from "./support/typecheck";

describe("fixed fixtures type-check against openai 7.57", () => {
  const typescriptCases = CASES.filter((c) => c.before.endsWith(".ts"));
  it(`${typescriptCases.length} fixed files compile with zero diagnostics`, () => {
    // One program for all of them (each in its own module) keeps this to a single compiler run.
    const files = Object.fromEntries(typescriptCases.map((c) => [c.after, applyCase(c)]));
    assert.deepEqual(typecheck(files), []);
  });
  it("the helper is a real check: a type error is reported", () => {
    assert.equal(typecheck({ "bad.ts": 'import OpenAI from "openai";\nconst client = new OpenAI();\nexport const x: number = client.responses;\n' }).length, 1);
  });
});
