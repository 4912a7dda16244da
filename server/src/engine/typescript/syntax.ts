// Small helpers over the TypeScript syntax tree, shared by the extractors.
import ts from "typescript";
import type { TextRange } from "../types";

export function scriptKindFor(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (lower.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export function rangeOf(node: ts.Node, sourceFile: ts.SourceFile): TextRange {
  return { start: node.getStart(sourceFile), end: node.getEnd() };
}

/**
 * The member names read off `reference` (`run.required_action.type` -> "required_action.type", through
 * `?.` and `!`) and the outermost read; with `stopAt`, the walk ends once the path is that.
 */
export function memberPathFrom(reference: ts.Identifier, stopAt?: string): { path: string; node: ts.Expression } {
  const names: string[] = [];
  let node: ts.Expression = reference;
  for (;;) {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) names.push(parent.name.text);
    else if (!ts.isNonNullExpression(parent)) break;
    node = parent;
    if (stopAt !== undefined && names.join(".") === stopAt) break;
  }
  return { path: names.join("."), node };
}

/** Removes what does not change a value: parentheses, `!`, `as`, `satisfies`, `<T>x`. */
export function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The property name of `a.b` or `a["b"]`, or undefined for computed access. */
export function accessedName(node: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
  return undefined;
}

export function isFunctionLike(node: ts.Node): boolean {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node);
}

/** Visits every node below `root` without recursion, so deeply nested code cannot overflow the stack. */
export function forEachDescendant(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [];
  // Returns nothing: a truthy result would stop forEachChild.
  const push = (child: ts.Node): void => {
    stack.push(child);
  };
  ts.forEachChild(root, push);
  stack.reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    // Children go on the stack last-first, so they are visited in source order.
    const base = stack.length;
    ts.forEachChild(node, push);
    for (let low = base, high = stack.length - 1; low < high; low++, high--) {
      const swap = stack[low];
      stack[low] = stack[high];
      stack[high] = swap;
    }
  }
}

/** True when some node below `root` (not inside nested functions) satisfies `predicate`. */
export function containsOutsideFunctions(root: ts.Node, predicate: (node: ts.Node) => boolean): boolean {
  let found = false;
  forEachDescendant(root, (node) => {
    if (found || isFunctionLike(node)) return false;
    if (predicate(node)) found = true;
    return !found;
  });
  return found;
}

export function containsNode(root: ts.Node, predicate: (node: ts.Node) => boolean): boolean {
  let found = false;
  forEachDescendant(root, (node) => {
    if (found) return false;
    if (predicate(node)) found = true;
    return !found;
  });
  return found;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

export function findProperty(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((property) => property.name !== undefined && propertyNameText(property.name) === name);
}

export function isStringLiteralWithText(node: ts.Node | undefined, text: string): boolean {
  return node !== undefined && ts.isStringLiteralLike(node) && node.text === text;
}

/** Nodes the extractors need, gathered in one walk in source order (so no extractor walks the file again). */
export interface SyntaxIndex {
  calls: ts.CallExpression[];
  iterations: ts.IterationStatement[];
  /** Parameters with a type annotation and a plain name. */
  typedParameters: ts.ParameterDeclaration[];
}

export function newSyntaxIndex(): SyntaxIndex & { add(node: ts.Node): void } {
  const index = {
    calls: [] as ts.CallExpression[],
    iterations: [] as ts.IterationStatement[],
    typedParameters: [] as ts.ParameterDeclaration[],
    add(node: ts.Node): void {
      if (ts.isCallExpression(node)) index.calls.push(node);
      else if (ts.isIterationStatement(node, false)) index.iterations.push(node);
      else if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.type) index.typedParameters.push(node);
    },
  };
  return index;
}
