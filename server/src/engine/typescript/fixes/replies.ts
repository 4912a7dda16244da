// The usual ways code read the assistant's reply off `messages.list`, each of which is
// `response.output_text` in the Responses API (all output text, joined).
import ts from "typescript";
import type { TextEdit } from "../../types";
import { unwrap } from "../syntax";
import type { TypeScriptFixContext } from "./context";
import { deleteStatement, referencesTo } from "./statements";

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

/** The accessor path above `reference` (`.data[0].content[0]`, ignoring `?.`, `!`, casts and parentheses) and its outermost node. */
function accessPath(reference: ts.Identifier, context: TypeScriptFixContext): { path: string; node: ts.Expression } {
  let node: ts.Expression = reference;
  let path = "";
  for (;;) {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) path += `.${parent.name.text}`;
    else if (ts.isElementAccessExpression(parent) && parent.expression === node) path += `[${parent.argumentExpression.getText(context.sourceFile)}]`;
    else if (!(ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent))) break;
    node = parent as ts.Expression;
  }
  return { path, node };
}

/**
 * `const part = M.data[0].content[0]` read as `part.type === "text" ? part.text.value : ""` or as
 * `part.text.value`: the declaration goes and each read becomes the reply text.
 */
function firstPartVariableEdits(reference: ts.Identifier, responseName: string, context: TypeScriptFixContext): { edits: TextEdit[]; node: ts.Node } | undefined {
  const { path, node } = accessPath(reference, context);
  const declaration = node.parent;
  if (path !== ".data[0].content[0]" || !ts.isVariableDeclaration(declaration) || declaration.initializer !== node || !ts.isIdentifier(declaration.name)) return undefined;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
  const edits: TextEdit[] = [deleteStatement(statement, context.text)];
  const replaced: ts.Node[] = [];
  for (const use of referencesTo(declaration.name.text, statement.parent)) {
    if (use === declaration.name || replaced.some((done) => use.getStart() >= done.getStart() && use.getEnd() <= done.getEnd())) continue;
    const read = accessPath(use, context);
    let target: ts.Node | undefined;
    if (read.path === ".text.value") target = read.node;
    else if (read.path === ".type") {
      const conditional = read.node.parent.parent;
      const comparison = read.node.parent;
      const guards = ts.isBinaryExpression(comparison) && comparison.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken && ts.isStringLiteralLike(comparison.right) && comparison.right.text === "text";
      if (guards && ts.isConditionalExpression(conditional) && conditional.condition === comparison && ts.isStringLiteralLike(unwrap(conditional.whenFalse))) {
        const inner = unwrap(conditional.whenTrue).getText(context.sourceFile).replace(/[\s?!]/g, "");
        if (inner === `${declaration.name.text}.text.value`) target = conditional;
      }
    }
    if (!target) return undefined;
    replaced.push(target);
    edits.push({ range: { start: target.getStart(), end: target.getEnd() }, newText: `${responseName}.output_text` });
  }
  return { edits, node: statement };
}

/** Edits turning every read of the listed messages into `response.output_text`; undefined if one is not a reply read. */
export function replyTextEdits(messages: ts.Identifier, scope: ts.Node, responseName: string, context: TypeScriptFixContext): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const replaced: ts.Node[] = [];
  for (const reference of referencesTo(messages.text, scope)) {
    if (reference === messages || replaced.some((node) => reference.getStart() >= node.getStart() && reference.getEnd() <= node.getEnd())) continue;
    const extraction = replyExtraction(reference, context) ?? guardedReplyExtraction(reference, context);
    if (!extraction) {
      const part = firstPartVariableEdits(reference, responseName, context);
      if (!part) return undefined;
      replaced.push(part.node);
      edits.push(...part.edits);
      continue;
    }
    replaced.push(extraction);
    edits.push({ range: { start: extraction.getStart(), end: extraction.getEnd() }, newText: `${responseName}.output_text` });
  }
  return edits;
}
