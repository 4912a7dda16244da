// Finding the nodes a fix rewrites, and the layout around them (indentation, line starts, imports).
import type { TextEdit, TextRange } from "../../types";
import { forEachDescendant, namedChildren, type PyNode } from "../syntax";

/** The innermost node of `type` spanning exactly `range`. */
export function nodeAt(root: PyNode, range: TextRange, type?: string): PyNode | undefined {
  let found: PyNode | undefined;
  forEachDescendant(root, (node) => {
    if (node.end < range.start || node.start > range.end) return false;
    if (node.start === range.start && node.end === range.end && (!type || node.type === type)) found = node;
    return true;
  });
  return found;
}

export function lineStartOf(text: string, offset: number): number {
  const newline = text.lastIndexOf("\n", offset - 1);
  return newline + 1;
}

/** The whitespace before `offset` on its line, when only whitespace precedes it there. */
export function indentationAt(text: string, offset: number): string | undefined {
  const before = text.slice(lineStartOf(text, offset), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

export function lineEndingOf(text: string): string {
  return /\r\n/.test(text.slice(0, text.indexOf("\n") + 1)) ? "\r\n" : "\n";
}

/** A name like `base` that the file does not use yet. */
export function freshName(text: string, base: string): string {
  for (let i = 0; ; i++) {
    const name = i === 0 ? base : `${base}_${i + 1}`;
    if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
  }
}

/**
 * `import module` at the top of the file (after the docstring, `__future__` imports and the other
 * top-level imports), or nothing when the file already imports it.
 */
export function importEdit(root: PyNode, text: string, module: string): TextEdit | undefined {
  const escaped = module.replace(/\./g, "\\.");
  if (new RegExp(`^import[ \\t]+(?:[\\w.]+[ \\t]*,[ \\t]*)*${escaped}[ \\t]*(?:,|$|#)`, "m").test(text)) return undefined;
  return insertAfterImports(root, text, `import ${module}`);
}

/** Inserts `line` after the docstring, `__future__` imports and the other top-level imports. */
export function insertAfterImports(root: PyNode, text: string, line: string): TextEdit {
  let after: PyNode | undefined;
  for (const statement of namedChildren(root)) {
    if (statement.type === "import_statement" || statement.type === "import_from_statement" || statement.type === "future_import_statement") after = statement;
    else if (!after && statement.type === "expression_statement" && namedChildren(statement)[0]?.type === "string") after = statement;
    else break;
  }
  const eol = lineEndingOf(text);
  if (!after) return { range: { start: 0, end: 0 }, newText: `${line}${eol}` };
  const lineEnd = text.indexOf("\n", after.end);
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  return { range: { start: at, end: at }, newText: `${lineEnd === -1 ? eol : ""}${line}${eol}` };
}

/** Prefixes every non-blank line but the first with `indent`. */
export function indentLines(lines: readonly string[], indent: string, eol: string): string {
  return lines.map((line, index) => (index === 0 || line.trim() === "" ? line : indent + line)).join(eol);
}
