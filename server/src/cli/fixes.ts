// Which fix `fix` (without --unsafe) would apply for a finding, and that fix as ESLint's single edit.
import type { Finding, Fix } from "../engine";

/** The fix fix-all takes: the preferred eligible one, else the first eligible one (as the engine does). */
export function chosenFix(finding: Finding, unsafe: boolean): Fix | undefined {
  const eligible = finding.fixes.filter((fix) => fix.safe || unsafe);
  return eligible.find((fix) => fix.preferred) ?? eligible[0];
}

/** ESLint's `fix`: one replacement spanning all edits, the text between them kept as it was. */
export function asSingleEdit(fix: Fix, text: string): { range: [number, number]; text: string } | undefined {
  if (fix.edits.length === 0) return undefined;
  const edits = [...fix.edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const start = edits[0].range.start;
  let end = start;
  let replacement = "";
  for (const edit of edits) {
    if (edit.range.start < end) return undefined; // overlapping edits: not representable, leave it out
    replacement += text.slice(end, edit.range.start) + edit.newText;
    end = edit.range.end;
  }
  return { range: [start, end], text: replacement };
}
