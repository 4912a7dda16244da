// Hostile input through the engine's two entry points: every call returns, none throws.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { analyzeFile, analyzeText, LineIndex, openFixSession, RULES, ruleDocsPath, type FileAnalysis } from "../../server/src/engine/index";
import { rng } from "../fuzz/mutate";

const CALL = 'import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.beta.threads.create();\n';
const ROOT = path.join(__dirname, "..", "..");

function lineOf(analysis: FileAnalysis, index = 0): number {
  return new LineIndex(analysis.text).positionAt(analysis.findings[index].range.start).line + 1;
}

describe("engine: hostile input", () => {
  it("truncated files still report what parses", () => {
    for (let cut = 0; cut <= CALL.length; cut += 7) {
      const text = CALL.slice(0, cut);
      assert.doesNotThrow(() => analyzeText("t.ts", text));
    }
    const truncated = analyzeText("t.ts", `${CALL}await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id`);
    assert.deepEqual(truncated.findings.map((f) => f.ruleId), ["no-assistants-api", "no-assistants-api"]);
  });

  it("mangled code returns", () => {
    const samples = [
      "}}}}{{{{ ))) openai.beta.threads.create( (((",
      "class { constructor(private : OpenAI) { this. = . } }",
      "for (const of of of) await; while (",
      "import from from from; export default default;",
      "`${`${`${openai.beta.threads.create()",
      "/* unterminated comment openai.beta.threads.create()",
      '"unterminated string openai.beta.threads.create()',
      "<div><span>{openai.beta.threads.create()</div>",
      "const { threads } = ; threads.create(); const runs = openai.beta.threads.runs = runs; runs.create();",
      "const a = a; a.beta.threads.create(); const b = c, c = b; b.beta.assistants.list();",
    ];
    for (const sample of samples) {
      for (const name of ["m.ts", "m.tsx", "m.js"]) assert.doesNotThrow(() => analyzeText(name, sample), `${name}: ${sample}`);
    }
  });

  it("self-referential aliases terminate", () => {
    const result = analyzeText("a.ts", "let a = b; let b = a; a.beta.threads.create(); this.x = this.y; this.y = this.x; this.x.beta.threads.create();");
    assert.equal(result.findings.length, 2);
  });

  it("binary bytes are skipped with a notice", () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x62, 0x65, 0x74, 0x61]);
    const result = analyzeFile("image.ts", bytes);
    assert.equal(result.findings.length, 0);
    assert.match(result.skipped?.reason ?? "", /binary/);
  });

  it("random bytes never throw", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 50; n++) {
      const bytes = new Uint8Array(2000).map(() => Math.floor(random() * 256));
      bytes.forEach((_, i) => { if (bytes[i] === 0) bytes[i] = 1; });
      assert.doesNotThrow(() => analyzeFile("noise.ts", bytes));
    }
  });

  it("Latin-1 bytes analyse with positions per character", () => {
    const source = `// caf\xe9 cr\xe8me\n${CALL}`;
    const bytes = Buffer.from(source, "latin1");
    const result = analyzeFile("latin.ts", bytes);
    assert.equal(result.skipped, undefined);
    assert.equal(result.findings.length, 1);
    assert.equal(lineOf(result), 4);
    assert.equal(result.text.slice(result.findings[0].range.start, result.findings[0].range.end), "openai.beta.threads.create");
  });

  it("a UTF-8 BOM is stripped and positions count from after it", () => {
    const result = analyzeFile("bom.ts", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CALL)]));
    assert.equal(result.findings.length, 1);
    const start = new LineIndex(result.text).positionAt(result.findings[0].range.start);
    assert.deepEqual(start, { line: 2, character: 6 });
  });

  it("CRLF line endings keep exact positions", () => {
    const result = analyzeFile("crlf.ts", Buffer.from(CALL.replace(/\n/g, "\r\n")));
    const lines = new LineIndex(result.text);
    assert.deepEqual(lines.positionAt(result.findings[0].range.start), { line: 2, character: 6 });
    assert.deepEqual(lines.positionAt(result.findings[0].range.end), { line: 2, character: 32 });
  });

  it("astral characters before a call count as two UTF-16 units, as LSP positions do", () => {
    const result = analyzeText("emoji.ts", `${CALL.slice(0, -1)} // 🚀\nconst s = "🚀"; openai.beta.threads.create();`);
    const start = new LineIndex(result.text).positionAt(result.findings[1].range.start);
    assert.deepEqual(start, { line: 3, character: 16 });
  });

  for (const [label, open, close] of [
    ["parentheses", "(", ")"],
    ["arrays", "[", "]"],
    ["blocks", "{", "}"],
    ["arrow functions", "() => ", ""],
    ["member calls", "f(", ")"],
  ] as const) {
    it(`20,000-deep ${label} return, maybe with a skip notice`, () => {
      const depth = 20_000;
      const text = `${CALL}const x = ${open.repeat(depth)}openai.beta.threads.create()${close.repeat(depth)};\n`;
      let result: FileAnalysis | undefined;
      assert.doesNotThrow(() => {
        result = analyzeText("deep.ts", text);
      });
      assert.ok(result!.skipped || result!.findings.length >= 1);
    });
  }

  it("20,000-deep nesting from bytes returns", () => {
    const text = `${CALL}${"if (a) {".repeat(20_000)}openai.beta.threads.create();${"}".repeat(20_000)}`;
    assert.doesNotThrow(() => analyzeFile("deep.js", Buffer.from(text)));
  });

  it("a 20,000-long member chain returns", () => {
    const text = `${CALL}openai.beta.threads${".x".repeat(20_000)}.create();`;
    assert.doesNotThrow(() => analyzeText("chain.ts", text));
  });

  it("a 5 MB minified file analyses and finds its calls", () => {
    const unit = 'function a(b){return b.map(function(c){return c*2}).filter(Boolean)}var d={e:1,f:"g",h:[1,2,3]};';
    const calls = "n.beta.threads.runs.createAndPoll(t.id,{assistant_id:s});";
    let text = 'var o=require("openai"),n=new o;';
    while (text.length < 5 * 1024 * 1024) text += unit;
    text += calls;
    const result = analyzeFile("bundle.min.js", Buffer.from(text), { maxFileSize: 16 * 1024 * 1024 });
    assert.equal(result.skipped, undefined);
    assert.equal(result.findings.length, 1);
    assert.equal(result.text.slice(result.findings[0].range.start, result.findings[0].range.end), "n.beta.threads.runs.createAndPoll");
  });

  it("files over maxFileSize are skipped with a notice", () => {
    const result = analyzeFile("big.ts", Buffer.from(CALL), { maxFileSize: 10 });
    assert.match(result.skipped?.reason ?? "", /maxFileSize/);
  });

  it("unsupported languages are skipped, declaration files produce nothing", () => {
    assert.ok(analyzeText("x.rb", "client.beta.threads.create()").skipped);
    assert.equal(analyzeText("x.d.ts", CALL).findings.length, 0);
  });

  it("severity settings and onlyRules apply", () => {
    assert.equal(analyzeText("s.ts", CALL, { severities: { "no-assistants-api": "off" } }).findings.length, 0);
    assert.equal(analyzeText("s.ts", CALL, { severities: { "no-assistants-api": "hint" } }).findings[0].severity, "hint");
    assert.equal(analyzeText("s.ts", CALL, { onlyRules: ["sequential-tool-loop"] }).findings.length, 0);
    const finding = analyzeText("s.ts", CALL).findings[0];
    assert.equal(finding.severity, "error");
    assert.equal(finding.deprecated, true);
  });
});

