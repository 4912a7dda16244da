// Builds an expected error from where its text sits, so a case states the flagged text instead of
// hand-counted columns. Still exact: the column is found in the given line and must be unique.
import type { ExpectedError } from "./ruleTester";

/** The error covering `snippet` on 1-based `line` of `code` (its `occurrence`-th match, default the first). */
export function on(code: string, line: number, snippet: string, extra: Partial<ExpectedError> = {}, occurrence = 1): ExpectedError {
  const lines = code.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const text = lines[line - 1];
  if (text === undefined) throw new Error(`no line ${line}`);
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`"${snippet}" not found ${occurrence} time(s) on line ${line}: ${text}`);
  }
  return { line, column: index + 1, endLine: line, endColumn: index + 1 + snippet.length, ...extra };
}
