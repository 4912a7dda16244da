import ts from "typescript";
import type { TextRange } from "../../types";

/** The outermost node spanning exactly `range`. */
export function nodeAtRange(sourceFile: ts.SourceFile, range: TextRange): ts.Node | undefined {
  let found: ts.Node | undefined;
  // Only nodes whose full text covers `range.start` can hold it: `pos`/`end` rule the others out
  // before the trivia scan of `getStart`, and a list (a minified file's thousands of statements) is
  // entered by binary search, so a lookup costs the depth, not the file.
  const visit = (node: ts.Node): void => {
    if (found || node.end < range.start || node.pos > range.start) return;
    const start = node.getStart(sourceFile);
    if (start === range.start && node.getEnd() === range.end) {
      found = node;
      return;
    }
    if (start <= range.start && node.getEnd() >= range.end) ts.forEachChild(node, visit, visitList);
  };
  const visitList = (nodes: ts.NodeArray<ts.Node>): void => {
    let low = 0;
    let high = nodes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (nodes[middle].end < range.start) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < nodes.length && !found && nodes[i].pos <= range.start; i++) visit(nodes[i]);
  };
  ts.forEachChild(sourceFile, visit, visitList);
  return found;
}

/** The call whose callee spans `range` (no-assistants-api and friends report on the callee). */
export function callAtCalleeRange(sourceFile: ts.SourceFile, range: TextRange): ts.CallExpression | undefined {
  let node = nodeAtRange(sourceFile, range);
  while (node && !ts.isCallExpression(node)) {
    if (node.parent && ts.isCallExpression(node.parent) && node.parent.expression === node) return node.parent;
    node = node.parent && node.parent.getStart(sourceFile) === range.start ? node.parent : undefined;
  }
  return node;
}

/** Offset just after the last top-level import (or `require` prologue), where imports and consts go. */
export function afterImportsOffset(sourceFile: ts.SourceFile): number {
  let offset = 0;
  for (const statement of sourceFile.statements) {
    const isImport = ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement);
    const isRequire = ts.isVariableStatement(statement) && statement.declarationList.declarations.every((d) => d.initializer && /^require\(/.test(d.initializer.getText(sourceFile)));
    if (isImport || isRequire) offset = statement.getEnd();
    else break;
  }
  return offset;
}
