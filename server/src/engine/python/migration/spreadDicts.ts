// `**options` in an Assistants call. Code often gathers a run's options in a dict first
// (`run_args = {"assistant_id": ..., "instructions": ...}`, `options = dict(model=...)`) and spreads
// it. When that dict is written in one statement of the call's own function, before the call, and
// nothing but this spread reads it, its entries are the call's keywords: the rewrite passes them by
// name and drops the dict. Any other spread is not read, and the call is not rewritten.
import type { TextEdit } from "../../types";
import { callArguments, enclosingFunction, field, forEachDescendant, namedChildren, stringValue, type PyNode, type SourceText } from "../syntax";

export interface SpreadKeywords {
  /**
   * Keyword name -> its argument: the call's own `name=value`, and the `"name": value` pairs and
   * `name=value` arguments of the dicts it spreads. Each has the value in its `value` field.
   */
  keywords: Map<string, PyNode>;
  /** The statements writing the spread dicts, which go with the call. */
  dictStatements: PyNode[];
}

/** The call's keywords with its spreads read, or why a spread cannot be read. */
export function keywordsWithSpreads(call: PyNode, source: SourceText): SpreadKeywords | string {
  const { keywords, splats } = callArguments(call, source);
  if (namedChildren(field(call, "arguments") ?? call).some((argument) => argument.type === "list_splat")) return "its arguments are spread from a list";
  const dictStatements: PyNode[] = [];
  for (const splat of splats) {
    const dict = spreadDict(splat, call, source);
    if (typeof dict === "string") return dict;
    for (const [name, value] of dict.entries) {
      if (keywords.has(name)) return `\`${name}=\` is passed twice`;
      keywords.set(name, value);
    }
    dictStatements.push(dict.statement);
  }
  return { keywords, dictStatements };
}

/** Edits removing the spread dicts' statements, whole lines with their line breaks. */
export function dictStatementRemovals(statements: readonly PyNode[], text: string): TextEdit[] {
  return statements.map((statement) => {
    const start = text.lastIndexOf("\n", statement.start - 1) + 1;
    const newline = text.indexOf("\n", statement.end);
    return { range: { start, end: newline === -1 ? text.length : newline + 1 }, newText: "" };
  });
}

function spreadDict(splat: PyNode, call: PyNode, source: SourceText): { entries: Array<[string, PyNode]>; statement: PyNode } | string {
  const unreadable = `its arguments are spread from \`${source.of(splat)}\`, which is not a dict written once beside the call`;
  if (splat.type !== "identifier") return unreadable;
  const name = source.of(splat);
  const scope = enclosingFunction(call);
  if (!scope) return unreadable;
  const assignments: PyNode[] = [];
  let otherReads = false;
  forEachDescendant(scope, (node) => {
    if (node.type !== "identifier" || node === splat || source.of(node) !== name || node.field === "attribute") return;
    const parent = node.parent!;
    if (parent.type === "assignment" && node.field === "left") assignments.push(parent);
    else otherReads = true;
  });
  const [assignment] = assignments;
  if (otherReads || assignments.length !== 1 || assignment.end > call.start) return unreadable;
  const statement = assignment.parent;
  if (statement?.type !== "expression_statement" || namedChildren(statement).length !== 1 || enclosingFunction(statement) !== scope) return unreadable;
  const entries = dictEntries(field(assignment, "right"), source);
  return entries ? { entries, statement } : unreadable;
}

/** `{"a": x, "b": y}` or `dict(a=x, b=y)`: its entries, when every key is a plain name. */
function dictEntries(value: PyNode | undefined, source: SourceText): Array<[string, PyNode]> | undefined {
  if (value?.type === "dictionary") {
    const entries: Array<[string, PyNode]> = [];
    for (const element of namedChildren(value)) {
      const key = element.type === "pair" ? stringValue(field(element, "key"), source) : undefined;
      if (key === undefined || !/^[A-Za-z_]\w*$/.test(key)) return undefined;
      entries.push([key, element]);
    }
    return entries;
  }
  if (value?.type === "call" && field(value, "function")?.type === "identifier" && source.of(field(value, "function")!) === "dict") {
    const { positional, keywords, splats } = callArguments(value, source);
    if (positional.length > 0 || splats.length > 0) return undefined;
    return [...keywords];
  }
  return undefined;
}
