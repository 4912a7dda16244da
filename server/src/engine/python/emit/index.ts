// Attaches Python rewrites to findings: the same one-list shape as the TypeScript fixes, rendered as
// Python. Each fix is checked before it is offered (see verify.ts).
import type { Finding, Fix, FixSettings, RuleId } from "../../types";
import type { ParsedPython } from "../extract";

export interface PythonFixContext {
  parsed: ParsedPython;
  text: string;
  settings: FixSettings;
}

type PythonFixProvider = (finding: Finding, context: PythonFixContext) => Fix[];

const PROVIDERS: Partial<Record<RuleId, PythonFixProvider>> = {};

export function attachPythonFixes(findings: Finding[], context: PythonFixContext): void {
  for (const finding of findings) {
    const provider = PROVIDERS[finding.ruleId];
    if (!provider) continue;
    try {
      finding.fixes.push(...provider(finding, context));
    } catch {
      // A fix that cannot be computed is simply not offered; the finding still stands.
    }
  }
}
