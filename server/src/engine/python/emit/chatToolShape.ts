// chat-tool-shape: `{"type": "function", "function": {"name": …, "parameters": …}}` ->
// `{"type": "function", "name": …, "parameters": …}`. The inner entries move up as written (comments,
// quotes and trailing commas kept), one indentation level out. Safe: the same tool in the shape the
// Responses API accepts, with `"strict": False` where it had none (Chat's default).
import type { Finding, Fix } from "../../types";
import { field, namedChildren, stringValue } from "../syntax";
import type { PythonFixContext } from "./index";
import { indentationAt, lineEndingOf, nodeAt } from "./nodes";

export function chatToolShapeFixes(finding: Finding, context: PythonFixContext): Fix[] {
  const { text, parsed } = context;
  const tool = nodeAt(parsed.root, finding.range, "dictionary");
  if (!tool) return [];
  const functionPair = namedChildren(tool).find((pair) => pair.type === "pair" && stringValue(field(pair, "key"), parsed.source) === "function");
  const inner = functionPair && field(functionPair, "value");
  if (!functionPair || inner?.type !== "dictionary") return [];
  const entries = inner.children.filter((child) => child.named);
  if (entries.length === 0) return [];
  const body = text.slice(entries[0].start, entries[entries.length - 1].end);
  const outer = indentationAt(text, functionPair.start);
  const nested = indentationAt(text, entries[0].start);
  let moved = body;
  if (outer !== undefined && nested !== undefined && nested.startsWith(outer) && nested.length > outer.length) {
    const extra = nested.length - outer.length;
    const eol = lineEndingOf(text);
    moved = body
      .split(/\r?\n/)
      .map((line, index) => (index === 0 ? line : line.replace(new RegExp(`^[ \\t]{0,${extra}}`), "")))
      .join(eol);
  }
  // The Responses function tool requires `strict` (`FunctionToolParam`); Chat's default was not strict.
  const hasStrict = entries.some((entry) => entry.type === "pair" && stringValue(field(entry, "key"), parsed.source) === "strict");
  const quote = text[entries[0].start] === "'" ? "'" : '"';
  const strict = `${quote}strict${quote}: False`;
  if (!hasStrict) moved += moved.includes("\n") && outer !== undefined ? `,${lineEndingOf(text)}${outer}${strict}` : `, ${strict}`;
  return [{ title: "Flatten the function tool to the Responses shape", edits: [{ range: { start: functionPair.start, end: functionPair.end }, newText: moved }], safe: true, preferred: true }];
}
