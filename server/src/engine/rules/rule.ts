import type { SourceFacts } from "../facts";
import type { Fix, RuleId, Severity, TextRange } from "../types";

export interface RuleReport {
  range: TextRange;
  message: string;
  hover?: string;
  fixes?: Fix[];
}

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line for tables and SARIF. */
  summary: string;
  /** Findings carry the Deprecated tag. */
  deprecated: boolean;
  /**
   * Substrings of which at least one must occur in a file for this rule to find anything there.
   * Files matching no rule's triggers are never parsed, which is what keeps large workspaces fast.
   */
  triggers: readonly string[];
  /**
   * Optional closer look at a file that has a trigger: false when this rule cannot find anything in
   * `text`, so the file is not parsed for it. Must never be false where the rule would report.
   */
  mayFind?(text: string): boolean;
  check(facts: SourceFacts, report: (finding: RuleReport) => void): void;
}
