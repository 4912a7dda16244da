// The "every call site, no false positive" bar for Python: realistic files and a notebook modelled on
// public code (sync and async clients, a streaming run, a requires_action tool loop, an assistant
// update, look-alikes). Each expected finding is marked on its line with `# expect: <rule-id>, …`
// (in the notebook, inside the cell's source line).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { expectedOf } from "./support/expectMarkers";
import { analyzeFile, ensurePythonParser, LineIndex } from "../../server/src/engine/index";

const FIXTURES = path.join(__dirname, "..", "fixtures", "realistic-python");
const EXPECT = /#\s*expect:\s*([a-z0-9, -]+)/;


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
      assert.deepEqual(actual.sort(byLine), expectedOf(analysis.text, EXPECT).sort(byLine));
    });
  }
});

describe("Python analysis edge cases", () => {
  before(() => ensurePythonParser());
  it("a file with syntax errors still gets findings for the parts that parse", () => {
    const text = "from openai import OpenAI\nclient = OpenAI()\ndef broken(:\n    pass\nclient.beta.threads.create()\n";
    const analysis = analyzeFile("broken.py", Buffer.from(text));
    assert.deepEqual(analysis.findings.map((finding) => [finding.ruleId, finding.range]), [["no-assistants-api", { start: text.indexOf("client.beta"), end: text.indexOf("(", text.indexOf("client.beta")) }]]);
  });
  it("a binary .py file and a notebook that is not JSON are skipped quietly", () => {
    assert.match(analyzeFile("x.py", Buffer.from([0, 1, 2, 0x62, 0x65, 0x74, 0x61, 0])).skipped?.reason ?? "", /binary/);
    assert.deepEqual(analyzeFile("x.ipynb", Buffer.from("{ not json client.beta.threads.create()")).findings, []);
  });
  it("deep nesting does not crash", () => {
    const text = `x = ${"(".repeat(5000)}client.beta.threads.create()${")".repeat(5000)}\n`;
    const analysis = analyzeFile("deep.py", Buffer.from(text));
    assert.ok(analysis.skipped !== undefined || Array.isArray(analysis.findings));
  });
});
