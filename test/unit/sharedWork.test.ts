// Work shared across files and passes must not change answers: the rule list worked out once per
// scan follows severity changes, and a definition file the analysis parsed gives the same definitions
// from the analysis's tree as from a parse of its own.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeText, openFileFixSession, takeSyntaxTree } from "../../server/src/engine";
import { assistantDefinitionsIn } from "../../server/src/workspace/assistantDefinitions";

const CALLS = 'import OpenAI from "openai";\nconst client = new OpenAI();\nexport const t = () => client.beta.threads.create();\n';
const DEFINITION = 'export const triage = {\n  model: "gpt-4.1-mini",\n  instructions: "Route tickets.",\n};\n';

describe("work shared across files", () => {
  it("equal severities in fresh objects reuse the rule list; a changed severity is honoured", () => {
    const severities = (analysis: ReturnType<typeof analyzeText>) => analysis.findings.map((finding) => `${finding.ruleId}:${finding.severity}`);
    assert.deepEqual(severities(analyzeText("a.ts", CALLS, { severities: { "no-assistants-api": "warning" } })), ["no-assistants-api:warning"]);
    assert.deepEqual(severities(analyzeText("a.ts", CALLS, { severities: { "no-assistants-api": "warning" } })), ["no-assistants-api:warning"]);
    assert.deepEqual(severities(analyzeText("a.ts", CALLS, { severities: { "no-assistants-api": "hint" } })), ["no-assistants-api:hint"]);
    assert.deepEqual(severities(analyzeText("a.ts", CALLS, { severities: { "no-assistants-api": "off" } })), []);
    assert.deepEqual(severities(analyzeText("a.ts", CALLS, { severities: { "no-assistants-api": "off", "no-assistants-http": "off" } })), []);
    assert.deepEqual(severities(analyzeText("a.ts", CALLS, {})), ["no-assistants-api:error"]);
  });

  for (const [name, prefix, reused] of [["UTF-8", "", true], ["with a BOM", "\ufeff", false]] as const) {
    it(`a definition file the analysis parsed (${name}) gives the same definitions from the analysis's tree`, () => {
      const bytes = Buffer.from(prefix + CALLS + DEFINITION);
      const session = openFileFixSession("src/both.ts", bytes);
      assert.equal(session.analysis.findings.length, 1, "the file is parsed for its Assistants call");
      let usedTree = false;
      const shared = assistantDefinitionsIn("src/both.ts", bytes, (text) => {
        const tree = text === session.analysis.text ? takeSyntaxTree(session) : undefined;
        usedTree ||= tree !== undefined;
        return tree;
      });
      assert.equal(usedTree, reused, reused ? "the same text: the tree is reused" : "the BOM makes the texts differ: parsed again");
      assert.deepEqual(shared, [{ name: "triage", fileName: "src/both.ts" }]);
      assert.deepEqual(shared, assistantDefinitionsIn("src/both.ts", bytes));
    });
  }
});
