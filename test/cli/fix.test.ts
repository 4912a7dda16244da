// `responses-migrate fix`: --dry-run writes nothing and prints a diff; fix applies in place, keeps the
// BOM, CRLF and Latin-1 bytes, reports what was fixed and what is left; fix twice equals fix once.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { assertNoStackTrace, cli, makeTree, parseJson, removeTree, write } from "./helpers";

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), fs.readFileSync(full).toString("base64"));
  }
  return files;
}

const VECTOR_STORE_LF = ['import OpenAI from "openai";', "const client = new OpenAI();", "export const add = (id: string) => client.beta.vectorStores.files.create(id, { file_id: \"f\" });", ""];

describe("responses-migrate fix", () => {
  it("--dry-run writes nothing and prints a unified diff of what fix would do", () => {
    const dir = makeTree();
    try {
      const before = snapshot(dir);
      const fixable = parseJson(cli(["check", "-f", "json", "--fix-dry-run"], dir).stdout).some((file) => file.messages.some((m) => m.fix));
      const result = cli(["fix", "--dry-run"], dir);
      assertNoStackTrace(result.stderr);
      assert.deepEqual(snapshot(dir), before, "dry run changed files");
      if (fixable) {
        assert.match(result.stdout, /^--- a\/src\/files\.js\n\+\+\+ b\/src\/files\.js\n@@ /m);
        assert.match(result.stdout, /^-.*openai\.beta\.vectorStores\.files\.create/m);
        assert.match(result.stdout, /^\+.*openai\.vectorStores\.files\.create/m);
        assert.match(result.stderr, /Would fix \d+ problems? in \d+ files?\./);
      } else {
        assert.equal(result.stdout, "");
      }
      assert.doesNotMatch(result.stdout, /node_modules|generated\//);
    } finally {
      removeTree(dir);
    }
  });

  it("applies safe fixes in place, says what is left, and a second run changes nothing", () => {
    const dir = makeTree();
    try {
      const untouched = snapshot(dir);
      const first = cli(["fix"], dir);
      assertNoStackTrace(first.stderr);
      assert.ok(first.status === 0 || first.status === 1, first.stderr);
      assert.match(first.stdout, /Fixed \d+ problems? in \d+ files?\./);
      const afterFirst = snapshot(dir);
      // Ignored and dependency files are never touched.
      for (const name of ["node_modules/some-sdk/index.js", "generated/out.ts", "src/nested/local-scratch.ts", "src/clean.ts", "src/notes.md"]) {
        assert.equal(afterFirst.get(name), untouched.get(name), name);
      }
      const fixedJs = fs.readFileSync(path.join(dir, "src/files.js"), "utf8");
      if (afterFirst.get("src/files.js") !== untouched.get("src/files.js")) assert.match(fixedJs, /openai\.vectorStores\.files\.create\(storeId/);

      // What is left matches what check now reports.
      const check = cli(["check", "-f", "json"], dir);
      const left = parseJson(check.stdout).flatMap((file) => file.messages);
      assert.equal(first.status, left.some((m) => m.severity === 2) ? 1 : 0);
      if (left.length === 0) assert.match(first.stdout, /No problems left\./);
      else assert.match(first.stdout, new RegExp(`Left: ${left.length} problems?`));

      const second = cli(["fix"], dir);
      assert.equal(second.status, first.status);
      assert.match(second.stdout, /Fixed 0 problems in 0 files\./);
      assert.deepEqual(snapshot(dir), afterFirst, "fix twice differs from fix once");
    } finally {
      removeTree(dir);
    }
  });

  it("--unsafe applies at least what fix applies, and is idempotent too", () => {
    const dir = makeTree();
    try {
      const result = cli(["fix", "--unsafe"], dir);
      assertNoStackTrace(result.stderr);
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      assert.match(fs.readFileSync(path.join(dir, "src/files.js"), "utf8"), /openai\.vectorStores\.files\.create|openai\.beta\.vectorStores/);
      const once = snapshot(dir);
      cli(["fix", "--unsafe"], dir);
      assert.deepEqual(snapshot(dir), once);
    } finally {
      removeTree(dir);
    }
  });

  it("keeps a BOM, CRLF line endings and Latin-1 bytes", () => {
    const dir = makeTree();
    try {
      const bom = write(dir, "src/bom.ts", "\ufeff" + VECTOR_STORE_LF.join("\n"));
      const crlf = write(dir, "src/crlf.ts", VECTOR_STORE_LF.join("\r\n"));
      const latin1 = write(dir, "src/latin1.ts", Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from("\n" + VECTOR_STORE_LF.join("\n"))]));
      const fixable = parseJson(cli(["check", "-f", "json", "--fix-dry-run", "src/bom.ts"], dir).stdout)[0].messages.some((m) => m.fix);
      cli(["fix", "--rule", "no-beta-vector-stores", "src"], dir);
      const bomBytes = fs.readFileSync(bom);
      assert.deepEqual([...bomBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "BOM kept");
      const crlfText = fs.readFileSync(crlf, "utf8");
      assert.doesNotMatch(crlfText.replace(/\r\n/g, ""), /\n/, "no bare LF introduced");
      const latin1Bytes = fs.readFileSync(latin1);
      assert.equal(latin1Bytes[6], 0xe9, "Latin-1 byte kept as one byte");
      if (fixable) {
        for (const text of [bomBytes.toString("utf8"), crlfText, latin1Bytes.toString("latin1")]) assert.match(text, /client\.vectorStores\.files\.create/);
      }
    } finally {
      removeTree(dir);
    }
  });

  it("a tree with nothing to fix exits 0 and writes nothing", () => {
    const dir = makeTree();
    try {
      const before = snapshot(dir);
      const result = cli(["fix", "src/clean.ts"], dir);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /Fixed 0 problems in 0 files\.\nNo problems left\./);
      assert.deepEqual(snapshot(dir), before);
      const usage = cli(["fix", "--format", "json"], dir);
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /--format belongs to `check`/);
    } finally {
      removeTree(dir);
    }
  });
});
