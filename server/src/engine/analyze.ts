import { languageOf } from "./languages";
import { parseAndExtract } from "./typescript/extract";
import { settledFixSession, takeSyntaxTree, typeScriptFixSession, pythonFixSession, type FixSession } from "./fixSession";
import { isNotebookFile } from "./python/analyze";
import { notebookCode } from "./python/notebook";
import type { SourceFacts } from "./facts";
import { RULES } from "./rules";
import type { Rule } from "./rules/rule";
import { findSuppressions } from "./suppressions";
import { decodeSource } from "./text/decode";
import { LineIndex } from "./text/lineIndex";
import { DEFAULT_FIX_SETTINGS, type AnalysisOptions, type FileAnalysis, type Finding, type Severity, type TextRange } from "./types";

export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

function activeRules(options: AnalysisOptions): Array<{ rule: Rule; severity: Severity }> {
  return RULES.flatMap((rule) => {
    if (options.onlyRules && !options.onlyRules.includes(rule.id)) return [];
    const severity = options.severities?.[rule.id] ?? rule.defaultSeverity;
    return severity === "off" ? [] : [{ rule, severity }];
  });
}

/**
 * A few short needles such that every rule trigger contains one. Searching bytes for these (memchr
 * fast, no decoding) rules out almost every file before it is decoded; short needles with a rare first
 * byte search fastest. Triggers no needle covers are searched for themselves.
 */
const COARSE_NEEDLES = ["beta", "Assist", "ponse", "_call", "Call"];
const BYTE_NEEDLES: readonly Buffer[] = [
  ...new Set(RULES.flatMap((rule) => rule.triggers.map((trigger) => COARSE_NEEDLES.find((needle) => trigger.includes(needle)) ?? trigger))),
].map((needle) => Buffer.from(needle, "utf8"));
const BINARY_SNIFF_BYTES = 8000;

/** False when no rule's trigger occurs in the bytes (ASCII triggers match bytes as they match the decoded text). */
function mayTrigger(bytes: Buffer): boolean {
  for (const needle of BYTE_NEEDLES) if (bytes.indexOf(needle) !== -1) return true;
  return false;
}

/** The result for a file no rule can report on; its text is decoded only if someone asks for it. */
function nothingFound(bytes: Uint8Array): FileAnalysis {
  let text: string | undefined;
  return {
    get text() {
      if (text === undefined) {
        const decoded = decodeSource(bytes);
        text = "text" in decoded ? (decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text) : "";
      }
      return text;
    },
    findings: [],
  };
}

/** Analyses a file as it is on disk: decodes it, or explains why it was skipped. */
export function analyzeFile(fileName: string, bytes: Uint8Array, options: AnalysisOptions = {}): FileAnalysis {
  const prepared = prepareFile(fileName, bytes, options);
  return "rules" in prepared ? withFixesIfAsked(analyzeRules(fileName, prepared.text, prepared.rules, options), options) : prepared;
}

function withFixesIfAsked(session: FixSession, options: AnalysisOptions): FileAnalysis {
  if (options.fixes !== false) session.fixesFor();
  return session.analysis;
}

/**
 * The file's analysis when it is decided without parsing (skipped, or no rule can find anything in
 * it: almost every file), else undefined: then `analyzeFile` parses it. Lets a scan keep parsing, the
 * expensive part, on other threads.
 */
export function analyzeFileWithoutParsing(fileName: string, bytes: Uint8Array, options: AnalysisOptions = {}): FileAnalysis | undefined {
  const prepared = prepareFile(fileName, bytes, options);
  return "rules" in prepared ? undefined : prepared;
}

type ActiveRules = Array<{ rule: Rule; severity: Severity }>;
/** A finished analysis, or the text and the rules that must parse it. */
type Prepared = FileAnalysis | { text: string; rules: ActiveRules };

