// A `toolCallDelta` listener that only follows the code interpreter (OpenAI's quickstart logs the code
// as it is written, then its outputs) splits in two on a ResponseStream, because Responses sends the
// two parts as different events (checked against openai 7.57's responses.d.ts):
//
//   toolCallDelta.code_interpreter.input   -> "response.code_interpreter_call_code.delta": event.delta
//   toolCallDelta.code_interpreter.outputs -> "response.output_item.done", when
//                                             `event.item.type === "code_interpreter_call"`: event.item.outputs
//
// The Assistants deltas carried outputs as they came; Responses gives them once the call is done, with
// the same `{ type: "logs", logs }` items. The listener's body must be (an optional
// `if (p.type === "code_interpreter")` around) statements each reading only the input or only the
// outputs; anything else keeps the stream from being rewritten, with the reason.
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { TypeScriptFixContext } from "./context";
import { referencesTo } from "./statements";

type Part = "input" | "outputs";

const TARGET: Readonly<Record<Part, string>> = { input: "event.delta", outputs: "event.item.outputs" };

/** `p.code_interpreter.input` (optional chaining too): the part it reads and the whole access. */
function partRead(reference: ts.Identifier): { part: Part; access: ts.Expression } | undefined {
  const middle = reference.parent;
  if (!ts.isPropertyAccessExpression(middle) || middle.expression !== reference || middle.name.text !== "code_interpreter") return undefined;
  const outer = middle.parent;
  if (!ts.isPropertyAccessExpression(outer) || outer.expression !== middle) return undefined;
  const part = outer.name.text;
  return part === "input" || part === "outputs" ? { part, access: outer } : undefined;
}

function isTypeGuard(statement: ts.Statement, name: string): statement is ts.IfStatement {
  if (!ts.isIfStatement(statement) || statement.elseStatement) return false;
  const test = statement.expression;
  return (
    ts.isBinaryExpression(test) &&
    (test.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || test.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken) &&
    ts.isPropertyAccessExpression(test.left) &&
    ts.isIdentifier(test.left.expression) &&
    test.left.expression.text === name &&
    test.left.name.text === "type" &&
    ts.isStringLiteralLike(test.right) &&
    test.right.text === "code_interpreter"
  );
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The two listeners replacing `.on("toolCallDelta", handler)`, or why it cannot be split. */
export function codeInterpreterDeltaEdits(invoke: ts.CallExpression, handler: ts.ArrowFunction | ts.FunctionExpression, context: TypeScriptFixContext): TextEdit[] | string {
  const refuse = "a `toolCallDelta` listener has no single Responses event (argument, code and output deltas arrive as separate events)";
  const { sourceFile, text } = context;
  const [first, second] = handler.parameters;
  if (!first || !ts.isIdentifier(first.name) || (second && (!ts.isIdentifier(second.name) || referencesTo(second.name.text, handler.body).length > 0)) || handler.parameters.length > 2) return refuse;
  const name = first.name.text;
  if (!ts.isBlock(handler.body) || referencesTo("event", handler.body).length > 0) return refuse;
  let statements: readonly ts.Statement[] = handler.body.statements;
  if (statements.length === 1 && isTypeGuard(statements[0], name)) {
    const inner = statements[0].thenStatement;
    statements = ts.isBlock(inner) ? inner.statements : [inner];
  }
  const byPart: Record<Part, string[]> = { input: [], outputs: [] };
  for (const statement of statements) {
    const parts = new Set<Part>();
    const edits: TextEdit[] = [];
    for (const reference of referencesTo(name, statement)) {
      const read = partRead(reference);
      if (!read) return refuse;
      parts.add(read.part);
      edits.push({ range: { start: read.access.getStart(sourceFile), end: read.access.getEnd() }, newText: TARGET[read.part] });
    }
    if (parts.size !== 1) return refuse;
    const start = statement.getStart(sourceFile);
    let rewritten = text.slice(start, statement.getEnd());
    for (const edit of [...edits].sort((a, b) => b.range.start - a.range.start)) rewritten = rewritten.slice(0, edit.range.start - start) + edit.newText + rewritten.slice(edit.range.end - start);
    byPart[[...parts][0]].push(rewritten);
  }
  if (byPart.input.length + byPart.outputs.length === 0) return refuse;

  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const outerIndent = lineIndent(text, handler.getStart(sourceFile));
  const bodyIndent = `${outerIndent}${context.style.indentUnit}`;
  const q = (value: string) => context.style.string(value);
  const semicolon = context.style.semicolon;
  const block = (lines: string[], guard?: string) => {
    const body = [...(guard ? [guard] : []), ...lines].map((line) => `${bodyIndent}${line.replace(new RegExp(`${eol}${lineIndent(text, statements[0].getStart(sourceFile))}`, "g"), `${eol}${bodyIndent}`)}`);
    return `(event) => {${eol}${body.join(eol)}${eol}${outerIndent}}`;
  };
  const listeners: string[] = [];
  if (byPart.input.length > 0) listeners.push(`${q("response.code_interpreter_call_code.delta")}, ${block(byPart.input)}`);
  if (byPart.outputs.length > 0) listeners.push(`${q("response.output_item.done")}, ${block(byPart.outputs, `if (event.item.type !== ${q("code_interpreter_call")}) return${semicolon}`)}`);
  const [nameArgument] = invoke.arguments;
  const argumentsSpan = { start: nameArgument.getStart(sourceFile), end: handler.getEnd() };
  const method = ts.isPropertyAccessExpression(invoke.expression) ? invoke.expression.name.text : "on";
  const edits: TextEdit[] = [{ range: argumentsSpan, newText: listeners[0] }];
  if (listeners[1]) edits.push({ range: { start: invoke.getEnd(), end: invoke.getEnd() }, newText: `.${method}(${listeners[1]})` });
  return edits;
}
