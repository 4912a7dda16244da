// Custom requests behind the client's "Responses Migration" view, "Fix All in Workspace" and "Show
// Burn-down". The sites come from the workspace analysis the Problems panel already gets (no second
// scan); fixes are computed for the files they touch; the burn-down runs in a child process.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { URI } from "vscode-uri";
import type { Connection, Diagnostic, Range, TextDocuments, TextDocumentEdit, WorkspaceEdit, AnnotatedTextEdit, ChangeAnnotation, TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { diffLines } from "diff";
import { analyzeFile, analyzeText, computeFixes, fixAll, LineIndex, minimalEdit, RULES, type AnalysisOptions, type FileAnalysis, type Fix, type RuleId } from "../engine";
import { applyNonOverlapping } from "../engine/fixes/applyFixes";
import { migrationKindOf, type MigrationKind } from "../engine/findingKind";
import { dependenciesFor } from "../workspace/packageDependencies";
import type { BurndownPoint } from "../burndown/history";
import { folderOf, type ConfigStore, type Folder } from "./config";
import { toRange } from "./convert";
import { fileNameOf, type DocumentAnalyzer } from "./documentDiagnostics";
import { isRecorded } from "./recordedFindings";
import { toAnalysisOptions } from "./settings";
import type { WorkspaceDiagnostics } from "./workspaceDiagnostics";

export const MIGRATION_SITES_REQUEST = "responsesMigrate/migrationSites";
export const FIX_SITES_REQUEST = "responsesMigrate/fixSites";
export const FIX_WORKSPACE_REQUEST = "responsesMigrate/fixAllInWorkspace";
export const BURNDOWN_REQUEST = "responsesMigrate/burndown";

export interface MigrationSite {
  uri: string;
  ruleId: string;
  kind: MigrationKind;
  message: string;
  /** LSP DiagnosticSeverity. */
  severity: number;
  range: Range;
  /** Within the counts of responses-migrate-suppressions.json. */
  recorded: boolean;
}

export interface SiteRef {
  uri: string;
  ruleId: string;
  range: Range;
}

export interface FixResult {
  edit: WorkspaceEdit;
  /** Fixes applied, over all files. */
  fixed: number;
  files: number;
}

export interface BurndownResult {
  points: BurndownPoint[];
  note?: string;
}

export interface MigrationContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyzer: DocumentAnalyzer;
  workspace: WorkspaceDiagnostics;
  config: ConfigStore;
  folders: () => readonly Folder[];
}

/** Diagnostics per uri: the workspace analysis, with open documents' own (current text) on top. */
async function diagnosticsByUri(context: MigrationContext): Promise<Map<string, Diagnostic[]>> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const entry of context.workspace.files()) if (entry.diagnostics.length > 0) byUri.set(entry.uri, entry.diagnostics);
  for (const document of context.documents.all()) byUri.set(document.uri, (await context.analyzer.resultFor(document)).diagnostics);
  return byUri;
}

