// The "every call site, no false positive" bar for Python: realistic files and a notebook modelled on
// public code (sync and async clients, a streaming run, a requires_action tool loop, an assistant
// update, look-alikes). Each expected finding is marked on its line with `# expect: <rule-id>, …`
// (in the notebook, inside the cell's source line).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { analyzeFile, ensurePythonParser, LineIndex } from "../../server/src/engine/index";

const FIXTURES = path.join(__dirname, "..", "fixtures", "realistic-python");
const EXPECT = /#\s*expect:\s*([a-z0-9, -]+)/;

function expectedOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/).flatMap((line, index) => {
    const match = EXPECT.exec(line);
    if (!match) return [];
    return match[1].split(",").map((id) => id.trim()).filter(Boolean).map((id) => `${index + 1} ${id}`);
  });
}

describe("realistic Python fixtures", () => {
  before(() => ensurePythonParser());
  const files = readdirSync(FIXTURES).filter((name) => /\.(py|ipynb)$/.test(name)).sort();
  it("has fixtures, a notebook and look-alikes among them", () => {
    assert.ok(files.length >= 5);
    assert.ok(files.some((name) => name.endsWith(".ipynb")));
    assert.ok(files.includes("lookalikes.py"));
  });
  for (const name of files) {
    it(name, () => {
      const analysis = analyzeFile(name, readFileSync(path.join(FIXTURES, name)));
      assert.equal(analysis.skipped, undefined);
      const lines = new LineIndex(analysis.text);
      const actual = analysis.findings.map((finding) => `${lines.positionAt(finding.range.start).line + 1} ${finding.ruleId}`);
      const byLine = (a: string, b: string) => parseInt(a) - parseInt(b) || a.localeCompare(b);
      assert.deepEqual(actual.sort(byLine), expectedOf(analysis.text).sort(byLine));
    });
  }
});
