// Applying a set of edits to a text in one pass (a minified file is one line: slicing the whole text
// per edit was quadratic), with the meaning right-to-left application gives them.
import type { TextEdit } from "../types";

/** Edits in the order a right-to-left application leaves them: start, end, then the later one first. */
export function inTextOrder(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.range.start - b.edit.range.start || a.edit.range.end - b.edit.range.end || b.index - a.index)
    .map(({ edit }) => edit);
}

/** `text` with `edits` applied, in one pass; the same result as applying them right to left. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = inTextOrder(edits);
  for (let i = 1; i < ordered.length; i++) {
    // Overlapping edits: keep the right-to-left meaning exactly.
    if (ordered[i].range.start < ordered[i - 1].range.end) return applyRightToLeft(text, edits);
  }
  const parts: string[] = [];
  let at = 0;
  for (const edit of ordered) {
    parts.push(text.slice(at, edit.range.start), edit.newText);
    at = edit.range.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

function applyRightToLeft(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end)) result = result.slice(0, edit.range.start) + edit.newText + result.slice(edit.range.end);
  return result;
}
