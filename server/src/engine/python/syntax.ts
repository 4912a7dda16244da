// Small helpers over the copied tree-sitter tree (parser.ts): fields, text, walks without recursion,
// and seeing through the expressions that only pass a value on.
import type { TextRange } from "../types";
import type { PyNode } from "./parser";

export type { PyNode };

export function field(node: PyNode | undefined, name: string): PyNode | undefined {
  return node?.children.find((child) => child.field === name);
}

export function fields(node: PyNode, name: string): PyNode[] {
  return node.children.filter((child) => child.field === name);
}

export function namedChildren(node: PyNode): PyNode[] {
  return node.children.filter((child) => child.named && child.type !== "comment");
}

export function hasChildToken(node: PyNode, type: string): boolean {
  return node.children.some((child) => !child.named && child.type === type);
}

export function rangeOf(node: PyNode): TextRange {
  return { start: node.start, end: node.end };
}

export class SourceText {
  constructor(readonly text: string) {}

  of(node: PyNode): string {
    return this.text.slice(node.start, node.end);
  }
}

/** Every node below `root` in source order; `visit` returning false skips a node's children. */
export function forEachDescendant(root: PyNode, visit: (node: PyNode) => boolean | void): void {
  const stack: PyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

export function containsNode(root: PyNode, predicate: (node: PyNode) => boolean): boolean {
  let found = false;
  forEachDescendant(root, (node) => {
    if (found) return false;
    if (predicate(node)) found = true;
    return !found;
  });
  return found;
}

export function isFunction(node: PyNode): boolean {
  return node.type === "function_definition" || node.type === "lambda";
}

/** `predicate` holds for a node in `root` that is not inside a nested function or class. */
export function containsOutsideFunctions(root: PyNode, predicate: (node: PyNode) => boolean): boolean {
  let found = false;
  forEachDescendant(root, (node) => {
    if (found || isFunction(node) || node.type === "class_definition") return false;
    if (predicate(node)) found = true;
    return !found;
  });
  return found;
}

export function isAsyncFunction(node: PyNode): boolean {
  return node.type === "function_definition" && hasChildToken(node, "async");
}

/** The function (or lambda) a node is in, if any. */
export function enclosingFunction(node: PyNode): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/** The statement that holds `node` directly inside a block (or the module). */
export function enclosingStatement(node: PyNode): PyNode {
  let current = node;
  while (current.parent && current.parent.type !== "block" && current.parent.type !== "module") current = current.parent;
  return current;
}

/** The attribute name of `x.name`, or undefined. */
export function attributeName(node: PyNode | undefined, source: SourceText): string | undefined {
  if (node?.type !== "attribute") return undefined;
  const name = field(node, "attribute");
  return name ? source.of(name) : undefined;
}

/** The text of a plain string literal (no f-string interpolation), or undefined. */
export function stringValue(node: PyNode | undefined, source: SourceText): string | undefined {
  if (node?.type !== "string" || node.children.some((child) => child.type === "interpolation")) return undefined;
  return node.children
    .filter((child) => child.type === "string_content" || child.type === "escape_sequence")
    .map((child) => source.of(child))
    .join("");
}

/**
 * Sees through what only passes a value on: parentheses, `await`, and `typing.cast(T, value)`. The
 * branches of `a if c else b` and of `a or b` are given by `alternatives`.
 */
export function unwrap(node: PyNode, source: SourceText): PyNode {
  let current = node;
  for (;;) {
    if (current.type === "parenthesized_expression" || current.type === "await") {
      const inner = namedChildren(current)[0];
      if (!inner) return current;
      current = inner;
    } else if (current.type === "named_expression") {
      current = field(current, "value") ?? current;
      if (current.type === "named_expression") return current;
    } else if (current.type === "call" && isCast(current, source)) {
      current = namedChildren(field(current, "arguments")!)[1];
    } else {
      return current;
    }
  }
}

function isCast(call: PyNode, source: SourceText): boolean {
  const callee = field(call, "function");
  const name = callee?.type === "identifier" ? source.of(callee) : attributeName(callee, source);
  const args = field(call, "arguments");
  return name === "cast" && args?.type === "argument_list" && namedChildren(args).length === 2;
}

/** The values an expression may take: each branch of a conditional and each side of `or`/`and`. */
export function alternatives(node: PyNode, source: SourceText): PyNode[] {
  const inner = unwrap(node, source);
  if (inner.type === "conditional_expression") {
    const [whenTrue, , whenFalse] = namedChildren(inner);
    return [whenTrue, whenFalse].filter(Boolean).flatMap((branch) => alternatives(branch, source));
  }
  if (inner.type === "boolean_operator") {
    return [field(inner, "left"), field(inner, "right")].filter((side): side is PyNode => !!side).flatMap((side) => alternatives(side, source));
  }
  return [inner];
}

/** Keyword arguments of a call by name, and its positional arguments. */
export function callArguments(call: PyNode, source: SourceText): { positional: PyNode[]; keywords: Map<string, PyNode>; splats: PyNode[] } {
  const positional: PyNode[] = [];
  const keywords = new Map<string, PyNode>();
  const splats: PyNode[] = [];
  const args = field(call, "arguments");
  if (args?.type !== "argument_list") return { positional, keywords, splats };
  for (const arg of namedChildren(args)) {
    if (arg.type === "keyword_argument") {
      const name = field(arg, "name");
      if (name) keywords.set(source.of(name), arg);
    } else if (arg.type === "dictionary_splat") {
      splats.push(namedChildren(arg)[0]);
    } else if (arg.type !== "list_splat") {
      positional.push(arg);
    }
  }
  return { positional, keywords, splats };
}

/**
 * The attribute/subscript accesses rooted at `name` (`delta.value`, `event.data.delta.content[0]…`),
 * innermost first, each spelled without the name and spaces (`value`, `data.delta.content[0]`).
 */
export function accessChain(name: PyNode, parsed: { source: SourceText }): { chain: PyNode[]; spelled: string[] } {
  const chain: PyNode[] = [];
  for (let current = name; current.parent && (current.parent.type === "attribute" || current.parent.type === "subscript") && namedChildren(current.parent)[0] === current; current = current.parent) chain.push(current.parent);
  const spelled = chain.map((link) => parsed.source.of(link).slice(name.end - link.start).replace(/\s+/g, "").replace(/^\./, ""));
  return { chain, spelled };
}