function prepareFile(fileName: string, bytes: Uint8Array, options: AnalysisOptions): Prepared {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (bytes.byteLength > maxFileSize) {
    return { text: "", findings: [], skipped: { reason: `larger than maxFileSize (${bytes.byteLength} > ${maxFileSize} bytes)` } };
  }
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const language = languageOf(fileName);
  if (language && !mayTrigger(buffer) && buffer.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) === -1) return nothingFound(bytes);
  const decoded = decodeSource(bytes);
  if ("skipReason" in decoded) return { text: "", findings: [], skipped: { reason: decoded.skipReason } };
  return prepareText(fileName, decoded.text, options);
}

/** Analyses text as an editor holds it (no BOM). Never throws for any input. */
export function analyzeText(fileName: string, rawText: string, options: AnalysisOptions = {}): FileAnalysis {
  return withFixesIfAsked(openFixSession(fileName, rawText, options), options);
}

/**
 * Analyses text and keeps its parse, so fixes can be computed later for the findings asked about
 * (`fixesFor`). Holds the syntax tree: keep a session only while its document is open. `previous`,
 * the session of the same document before an edit, is reparsed incrementally; it computes no fixes
 * it had not computed before.
 */
export function openFixSession(fileName: string, rawText: string, options: AnalysisOptions = {}, previous?: FixSession): FixSession {
  const prepared = prepareText(fileName, rawText, options);
  return "rules" in prepared ? analyzeRules(fileName, prepared.text, prepared.rules, options, previous) : settledFixSession(prepared);
}

/** The findings overlapping `range` (all of them without one), with their fixes. */
export function computeFixes(fileName: string, rawText: string, options: AnalysisOptions = {}, range?: TextRange): Finding[] {
  return openFixSession(fileName, rawText, { ...options, fixes: false }).fixesFor(range);
}

function prepareText(fileName: string, rawText: string, options: AnalysisOptions): Prepared {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const language = languageOf(fileName);
  if (!language) return { text, findings: [], skipped: { reason: "unsupported language" } };
  // Rules share triggers; scanning a large file once per distinct trigger, not once per rule, is most
  // of what a file without OpenAI code costs.
  // A notebook's code is JSON-escaped in its text: look for triggers in the code itself.
  const code = isNotebookFile(fileName) ? (notebookCode(text)?.python ?? "") : text;
  const triggerPresence = new Map<string, boolean>();
  const mentions = (trigger: string) => {
    let present = triggerPresence.get(trigger);
    if (present === undefined) triggerPresence.set(trigger, (present = code.includes(trigger)));
    return present;
  };
  // Then the rules' own closer look, which rules out files that only say "beta" or "responses".
  const rules = activeRules(options).filter(({ rule }) => rule.triggers.some(mentions) && (rule.mayFind?.(code) ?? true));
  return rules.length === 0 ? { text, findings: [] } : { text, rules };
}

function analyzeRules(fileName: string, text: string, rules: ActiveRules, options: AnalysisOptions, previous?: FixSession): FixSession {
  options.hooks?.beforeAnalysis?.(fileName);
  let parsed;
  try {
    if (languageOf(fileName) === "python") return pythonFixSession(fileName, text, options, (facts, python) => findingsOf(facts, python, rules));
    parsed = parseAndExtract(fileName, text, takeSyntaxTree(previous));
  } catch (error) {
    if (error instanceof RangeError) return settledFixSession({ text, findings: [], skipped: { reason: "nested too deeply to analyse" } });
    throw error;
  }
  const findings = findingsOf(parsed.facts, text, rules);
  const inputs = { ...parsed, text, fileName, settings: { ...DEFAULT_FIX_SETTINGS, ...options.fix } };
  return typeScriptFixSession(fileName, { text, findings }, inputs, options.hooks);
}

/** The rules' reports on one file's facts, minus suppressed ones, in source order. */
function findingsOf(facts: SourceFacts, text: string, rules: ActiveRules): Finding[] {
  const lines = new LineIndex(text);
  const suppressions = findSuppressions(text, lines);
  const findings: Finding[] = [];
  for (const { rule, severity } of rules) {
    rule.check(facts, (report) => {
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
  return findings;
}
