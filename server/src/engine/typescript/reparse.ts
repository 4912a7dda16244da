// Incremental reparse for editors: TypeScript's own updateSourceFile, given the one span in which
// the new text differs from the old, reuses the syntax nodes outside it (what tsserver does on every
// keystroke). The previous tree must not be used afterwards.
import ts from "typescript";

export function reparseTypeScript(previous: ts.SourceFile, text: string): ts.SourceFile {
  const old = previous.text;
  const shorter = Math.min(old.length, text.length);
  let start = 0;
  while (start < shorter && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let oldEnd = old.length;
  let newEnd = text.length;
  while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return ts.updateSourceFile(previous, text, ts.createTextChangeRange(ts.createTextSpan(start, oldEnd - start), newEnd - start));
}
