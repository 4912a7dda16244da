// Runs the rules on a Python file or a notebook's code cells, and attaches the Python fixes.
import type { SourceFacts } from "../facts";
import type { AnalysisOptions, FileAnalysis, Finding, Fix } from "../types";
import { DEFAULT_FIX_SETTINGS } from "../types";
import { attachPythonFixes } from "./emit";
import { parseAndExtractPython } from "./extract";
import { notebookCode, toNotebookEdit, toNotebookRange } from "./notebook";

export function isNotebookFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith(".ipynb");
}

const NOT_LOADED: FileAnalysis["skipped"] = { reason: "the Python parser is not loaded (the adapter must await ensurePythonParser)" };

/** `findings` runs the rules (with suppressions) on facts extracted from `python`. */
export function analyzePython(
  fileName: string,
  text: string,
  options: AnalysisOptions,
  findings: (facts: SourceFacts, python: string) => Finding[],
  withFixes = true,
): FileAnalysis {
  if (!isNotebookFile(fileName)) return analyzePythonText(text, options, findings, withFixes, fileName) ?? { text, findings: [], skipped: NOT_LOADED };
  const code = notebookCode(text);
  if (!code) return { text, findings: [], skipped: { reason: "not a Python notebook (no code cells)" } };
  const analysis = analyzePythonText(code.python, options, findings, withFixes, fileName);
  if (!analysis) return { text, findings: [], skipped: NOT_LOADED };
  const mapped: Finding[] = [];
  for (const finding of analysis.findings) {
    const range = toNotebookRange(code, finding.range);
    if (!range) continue;
    const fixes = finding.fixes.flatMap((fix): Fix[] => {
      const edits = fix.edits.map((edit) => toNotebookEdit(code, edit));
      return edits.every((edit) => edit !== undefined) ? [{ ...fix, edits }] : [];
    });
    mapped.push({ ...finding, range, fixes });
  }
  return { text, findings: mapped };
}

function analyzePythonText(
  python: string,
  options: AnalysisOptions,
  findings: (facts: SourceFacts, python: string) => Finding[],
  withFixes: boolean,
  fileName?: string,
): FileAnalysis | undefined {
  const parsed = parseAndExtractPython(python);
  if (!parsed) return undefined;
  const found = findings(parsed.facts, python);
  if (withFixes) attachPythonFixes(found, { parsed, text: python, settings: { ...DEFAULT_FIX_SETTINGS, ...options.fix }, fileName });
  return { text: python, findings: found };
}
