// The byte-level prefilter (engine/analyze.ts) settles most files without decoding or parsing them.
// It must lose nothing: every file it settles has no findings even when every rule is forced to run
// on it, and with it the findings are exactly those of the forced analysis. Checked over every
// fixture, over re-encoded copies of them (BOM, non-ASCII text, bytes that are not UTF-8) and over
// generated sources.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import { analyzeFile, ensurePythonParser, RULES } from "../../server/src/engine";
import { analyzeFileWithoutParsing } from "../../server/src/engine/analyze";
import { loadFixtures } from "../fuzz/mutate";

type Gate = { triggers: readonly string[]; mayFind?: (text: string) => boolean };

/** Runs `compute` with every rule's trigger and closer look switched off, so every rule checks every file. */
function withEveryRuleForced<T>(compute: () => T): T {
  const saved = RULES.map((rule) => ({ rule: rule as unknown as Gate, triggers: rule.triggers, mayFind: rule.mayFind }));
  for (const { rule } of saved) {
    rule.triggers = [""];
    rule.mayFind = undefined;
  }
  try {
    return compute();
  } finally {
    for (const { rule, triggers, mayFind } of saved) {
      rule.triggers = triggers;
      rule.mayFind = mayFind;
    }
  }
}

const summary = (fileName: string, bytes: Buffer) =>
  analyzeFile(fileName, bytes, { fixes: false }).findings.map((finding) => `${finding.ruleId}@${finding.range.start}-${finding.range.end}`);

/** Checks one file; returns whether the prefilter settled it without parsing. */
function checkFile(fileName: string, bytes: Buffer): boolean {
  const settled = analyzeFileWithoutParsing(fileName, bytes, { fixes: false });
  const forced = withEveryRuleForced(() => summary(fileName, bytes));
  if (settled) assert.deepEqual(forced, [], `${fileName}: the prefilter skipped a file with findings`);
  assert.deepEqual(summary(fileName, bytes), forced, `${fileName}: the gated findings differ from the forced ones`);
  return settled !== undefined;
}

const extensionOf = (name: string) => name.slice(name.lastIndexOf("."));

describe("prefilter", () => {
  before(() => ensurePythonParser());
  const fixtures = loadFixtures();

  it("settles only files without findings, over every fixture as written", () => {
    let settled = 0;
    let parsed = 0;
    for (const fixture of fixtures) {
      if (checkFile(`/fixtures/${fixture.name}`, Buffer.from(fixture.text, "utf8"))) settled++;
      else parsed++;
    }
    // Both outcomes occur, so the assertions above covered both.
    assert.ok(settled > 0 && parsed > 0, `settled ${settled}, parsed ${parsed}`);
  });

  it("gives the same findings with a BOM, non-ASCII text and bytes that are not UTF-8", () => {
    for (const fixture of fixtures) {
      const name = `/fixtures/${fixture.name}`;
      const comment = extensionOf(name) === ".py" || extensionOf(name) === ".ipynb" ? "#" : "//";
      const accented = `${comment} réponse – beta\u00a0threads «assistants» ✓\n${fixture.text}`;
      checkFile(name, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture.text, "utf8")]));
      if (extensionOf(name) !== ".ipynb") {
        checkFile(name, Buffer.from(accented, "utf8"));
        // A lone 0xE9 is not UTF-8: the file decodes as Latin-1.
        checkFile(name, Buffer.concat([Buffer.from(`${comment} caf`), Buffer.from([0xe9, 0x0a]), Buffer.from(fixture.text, "utf8")]));
      }
    }
  });

  it("settles a file that never names a trigger, and parses one that does", () => {
    const plain = Buffer.from("export function add(a: number, b: number): number {\n  return a + b;\n}\n");
    assert.ok(analyzeFileWithoutParsing("/src/plain.ts", plain, {}));
    assert.equal(analyzeFileWithoutParsing("/src/calls.ts", Buffer.from("await client.beta.threads.create();\n"), {}), undefined);
    // A file with NUL bytes is skipped with its reason, not settled as clean.
    assert.match(analyzeFileWithoutParsing("/src/binary.ts", Buffer.from([0x62, 0x65, 0x74, 0x61, 0, 1, 2]), {})?.skipped?.reason ?? "", /binary/);
  });

  it("loses no finding on generated sources in any encoding", () => {
    const pieces = [
      'import OpenAI from "openai";\n',
      "const client = new OpenAI();\n",
      "await client.beta.threads.create();\n",
      "await openai.beta.assistants.list();\n",
      'await fetch("https://api.openai.com/v1/threads", { method: "POST", headers: { "OpenAI-Beta": "assistants=v2" } });\n',
      "await client.beta.vectorStores.create({});\n",
      'const r = await client.responses.create({ model: "m", input: "x", previous_response_id: id, store: false });\n',
      "for (const call of response.tool_calls ?? []) { await run(call); }\n",
      "// réponse – ü\u00a0ß ✓\n",
      "beta",
      "threads",
      ".",
      " ",
      "\u00a0",
      "é",
    ];
    const source = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(source, fc.constantFrom(".ts", ".js"), fc.constantFrom("utf8", "latin1", "bom"), (text, extension, encoding) => {
        const bytes = encoding === "bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : Buffer.from(text, encoding as BufferEncoding);
        checkFile(`/gen/file${extension}`, bytes);
      }),
      { seed: 20260826, numRuns: 300 },
    );
  });
});
