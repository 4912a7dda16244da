// Hover on a finding: the rule's markdown (what replaces the call, before and after), or its message.
import { MarkupKind, type Hover, type Position } from "vscode-languageserver/node";
import type { DocumentResult } from "./documentDiagnostics";
import { toRange } from "./convert";

export function hoverAt(result: DocumentResult, position: Position): Hover | null {
  const offset = result.lines.offsetAt(position);
  const hits = result.analysis.findings.filter((finding) => finding.range.start <= offset && offset <= finding.range.end);
  if (hits.length === 0) return null;
  const value = hits.map((finding) => finding.hover ?? finding.message).join("\n\n---\n\n");
  const range = toRange({ start: Math.min(...hits.map((f) => f.range.start)), end: Math.max(...hits.map((f) => f.range.end)) }, result.lines);
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}
