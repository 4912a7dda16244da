// `responsesMigrate.*` settings: their defaults, validation of what the client sends, and the single
// place where settings become engine AnalysisOptions.
import { DEFAULT_MAX_FILE_SIZE, RULES, type AnalysisOptions, type RuleId, type SeveritySetting, type StateStrategy, type WorkspaceDefinition } from "../engine";

export interface Settings {
  enable: boolean;
  severity: Partial<Record<RuleId, SeveritySetting>>;
  exclude: string[];
  maxFileSize: number;
  stateStrategy: StateStrategy;
  toolConcurrency: number;
  /** Clients without pull diagnostics: also publish diagnostics for unopened files (after the scan). */
  pushWorkspaceDiagnostics: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  severity: {},
  exclude: [],
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  stateStrategy: "auto",
  toolConcurrency: 3,
  pushWorkspaceDiagnostics: true,
});

const SEVERITIES = new Set<string>(["off", "error", "warning", "info", "hint"]);
const STRATEGIES = new Set<string>(["auto", "conversation", "previous-response-id", "explicit-history"]);
const RULE_IDS = new Set<string>(RULES.map((rule) => rule.id));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Accepts whatever the client sent (possibly null or malformed) and returns complete, valid settings. */
export function normalizeSettings(raw: unknown): Settings {
  const input = isRecord(raw) ? raw : {};
  const severity: Partial<Record<RuleId, SeveritySetting>> = {};
  if (isRecord(input.severity)) {
    for (const [ruleId, value] of Object.entries(input.severity)) {
      if (RULE_IDS.has(ruleId) && typeof value === "string" && SEVERITIES.has(value)) {
        severity[ruleId as RuleId] = value as SeveritySetting;
      }
    }
  }
  const maxFileSize = input.maxFileSize;
  const toolConcurrency = input.toolConcurrency;
  return {
    enable: typeof input.enable === "boolean" ? input.enable : DEFAULT_SETTINGS.enable,
    severity,
    exclude: Array.isArray(input.exclude) ? input.exclude.filter((glob): glob is string => typeof glob === "string" && glob.length > 0) : [],
    maxFileSize: typeof maxFileSize === "number" && Number.isFinite(maxFileSize) && maxFileSize > 0 ? maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    stateStrategy: typeof input.stateStrategy === "string" && STRATEGIES.has(input.stateStrategy) ? (input.stateStrategy as StateStrategy) : "auto",
    toolConcurrency:
      typeof toolConcurrency === "number" && Number.isInteger(toolConcurrency) && toolConcurrency >= 1 ? toolConcurrency : DEFAULT_SETTINGS.toolConcurrency,
    pushWorkspaceDiagnostics: typeof input.pushWorkspaceDiagnostics === "boolean" ? input.pushWorkspaceDiagnostics : DEFAULT_SETTINGS.pushWorkspaceDiagnostics,
  };
}

/**
 * The one mapping from settings to the engine's options. `dependencies` are the packages of the file's
 * nearest package.json (fixes import p-limit only when the project has it); `workspaceDefinitions` are
 * the assistant definitions the workspace exports (a run's rewrite imports one instead of a stub).
 */
export function toAnalysisOptions(settings: Settings, dependencies: readonly string[] = [], workspaceDefinitions: readonly WorkspaceDefinition[] = []): AnalysisOptions {
  return {
    severities: { ...settings.severity },
    maxFileSize: settings.maxFileSize,
    fix: { stateStrategy: settings.stateStrategy, toolConcurrency: settings.toolConcurrency, dependencies, workspaceDefinitions },
    // Diagnostics need findings only; code actions ask for fixes.
    fixes: false,
  };
}

/** A stable key for "would analysis give the same answer": equal keys mean cached results stay valid. */
export function analysisKey(settings: Settings): string {
  if (!settings.enable) return "disabled";
  const severities = Object.entries(settings.severity).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([severities, settings.maxFileSize, settings.stateStrategy, settings.toolConcurrency]);
}
