// Fixes for the Responses pitfalls and concurrency rules: before/after snapshots of realistic files,
// plus the properties every fix must have (parses, touches only its own code plus an added import or
// helper, follows the file's style, fix-all is idempotent, overlapping fixes never corrupt the file).
// Set UPDATE_FIXTURES=1 to rewrite the .after files, then review the diff by hand.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";
import { analyzeText, fixAll, type Fix, type FixSettings, type RuleId } from "../../server/src/engine";
import { applyNonOverlapping } from "../../server/src/engine/fixes/applyFixes";
import { CASES, FIXTURES, applyCase, read, settings } from "./support/fixCases";

function parseErrors(fileName: string, text: string): string[] {
  const kind = /\.c?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

/** The outermost statement of a statement list containing `start` (where a fix's rewrite may reach). */
function statementAround(sourceFile: ts.SourceFile, start: number, end: number): { start: number; end: number } {
  let best = { start, end };
  const visit = (node: ts.Node): void => {
    if (node.getStart(sourceFile) <= start && end <= node.getEnd()) {
      if (ts.isStatement(node) || ts.isVariableStatement(node)) best = { start: node.getStart(sourceFile), end: node.getEnd() };
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(sourceFile, visit);
  return best;
}

/** The function body around a range: a one-turn rewrite edits the statements of its own turn. */
function blockAround(sourceFile: ts.SourceFile, start: number, end: number): { start: number; end: number } {
  let best = { start: 0, end: sourceFile.getEnd() };
  const visit = (node: ts.Node): void => {
    if (node.getStart(sourceFile) <= start && end <= node.getEnd()) {
      if (ts.isBlock(node) && ts.isFunctionLike(node.parent)) best = { start: node.getStart(sourceFile), end: node.getEnd() };
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(sourceFile, visit);
  return best;
}

describe("fix snapshots", () => {
  for (const c of CASES) {
    it(`${c.before} -> ${c.after}`, () => {
      const actual = applyCase(c);
      const file = path.join(FIXTURES, c.after);
      if (process.env.UPDATE_FIXTURES) fs.writeFileSync(file, actual);
      assert.equal(actual, fs.readFileSync(file, "utf8"));
      assert.notEqual(actual, read(c.before), "the fix changes something");
    });
  }
});

describe("fix properties", () => {
  for (const c of CASES) {
    describe(c.after, () => {
      const before = read(c.before);
      const after = applyCase(c);

      it("parses", () => assert.deepEqual(parseErrors(c.after, after), []));

      it("fix-all applied twice equals once", () => {
        const options = { unsafe: c.unsafe, onlyRules: c.rules, fix: settings(c) };
        const once = fixAll(c.before, before, options).text;
        assert.equal(fixAll(c.before, once, options).text, once);
      });

      it("edits only the flagged statement, plus an import after the imports or a helper at the end", () => {
        const analysis = analyzeText(c.before, before, { onlyRules: c.rules, fix: settings(c) });
        const sourceFile = ts.createSourceFile(c.before, before, ts.ScriptTarget.Latest, true);
        const lastImport = sourceFile.statements.filter((s) => ts.isImportDeclaration(s) || (ts.isVariableStatement(s) && /require\(/.test(s.getText(sourceFile)))).pop();
        for (const finding of analysis.findings) {
          for (const fix of finding.fixes) {
            // A thread's rewrite edits the functions holding its calls (each of its findings carries the same fix).
            const isThreadFix = /one-turn|thread's conversation|stateless|this turn|this thread/.test(fix.title);
            const sameFix = (other: Fix) => other.title === fix.title && JSON.stringify(other.edits) === JSON.stringify(fix.edits);
            const regions = isThreadFix
              ? analysis.findings.filter((other) => other.fixes.some(sameFix)).map((other) => blockAround(sourceFile, other.range.start, other.range.end))
              : [statementAround(sourceFile, finding.range.start, finding.range.end)];
            for (const edit of fix.edits) {
              const inside = regions.some((region) => region.start <= edit.range.start && edit.range.end <= region.end);
              const insertion = edit.range.start === edit.range.end;
              const atImports = insertion && lastImport !== undefined && edit.range.start === lastImport.getEnd();
              const atEnd = insertion && edit.range.start === before.length;
              // no-beta-vector-stores may fix the alias a call goes through (`const stores = client.beta.vectorStores`).
              const betaAlias = edit.newText === "" && /^beta\s*\??\.\s*$/.test(before.slice(edit.range.start, edit.range.end));
              // sequential-tool-loop may annotate an evolving `const outputs = []` the body pushes to.
              const annotation = insertion && /^: [\w.]+\[\]$/.test(edit.newText) && /\w$/.test(before.slice(0, edit.range.start)) && /^\s*=\s*\[\]/.test(before.slice(edit.range.start));
              assert.ok(inside || atImports || atEnd || betaAlias || annotation, `${fix.title}: edit ${JSON.stringify(edit)} is outside ${JSON.stringify(regions)}`);
            }
            // Everything outside the edits is byte-identical: applying the fix alone changes only them.
            const applied = applyNonOverlapping(before, [fix]).text;
            const first = Math.min(...fix.edits.map((e) => e.range.start));
            assert.equal(applied.slice(0, first), before.slice(0, first));
          }
        }
      });

      it("follows the file's line endings", () => {
        if (before.includes("\r\n")) assert.doesNotMatch(after.replace(/\r\n/g, ""), /\n/);
        else assert.doesNotMatch(after, /\r/);
      });
    });
  }
});

describe("style of inserted code", () => {
  it("single quotes, no semicolons and 4-space indents carry into the import and limiter", () => {
    const after = read("tool-loop-style.after.ts");
    assert.match(after, /^import pLimit from 'p-limit'$/m);
    assert.match(after, /^ {4}const limitToolCalls = pLimit\(3\)$/m);
    assert.doesNotMatch(after, /"/);
    assert.doesNotMatch(after, /;$/m);
  });
  it("tabs and CRLF carry into the CommonJS helper, which has no types", () => {
    const after = read("tool-loop-commonjs.after.cjs");
    assert.match(after, /\r\nasync function mapWithConcurrency\(items, limit, task\) \{\r\n\tconst list/);
    assert.doesNotMatch(after, /require\("p-limit"\)|import pLimit/);
  });
  it("the concurrency cap follows toolConcurrency", () => {
    const text = read("tool-loop-style.before.ts");
    const fixed = fixAll("a.ts", text, { unsafe: true, onlyRules: ["sequential-tool-loop"], fix: { dependencies: ["p-limit"], toolConcurrency: 5 } }).text;
    assert.match(fixed, /pLimit\(5\)/);
  });
});

// ---------------------------------------------------------------------------------------------
// Smaller cases: what each fix does and does not do.

const HEAD = 'import OpenAI from "openai";\nconst client = new OpenAI();\n';

function fixesFor(code: string, rule: RuleId, settingsOverride: Partial<FixSettings> = {}, fileName = "a.ts"): Fix[] {
  const findings = analyzeText(fileName, code, { onlyRules: [rule], fix: { dependencies: [], toolConcurrency: 3, ...settingsOverride } }).findings;
  assert.ok(findings.length > 0, `expected a ${rule} finding`);
  return findings.flatMap((f) => f.fixes);
}

function applyFirst(code: string, rule: RuleId, settingsOverride: Partial<FixSettings> = {}, fileName = "a.ts"): string {
  const fixes = fixesFor(code, rule, settingsOverride, fileName);
  assert.ok(fixes.length > 0, "expected a fix");
  return applyNonOverlapping(code, [fixes[0]]).text;
}

describe("no-beta-vector-stores fix", () => {
  it("drops `beta?.` and keeps the rest", () => {
    assert.equal(applyFirst(`${HEAD}await client.beta?.vectorStores.list();`, "no-beta-vector-stores"), `${HEAD}await client.vectorStores.list();`);
  });
  it("drops an element access `[\"beta\"]`", () => {
    assert.equal(applyFirst(`${HEAD}await client["beta"]["vectorStores"].list();`, "no-beta-vector-stores"), `${HEAD}await client["vectorStores"].list();`);
  });
  it("is safe and preferred", () => {
    const [fix] = fixesFor(`${HEAD}await client.beta.vectorStores.list();`, "no-beta-vector-stores");
    assert.equal(fix.safe, true);
    assert.equal(fix.preferred, true);
  });
  it("offers nothing when `beta` came from a destructuring it cannot see through", () => {
    assert.deepEqual(fixesFor(`${HEAD}const { beta } = client;\nawait beta.vectorStores.list();`, "no-beta-vector-stores"), []);
  });
});

describe("chat-tool-shape fix", () => {
  const call = (tool: string) => `${HEAD}await client.responses.create({ model: "m", input: "x", tools: [${tool}] });`;
  it("offers nothing when `function` is not an object literal", () => {
    assert.deepEqual(fixesFor(call('{ type: "function", function: fnDef }'), "chat-tool-shape"), []);
  });
  it("offers nothing when `function` holds a spread", () => {
    assert.deepEqual(fixesFor(call('{ type: "function", function: { ...base, name: "x" } }'), "chat-tool-shape"), []);
  });
  it("keeps an explicit strict and parameters", () => {
    assert.equal(applyFirst(call('{ type: "function", function: { name: "x", parameters: p, strict: true } }'), "chat-tool-shape"), call('{ type: "function", name: "x", parameters: p, strict: true }'));
  });
  it("keeps a trailing line comment from swallowing the next property's comma", () => {
    const before = `${HEAD}await client.responses.create({\n  model: "m",\n  input: "x",\n  tools: [\n    {\n      type: "function",\n      function: {\n        name: "x",\n        parameters: p // schema\n      },\n      extra: 1,\n    },\n  ],\n});\n`;
    const after = applyFirst(before, "chat-tool-shape");
    assert.deepEqual(parseErrors("a.ts", after), []);
    assert.match(after, / {6}name: "x",\n {6}parameters: p,\n {6}strict: false, \/\/ schema\n {6}extra: 1,/);
  });
});

describe("chat-tool-messages fix", () => {
  it("offers nothing for an assistant `tool_calls` message", () => {
    const code = `${HEAD}await client.responses.create({ model: "m", input: [{ role: "assistant", content: null, tool_calls: calls }] });`;
    assert.deepEqual(fixesFor(code, "chat-tool-messages"), []);
  });
  it("offers nothing when the message has fields an item cannot carry", () => {
    const code = `${HEAD}await client.responses.create({ model: "m", input: [{ role: "tool", tool_call_id: id, content: out, name: "fn" }] });`;
    assert.deepEqual(fixesFor(code, "chat-tool-messages"), []);
  });
  it("keeps single quotes", () => {
    const code = `${HEAD}await client.responses.create({ model: 'm', input: [{ role: 'tool', tool_call_id: id, content: out }] });`;
    assert.match(applyFirst(code, "chat-tool-messages"), /\{ type: 'function_call_output', call_id: id, output: out \}/);
  });
});

describe("sequential-tool-loop fix", () => {
  const loop = (body: string, head = "for (const call of calls)") =>
    `${HEAD}export async function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  ${head} {\n${body}\n  }\n}\n`;
  it("is unsafe and preferred", () => {
    const [fix] = fixesFor(loop("    await run(call);"), "sequential-tool-loop");
    assert.equal(fix.safe, false);
    assert.equal(fix.preferred, true);
  });
  it("is skipped by fix-all without --unsafe", () => {
    const code = loop("    await run(call);");
    assert.equal(fixAll("a.ts", code, { onlyRules: ["sequential-tool-loop"] }).text, code);
  });
  for (const [what, body] of [
    ["break", "    if (call.name === 'stop') break;\n    await run(call);"],
    ["return", "    if (!call.name) return;\n    await run(call);"],
    ["a continue to an outer label", "    inner: for (const x of [1]) { continue outer; }\n    await run(call);"],
    ["var", "    var out = await run(call);"],
  ] as const) {
    it(`offers nothing when the body has ${what}`, () => {
      const code = what === "a continue to an outer label" ? loop(body).replace("  for (const call", "  outer: for (const call") : loop(body);
      assert.deepEqual(fixesFor(code, "sequential-tool-loop"), []);
    });
  }
  it("offers nothing for `for await`, while loops, and indexed loops that use the index for more than indexing", () => {
    assert.deepEqual(fixesFor(loop("    await run(call);", "for await (const call of calls)"), "sequential-tool-loop"), []);
    const classic = `${HEAD}export async function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  for (let i = 0; i < calls.length; i++) {\n    await run(calls[i], i);\n  }\n  while (calls.length) {\n    await run(calls.pop());\n  }\n}\n`;
    const findings = analyzeText("a.ts", classic, { onlyRules: ["sequential-tool-loop"] }).findings;
    assert.equal(findings.length, 2);
    assert.deepEqual(findings.flatMap((f) => f.fixes), []);
  });
  it("an indexed loop whose index only reads the calls becomes the same capped map", () => {
    const indexed = `${HEAD}export async function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  for (let i = 0; i < calls.length; i++) {\n    await run(calls[i]);\n  }\n}\n`;
    assert.match(applyFirst(indexed, "sequential-tool-loop"), /\n {2}await mapWithConcurrency\(calls, 3, async \(call\) => \{\n {4}await run\(call\);\n {2}\}\);\n/);
  });
  it("turns `continue` into `return` but leaves a nested loop's `continue` and a nested function's `return`", () => {
    const after = applyFirst(loop("    if (!call.name) continue;\n    for (const x of [1]) { if (x) continue; }\n    const g = () => { return 1; };\n    await run(call, g);"), "sequential-tool-loop");
    assert.match(after, /if \(!call\.name\) return;\n {4}for \(const x of \[1\]\) \{ if \(x\) continue; \}\n {4}const g = \(\) => \{ return 1; \};/);
  });
  it("adds the helper once for two loops fixed in one pass, and not again later", () => {
    const code = `${HEAD}export async function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  for (const a of calls) {\n    await run(a);\n  }\n  for (const b of calls) {\n    await run(b);\n  }\n}\n`;
    const result = fixAll("a.ts", code, { unsafe: true, onlyRules: ["sequential-tool-loop"] });
    assert.equal(result.text.match(/async function mapWithConcurrency/g)?.length, 1);
    assert.equal(result.text.match(/await mapWithConcurrency\(/g)?.length, 2);
    assert.equal(result.appliedCount, 2);
    const later = `${result.text}\nexport async function g(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  for (const c of calls) {\n    await run(c);\n  }\n}\n`;
    assert.equal(fixAll("a.ts", later, { unsafe: true, onlyRules: ["sequential-tool-loop"] }).text.match(/async function mapWithConcurrency/g)?.length, 1);
  });
  it("adds the p-limit import once and gives each limiter in a block its own name", () => {
    const code = `${HEAD}export async function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  for (const a of calls) {\n    await run(a);\n  }\n  for (const b of calls) {\n    await run(b);\n  }\n}\n`;
    const fixed = fixAll("a.ts", code, { unsafe: true, onlyRules: ["sequential-tool-loop"], fix: { dependencies: ["p-limit"] } }).text;
    assert.equal(fixed.match(/import pLimit from "p-limit";/g)?.length, 1);
    assert.match(fixed, /const limitToolCalls = pLimit\(3\);[^]*const limitToolCalls2 = pLimit\(3\);/);
  });
  it("reuses an existing p-limit import under its own name", () => {
    const code = `import OpenAI from "openai";\nimport limit from "p-limit";\nconst client = new OpenAI();\nexport async function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  for (const a of calls) {\n    await run(a);\n  }\n}\n`;
    const fixed = applyFirst(code, "sequential-tool-loop", { dependencies: ["p-limit"] });
    assert.match(fixed, /const limitToolCalls = limit\(3\);/);
    assert.equal(fixed.match(/from "p-limit"/g)?.length, 1);
  });
  it("wraps a loop body that is a single statement", () => {
    const code = `${HEAD}export async function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  for (const call of calls) await run(call);\n}\n`;
    assert.match(applyFirst(code, "sequential-tool-loop"), /\n {2}await mapWithConcurrency\(calls, 3, async \(call\) => \{\n {4}await run\(call\);\n {2}\}\);\n\}/);
  });
});

describe("unbounded-tool-concurrency fix", () => {
  const head = `${HEAD}export async function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n`;
  it("caps Promise.all safely", () => {
    const [fix] = fixesFor(`${head}  await Promise.all(calls.map((call) => run(call)));\n}\n`, "unbounded-tool-concurrency");
    assert.equal(fix.safe, true);
    assert.equal(fix.preferred, true);
  });
  it("caps a map stored in a const with p-limit", () => {
    const fixed = applyFirst(`${head}  const pending = calls.map((call) => run(call));\n  await Promise.all(pending);\n}\n`, "unbounded-tool-concurrency", { dependencies: ["p-limit"] });
    assert.match(fixed, /const limitToolCalls = pLimit\(3\);\n {2}const pending = calls\.map\(\(call\) => limitToolCalls\(\(\) => run\(call\)\)\);/);
  });
  it("offers nothing for a stored map without p-limit (the helper cannot wrap started calls)", () => {
    assert.deepEqual(fixesFor(`${head}  const pending = calls.map((call) => run(call));\n  await Promise.all(pending);\n}\n`, "unbounded-tool-concurrency"), []);
  });
  it("offers nothing for forEach(async) in a function that cannot await", () => {
    const code = `${HEAD}export function f(calls: OpenAI.Responses.ResponseFunctionToolCall[]) {\n  calls.forEach(async (call) => {\n    await run(call);\n  });\n}\n`;
    assert.deepEqual(fixesFor(code, "unbounded-tool-concurrency"), []);
  });
  it("turns a top-level forEach(async) in an ES module into an awaited capped map (unsafe)", () => {
    const code = `${HEAD}const calls = response.output.filter((item) => item.type === "function_call");\ncalls.forEach(async (call) => {\n  await run(call);\n});\n`;
    const [fix] = fixesFor(code, "unbounded-tool-concurrency");
    assert.equal(fix.safe, false);
    assert.match(applyNonOverlapping(code, [fix]).text, /\nawait mapWithConcurrency\(calls, 3, async \(call\) => \{\n {2}await run\(call\);\n\}\);\n/);
  });
  it("offers nothing for a top-level forEach(async) in a CommonJS file", () => {
    const code = `const OpenAI = require("openai");\nconst client = new OpenAI();\nconst calls = response.output.filter((item) => item.type === "function_call");\ncalls.forEach(async (call) => {\n  await run(call);\n});\n`;
    assert.deepEqual(fixesFor(code, "unbounded-tool-concurrency", {}, "a.cjs"), []);
  });
});

describe("chain fixes", () => {
  const chain = `${HEAD}export async function f(lastId: string, input: string) {\n  const response = await client.responses.create({ model: "m", input, previous_response_id: lastId });\n  return response.output_text;\n}\n`;
  it("the fallback is offered, not preferred, and unsafe", () => {
    const [fix] = fixesFor(chain, "chain-without-fallback");
    assert.equal(fix.preferred, false);
    assert.equal(fix.safe, false);
  });
  it("the fallback handles the finding, and the stub is added once", () => {
    const fixed = applyFirst(chain, "chain-without-fallback");
    assert.deepEqual(analyzeText("a.ts", fixed, { onlyRules: ["chain-without-fallback"] }).findings, []);
    assert.match(fixed, /input: rebuildInputFromHistory\(input, lastId\) \}\);/);
    const twoCalls = fixed + chain.slice(HEAD.length).replace("function f", "function g");
    const again = applyFirst(twoCalls, "chain-without-fallback");
    assert.equal(again.match(/function rebuildInputFromHistory/g)?.length, 1);
  });
  it("uses a 404 check when the OpenAI class is not imported by name", () => {
    const code = `export async function f(client: any, lastId: string, input: string) {\n  return client.responses.create({ model: "m", input, previous_response_id: lastId });\n}\n`;
    const fixed = applyFirst(code, "chain-without-fallback");
    assert.match(fixed, /if \(!\(error\?\.status === 404\)\) throw error;/);
    assert.match(fixed, /import\("openai\/resources\/responses\/responses"\)\.ResponseInput/);
  });
  it("store-false-chain offers two unsafe, non-preferred alternatives", () => {
    const code = `${HEAD}await client.responses.create({ model: "m", input, store: false, previous_response_id: lastId });`;
    const fixes = fixesFor(code, "store-false-chain");
    assert.equal(fixes.length, 2);
    assert.ok(fixes.every((fix) => !fix.safe && !fix.preferred));
    assert.equal(applyNonOverlapping(code, [fixes[0]]).text, `${HEAD}await client.responses.create({ model: "m", input, previous_response_id: lastId });`);
    assert.equal(applyNonOverlapping(code, [fixes[1]]).text, `${HEAD}await client.responses.create({ model: "m", input, store: false });`);
  });
});

describe("overlapping fixes", () => {
  // A tool loop whose body holds other findings: the loop rewrite overlaps every inner fix.
  const code = `${HEAD}export async function turn(response: OpenAI.Responses.Response) {
  for (const call of response.output.filter((item) => item.type === "function_call")) {
    await client.beta.vectorStores.files.list("vs");
    const next = await client.responses.create({
      model: "m",
      input: [{ role: "tool", tool_call_id: call.call_id, content: "done" }],
      tools: [{ type: "function", function: { name: "x", parameters: {} } }],
    });
    console.log(next.output_text);
  }
}
`;
  it("fix-all resolves them over passes without corrupting the file", () => {
    const result = fixAll("a.ts", code, { unsafe: true, fix: { dependencies: [] } });
    assert.deepEqual(parseErrors("a.ts", result.text), []);
    assert.deepEqual(result.remaining.map((f) => f.ruleId), []);
    assert.match(result.text, /await mapWithConcurrency\(response\.output\.filter/);
    assert.match(result.text, /client\.vectorStores\.files\.list/);
    assert.match(result.text, /\{ type: "function_call_output", call_id: call\.call_id, output: "done" \}/);
    assert.match(result.text, /\{ type: "function", name: "x", parameters: \{\}, strict: false \}/);
    assert.equal(fixAll("a.ts", result.text, { unsafe: true }).text, result.text);
  });
  it("applying every fix of one analysis at once keeps the file parseable", () => {
    const analysis = analyzeText("a.ts", code, { fix: { dependencies: ["p-limit"] } });
    const fixes = analysis.findings.flatMap((f) => f.fixes.filter((fix) => fix.preferred));
    const { text } = applyNonOverlapping(code, fixes);
    assert.deepEqual(parseErrors("a.ts", text), []);
  });
});
