// The engine's public vocabulary. Adapters (LSP, CLI, tests) speak only these types.

export type Severity = "error" | "warning" | "info" | "hint";
export type SeveritySetting = Severity | "off";

export type RuleId =
  | "no-assistants-api"
  | "no-beta-vector-stores"
  | "sequential-tool-loop"
  | "unbounded-tool-concurrency"
  | "chain-without-fallback"
  | "store-false-chain"
  | "chat-tool-shape"
  | "chat-tool-messages"
  | "no-assistants-http";

/** UTF-16 offsets into the analysed text (after any BOM was stripped). */
export interface TextRange {
  start: number;
  end: number;
}

export interface TextEdit {
  range: TextRange;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Ruff's notion: an unsafe fix changes behaviour a human should review; fix-all skips it unless asked. */
  safe: boolean;
  /** The fix the editor marks `isPreferred` and fix-all applies. */
  preferred: boolean;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  range: TextRange;
  /** Rendered with the Deprecated tag (strike-through) by editors. */
  deprecated: boolean;
  /** Markdown shown on hover: what replaces the code, with a short before and after. */
  hover?: string;
  fixes: Fix[];
  /**
   * Why this finding's thread is not rewritten ("Not rewritten: ... blocks it: ..."), known once its
   * fixes are computed (see refusal.ts); also appended to `message` and `hover` then.
   */
  refusal?: string;
}

export interface SkipNotice {
  /** Human-readable reason, e.g. "binary file" or "larger than maxFileSize (5242880 bytes)". */
  reason: string;
}

export interface FileAnalysis {
  /** The text positions refer to (decoded, BOM removed). Empty when skipped. */
  text: string;
  findings: Finding[];
  skipped?: SkipNotice;
}

export interface AnalysisOptions {
  /** Per-rule severity override; "off" disables the rule. */
  severities?: Partial<Record<RuleId, SeveritySetting>>;
  /** When given, only these rules run (CLI `--rule`). */
  onlyRules?: readonly RuleId[];
  /** Files larger than this many bytes are skipped with a notice. */
  maxFileSize?: number;
  /** How rewrites are shaped; see FixSettings. */
  fix?: Partial<FixSettings>;
  /**
   * Compute every finding's fixes during the analysis (default true, for one-off callers and tests).
   * Adapters that only report (CLI `check`, diagnostics) pass false and ask `openFixSession` or
   * `computeFixes` for the fixes they need: fixes cost far more than findings.
   */
  fixes?: boolean;
  /** Seams for failure-isolation tests and for logging; see AnalysisHooks. */
  hooks?: AnalysisHooks;
}

export interface AnalysisHooks {
  /** Called before a file is parsed; a throw here stands for an engine bug in that file (tests inject one). */
  beforeAnalysis?(fileName: string): void;
  /** Called before one finding's fixes are computed; a throw costs that finding its fixes, nothing else. */
  beforeFix?(fileName: string, finding: Finding): void;
  /** A fix that threw: reported here (the finding stays, without that fix). */
  onFixError?(error: unknown, fileName: string, finding: Finding): void;
}

/** How Assistants state maps to Responses state (`responsesMigrate.stateStrategy`). */
export type StateStrategy = "auto" | "conversation" | "previous-response-id" | "explicit-history";

export interface FixSettings {
  stateStrategy: StateStrategy;
  /** Cap for tool calls run together (`responsesMigrate.toolConcurrency`). */
  toolConcurrency: number;
  /**
   * Packages the file's nearest package.json depends on. Fixes import only these (p-limit) and
   * otherwise add a small local helper. The adapter reads package.json; the engine does no I/O.
   */
  dependencies: readonly string[];
  /**
   * Exported assistant definitions elsewhere in the workspace (from findExportedAssistantDefinitions),
   * which a run in this file may import instead of getting a stub.
   */
  workspaceDefinitions: readonly WorkspaceDefinition[];
}

export interface WorkspaceDefinition {
  name: string;
  /** Absolute path of the file that exports it. */
  fileName: string;
}

export const DEFAULT_FIX_SETTINGS: FixSettings = { stateStrategy: "auto", toolConcurrency: 3, dependencies: [], workspaceDefinitions: [] };

export type LanguageId = "typescript" | "javascript" | "python";
