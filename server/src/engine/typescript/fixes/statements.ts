import ts from "typescript";
import type { TextEdit } from "../../types";

/** Deletes a statement together with its line when nothing else (code or comment) shares that line. */
export function deleteStatement(statement: ts.Statement, text: string): TextEdit {
  const start = statement.getStart();
  const end = statement.getEnd();
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const newline = text.indexOf("\n", end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const aloneBefore = /^[ \t]*$/.test(text.slice(lineStart, start));
  const aloneAfter = /^[ \t]*\r?\n?$/.test(text.slice(end, lineEnd));
  if (!(aloneBefore && aloneAfter)) return { range: { start, end }, newText: "" };
  // At the top of a block, also take the blank line that separated the statement from the next one.
  const opensBlock = /\{[ \t]*\r?\n$/.test(text.slice(0, lineStart));
  const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(lineEnd));
  return { range: { start: lineStart, end: opensBlock && blankAfter ? lineEnd + blankAfter[0].length : lineEnd }, newText: "" };
}

/** The statement an awaited call sits in: `await call;`, `const x = await call;` or `x = await call;`. */
export function statementOfAwaitedCall(call: ts.CallExpression): { statement: ts.Statement; assigned?: ts.Identifier; declared: boolean } | undefined {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent)) node = node.parent;
  if (!ts.isAwaitExpression(node.parent)) return undefined;
  const awaited = node.parent;
  const parent = awaited.parent;
  if (ts.isExpressionStatement(parent)) return { statement: parent, declared: false };
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && ts.isVariableDeclarationList(parent.parent) && parent.parent.declarations.length === 1 && ts.isVariableStatement(parent.parent.parent)) {
    return { statement: parent.parent.parent, assigned: parent.name, declared: true };
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(parent.left) && ts.isExpressionStatement(parent.parent)) {
    return { statement: parent.parent, assigned: parent.left, declared: false };
  }
  return undefined;
}

/** Identifiers named `name` below `scope` (excluding property names and declarations' own names). */
export function referencesTo(name: string, scope: ts.Node): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) {
      const parent = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isPropertyName) found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

export function enclosingScope(node: ts.Node): ts.Node {
  let current = node.parent;
  while (current && !ts.isSourceFile(current) && !(ts.isFunctionLike(current) && "body" in current && current.body)) current = current.parent;
  return current;
}
