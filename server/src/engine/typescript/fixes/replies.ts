// The usual ways code read the assistant's reply off `messages.list`, each of which is
// `response.output_text` in the Responses API (all output text, joined).
import ts from "typescript";
import type { TextEdit } from "../../types";
import { unwrap } from "../syntax";
import type { TypeScriptFixContext } from "./context";
import { referencesTo } from "./statements";

/** Walks up from `M` through `.data[0].content[0].text.value`-like accesses; returns the outermost node and its shape. */
function replyExtraction(reference: ts.Identifier, context: TypeScriptFixContext): ts.Expression | undefined {
  let node: ts.Expression = reference;
  let shape = "M";
  for (;;) {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) shape += `.${parent.name.text}`;
    else if (ts.isElementAccessExpression(parent) && parent.expression === node) shape += `[${parent.argumentExpression.getText(context.sourceFile)}]`;
    else if (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) shape += "";
    else if (ts.isCallExpression(parent) && parent.expression === node) shape += /assistant/.test(parent.arguments.map((a) => a.getText(context.sourceFile)).join()) ? "(assistant)" : "(?)";
    else break;
    node = parent;
  }
  const firstText = /^M\.data(\[0\]|\.find\(assistant\))\.content\[0\]\.text\.value$/.test(shape);
  // `messages.data.filter(assistant).flatMap(…).map(… text.value …).join(…)`: all assistant text, joined.
  const allText = /^M\.data\.filter\(assistant\)(\.flatMap\(\?\))?\.map\(\?\)\.join\(\?\)$/.test(shape) && /text\.value/.test(node.getText(context.sourceFile));
  const matches = firstText || allText;
  return matches ? node : undefined;
}

/** `M.data[0].content[0].type === "text" ? M.data[0].content[0].text.value : ""`, the SDK's own type guard. */
function guardedReplyExtraction(reference: ts.Identifier, context: TypeScriptFixContext): ts.Expression | undefined {
  let node: ts.Node = reference;
  while (node.parent && !ts.isConditionalExpression(node.parent) && !ts.isStatement(node.parent)) node = node.parent;
  const conditional = node.parent;
  if (!conditional || !ts.isConditionalExpression(conditional) || conditional.condition !== node) return undefined;
  const condition = conditional.condition.getText(context.sourceFile).replace(/[\s?!]/g, "");
  const name = reference.text;
  if (!new RegExp(`^${name}\\.data\\[0\\]\\.content\\[0\\]\\.type===["']text["']$`).test(condition)) return undefined;
  const whenTrue = unwrap(conditional.whenTrue);
  const inner = whenTrue.getText(context.sourceFile).replace(/[\s?!]/g, "");
  const whenFalse = unwrap(conditional.whenFalse);
  return inner === `${name}.data[0].content[0].text.value` && ts.isStringLiteralLike(whenFalse) ? conditional : undefined;
}

/** Edits turning every read of the listed messages into `response.output_text`; undefined if one is not a reply read. */
export function replyTextEdits(messages: ts.Identifier, scope: ts.Node, responseName: string, context: TypeScriptFixContext): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const replaced: ts.Node[] = [];
  for (const reference of referencesTo(messages.text, scope)) {
    if (reference === messages || replaced.some((node) => reference.getStart() >= node.getStart() && reference.getEnd() <= node.getEnd())) continue;
    const extraction = replyExtraction(reference, context) ?? guardedReplyExtraction(reference, context);
    if (!extraction) return undefined;
    replaced.push(extraction);
    edits.push({ range: { start: extraction.getStart(), end: extraction.getEnd() }, newText: `${responseName}.output_text` });
  }
  return edits;
}
