// Code actions as the connected client can use them. Lazy actions (a title now, the edit on
// codeAction/resolve) are resolved up front for clients that never send codeAction/resolve, and edits
// move from `documentChanges` to `changes` for clients that cannot apply `documentChanges`. A disabled
// action (it says why a fix is not offered) goes only to clients that show `disabled`.
import { TextDocumentEdit, type CodeAction, type TextEdit, type WorkspaceEdit } from "vscode-languageserver/node";
import type { ClientFeatures } from "./clientCapabilities";

/**
 * How long one textDocument/codeAction may spend computing edits that a resolving client would have
 * asked for one at a time. Actions left unresolved when it runs out are dropped: without an edit they
 * would do nothing in such a client.
 */
export const EAGER_EDIT_BUDGET_MS = 1_500;

export type ResolveCodeAction = (action: CodeAction) => Promise<CodeAction>;

export async function codeActionsForClient(
  actions: readonly CodeAction[],
  features: Pick<ClientFeatures, "resolvesCodeActionEdits" | "documentChanges" | "disabledCodeActions">,
  resolve?: ResolveCodeAction,
): Promise<CodeAction[]> {
  const usable: CodeAction[] = [];
  const deadline = performance.now() + EAGER_EDIT_BUDGET_MS;
  for (let action of actions) {
    if (action.disabled) {
      if (features.disabledCodeActions) usable.push(action);
      continue;
    }
    if (!action.edit && !action.command && resolve && !features.resolvesCodeActionEdits) {
      if (performance.now() > deadline) continue;
      action = await resolve(action);
    }
    if (action.edit && !features.documentChanges) {
      const changes = asChanges(action.edit);
      if (!changes) continue; // creates, renames or deletes files: not expressible for this client
      action = { ...action, edit: changes };
    }
    if (action.edit || action.command || features.resolvesCodeActionEdits) usable.push(action);
  }
  return usable;
}

/** The same edit in the `changes` form, or `undefined` when it holds file operations. */
export function asChanges(edit: WorkspaceEdit): WorkspaceEdit | undefined {
  if (!edit.documentChanges) return edit;
  // A client that understands documentChanges ignores `changes` beside them; so do we.
  const changes: Record<string, TextEdit[]> = {};
  for (const change of edit.documentChanges) {
    if (!TextDocumentEdit.is(change)) return undefined;
    const edits = (changes[change.textDocument.uri] ??= []);
    for (const edit of change.edits) {
      if (!("newText" in edit)) return undefined; // a snippet edit
      edits.push({ range: edit.range, newText: edit.newText });
    }
  }
  return { changes };
}