describe("rule documentation", () => {
  for (const rule of RULES) {
    it(`${rule.id} has ${ruleDocsPath(rule.id)}`, () => {
      assert.ok(existsSync(path.join(ROOT, ruleDocsPath(rule.id))), `missing ${ruleDocsPath(rule.id)}`);
    });
  }
});

describe("incremental reparse (editors)", () => {
  it("an edit analysed from the previous version's tree gives what a fresh analysis gives", () => {
    const random = rng(7);
    let text = `import OpenAI from "openai";\nconst client = new OpenAI();\n${Array.from({ length: 40 }, (_, i) => `export const t${i} = () => client.beta.threads.create(); // ${i}\n`).join("")}`;
    let session = openFixSession("inc.ts", text);
    const edits = ["x", "", "client.beta.vectorStores.files.list(s);\n", "/*", "*/", "}", "{", "\n"];
    for (let i = 0; i < 60; i++) {
      const at = Math.floor(random() * text.length);
      const removed = Math.floor(random() * 4);
      text = text.slice(0, at) + edits[i % edits.length] + text.slice(at + removed);
      session = openFixSession("inc.ts", text, {}, session);
      assert.deepEqual(session.analysis.findings, analyzeText("inc.ts", text, { fixes: false }).findings, `after edit ${i}`);
    }
    // The reparsed tree computes the same fixes as a fresh parse.
    assert.deepEqual(session.fixesFor(), analyzeText("inc.ts", text).findings);
  });
});
