// Fix-all takes fixes in order and skips one whose edits overlap an edit already taken; an edit
// identical to a taken one (a shared import) is made once and its fix still counts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyNonOverlapping } from "../../server/src/engine";
import type { Fix, TextEdit } from "../../server/src/engine/types";

const edit = (start: number, end: number, newText: string): TextEdit => ({ range: { start, end }, newText });
const fix = (...edits: TextEdit[]): Fix => ({ title: "t", edits, safe: true, preferred: true }) as Fix;

describe("applyNonOverlapping", () => {
  const text = "0123456789";
  it("skips a fix overlapping a taken edit and shares an identical one", () => {
    const result = applyNonOverlapping(text, [fix(edit(0, 0, "I"), edit(2, 4, "ab")), fix(edit(3, 5, "x")), fix(edit(0, 0, "I"), edit(6, 7, "c"))]);
    assert.deepEqual(result, { text: "I01ab45c789", applied: 2 });
  });
  it("skips an insertion at a taken insertion's point, keeps one at a taken replacement.s end and skips one at its start when taken after it", () => {
    const result = applyNonOverlapping(text, [fix(edit(5, 5, "A")), fix(edit(5, 5, "B")), fix(edit(5, 7, "r")), fix(edit(7, 7, "C")), fix(edit(1, 2, "s")), fix(edit(1, 1, "D"))]);
    assert.deepEqual(result, { text: "0s234ArC789", applied: 4 });
  });
  it("applies thousands of fixes in one file", () => {
    const long = "x".repeat(20000);
    const fixes = Array.from({ length: 5000 }, (_, i) => fix(edit(i * 4, i * 4 + 1, "y"), edit(0, 0, "// header\n")));
    const result = applyNonOverlapping(long, fixes);
    assert.equal(result.applied, 5000);
    assert.equal(result.text, "// header\n" + "yxxx".repeat(5000));
  });
});
