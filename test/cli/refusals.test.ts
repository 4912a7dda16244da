// A refused thread's reason ("Not rewritten: ... blocks it: ...") is known once fixes are computed.
// `fix` computes them, and `check --format json` does (for ESLint's `fix` field), so both say it in
// the same words, for TypeScript and Python alike; `check`'s stylish output computes no fixes
// (speed) and does not.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { assertNoStackTrace, cli, parseJson, removeTree, write } from "./helpers";
import { REFUSAL_REASON_PY, REFUSAL_REASON_TS, REFUSED_PY as PY, REFUSED_TS as TS } from "../unit/support/refusedThreads";

describe("refused threads' reasons in the CLI", () => {
  for (const [name, text, reason] of [["history.ts", TS, REFUSAL_REASON_TS], ["history.py", PY, REFUSAL_REASON_PY]] as const) {
    it(`${name}: fix's left-over listing and check --format json give the same messages, with the reason`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-refusals-"));
      try {
        write(dir, name, text);
        const json = cli(["check", "--format", "json", "--fix-dry-run", name], dir);
        assertNoStackTrace(json.stderr);
        const messages = parseJson(json.stdout)[0].messages.map((m: { line: number; message: string }) => `${m.line}: ${m.message}`);
        assert.equal(messages.length, 3);
        assert.ok(messages.every((m: string) => m.endsWith(` (${reason})`)), messages.join("\n"));

        const fixed = cli(["fix", "--unsafe", name], dir);
        assertNoStackTrace(fixed.stderr);
        assert.equal(fs.readFileSync(path.join(dir, name), "utf8"), text, "a refused thread is not touched");
        for (const message of messages) {
          const [line, words] = [message.slice(0, message.indexOf(":")), message.slice(message.indexOf(": ") + 2)];
          assert.match(fixed.stdout, new RegExp(`^ +${line}:\\d+ +error +${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} +no-assistants-api$`, "m"));
        }

        const stylish = cli(["check", name], dir);
        assert.equal(stylish.stdout.includes("Not rewritten"), false, "stylish check computes no fixes");
        const plainJson = parseJson(cli(["check", "--format", "json", name], dir).stdout)[0].messages as Array<{ message: string; fix?: unknown }>;
        assert.equal(plainJson.length, 3);
        assert.ok(plainJson.every((m) => !m.message.includes("Not rewritten") && m.fix === undefined), "json without --fix-dry-run computes no fixes");
      } finally {
        removeTree(dir);
      }
    });
  }
});
