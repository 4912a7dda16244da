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

type ActiveRules = Array<{ rule: Rule; severity: Severity }>;

let lastActive: { onlyRules?: readonly string[]; severities?: AnalysisOptions["severities"]; rules: ActiveRules } | undefined;

/** Equal severity maps: the server passes a fresh copy of the same settings for every file. */
function sameSeverities(a: AnalysisOptions["severities"], b: AnalysisOptions["severities"]): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key as keyof typeof a] === b[key as keyof typeof b]);
}

function activeRules(options: AnalysisOptions): ActiveRules {
  // A scan passes the same rule list and severities for every file: work them out once.
  if (lastActive && lastActive.onlyRules === options.onlyRules && sameSeverities(lastActive.severities, options.severities)) return lastActive.rules;
  const rules = RULES.flatMap((rule) => {
    if (options.onlyRules && !options.onlyRules.includes(rule.id)) return [];
    const severity = options.severities?.[rule.id] ?? rule.defaultSeverity;
    return severity === "off" ? [] : [{ rule, severity }];
  });
  lastActive = { onlyRules: options.onlyRules, severities: options.severities && { ...options.severities }, rules };
  return rules;
}

/**
 * A few short needles such that every rule trigger contains one. A trigger whose needle is absent from
 * a file's bytes is absent too, so most files cost one search per needle (memchr fast, no decoding);
 * only a needle that is present leads to a search for the triggers it covers.
 */
const COARSE_NEEDLES = ["beta", "ssist", "ponse", "_call", "Call"];
const isAsciiText = (text: string) => /^[\x00-\x7f]*$/.test(text);
const ALL_TRIGGERS = [...new Set(RULES.flatMap((rule) => rule.triggers))];
/** Searching bytes for a trigger finds exactly what searching the decoded text finds only for ASCII triggers. */
const BYTE_SEARCH_EXACT = ALL_TRIGGERS.every(isAsciiText);
const NEEDLE_OF = new Map(ALL_TRIGGERS.map((trigger) => [trigger, COARSE_NEEDLES.find((needle) => trigger.includes(needle)) ?? trigger]));
const BINARY_SNIFF_BYTES = 8000;

/**
 * Whether the file mentions a trigger, answered from its bytes and remembered per trigger. Exact for
 * ASCII triggers: in UTF-8 no byte of a multi-byte character is ASCII, and text that is not UTF-8 is
 * decoded as Latin-1, one character per byte (text/decode.ts); the BOM is not ASCII either.
 */
function byteMentions(buffer: Buffer): (trigger: string) => boolean {
  const present = new Map<string, boolean>();
  const search = (needle: string): boolean => {
    let found = present.get(needle);
    if (found === undefined) present.set(needle, (found = buffer.includes(needle, 0, "latin1")));
    return found;
  };
  return (trigger) => search(NEEDLE_OF.get(trigger) ?? trigger) && search(trigger);
}

/** The result for a file no rule can report on; its text is decoded only if someone asks for it. */
function nothingFound(bytes: Uint8Array): FileAnalysis {
  let text: string | undefined;
  return {
    get text() {
      if (text === undefined) {
        const decoded = decodeSource(bytes);
        text = "text" in decoded ? withoutBom(decoded.text) : "";
      }
      return text;
    },
    findings: [],
  };
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Analyses a file as it is on disk: decodes it, or explains why it was skipped. */
export function analyzeFile(fileName: string, bytes: Uint8Array, options: AnalysisOptions = {}): FileAnalysis {
  return withFixesIfAsked(openFileFixSession(fileName, bytes, options), options);
}

/** `analyzeFile` that keeps the parse for fixes on request (`openFixSession` for bytes on disk). */
export function openFileFixSession(fileName: string, bytes: Uint8Array, options: AnalysisOptions = {}): FixSession {
  const prepared = prepareFile(fileName, bytes, options);
  return "rules" in prepared ? analyzeRules(fileName, prepared.text, prepared.rules, options) : settledFixSession(prepared);
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

/** A finished analysis, or the text and the rules that must parse it. */
type Prepared = FileAnalysis | { text: string; rules: ActiveRules };

function prepareFile(fileName: string, bytes: Uint8Array, options: AnalysisOptions): Prepared {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (bytes.byteLength > maxFileSize) {
    return { text: "", findings: [], skipped: { reason: `larger than maxFileSize (${bytes.byteLength} > ${maxFileSize} bytes)` } };
  }
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const language = languageOf(fileName);
  // A notebook's code is JSON-escaped in its bytes, and a binary file is skipped with a message:
  // both take the text path below.
  if (!language || !BYTE_SEARCH_EXACT || isNotebookFile(fileName) || buffer.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1) {
    const decoded = decodeSource(bytes);
    if ("skipReason" in decoded) return { text: "", findings: [], skipped: { reason: decoded.skipReason } };
    return prepareText(fileName, decoded.text, options);
  }
  const mentions = byteMentions(buffer);
  const candidates = activeRules(options).filter(({ rule }) => rule.triggers.some(mentions));
  if (candidates.length === 0) return nothingFound(bytes);
  const decoded = decodeSource(bytes);
  if ("skipReason" in decoded) return { text: "", findings: [], skipped: { reason: decoded.skipReason } };
  const text = withoutBom(decoded.text);
  const rules = candidates.filter(({ rule }) => rule.mayFind?.(text) ?? true);
  return rules.length === 0 ? { text, findings: [] } : { text, rules };
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
  const text = withoutBom(rawText);
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
