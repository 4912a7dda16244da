// ESLint's JSON formatter shape, so ESLint tooling can read it.
// Severity: ESLint only knows 1 (warning) and 2 (error); our `error` maps to 2 and `warning`, `info`
// and `hint` all map to 1.
import type { Finding, Severity } from "../../engine";
import { asSingleEdit, chosenFix } from "../fixes";
import { positionOf, type ScannedFile } from "../scan";

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  fatal?: boolean;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: { range: [number, number]; text: string };
  /** ESLint marks a message held back by its suppressions file with kind "file". */
  suppressions?: Array<{ kind: "file"; justification: string }>;
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  usedDeprecatedRules: [];
}

export function eslintSeverity(severity: Severity): 1 | 2 {
  return severity === "error" ? 2 : 1;
}

function toEslintMessage(file: ScannedFile, finding: Finding): EslintMessage {
  const start = positionOf(file, finding.range.start);
  const end = positionOf(file, finding.range.end);
  const message: EslintMessage = {
    ruleId: finding.ruleId,
    severity: eslintSeverity(finding.severity),
    message: finding.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
  const fix = chosenFix(finding, false);
  const edit = fix && asSingleEdit(fix, file.text ?? "");
  if (edit) message.fix = edit;
  return message;
}

export function toEslintResult(file: ScannedFile): EslintResult {
  const messages: EslintMessage[] = [];
  if (file.internalError) {
    messages.push({ ruleId: null, fatal: true, severity: 2, message: `Internal error: ${file.internalError}`, line: 1, column: 1 });
  }
  for (const finding of file.findings) messages.push(toEslintMessage(file, finding));
  const suppressedMessages = (file.suppressedFindings ?? []).map((finding) => ({
    ...toEslintMessage(file, finding),
    suppressions: [{ kind: "file" as const, justification: "" }],
  }));
  const result: EslintResult = {
    filePath: file.filePath,
    messages,
    suppressedMessages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
    fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
    // ESLint includes the source of files that have problems.
    ...(file.findings.length + suppressedMessages.length > 0 && file.text !== undefined ? { source: file.text } : {}),
    usedDeprecatedRules: [],
  };
  return result;
}

export function formatJson(files: readonly ScannedFile[]): string {
  return JSON.stringify(files.map(toEslintResult));
}
