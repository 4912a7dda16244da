// Attaches Python rewrites to findings: the same one-list shape as the TypeScript fixes, rendered as
// Python. Each fix is checked before it is offered (see verify.ts).
import type { Finding, Fix, FixSettings, RuleId } from "../../types";
import type { ParsedPython } from "../extract";
import { parsePython } from "../parser";
import { chatToolShapeFixes } from "./chatToolShape";
import { sequentialLoopFixes, unboundedGatherFixes } from "./concurrency";
import { betaVectorStoreFixes } from "./vectorStores";
import { migratePythonThreads, type CallMigration } from "../migration";

export interface PythonFixContext {
  parsed: ParsedPython;
  text: string;
  settings: FixSettings;
  /** The thread rewrites, computed once per file when a finding asks (see ../migration). */
  threads?: Map<number, CallMigration>;
}

/** no-assistants-api: the whole thread's rewrite, planned by the language-neutral planner. */
const threadFixes: PythonFixProvider = (finding, context) => {
  context.threads ??= migratePythonThreads(context);
  const migration = context.threads.get(finding.range.start);
  // A thread that is not rewritten says which call blocks it and why, as in TypeScript.
  if (migration?.refusal && !finding.message.includes(migration.refusal)) {
    finding.message += ` (${migration.refusal})`;
    finding.hover = finding.hover ? `${finding.hover}\n\n${migration.refusal}` : migration.refusal;
  }
  return migration?.fixes ?? [];
};

type PythonFixProvider = (finding: Finding, context: PythonFixContext) => Fix[];

const PROVIDERS: Partial<Record<RuleId, PythonFixProvider>> = {
  "no-assistants-api": threadFixes,
  "no-beta-vector-stores": betaVectorStoreFixes,
  "chat-tool-shape": chatToolShapeFixes,
  "sequential-tool-loop": sequentialLoopFixes,
  "unbounded-tool-concurrency": unboundedGatherFixes,
};

export function attachPythonFixes(findings: Finding[], context: PythonFixContext): void {
  for (const finding of findings) {
    const provider = PROVIDERS[finding.ruleId];
    if (!provider) continue;
    try {
      // Thread rewrites were verified as a whole by the planner's check (../migration); the rest are re-parsed here.
      const fixes = provider(finding, context);
      finding.fixes.push(...(finding.ruleId === "no-assistants-api" ? fixes : fixes.filter((fix) => keepsSyntax(fix, context))));
    } catch {
      // A fix that cannot be computed is simply not offered; the finding still stands.
    }
  }
}

/** A fix is offered only if the file parses after it as well as before (verified before it is applied). */
function keepsSyntax(fix: Fix, context: PythonFixContext): boolean {
  if (context.parsed.hasErrors) return true;
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  let text = context.text;
  for (const edit of edits) text = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
  return parsePython(text)?.hasErrors === false;
}
