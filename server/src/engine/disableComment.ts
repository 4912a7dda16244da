// Computes the "Disable <rule> for this line" edit: a `responses-migrate-disable-next-line <rule>` comment
// on its own line above the finding's line, with that line's indentation and the file's line ending.
// If the line above already holds such a directive, the rule id is appended to it instead.
import type { TextEdit } from "./types";

const DIRECTIVE_PREFIX = "responses-migrate-disable-next-line";

function lineStartOf(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  while (i > 0) {
    const ch = text.charCodeAt(i - 1);
    if (ch === 10 || ch === 13) break;
    i--;
  }
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) break;
    i++;
  }
  return i;
}

/** The line break the file uses: CRLF when its first line break is CRLF, else LF. */
export function lineEndingOf(text: string): "\r\n" | "\n" {
  const firstNewline = text.indexOf("\n");
  return firstNewline > 0 && text.charCodeAt(firstNewline - 1) === 13 ? "\r\n" : "\n";
}

/**
 * The edit that suppresses `ruleId` on the line containing `offset`.
 * `commentPrefix` is "//" for JS/TS and "#" for Python.
 */
export function disableNextLineEdit(text: string, offset: number, ruleId: string, commentPrefix = "//"): TextEdit {
  const lineStart = lineStartOf(text, offset);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineEndOf(text, lineStart)))![0];

  // Extend an existing directive on the line above rather than stacking a second one.
  if (lineStart > 0) {
    let previousEnd = lineStart - 1;
    if (text.charCodeAt(previousEnd) === 10 && previousEnd > 0 && text.charCodeAt(previousEnd - 1) === 13) previousEnd--;
    const previousStart = lineStartOf(text, previousEnd);
    const previousLine = text.slice(previousStart, previousEnd);
    const match = new RegExp(`^([ \\t]*${escapeRegExp(commentPrefix)}[ \\t]*${DIRECTIVE_PREFIX})([ \\t]+[a-z0-9, \\t-]*?)?[ \\t]*$`).exec(previousLine);
    if (match) {
      const ids = (match[2] ?? "").split(/[\s,]+/).filter(Boolean);
      // A bare directive already covers every rule; an id already listed needs nothing more.
      if (ids.length === 0 || ids.includes(ruleId)) return { range: { start: previousEnd, end: previousEnd }, newText: "" };
      return { range: { start: previousStart, end: previousEnd }, newText: `${match[1]} ${[...ids, ruleId].join(", ")}` };
    }
  }

  return {
    range: { start: lineStart, end: lineStart },
    newText: `${indent}${commentPrefix} ${DIRECTIVE_PREFIX} ${ruleId}${lineEndingOf(text)}`,
  };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
