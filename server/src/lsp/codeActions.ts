// Quick fixes from the engine's fixes, "Disable <rule> for this line", and source.fixAll.responsesMigrate.
import {
  CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { fixAll, minimalEdit } from "../engine";
import { disableNextLineEdit } from "../engine/disableComment";
import { commentPrefixOf } from "../engine/languages";
import type { DocumentAnalyzer, DocumentResult } from "./documentDiagnostics";
import { toLspEdit, toRange } from "./convert";
import type { ConfigStore, Folder } from "./config";
import { folderOf } from "./config";
import { toAnalysisOptions } from "./settings";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.responsesMigrate`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND];

/** Does a client's `only` filter ask for `kind`? (`source` covers `source.fixAll.responsesMigrate`.) */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return true;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export async function codeActions(
  params: CodeActionParams,
  document: TextDocument,
  analyzer: DocumentAnalyzer,
  config: ConfigStore,
  folders: readonly Folder[],
): Promise<CodeAction[]> {
  const result = await analyzer.resultFor(document);
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const explicitFixAll = only !== undefined && wants(only, FIX_ALL_KIND);

  if (wants(only, CodeActionKind.QuickFix)) {
    const selection = {
      start: result.lines.offsetAt(params.range.start),
      end: result.lines.offsetAt(params.range.end),
    };
    result.analysis.findings.forEach((finding, index) => {
      if (!overlaps(finding.range, selection)) return;
      const diagnostic = result.diagnostics[index];
      for (const fix of finding.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: fix.preferred,
          diagnostics: [diagnostic],
          edit: { changes: { [document.uri]: fix.edits.map((edit) => toLspEdit(edit, result.lines)) } },
        });
      }
      const disable = disableNextLineEdit(result.analysis.text, finding.range.start, finding.ruleId, commentPrefixOf(result.fileName));
      actions.push({
        title: `Disable ${finding.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [toLspEdit(disable, result.lines)] } },
      });
    });
  }

  // Offer fix-all when asked for it explicitly (codeActionsOnSave), or in the menu when it would do something.
  const hasSafeFix = result.analysis.findings.some((finding) => finding.fixes.some((fix) => fix.safe));
  if (explicitFixAll || (wants(only, FIX_ALL_KIND) && hasSafeFix)) {
    const { settings } = await config.get(folderOf(document.uri, folders));
    actions.push(fixAllAction(document, result, settings.enable ? toAnalysisOptions(settings, result.dependencies) : undefined));
  }
  return actions;
}

function fixAllAction(document: TextDocument, result: DocumentResult, options: ReturnType<typeof toAnalysisOptions> | undefined): CodeAction {
  const edits: LspTextEdit[] = [];
  if (options && result.analysis.findings.length > 0) {
    const text = result.analysis.text;
    const fixed = fixAll(result.fileName, text, { ...options, unsafe: false });
    const edit = fixed.appliedCount > 0 ? minimalEdit(text, fixed.text) : undefined;
    if (edit) edits.push({ range: toRange(edit.range, result.lines), newText: edit.newText });
  }
  return {
    title: "Responses Migrate: fix all safe migrations",
    kind: FIX_ALL_KIND,
    diagnostics: [] as Diagnostic[],
    edit: { changes: { [document.uri]: edits } },
  };
}
