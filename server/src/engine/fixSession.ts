// Fixes on request. Analysis yields findings only; a FixSession keeps one file's parse and computes
// the fixes of the findings someone asks about (a code action's range, one finding, or all of them
// for fix-all), each finding's at most once.
import type ts from "typescript";
import type { SourceFacts } from "./facts";
import { analyzePython } from "./python/analyze";
import { attachTypeScriptFixes, type FixInputs } from "./typescript/fixes";
import type { AnalysisHooks, AnalysisOptions, FileAnalysis, Finding, TextRange } from "./types";

export interface FixSession {
  /** The findings; their `fixes` fill in as `fixesFor` computes them. */
  readonly analysis: FileAnalysis;
  /**
   * The findings overlapping `range` (touching counts, as a cursor on a finding's edge does), or every
   * finding when no range is given, with their fixes computed.
   */
  fixesFor(range?: TextRange): Finding[];
}

function touches(a: TextRange, b: TextRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A session over a file whose fixes need no parse: skipped, or findings that carry their fixes. */
export function settledFixSession(analysis: FileAnalysis): FixSession {
  return { analysis, fixesFor: (range) => analysis.findings.filter((finding) => !range || touches(finding.range, range)) };
}

/** Each session's syntax tree, handed on once to the analysis of the document's next version. */
const trees = new WeakMap<FixSession, ts.SourceFile>();

/** The tree of `session` for an incremental reparse; afterwards the session computes no more fixes. */
export function takeSyntaxTree(session: FixSession | undefined): ts.SourceFile | undefined {
  if (!session) return undefined;
  const tree = trees.get(session);
  trees.delete(session);
  if (tree) retired.add(session);
  return tree;
}
const retired = new WeakSet<FixSession>();

export function typeScriptFixSession(fileName: string, analysis: FileAnalysis, inputs: FixInputs, hooks: AnalysisHooks | undefined): FixSession {
  const computed = new Set<Finding>();
  const session: FixSession = {
    analysis,
    fixesFor(range) {
      const wanted = analysis.findings.filter((finding) => !range || touches(finding.range, range));
      // The tree went to a newer version's reparse: its nodes are no longer this text's.
      if (retired.has(session)) return wanted.filter((finding) => computed.has(finding));
      const targets: Finding[] = [];
      for (const finding of wanted) {
        if (computed.has(finding)) continue;
        computed.add(finding);
        try {
          hooks?.beforeFix?.(fileName, finding);
          targets.push(finding);
        } catch (error) {
          hooks?.onFixError?.(error, fileName, finding);
        }
      }
      if (targets.length > 0) {
        attachTypeScriptFixes(analysis.findings, inputs, targets, (error, finding) => hooks?.onFixError?.(error, fileName, finding));
      }
      return wanted;
    },
  };
  trees.set(session, inputs.sourceFile);
  return session;
}

/**
 * A Python file or notebook: findings now, and the fixes by a second pass that emits them, run once
 * when someone first asks (the Python emitter works on the whole file's findings at once).
 */
export function pythonFixSession(
  fileName: string,
  text: string,
  options: AnalysisOptions,
  findings: (facts: SourceFacts, python: string) => Finding[],
): FixSession {
  const analysis = analyzePython(fileName, text, options, findings, false);
  let computed = false;
  return {
    analysis,
    fixesFor(range) {
      if (!computed) {
        computed = true;
        try {
          // The same rules on the same text give the same findings in the same order: take their fixes
          // (the rules' own fixes included, so those are not doubled).
          const withFixes = analyzePython(fileName, text, options, findings, true).findings;
          if (withFixes.length === analysis.findings.length) {
            analysis.findings.forEach((finding, index) => {
              finding.fixes.splice(0, finding.fixes.length, ...withFixes[index]!.fixes);
              // A thread that is not rewritten says why in its findings' message (see python/emit).
              finding.message = withFixes[index]!.message;
              finding.hover = withFixes[index]!.hover;
            });
          }
        } catch (error) {
          if (analysis.findings[0]) options.hooks?.onFixError?.(error, fileName, analysis.findings[0]);
        }
      }
      return analysis.findings.filter((finding) => !range || touches(finding.range, range));
    },
  };
}
