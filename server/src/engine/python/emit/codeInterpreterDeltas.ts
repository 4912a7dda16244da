// `on_tool_call_delta(self, delta, snapshot)` that only follows the code interpreter (OpenAI's
// quickstart prints the code as it is written, then the logs), rendered for a Responses stream as the
// TypeScript `toolCallDelta` listener is (../../typescript/fixes/codeInterpreterDeltas.ts): the code
// and the outputs arrive as separate events, so the callback becomes two methods the loop calls:
//
//   delta.code_interpreter.input   -> on_code_interpreter_code_delta(self, code)
//                                     <- response.code_interpreter_call_code.delta: event.delta
//   delta.code_interpreter.outputs -> on_code_interpreter_call_done(self, call), as call.outputs
//                                     <- response.output_item.done of a code_interpreter_call: event.item
//
// Its body (under an optional `if delta.type == "code_interpreter":`) must be statements that each read
// only the input or only the outputs; `snapshot` is not read. Anything else refuses.
import type { TextEdit } from "../../types";
import type { ParsedPython } from "../extract";
import { accessChain, field, forEachDescendant, isAsyncFunction, namedChildren, stringValue, type PyNode } from "../syntax";
import { indentationAt, lineEndingOf, lineStartOf } from "./nodes";

export interface SplitCallback {
  name: string;
  condition: string;
  args: readonly string[];
  awaited: boolean;
}

const PARTS = {
  input: { name: "on_code_interpreter_code_delta", parameter: "code", condition: '$.type == "response.code_interpreter_call_code.delta"', args: ["$.delta"], read: (parameter: string) => parameter },
  outputs: { name: "on_code_interpreter_call_done", parameter: "call", condition: '$.type == "response.output_item.done" and $.item.type == "code_interpreter_call"', args: ["$.item"], read: (parameter: string) => `${parameter}.outputs` },
} as const;

type Part = keyof typeof PARTS;

/** The two methods replacing `method` (its whole definition, decorators included), or why not. */
export function splitCodeInterpreterDelta(method: PyNode, definition: PyNode, parsed: ParsedPython, text: string): { edits: TextEdit[]; callbacks: SplitCallback[] } | { reason: string } {
  const refuse = { reason: "`on_tool_call_delta` reads more than the code interpreter's input and outputs, which arrive as separate Responses events" };
  const of = (node: PyNode) => parsed.source.of(node);
  const parameters = namedChildren(field(method, "parameters")!).slice(1);
  if (parameters.length !== 2 || parameters.some((parameter) => parameter.type !== "identifier")) return refuse;
  const [delta, snapshot] = parameters.map(of);
  let statements = namedChildren(field(method, "body")!);
  // `if delta.type == "code_interpreter":` around everything: the events are the code interpreter's already.
  if (statements.length === 1 && statements[0].type === "if_statement" && !field(statements[0], "alternative") && isCodeInterpreterTest(field(statements[0], "condition")!, delta, parsed)) statements = namedChildren(field(statements[0], "consequence")!);
  const groups: Record<Part, PyNode[]> = { input: [], outputs: [] };
  for (const statement of statements) {
    const parts = new Set<Part | "other">();
    forEachDescendant(statement, (node) => {
      if (node.type !== "identifier" || node.field === "attribute" || node.field === "name") return;
      if (of(node) === snapshot) parts.add("other");
      if (of(node) !== delta) return;
      const { spelled } = accessChain(node, parsed);
      parts.add(spelled[1] === "code_interpreter.input" ? "input" : spelled[1] === "code_interpreter.outputs" ? "outputs" : "other");
    });
    const [part, ...more] = [...parts];
    if (!part || part === "other" || more.length > 0) return refuse;
    groups[part].push(statement);
  }
  const eol = lineEndingOf(text);
  const start = lineStartOf(text, definition.start);
  const indent = indentationAt(text, definition.start) ?? "";
  const bodyIndent = `${indent}${unitOf(method, indent, text)}`;
  const awaited = isAsyncFunction(method);
  const methods: string[] = [];
  const callbacks: SplitCallback[] = [];
  for (const part of ["input", "outputs"] as const) {
    if (groups[part].length === 0) continue;
    const { name, parameter, condition, args, read } = PARTS[part];
    const body = groups[part].map((statement) => reindent(rewritten(statement, delta, read(parameter), parsed, text), indentationAt(text, statement.start) ?? bodyIndent, bodyIndent, eol)).join(eol);
    methods.push(`${indent}${awaited ? "async " : ""}def ${name}(self, ${parameter}):${eol}${bodyIndent}${body}`);
    callbacks.push({ name, condition, args, awaited });
  }
  if (methods.length === 0) return refuse;
  return { edits: [{ range: { start, end: definition.end }, newText: methods.join(`${eol}${eol}`) }], callbacks };
}

function isCodeInterpreterTest(condition: PyNode, delta: string, parsed: ParsedPython): boolean {
  if (condition.type !== "comparison_operator") return false;
  const [left, right] = namedChildren(condition);
  return parsed.source.of(left).replace(/\s+/g, "") === `${delta}.type` && stringValue(right, parsed.source) === "code_interpreter" && condition.children.some((child) => !child.named && parsed.source.of(child) === "==");
}

function unitOf(method: PyNode, indent: string, text: string): string {
  const first = namedChildren(field(method, "body")!)[0];
  const inner = first && indentationAt(text, first.start);
  return inner !== undefined && inner.startsWith(indent) && inner.length > indent.length ? inner.slice(indent.length) : "    ";
}

/** The statement's text with each `delta.code_interpreter.<part>` replaced by `replacement`. */
function rewritten(statement: PyNode, delta: string, replacement: string, parsed: ParsedPython, text: string): string {
  const links: PyNode[] = [];
  forEachDescendant(statement, (node) => {
    if (node.type === "identifier" && node.field !== "attribute" && parsed.source.of(node) === delta) links.push(accessChain(node, parsed).chain[1]);
  });
  let result = text.slice(statement.start, statement.end);
  for (const link of links.sort((a, b) => b.start - a.start)) result = result.slice(0, link.start - statement.start) + replacement + result.slice(link.end - statement.start);
  return result;
}

/** Lines after the first move from `from` indentation to `to`. */
function reindent(statementText: string, from: string, to: string, eol: string): string {
  return statementText
    .split(/\r?\n/)
    .map((line, index) => (index === 0 || !line.startsWith(from) ? line : to + line.slice(from.length)))
    .join(eol);
}
