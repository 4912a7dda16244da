// Quick fixes from the engine's fixes, "Disable <rule> for this line", and source.fixAll.responsesMigrate.
// Listing is cheap: an engine fix is listed with its title and a `data` payload, and its edit is
// computed on `codeAction/resolve` (computeCodeActionEdit), where it is also type-checked against the
// workspace's openai types (fixReview.ts). Fix-all computes the file's fixes once, when it is resolved,
// or at once when the client asks for fix-all by kind (codeActionsOnSave), and leaves out rewrites that
// add type errors. A finding whose thread the planner refused gets a disabled action saying why.
import {
  CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { fixAll, minimalEdit, type AnalysisOptions } from "../engine";
import { disableNextLineEdit } from "../engine/disableComment";
import { commentPrefixOf } from "../engine/languages";
import type { DocumentAnalyzer, DocumentResult } from "./documentDiagnostics";
import { toLspEdit, toRange } from "./convert";
import { needsReviewTitle, type FixReview } from "./fixReview";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.responsesMigrate`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND];
export const FIX_ALL_TITLE = "Responses Migrate: fix all safe migrations";
/** The disabled action of a finding whose thread is not rewritten; `disabled.reason` says why. */
export const REFUSED_TITLE = "Rewrite this thread to the Responses API";

/** What a listed action carries to `codeAction/resolve`: which document version, and which edit. */
export type CodeActionData =
  | { uri: string; version: number; fix: { finding: number; index: number; title: string } }
  | { uri: string; version: number; fixAll: true };

/** Does a client's `only` filter ask for `kind`? (`source` covers `source.fixAll.responsesMigrate`.) */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return true;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

export interface CodeActionServices {
  analyzer: DocumentAnalyzer;
  log?: (message: string) => void;
  /** Type-checks rewrites on resolve and in fix-all; without it nothing is checked. */
  review?: FixReview;
}

/** The key a fix's type check is remembered under for one document version. */
const reviewKey = (finding: number, fix: { title: string }, index: number) => `${finding}\u0000${index}\u0000${fix.title}`;

export async function codeActions(params: CodeActionParams, document: TextDocument, services: CodeActionServices): Promise<CodeAction[]> {
  const result = await services.analyzer.resultFor(document);
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const explicitFixAll = only !== undefined && wants(only, FIX_ALL_KIND);

  if (wants(only, CodeActionKind.QuickFix)) {
    const selection = { start: result.lines.offsetAt(params.range.start), end: result.lines.offsetAt(params.range.end) };
    // Fixes are computed only for the findings under the selection, each once per document version.
    const session = result.fixes;
    for (const finding of session.fixesFor(selection)) {
      const index = session.analysis.findings.indexOf(finding);
      const diagnostic = result.diagnostics[index];
      finding.fixes.forEach((fix, fixIndex) => {
        const data: CodeActionData = { uri: document.uri, version: document.version, fix: { finding: index, index: fixIndex, title: fix.title } };
        const added = services.review?.known(document.uri, document.version, reviewKey(index, fix, fixIndex));
        if (added?.length) actions.push({ title: needsReviewTitle(fix.title, added), kind: CodeActionKind.QuickFix, isPreferred: false, diagnostics: [diagnostic], data });
        else actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [diagnostic], data });
      });
      // Clients without `disabled` support never see it (clientCodeActions.ts); the hover says it too.
      if (finding.refusal && finding.fixes.length === 0) {
        actions.push({ title: REFUSED_TITLE, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: finding.refusal } });
      }
      const disable = disableNextLineEdit(result.analysis.text, finding.range.start, finding.ruleId, commentPrefixOf(result.fileName));
      actions.push({
        title: `Disable ${finding.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [toLspEdit(disable, result.lines)] } },
      });
    }
  }

  // Offered when asked for by kind (codeActionsOnSave: computed now, the save waits for it anyway),
  // or in the menu whenever the file has findings (computed on resolve).
  if (wants(only, FIX_ALL_KIND) && (explicitFixAll || result.analysis.findings.length > 0)) {
    const data: CodeActionData = { uri: document.uri, version: document.version, fixAll: true };
    const action: CodeAction = { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, diagnostics: [] as Diagnostic[], data };
    if (explicitFixAll) action.edit = computeCodeActionEdit(data, result, services);
    actions.push(action);
  }
  return actions;
}

