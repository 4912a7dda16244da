// Engine values (UTF-16 offsets) to LSP values (line/character, UTF-16 code units).
import { createHash } from "node:crypto";
import * as path from "node:path";
import { URI } from "vscode-uri";
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, type Range, type TextEdit as LspTextEdit } from "vscode-languageserver/node";
import { LineIndex, ruleDocsPath, type Finding, type Severity, type TextEdit, type TextRange } from "../engine";

export const SOURCE = "responses-migrate";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const docsHrefCache = new Map<string, string>();

/** file:// link to the rule's page shipped beside the bundle (dist/server.js -> ../docs/rules/<id>.md). */
export function ruleDocsHref(ruleId: string): string {
  let href = docsHrefCache.get(ruleId);
  if (href === undefined) {
    href = URI.file(path.join(__dirname, "..", ruleDocsPath(ruleId))).toString();
    docsHrefCache.set(ruleId, href);
  }
  return href;
}

export function toRange(range: TextRange, lines: LineIndex): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

export function toLspEdit(edit: TextEdit, lines: LineIndex): LspTextEdit {
  return { range: toRange(edit.range, lines), newText: edit.newText };
}

export function toDiagnostic(finding: Finding, lines: LineIndex): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(finding.range, lines),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsHref(finding.ruleId) },
    message: finding.message,
  };
  if (finding.deprecated) diagnostic.tags = [DiagnosticTag.Deprecated];
  return diagnostic;
}

/** Result ids name the diagnostics' content, so equal diagnostics always get an equal id. */
export const EMPTY_RESULT_ID = "empty";

export function resultIdOf(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return EMPTY_RESULT_ID;
  return createHash("sha1").update(JSON.stringify(diagnostics)).digest("base64url").slice(0, 20);
}
