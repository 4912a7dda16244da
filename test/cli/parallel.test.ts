// With worker threads, the main thread and the workers claim files in turns from one shared list and
// the workers send back only files with something to say: the report must be the one a single thread
// gives, clean files included, in the same order.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { cli, makeTree, removeTree, write } from "./helpers";

const FIXTURES = path.resolve(__dirname, "..", "fixtures");

describe("parallel scan (CLI)", () => {
  it("reports what a single thread reports, clean files, skipped files and fixes included", () => {
    const dir = makeTree();
    try {
      fs.cpSync(path.join(FIXTURES, "fixes"), path.join(dir, "fixes"), { recursive: true });
      fs.cpSync(path.join(FIXTURES, "realistic-python"), path.join(dir, "python"), { recursive: true });
      // More files than one claim holds, most of them clean.
      for (let i = 0; i < 150; i++) write(dir, `clean/file-${i}.ts`, `export const value${i} = ${i};\n`);
      write(dir, "src/binary.ts", Buffer.from([0x62, 0x65, 0x74, 0x61, 0, 1, 2]));
      const single = cli(["check", "-f", "json", "--fix-dry-run", "."], dir, { RESPONSES_MIGRATE_WORKERS: "0" });
      const parallel = cli(["check", "-f", "json", "--fix-dry-run", "."], dir, { RESPONSES_MIGRATE_WORKERS: "2" });
      assert.equal(parallel.status, single.status);
      assert.equal(parallel.stderr, single.stderr);
      const files = JSON.parse(single.stdout) as Array<{ filePath: string; messages: unknown[] }>;
      assert.ok(files.length > 150 && files.some((file) => file.messages.length > 0), "a tree with clean files and findings");
      assert.match(single.stderr, /binary\.ts: skipped \(binary file/);
      assert.deepEqual(JSON.parse(parallel.stdout), files);
    } finally {
      removeTree(dir);
    }
  });
});