/** codeAction/resolve: fills in the edit of an action `codeActions` listed. */
export async function resolveCodeAction(action: CodeAction, documents: { get(uri: string): TextDocument | undefined }, services: CodeActionServices): Promise<CodeAction> {
  const data = action.data as CodeActionData | undefined;
  if (!data || action.edit) return action;
  const document = documents.get(data.uri);
  // The document moved on since the action was listed: no edit (the editor asks again).
  if (!document || document.version !== data.version) return action;
  const result = await services.analyzer.resultFor(document);
  const edit = computeCodeActionEdit(data, result, services);
  if (!edit || "fixAll" in data) return edit ? { ...action, edit } : action;
  const added = reviewFix(data, result, services);
  return added.length > 0 ? { ...action, edit, title: needsReviewTitle(data.fix.title, added), isPreferred: false } : { ...action, edit };
}

/** The type errors a listed quick fix adds (remembered for the menu's next listing); [] when none or unchecked. */
function reviewFix(data: Extract<CodeActionData, { fix: unknown }>, result: DocumentResult, services: CodeActionServices): string[] {
  const fix = result.fixes.analysis.findings[data.fix.finding]?.fixes[data.fix.index];
  if (!services.review || !fix) return [];
  try {
    return services.review.check(result.uri, result.version, result.analysis.text, reviewKey(data.fix.finding, fix, data.fix.index), fix);
  } catch (error) {
    services.log?.(`Responses Migrate: type-checking a fix for ${result.fileName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return [];
  }
}

/**
 * The edit of one listed action, computed now. Resolve uses it; so can a client without
 * `codeAction/resolve` support, for each listed action. Undefined when the fix is no longer there;
 * a fix that throws is logged with the file name and offered nothing.
 */
export function computeCodeActionEdit(data: CodeActionData, result: DocumentResult, services: Pick<CodeActionServices, "log" | "review">): WorkspaceEdit | undefined {
  try {
    if ("fixAll" in data) return { changes: { [result.uri]: result.options ? fixAllEdits(result, result.options, services) : [] } };
    const session = result.fixes;
    const finding = session.analysis.findings[data.fix.finding];
    if (!finding) return undefined;
    session.fixesFor(finding.range);
    const fix = finding.fixes[data.fix.index];
    if (!fix || fix.title !== data.fix.title) return undefined;
    return { changes: { [result.uri]: fix.edits.map((edit) => toLspEdit(edit, result.lines)) } };
  } catch (error) {
    services.log?.(`Responses Migrate: computing a fix for ${result.fileName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  }
}

/**
 * The file's safe fixes, applied Ruff-style until nothing changes, as one minimal edit; rewrites that
 * add type errors (where the workspace has the openai types) are held back, as `fix` holds them back.
 */
function fixAllEdits(result: DocumentResult, options: AnalysisOptions, services: Pick<CodeActionServices, "log" | "review">): LspTextEdit[] {
  if (result.analysis.findings.length === 0) return [];
  const text = result.analysis.text;
  const typeCheck = services.review?.checkerFor(result.uri);
  const fixed = fixAll(result.fileName, text, { ...options, fixes: true, unsafe: false, typeCheck });
  for (const held of fixed.heldBack) services.log?.(`Responses Migrate: fix-all held back "${held.title}" in ${result.fileName}: ${held.errors[0]}`);
  const edit = fixed.appliedCount > 0 ? minimalEdit(text, fixed.text) : undefined;
  return edit ? [{ range: toRange(edit.range, result.lines), newText: edit.newText }] : [];
}
