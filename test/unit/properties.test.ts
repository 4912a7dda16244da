// Property tests (fast-check, seeded so a failure replays) over mutated fixtures and over sources
// generated from API fragments: analysis never throws; every fix's output parses where the input
// parsed; fix-all is idempotent; no fix edits outside its own statement except to insert its import
// or helper between top-level statements. The checks are test/fuzz/mutate.ts's, which `npm run fuzz`
// runs over thousands of cases; a small sample of that run is here too.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { analyzeText } from "../../server/src/engine";
import { applyMutation, checkSource, FRAGMENT_COUNT, loadFixtures, type Mutation } from "../fuzz/mutate";
import { runCases } from "../fuzz/run";

const fixtures = loadFixtures();
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fraction, length: fraction }),
  fc.record({ kind: fc.constant("insert" as const), at: fraction, fragment: fc.nat({ max: FRAGMENT_COUNT - 1 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fraction, length: fraction }),
  fc.record({ kind: fc.constant("swapLines" as const), a: fraction, b: fraction }),
  fc.record({ kind: fc.constant("truncate" as const), at: fraction }),
);
const mutatedFixture = fc.record({ fixture: fc.nat({ max: fixtures.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }).map(({ fixture, mutations }) => ({
  name: fixtures[fixture].name,
  text: mutations.reduce(applyMutation, fixtures[fixture].text),
}));

const HEADER = 'import OpenAI from "openai";\nconst client = new OpenAI();\n';
const STATEMENTS = [
  "const thread = await client.beta.threads.create();",
  'await client.beta.threads.messages.create(thread.id, { role: "user", content: q });',
  "const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: id });",
  "const messages = await client.beta.threads.messages.list(thread.id);",
  "await client.beta.vectorStores.files.create(store, { file_id: f });",
  "for (const call of response.output.filter((item) => item.type === \"function_call\")) { await runTool(call); }",
  "await Promise.all(calls.map((call) => runTool(call)));",
  "const next = await client.responses.create({ model, input, previous_response_id: prev, store: false });",
  "// responses-migrate-disable-next-line no-assistants-api",
  "if (run.status !== \"completed\") throw new Error(run.status);",
  "return messages.data[0];",
];
const generatedSource = fc.array(fc.nat({ max: STATEMENTS.length - 1 }), { minLength: 1, maxLength: 12 }).map(
  (picks) => `${HEADER}export async function generated(q: string, id: string, store: string, f: string, calls: any[], response: any, model: string, input: any, prev: string, runTool: any) {\n${picks.map((i) => `  ${STATEMENTS[i]}`).join("\n")}\n}\n`,
);

function assertPasses(fileName: string, text: string): void {
  assert.deepEqual(checkSource(fileName, text), [], `source:\n${text}`);
}

describe("properties", () => {
  it("every fixture passes the checks unmutated", () => {
    assert.ok(fixtures.length > 50, `${fixtures.length} fixtures found`);
    for (const fixture of fixtures) assertPasses(fixture.name.split("/").pop()!, fixture.text);
  });

  it("mutated fixtures: no throw, no parse break, idempotent fix-all, no edit outside its range", () => {
    fc.assert(fc.property(mutatedFixture, ({ name, text }) => assertPasses(name.split("/").pop()!, text)), { seed: 20260826, numRuns: 25 });
  });

  it("generated sources: the same properties, and the generated calls are found", () => {
    fc.assert(
      fc.property(generatedSource, (text) => {
        assertPasses("generated.ts", text);
        const calls = (text.match(/\.beta\./g) ?? []).length;
        const disabled = (text.match(/disable-next-line/g) ?? []).length;
        assert.ok(analyzeText("generated.ts", text, { onlyRules: ["no-assistants-api", "no-beta-vector-stores"] }).findings.length >= calls - disabled);
      }),
      { seed: 826, numRuns: 25 },
    );
  });

  it("a sample of the fuzzer's cases (npm run fuzz runs thousands)", () => {
    const reports = runCases(1, 20);
    assert.equal(reports.length, 20);
    assert.deepEqual(reports.filter((report) => report.problems.length > 0), []);
  });
});
