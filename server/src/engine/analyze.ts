import { languageOf } from "./languages";
import { parseAndExtract } from "./typescript/extract";
import { attachTypeScriptFixes } from "./typescript/fixes";
import { RULES } from "./rules";
import type { Rule } from "./rules/rule";
import { findSuppressions } from "./suppressions";
import { decodeSource } from "./text/decode";
import { LineIndex } from "./text/lineIndex";
import { DEFAULT_FIX_SETTINGS, type AnalysisOptions, type FileAnalysis, type Finding, type Severity } from "./types";

export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

function activeRules(options: AnalysisOptions): Array<{ rule: Rule; severity: Severity }> {
  return RULES.flatMap((rule) => {
    if (options.onlyRules && !options.onlyRules.includes(rule.id)) return [];
    const severity = options.severities?.[rule.id] ?? rule.defaultSeverity;
    return severity === "off" ? [] : [{ rule, severity }];
  });
}

/** Analyses a file as it is on disk: decodes it, or explains why it was skipped. */
export function analyzeFile(fileName: string, bytes: Uint8Array, options: AnalysisOptions = {}): FileAnalysis {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (bytes.byteLength > maxFileSize) {
    return { text: "", findings: [], skipped: { reason: `larger than maxFileSize (${bytes.byteLength} > ${maxFileSize} bytes)` } };
  }
  const decoded = decodeSource(bytes);
  if ("skipReason" in decoded) return { text: "", findings: [], skipped: { reason: decoded.skipReason } };
  return analyzeText(fileName, decoded.text, options);
}

/** Analyses text as an editor holds it (no BOM). Never throws for any input. */
export function analyzeText(fileName: string, rawText: string, options: AnalysisOptions = {}): FileAnalysis {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const language = languageOf(fileName);
  if (!language || language === "python") return { text, findings: [], skipped: { reason: "unsupported language" } };
  // Rules share triggers; scanning a large file once per distinct trigger, not once per rule, is most
  // of what a file without OpenAI code costs.
  const triggerPresence = new Map<string, boolean>();
  const mentions = (trigger: string) => {
    let present = triggerPresence.get(trigger);
    if (present === undefined) triggerPresence.set(trigger, (present = text.includes(trigger)));
    return present;
  };
  const rules = activeRules(options).filter(({ rule }) => rule.triggers.some(mentions));
  if (rules.length === 0) return { text, findings: [] };

  let parsed;
  try {
    parsed = parseAndExtract(fileName, text);
  } catch (error) {
    if (error instanceof RangeError) return { text, findings: [], skipped: { reason: "nested too deeply to analyse" } };
    throw error;
  }

  const lines = new LineIndex(text);
  const suppressions = findSuppressions(text, lines);
  const findings: Finding[] = [];
  for (const { rule, severity } of rules) {
    rule.check(parsed.facts, (report) => {
      if (suppressions.isSuppressed(rule.id, lines.positionAt(report.range.start).line)) return;
      findings.push({
        ruleId: rule.id,
        severity,
        message: report.message,
        range: report.range,
        deprecated: rule.deprecated,
        hover: report.hover,
        fixes: report.fixes ?? [],
      });
    });
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  attachTypeScriptFixes(findings, { ...parsed, text, fileName, settings: { ...DEFAULT_FIX_SETTINGS, ...options.fix } });
  return { text, findings };
}
