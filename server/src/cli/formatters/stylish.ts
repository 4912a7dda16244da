// ESLint's "stylish" layout: a block per file with aligned `line:col  severity  message  rule`, then a summary.
import type { Severity } from "../../engine";
import { chosenFix } from "../fixes";
import { displayPath, positionOf, type ScannedFile } from "../scan";

export interface Colors {
  enabled: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, gray: 90, underline: 4, bold: 1, green: 32 } as const;

export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

function paint(colors: Colors, code: keyof typeof CODES, text: string): string {
  return colors.enabled ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text;
}

const SEVERITY_COLOR: Record<Severity, keyof typeof CODES> = { error: "red", warning: "yellow", info: "blue", hint: "gray" };

function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  hint: number;
  fixable: number;
}

export function countFindings(files: readonly ScannedFile[], unsafe = false): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0, fixable: 0 };
  for (const file of files) {
    for (const finding of file.findings) {
      counts[finding.severity]++;
      if (chosenFix(finding, unsafe)) counts.fixable++;
    }
  }
  return counts;
}

/** The per-file blocks; empty when nothing was found. */
export function formatStylishBody(files: readonly ScannedFile[], colors: Colors): string {
  const out: string[] = [];
  for (const file of files) {
    if (file.findings.length === 0 && !file.internalError) continue;
    const rows: string[][] = [];
    if (file.internalError) rows.push(["1:1", "error", `Internal error: ${file.internalError}`, ""]);
    for (const finding of file.findings) {
      const start = positionOf(file, finding.range.start);
      rows.push([`${start.line}:${start.column}`, finding.severity, finding.message, finding.ruleId]);
    }
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
    out.push(paint(colors, "underline", displayPath(file.filePath)));
    for (const [position, severity, message, ruleId] of rows) {
      const severityText = paint(colors, SEVERITY_COLOR[severity as Severity] ?? "red", severity.padEnd(widths[1]));
      out.push(`  ${paint(colors, "gray", position.padStart(widths[0]))}  ${severityText}  ${message.padEnd(widths[2])}  ${paint(colors, "gray", ruleId)}`.trimEnd());
    }
    out.push("");
  }
  return out.join("\n");
}

export function summaryLine(counts: Counts, fileCount: number, colors: Colors, fixHint = true): string {
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return paint(colors, "green", `✔ No problems found in ${plural(fileCount, "file")}.`);
  const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
  if (counts.info > 0) parts.push(`${counts.info} info`);
  if (counts.hint > 0) parts.push(plural(counts.hint, "hint"));
  const color = counts.error > 0 ? "red" : "yellow";
  const lines = [paint(colors, color, `✖ ${plural(total, "problem")} (${parts.join(", ")}) in ${plural(fileCount, "file")} checked`)];
  if (fixHint && counts.fixable > 0) lines.push(paint(colors, color, `  ${plural(counts.fixable, "problem")} potentially fixable with \`responses-migrate fix\`.`));
  return lines.join("\n");
}

export function formatStylish(files: readonly ScannedFile[], colors: Colors): string {
  const body = formatStylishBody(files, colors);
  const summary = summaryLine(countFindings(files), files.length, colors);
  return `${body}${body ? "\n" : ""}${summary}\n`;
}
