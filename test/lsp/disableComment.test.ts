// The pure "Disable <rule> for this line" text computation, and that the engine honours what it writes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeText } from "../../server/src/engine";
import { disableNextLineEdit, lineEndingOf } from "../../server/src/engine/disableComment";
import type { TextEdit } from "../../server/src/engine";

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
}

const SOURCE = `import OpenAI from "openai";\nconst c = new OpenAI();\nfunction f() {\n  c.beta.threads.create();\n}\n`;

describe("disableNextLineEdit", () => {
  it("inserts a directive above the line with its indentation", () => {
    const offset = SOURCE.indexOf("c.beta");
    const edit = disableNextLineEdit(SOURCE, offset, "no-assistants-api");
    const lineStart = SOURCE.indexOf("  c.beta");
    assert.deepEqual(edit, { range: { start: lineStart, end: lineStart }, newText: "  // responses-migrate-disable-next-line no-assistants-api\n" });
    const after = apply(SOURCE, edit);
    assert.equal(analyzeText("a.ts", SOURCE).findings.length, 1);
    assert.deepEqual(analyzeText("a.ts", after).findings, []);
  });

  it("uses CRLF in CRLF files and tabs when the line is tab-indented", () => {
    const text = SOURCE.replace(/\n/g, "\r\n").replace("  c.beta", "\t\tc.beta");
    const edit = disableNextLineEdit(text, text.indexOf("c.beta"), "no-assistants-api");
    assert.equal(edit.newText, "\t\t// responses-migrate-disable-next-line no-assistants-api\r\n");
    assert.equal(edit.range.start, text.indexOf("\t\tc.beta"));
    assert.equal(lineEndingOf(text), "\r\n");
    assert.equal(lineEndingOf("a\nb\r\n"), "\n");
  });

  it("extends an existing directive on the line above instead of stacking another", () => {
    const text = SOURCE.replace("  c.beta", "  // responses-migrate-disable-next-line chat-tool-shape\n  c.beta");
    const edit = disableNextLineEdit(text, text.indexOf("c.beta"), "no-assistants-api");
    const directiveStart = text.indexOf("  // responses");
    assert.deepEqual(edit, {
      range: { start: directiveStart, end: text.indexOf("\n", directiveStart) },
      newText: "  // responses-migrate-disable-next-line chat-tool-shape, no-assistants-api",
    });
    assert.deepEqual(analyzeText("a.ts", apply(text, edit)).findings, []);
  });

  it("does nothing when the rule is already listed", () => {
    const text = SOURCE.replace("  c.beta", "  // responses-migrate-disable-next-line no-assistants-api\n  c.beta");
    const edit = disableNextLineEdit(text, text.indexOf("c.beta"), "no-assistants-api");
    assert.equal(edit.newText, "");
    assert.equal(edit.range.start, edit.range.end);
  });

  it("works on the first line and with a # prefix", () => {
    assert.deepEqual(disableNextLineEdit("x.beta.threads.list()", 0, "no-assistants-api", "#"), {
      range: { start: 0, end: 0 },
      newText: "# responses-migrate-disable-next-line no-assistants-api\n",
    });
  });
});
