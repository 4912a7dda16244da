// One file's engine failure costs that file only: an exception analysing it, or computing one of its
// fixes, is reported with the file's name, and every other file keeps its findings and fixes.
// The failure is injected through RESPONSES_MIGRATE_INJECT_FAULT (see workspace/engineHooks.ts).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { cli, removeTree, write } from "./helpers";

const VECTOR_STORE = 'import OpenAI from "openai";\nconst client = new OpenAI();\nexport const upload = (id: string) => client.beta.vectorStores.files.create(id, { file_id: "f" });\n';

function tree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-isolation-"));
  write(dir, "src/bad.ts", VECTOR_STORE);
  write(dir, "src/good.ts", VECTOR_STORE);
  return dir;
}

describe("failure isolation (CLI)", () => {
  for (const workers of ["0", "2"]) {
    it(`check: a file whose analysis throws is named and skipped, the others are reported (${workers} worker threads)`, () => {
      const dir = tree();
      try {
        const result = cli(["check", "-f", "json", "--fix-dry-run", "src"], dir, { RESPONSES_MIGRATE_INJECT_FAULT: "analysis:bad.ts", RESPONSES_MIGRATE_WORKERS: workers });
        assert.equal(result.status, 2, "internal errors exit 2");
        assert.match(result.stderr, /^note: src[\\/]bad\.ts: internal error while analysing: injected analysis fault in bad\.ts$/m);
        assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
        const report = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; fatal?: boolean; line: number; fix?: unknown }> }>;
        const bad = report.find((file) => file.filePath.endsWith("bad.ts"))!;
        const good = report.find((file) => file.filePath.endsWith("good.ts"))!;
        assert.deepEqual(bad.messages.map((m) => [m.ruleId, m.fatal]), [[null, true]]);
        assert.deepEqual(good.messages.map((m) => [m.ruleId, m.line, m.fix !== undefined]), [["no-beta-vector-stores", 3, true]]);
      } finally {
        removeTree(dir);
      }
    });
  }

  it("fix: a fix that throws leaves its file as it was and is logged; the other file is fixed", () => {
    const dir = tree();
    try {
      const result = cli(["fix", "src"], dir, { RESPONSES_MIGRATE_INJECT_FAULT: "fix:bad.ts" });
      assert.match(result.stderr, /computing a no-beta-vector-stores fix in .*bad\.ts failed, fix skipped: Error: injected fix fault in bad\.ts/);
      assert.equal(fs.readFileSync(path.join(dir, "src/bad.ts"), "utf8"), VECTOR_STORE);
      assert.equal(fs.readFileSync(path.join(dir, "src/good.ts"), "utf8"), VECTOR_STORE.replace("client.beta.vectorStores", "client.vectorStores"));
      assert.match(result.stdout, /Fixed 1 problem in 1 file\./);
      assert.equal(result.status, 0, "the finding left in bad.ts is a warning");
    } finally {
      removeTree(dir);
    }
  });
});
