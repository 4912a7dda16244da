// no-beta-vector-stores: vector stores left `beta` in openai 4.87.0 with the same methods, so the fix
// only deletes the `beta` segment of the callee: `client.beta.vectorStores.x` -> `client.vectorStores.x`.
// Safe: the top-level resource is the same API under its current name.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { accessedName, unwrap } from "../syntax";
import type { FixProvider, TypeScriptFixContext } from "./context";
import { callAtCalleeRange } from "./nodes";

// `beta.` / `beta?.` / `beta\n  .` (deleted up to the next name) or `.beta` / `["beta"]` (up to the receiver).
const BETA_SEGMENT = /^(beta\s*\??\.\s*|\s*(\?\.|\.)?\s*(beta|\[\s*(["'`])beta\4\s*\]))$/;

/** The edit deleting the `beta` segment from a chain `…beta.vectorStores…`, if it has one. */
function dropBetaEdit(expression: ts.Expression, sourceFile: ts.SourceFile): TextEdit | undefined {
  for (let node = unwrap(expression); ; ) {
    if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
    const receiver = unwrap(node.expression);
    if (accessedName(node) === "vectorStores" && (ts.isPropertyAccessExpression(receiver) || ts.isElementAccessExpression(receiver)) && accessedName(receiver) === "beta") {
      // `a.beta?.vectorStores` loses `beta?.` so it reads `a.vectorStores`, keeping line breaks and
      // whatever `?.` came before `beta`; element access loses `["beta"]` (or `.beta`) whole.
      const range =
        ts.isPropertyAccessExpression(node) && ts.isPropertyAccessExpression(receiver)
          ? { start: receiver.name.getStart(sourceFile), end: node.name.getStart(sourceFile) }
          : { start: receiver.expression.getEnd(), end: receiver.getEnd() };
      // Destructured aliases carry synthetic nodes; only delete text that really is the `beta` segment.
      return BETA_SEGMENT.test(sourceFile.text.slice(range.start, range.end)) ? { range, newText: "" } : undefined;
    }
    node = receiver;
  }
}

/** `const stores = client.beta.vectorStores;` used as `stores.create(...)`: fix the alias once. */
function aliasEdit(callee: ts.Expression, context: TypeScriptFixContext): TextEdit | undefined {
  let root = unwrap(callee);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
  if (!ts.isIdentifier(root)) return undefined;
  const initializer = context.bindings.initializerOf(root);
  if (!initializer) return undefined;
  return dropBetaEdit(initializer, context.sourceFile);
}

export const betaVectorStoreFixes: FixProvider = (finding, context) => {
  const call = callAtCalleeRange(context.sourceFile, finding.range);
  if (!call) return [];
  const edit = dropBetaEdit(call.expression, context.sourceFile) ?? aliasEdit(call.expression, context);
  if (!edit) return [];
  const fix: Fix = { title: "Use `vectorStores` (drop `beta.`)", edits: [edit], safe: true, preferred: true };
  return [fix];
};