export async function migrationSites(context: MigrationContext): Promise<MigrationSite[]> {
  const sites: MigrationSite[] = [];
  for (const [uri, diagnostics] of await diagnosticsByUri(context)) {
    for (const diagnostic of diagnostics) {
      const ruleId = String(diagnostic.code);
      const message = typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value;
      sites.push({ uri, ruleId, kind: migrationKindOf(ruleId, message), message, severity: diagnostic.severity ?? 1, range: diagnostic.range, recorded: isRecorded(diagnostic) });
    }
  }
  return sites.sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

interface FileState {
  uri: string;
  fileName: string;
  version: number | null;
  text: string;
  analysis: FileAnalysis;
  options: AnalysisOptions;
}

/** The file as the editor has it (open) or as it is on disk, analysed with the settings fixes need. */
async function fileState(context: MigrationContext, uri: string): Promise<FileState | undefined> {
  const folder = folderOf(uri, context.folders());
  const { settings } = await context.config.get(folder);
  if (!settings.enable) return undefined;
  const document = context.documents.get(uri);
  const fileName = document ? fileNameOf(document) : URI.parse(uri).fsPath;
  const options = toAnalysisOptions(settings, URI.parse(uri).scheme === "file" ? dependenciesFor(fileName) : [], context.workspace.assistantDefinitions());
  if (document) {
    const analysis = analyzeText(fileName, document.getText(), options);
    return { uri, fileName, version: document.version, text: analysis.text, analysis, options };
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(fileName);
  } catch {
    return undefined; // deleted since the scan
  }
  const analysis = analyzeFile(fileName, bytes, options);
  return analysis.skipped ? undefined : { uri, fileName, version: null, text: analysis.text, analysis, options };
}

/**
 * The change from the file's text to `newText` as one edit per changed run of lines, so the refactor
 * preview lists each change on its own (and each can be unticked).
 */
function documentEdit(state: FileState, newText: string, annotationId?: string): TextDocumentEdit | undefined {
  if (newText === state.text) return undefined;
  const lines = new LineIndex(state.text);
  const edits: Array<TextEdit | AnnotatedTextEdit> = [];
  let offset = 0;
  let pending: { start: number; end: number; newText: string } | undefined;
  const flush = () => {
    if (!pending) return;
    const range = toRange({ start: pending.start, end: pending.end }, lines);
    edits.push(annotationId ? { range, newText: pending.newText, annotationId } : { range, newText: pending.newText });
    pending = undefined;
  };
  for (const part of diffLines(state.text, newText)) {
    if (!part.added && !part.removed) {
      flush();
      offset += part.value.length;
      continue;
    }
    pending ??= { start: offset, end: offset, newText: "" };
    if (part.removed) {
      offset += part.value.length;
      pending.end = offset;
    } else {
      pending.newText += part.value;
    }
  }
  flush();
  return { textDocument: { uri: state.uri, version: state.version }, edits };
}

/** The preferred fix of each named site (else its first fix), applied together per file. */
export async function fixSites(context: MigrationContext, sites: readonly SiteRef[]): Promise<FixResult> {
  const byUri = new Map<string, SiteRef[]>();
  for (const site of sites) byUri.set(site.uri, [...(byUri.get(site.uri) ?? []), site]);
  const documentChanges: TextDocumentEdit[] = [];
  let fixed = 0;
  for (const [uri, wanted] of byUri) {
    const state = await fileState(context, uri);
    if (!state) continue;
    const lines = new LineIndex(state.text);
    const fixes: Fix[] = [];
    // Analysis lists findings without fixes; the asked sites' fixes are computed here, once per file.
    for (const finding of computeFixes(state.fileName, state.text, state.options)) {
      const start = lines.positionAt(finding.range.start);
      const asked = wanted.some((site) => site.ruleId === finding.ruleId && site.range.start.line === start.line && site.range.start.character === start.character);
      const fix = asked ? (finding.fixes.find((candidate) => candidate.preferred) ?? finding.fixes[0]) : undefined;
      if (fix) fixes.push(fix);
    }
    const applied = applyNonOverlapping(state.text, fixes);
    const change = documentEdit(state, applied.text);
    if (change) {
      documentChanges.push(change);
      fixed += applied.applied;
    }
  }
  return { edit: { documentChanges }, fixed, files: documentChanges.length };
}

/**
 * Fix-all over every file with findings, as one WorkspaceEdit whose edits carry change annotations
 * that need confirmation: VS Code shows its refactor preview, where files and edits can be unticked.
 */
export async function fixAllInWorkspace(context: MigrationContext, unsafe: boolean): Promise<FixResult> {
  const documentChanges: TextDocumentEdit[] = [];
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  let fixed = 0;
  for (const uri of [...(await diagnosticsByUri(context)).keys()].sort()) {
    const state = await fileState(context, uri);
    if (!state || state.analysis.findings.length === 0) continue;
    const result = fixAll(state.fileName, state.text, { ...state.options, unsafe });
    if (result.appliedCount === 0) continue;
    const id = `responsesMigrate:${uri}`;
    const change = documentEdit(state, result.text, id);
    if (!change) continue;
    const remaining = result.remaining.filter((finding) => finding.ruleId === "no-assistants-api").length;
    changeAnnotations[id] = {
      label: `${path.basename(state.fileName)}: ${result.appliedCount} ${result.appliedCount === 1 ? "fix" : "fixes"}`,
      description: `${unsafe ? "safe and unsafe" : "safe"} fixes; ${remaining} Assistants call sites left in the file`,
      needsConfirmation: true,
    };
    documentChanges.push(change);
    fixed += result.appliedCount;
  }
  return { edit: { documentChanges, changeAnnotations }, fixed, files: documentChanges.length };
}

/**
 * The first folder's burn-down, from `responses-migrate burndown --format json` run beside this bundle
 * in a child process (a long history never holds up the server), plus today's working tree.
 */
export async function burndown(context: MigrationContext): Promise<BurndownResult> {
  const folder = context.folders()[0];
  const sites = await migrationSites(context);
  const byRule = Object.fromEntries(RULES.map((rule) => [rule.id, 0])) as Record<RuleId, number>;
  for (const site of sites) if (site.ruleId in byRule) byRule[site.ruleId as RuleId]++;
  const today: BurndownPoint = { commit: null, date: new Date().toISOString(), assistantsCalls: byRule["no-assistants-api"], byRule };
  if (!folder) return { points: [today], note: "no workspace folder: today's count only" };
  const { settings } = await context.config.get(folder);
  const args = [path.join(__dirname, "cli.js"), "burndown", folder.fsPath, "--format", "json", ...settings.exclude.flatMap((glob) => ["--exclude", glob])];
  const { stdout, stderr, code } = await run(process.execPath, args, folder.fsPath);
  if (code !== 0) return { points: [today], note: stderr.trim() || `burndown exited with ${code}` };
  const history = (JSON.parse(stdout) as BurndownPoint[]).filter((point) => point.commit !== null);
  return { points: [...history, today], note: stderr.trim() || undefined };
}

function run(command: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    // Under VS Code the server's executable is Electron's, which acts as Node with this set.
    const child = spawn(command, args, { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => resolve({ stdout, stderr: String(error), code: -1 }));
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}

export function registerMigrationRequests(context: MigrationContext): void {
  context.connection.onRequest(MIGRATION_SITES_REQUEST, () => migrationSites(context));
  context.connection.onRequest(FIX_SITES_REQUEST, (params: { sites?: SiteRef[] }) => fixSites(context, Array.isArray(params?.sites) ? params.sites.filter((site) => site && typeof site.uri === "string" && site.range?.start) : []));
  context.connection.onRequest(FIX_WORKSPACE_REQUEST, (params: { unsafe?: boolean }) => fixAllInWorkspace(context, params?.unsafe === true));
  context.connection.onRequest(BURNDOWN_REQUEST, () => burndown(context));
}
