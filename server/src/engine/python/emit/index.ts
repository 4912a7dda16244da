// Attaches Python rewrites to findings: the same one-list shape as the TypeScript fixes, rendered as
// Python. Each fix is checked before it is offered (see verify.ts).
import type { Finding, Fix, FixSettings, RuleId } from "../../types";
import type { ParsedPython } from "../extract";
import { parsePython } from "../parser";
import { assistantsObjectFixes } from "./assistants";
import { chatToolShapeFixes } from "./chatToolShape";
import { typeImportFixes, unusedImportFixes } from "./typeImports";
import { sequentialLoopFixes, unboundedGatherFixes } from "./concurrency";
import { betaVectorStoreFixes } from "./vectorStores";
import { migratePythonThreads, type CallMigration } from "../migration";
import { noteRefusal } from "../../refusal";

export interface PythonFixContext {
  parsed: ParsedPython;
  text: string;
  settings: FixSettings;
  /** Where the file is, for imports of definitions from other files of the workspace. */
  fileName?: string;
  /** The thread rewrites, computed once per file when a finding asks (see ../migration). */
  threads?: Map<number, CallMigration>;
}

/** no-assistants-api: the whole thread's rewrite, planned by the language-neutral planner. */
const threadFixes: PythonFixProvider = (finding, context) => {
  context.threads ??= migratePythonThreads(context);
  if (finding.message.includes("belongs to the Assistants API")) return [...typeImportFixes(finding, context), ...unusedImportFixes(finding, context)].filter((fix) => keepsSyntax(fix, context));
  const migration = context.threads.get(finding.range.start);
  if (migration?.refusal) noteRefusal(finding, migration.refusal);
  const threadRewrite = migration?.fixes ?? [];
  // An assistant that no thread rewrite takes along gets its own: its in-repo definition.
  return threadRewrite.length > 0 ? threadRewrite : assistantsObjectFixes(finding, context).filter((fix) => keepsSyntax(fix, context));
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
