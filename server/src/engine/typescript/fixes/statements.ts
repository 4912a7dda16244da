import ts from "typescript";
import type { TextEdit } from "../../types";

const isBlank = (code: number) => code === 32 || code === 9;

/**
 * Deletes a statement together with its line when nothing else (code or comment) shares that line.
 * Looks only at the whitespace next to the statement, so a minified one-line file costs no more.
 */
export function deleteStatement(statement: ts.Statement, text: string): TextEdit {
  const start = statement.getStart();
  const end = statement.getEnd();
  let lineStart = start;
  while (lineStart > 0 && isBlank(text.charCodeAt(lineStart - 1))) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && isBlank(text.charCodeAt(lineEnd))) lineEnd++;
  if (text.charCodeAt(lineEnd) === 13) lineEnd++;
  const aloneBefore = lineStart === 0 || text.charCodeAt(lineStart - 1) === 10;
  const aloneAfter = lineEnd === text.length || text.charCodeAt(lineEnd) === 10;
  if (!(aloneBefore && aloneAfter)) return { range: { start, end }, newText: "" };
  if (lineEnd < text.length) lineEnd++;
  // At the top of a block, also take the blank line that separated the statement from the next one.
  let before = lineStart - 1;
  if (before >= 0 && text.charCodeAt(before) === 10) before--;
  if (before >= 0 && text.charCodeAt(before) === 13) before--;
  while (before >= 0 && isBlank(text.charCodeAt(before))) before--;
  const opensBlock = before >= 0 && text.charCodeAt(before) === 123;
  let blank = lineEnd;
  while (blank < text.length && isBlank(text.charCodeAt(blank))) blank++;
  if (text.charCodeAt(blank) === 13) blank++;
  const blankAfter = opensBlock && text.charCodeAt(blank) === 10;
  return { range: { start: lineStart, end: blankAfter ? blank + 1 : lineEnd }, newText: "" };
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
