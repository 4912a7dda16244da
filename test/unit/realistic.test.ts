// The "every call site, no false positive" bar: realistic files modelled on public code that used the
// Assistants API, and look-alikes that do not. Each expected finding is marked on the line where it
// starts with `// expect: <rule-id>[, <rule-id>…]` (or `{/* expect: … */}` in JSX).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { expectedOf } from "./support/expectMarkers";
import { analyzeFile, LineIndex } from "../../server/src/engine/index";

const FIXTURES = path.join(__dirname, "..", "fixtures", "realistic");
const EXPECT = /(?:\/\/|\/\*)\s*expect:\s*([a-z0-9, -]+)/;


describe("realistic fixtures", () => {
  const files = readdirSync(FIXTURES).filter((name) => /\.[cm]?[jt]sx?$/.test(name)).sort();
  it("has fixtures", () => assert.ok(files.length >= 10));
  for (const name of files) {
    it(name, () => {
      const bytes = readFileSync(path.join(FIXTURES, name));
      const analysis = analyzeFile(name, bytes);
      assert.equal(analysis.skipped, undefined);
      const lines = new LineIndex(analysis.text);
      const actual = analysis.findings.map((finding) => `${lines.positionAt(finding.range.start).line + 1} ${finding.ruleId}`);
      const byLine = (a: string, b: string) => parseInt(a) - parseInt(b) || a.localeCompare(b);
      assert.deepEqual(actual.sort(byLine), expectedOf(analysis.text, EXPECT).sort(byLine));
    });
  }
});
