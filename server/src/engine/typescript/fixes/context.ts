import type ts from "typescript";
import type { Finding, Fix, FixSettings, RuleId } from "../../types";
import type { OpenAIBindings } from "../bindings";
import type { SourceFacts } from "../../facts";
import { CodeStyle } from "./style";

export interface TypeScriptFixContext {
  fileName: string;
  text: string;
  sourceFile: ts.SourceFile;
  bindings: OpenAIBindings;
  facts: SourceFacts;
  settings: FixSettings;
  style: CodeStyle;
  /** Every finding in the file, for fixes that rewrite several calls at once. */
  findings: readonly Finding[];
}

/** Computes the fixes for one finding; returns [] when no fix is safe to offer. */
export type FixProvider = (finding: Finding, context: TypeScriptFixContext) => Fix[];

export type FixProviders = Partial<Record<RuleId, FixProvider>>;
