// Reads of a message delta's first content part, under a branch on `thread.message.delta`, as reads
// of the Responses text delta event (one text delta per event, so the part is the event itself):
//
//   e.data.delta.content?.[0]?.type === "text"   -> e.type === "response.output_text.delta"
//   const part = e.data.delta.content?.[0]       -> const part = e
//     part?.type === "text"                      ->   part?.type === "response.output_text.delta"
//     part.text?.value                           ->   part.delta
//   const delta = e.data.delta                   -> const delta = e      (and so on down the chain)
//     delta.content?.[0]?.text?.value            ->   delta.delta
//
// The type test stays a test, so TypeScript narrows the event as it narrowed the part. Any other read
// of the part (another field, the part handed on) keeps the stream from being rewritten.
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { TypeScriptFixContext } from "./context";
import { constDeclarationOf } from "./streamUses";
import { enclosingScope, referencesTo } from "./statements";

const TEXT_DELTA_EVENT = "response.output_text.delta";
const PART = "data.delta.content[0]";
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** Where a value is only tested for truth (`if (x)`, `x && …`, `!x`, `x ? … : …`). */
function isTruthTest(node: ts.Expression): boolean {
  const parent = node.parent;
  if (ts.isIfStatement(parent) && parent.expression === node) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === node) return true;
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  return ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}

/** `?.` or `.`, as the chain read the first name after `holder`. */
function accessorAfter(holder: ts.Node, context: TypeScriptFixContext): string {
  return context.text.slice(holder.getEnd(), holder.getEnd() + 2) === "?." ? "?." : ".";
}

/**
 * Edits for one read: `holder` holds the value at `prefix` (a path below the event: "", "data.delta",
 * …), and the read goes on with `rest` to `end`. `newHolder` is what `holder` becomes: the event.
 */
function readEdits(holder: ts.Node, newHolder: string | undefined, prefix: string, rest: string, end: ts.Expression, context: TypeScriptFixContext): TextEdit[] | string {
  const full = [prefix, rest].filter(Boolean).join(".").replace(/\.\[0\]/g, "[0]");
  const { sourceFile } = context;
  const replace = (text: string): TextEdit => (newHolder === undefined ? { range: { start: holder.getEnd(), end: end.getEnd() }, newText: text } : { range: { start: holder.getStart(sourceFile), end: end.getEnd() }, newText: `${newHolder}${text}` });
  const accessor = accessorAfter(holder, context);
  if (full === `${PART}.text.value`) return [replace(`${accessor}delta`)];
  if (full === "data.delta.content" && isTruthTest(end)) return [replace(`${accessor}delta`)];
  if (full === `${PART}.type`) {
    const comparison = end.parent;
    if (!ts.isBinaryExpression(comparison) || !EQUALITY.has(comparison.operatorToken.kind)) return "a message delta's part type is read other than in a comparison";
    const other = comparison.left === end ? comparison.right : comparison.left;
    if (!ts.isStringLiteralLike(other) || other.text !== "text") return "a message delta's part is tested for a type other than text";
    const quote = other.getText(sourceFile)[0];
    return [replace(`${accessor}type`), { range: { start: other.getStart(sourceFile), end: other.getEnd() }, newText: `${quote}${TEXT_DELTA_EVENT}${quote}` }];
  }
  if (rest === "" && newHolder === undefined && isTruthTest(end)) return [];
  return "a message delta is read other than as its text (`data.delta.content[0].text.value`)";
}

/** The path names of a chain read off `reference`, as `chainFrom` gives them. */
export type ChainReader = (reference: ts.Identifier) => { path: string[]; end: ts.Expression };

/**
 * Edits for `reference.data.delta…` (the event variable, under a branch on the text delta event), or
 * undefined when this is not a read of a message delta's part this file understands.
 */
export function messageDeltaReadEdits(reference: ts.Identifier, name: string, chainFrom: ChainReader, context: TypeScriptFixContext): TextEdit[] | string | undefined {
  const { path, end } = chainFrom(reference);
  const text = path.join(".");
  if (!`${PART.replace("[0]", ".[0]")}.`.startsWith(`${text}.`) || !text.startsWith("data.delta")) return readEdits(reference, name, "", text, end, context);
  // A prefix of the part's path held in a const: the const holds the event, and its reads go on from there.
  const declaration = constDeclarationOf(end);
  if (!declaration) return readEdits(reference, name, "", text, end, context);
  const alias = (declaration.name as ts.Identifier).text;
  const edits: TextEdit[] = [{ range: { start: reference.getStart(context.sourceFile), end: end.getEnd() }, newText: name }];
  for (const aliasReference of referencesTo(alias, enclosingScope(declaration))) {
    if (aliasReference === declaration.name) continue;
    const read = chainFrom(aliasReference);
    const mapped = readEdits(aliasReference, undefined, text, read.path.join("."), read.end, context);
    if (typeof mapped === "string") return mapped;
    edits.push(...mapped);
  }
  return edits;
}
