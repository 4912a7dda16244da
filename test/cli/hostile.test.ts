// Hostile input gets answers, not crashes: truncated and mangled files, a 5 MB minified file, binary and
// Latin-1 bytes under a .ts name, 20,000-deep nesting. BOM and CRLF files keep exact positions.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { assertNoStackTrace, cli, parseJson, positions, removeTree, write, type JsonResult } from "./helpers";

const CALL_FILE = ["import OpenAI from \"openai\";", "const client = new OpenAI();", "export async function go(id: string) {", "  return client.beta.threads.runs.retrieve(id, \"run_1\");", "}", ""];

describe("responses-migrate check on hostile input", () => {
  let dir: string;
  let report: JsonResult[];
  let stderr: string;
  let status: number | null;
  const byName = (name: string) => report.find((file) => path.basename(file.filePath) === name);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-hostile-"));
    write(dir, "lf.ts", CALL_FILE.join("\n"));
    write(dir, "crlf.ts", CALL_FILE.join("\r\n"));
    write(dir, "bom.ts", "\ufeff" + CALL_FILE.join("\n"));
    write(dir, "truncated.ts", CALL_FILE.join("\n").slice(0, CALL_FILE.join("\n").indexOf("(id, ") + 4));
    write(dir, "mangled.ts", "}}}{{ const = => client.beta.threads.create( ))) ]] /* \n`${ client.beta.assistants.list( \n<div>< = >\n");
    // A 5 MB single-line bundle with one call near the end.
    const chunk = "var a=function(b){return b&&b.c?b.c(1):[b,{d:2,e:\"f\"}]};";
    const filler = chunk.repeat(Math.ceil((5 * 1024 * 1024) / chunk.length));
    write(dir, "bundle.min.js", `${filler}var x=client.beta.threads.create();${chunk}`);
    write(dir, "binary.ts", Buffer.from([0x63, 0x6c, 0x69, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x62, 0x65, 0x74, 0x61, 0x2e]));
    // Latin-1 (not UTF-8): é as the single byte 0xE9 before a call on the same line.
    write(dir, "latin1.ts", Buffer.concat([Buffer.from("const caf"), Buffer.from([0xe9]), Buffer.from(" = 1; client.beta.threads.create();\n")]));
    write(dir, "deep-array.ts", `client.beta.threads.create(); const x = ${"[".repeat(20000)}${"]".repeat(20000)};\n`);
    write(dir, "deep-parens.ts", `const y = ${"(".repeat(20000)}client.beta.threads.create()${")".repeat(20000)};\n`);
    write(dir, "deep-arrows.ts", `const z = ${"() => ".repeat(20000)}client.beta.assistants.list();\n`);
    write(dir, "deep-unclosed.ts", `client.beta.threads.create(${"{a:".repeat(20000)}\n`);
    write(dir, "astral.ts", "const s = \"😀😀\"; client.beta.threads.create();\n");
    const result = cli(["check", "--format", "json"], dir);
    status = result.status;
    stderr = result.stderr;
    report = parseJson(result.stdout);
  });
  after(() => removeTree(dir));

  it("exits 0 or 1 with no stack trace", () => {
    assert.ok(status === 0 || status === 1, `status ${status}: ${stderr}`);
    assertNoStackTrace(stderr);
    assert.doesNotMatch(stderr, /internal error/i);
  });

  it("CRLF and BOM files keep exact positions (same as LF)", () => {
    const expected = [["no-assistants-api", 2, 4, 10, 4, 43]];
    assert.deepEqual(positions(byName("lf.ts")!.messages), expected);
    assert.deepEqual(positions(byName("crlf.ts")!.messages), expected);
    assert.deepEqual(positions(byName("bom.ts")!.messages), expected);
    // ESLint fix ranges index the source without the BOM.
    assert.equal(byName("bom.ts")!.source, CALL_FILE.join("\n"));
  });

  it("truncated and mangled files get answers", () => {
    assert.ok(byName("truncated.ts"));
    assert.ok(byName("mangled.ts"));
    for (const message of [...byName("truncated.ts")!.messages, ...byName("mangled.ts")!.messages]) {
      assert.ok(message.line >= 1 && message.column >= 1);
    }
  });

  it("the 5 MB minified file is analysed and the call found at its UTF-16 column", () => {
    const file = byName("bundle.min.js")!;
    const source = fs.readFileSync(path.join(dir, "bundle.min.js"), "utf8");
    const column = source.indexOf("client.beta") + 1;
    assert.deepEqual(positions(file.messages), [["no-assistants-api", 2, 1, column, 1, column + "client.beta.threads.create".length]]);
  });

  it("binary bytes under .ts are skipped with a note; Latin-1 is decoded one byte per column", () => {
    assert.deepEqual(byName("binary.ts")!.messages, []);
    assert.match(stderr, /binary\.ts: skipped \(binary/);
    assert.deepEqual(positions(byName("latin1.ts")!.messages), [["no-assistants-api", 2, 1, 17, 1, 43]]);
  });

  it("astral characters count as two UTF-16 columns", () => {
    assert.deepEqual(positions(byName("astral.ts")!.messages), [["no-assistants-api", 2, 1, 19, 1, 45]]);
  });

  it("20,000-deep nesting is answered (findings or a skip note), never a crash", () => {
    for (const name of ["deep-array.ts", "deep-parens.ts", "deep-arrows.ts", "deep-unclosed.ts"]) {
      const file = byName(name);
      assert.ok(file, `${name} is in the report`);
      if (file.messages.length === 0) assert.match(stderr, new RegExp(`${name.replace(".", "\\.")}: skipped`), `${name}: neither findings nor a note`);
    }
  });

  it("stylish and sarif survive the same tree", () => {
    for (const format of ["stylish", "sarif"]) {
      const result = cli(["check", "--format", format], dir);
      assert.ok(result.status === 0 || result.status === 1, `${format}: ${result.stderr}`);
      assertNoStackTrace(result.stderr);
    }
  });
});
