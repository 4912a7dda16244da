// Hover on a finding: the rule's markdown (what replaces the call, before and after), or its message.
// The hovered findings' fixes are computed (as the code action the cursor asks for does), so a thread
// the planner refused says why it is not rewritten; findings elsewhere in the file cost nothing.
import { MarkupKind, type Hover, type Position } from "vscode-languageserver/node";
import type { DocumentResult } from "./documentDiagnostics";
import { toRange } from "./convert";

export function hoverAt(result: DocumentResult, position: Position): Hover | null {
  const offset = result.lines.offsetAt(position);
  const touching = result.analysis.findings.some((finding) => finding.range.start <= offset && offset <= finding.range.end);
  if (!touching) return null;
  const hits = result.fixes.fixesFor({ start: offset, end: offset });
  if (hits.length === 0) return null;
  const value = hits.map((finding) => finding.hover ?? finding.message).join("\n\n---\n\n");
  const range = toRange({ start: Math.min(...hits.map((f) => f.range.start)), end: Math.max(...hits.map((f) => f.range.end)) }, result.lines);
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}
