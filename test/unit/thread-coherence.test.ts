// The property every rewrite has: a thread migrates whole or not at all. Over every fixture of the
// project (fix snapshots, realistic files, the example app), fix-all (safe, then unsafe) leaves no
// function calling both the Assistants API and the Responses/Conversations API, every file parses,
// and a second fix-all changes nothing.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fixAll, isSupportedFile } from "../../server/src/engine";
import { mixedFunctions } from "../../server/src/engine/migration/verify";
import { reanalyseTypeScript } from "../../server/src/engine/typescript/migration";

const ROOT = path.join(__dirname, "..", "..");
const DIRECTORIES = ["test/fixtures/fixes", "test/fixtures/realistic", "examples/src", "examples/scripts"];

function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : isSupportedFile(full) && !/\.after\./.test(entry.name) ? [full] : [];
  });
}

const FILES = DIRECTORIES.flatMap((directory) => filesUnder(path.join(ROOT, directory)));

/** Lines of the functions in `text` that call both APIs. */
function mixedLines(fileName: string, text: string): number[] {
  return mixedFunctions(reanalyseTypeScript(fileName, text)).map((fn) => text.slice(0, Math.max(0, fn.start)).split("\n").length);
}

describe("thread coherence over every fixture", () => {
  it(`finds the fixtures (${FILES.length})`, () => assert.ok(FILES.length >= 40));
  for (const file of FILES) {
    const name = path.relative(ROOT, file);
    it(name, () => {
      const original = fs.readFileSync(file, "utf8");
      const safe = fixAll(file, original).text;
      assert.deepEqual(mixedLines(file, safe), [], "after safe fix-all");
      assert.equal(reanalyseTypeScript(file, safe).syntaxErrors, reanalyseTypeScript(file, original).syntaxErrors);
      const unsafe = fixAll(file, safe, { unsafe: true }).text;
      assert.deepEqual(mixedLines(file, unsafe), [], "after unsafe fix-all");
      assert.equal(reanalyseTypeScript(file, unsafe).syntaxErrors, reanalyseTypeScript(file, original).syntaxErrors);
      assert.equal(fixAll(file, unsafe, { unsafe: true }).text, unsafe, "a second fix-all changes nothing");
    });
  }
});
