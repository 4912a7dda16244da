// A `toolCallDelta` listener that only follows function calls' arguments as the model writes them:
//
//   .on("toolCallDelta", (delta) => {                 .on("response.function_call_arguments.delta", (event) => {
//     if (delta.type === "function")           ->       if (event.type === "response.function_call_arguments.delta")
//       process.stdout.write(delta.function?.arguments ?? "");   process.stdout.write(event.delta ?? "");
//   })                                                })
//
// Responses sends the argument text as its own event (checked against openai 7.57's responses.d.ts),
// so the type test stays a test that holds (and narrows) on the new event. Any other read of the
// delta (the function's name, the code interpreter's parts, the delta whole) is not this shape.
import ts from "typescript";
import type { TextEdit } from "../../types";
import { memberPathFrom } from "../syntax";
import type { TypeScriptFixContext } from "./context";
import { referencesTo } from "./statements";

const EVENT = "response.function_call_arguments.delta";
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]);

/** `delta.function.arguments` (any `?.`, `!`): the whole read. */
function argumentsRead(reference: ts.Identifier): ts.Expression | undefined {
  const read = memberPathFrom(reference, "function.arguments");
  return read.path === "function.arguments" ? read.node : undefined;
}

/** `delta.type === "function"`: the literal compared. */
function functionTypeTest(reference: ts.Identifier): ts.StringLiteralLike | undefined {
  const access = reference.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== reference || access.name.text !== "type") return undefined;
  const comparison = access.parent;
  if (!ts.isBinaryExpression(comparison) || !EQUALITY.has(comparison.operatorToken.kind) || comparison.left !== access) return undefined;
  return ts.isStringLiteralLike(comparison.right) && comparison.right.text === "function" ? comparison.right : undefined;
}

export function functionArgumentDeltaEdits(invoke: ts.CallExpression, handler: ts.ArrowFunction | ts.FunctionExpression, context: TypeScriptFixContext): TextEdit[] | undefined {
  const { sourceFile } = context;
  const [first, second] = handler.parameters;
  if (!first || !ts.isIdentifier(first.name) || first.dotDotDotToken || first.initializer || handler.parameters.length > 2) return undefined;
  if (second && (!ts.isIdentifier(second.name) || referencesTo(second.name.text, handler.body).length > 0)) return undefined;
  const name = first.name.text;
  if (name !== "event" && referencesTo("event", handler.body).length > 0) return undefined;
  const edits: TextEdit[] = [];
  let readsArguments = false;
  for (const reference of referencesTo(name, handler.body)) {
    const read = argumentsRead(reference);
    if (read) {
      readsArguments = true;
      edits.push({ range: { start: reference.getStart(sourceFile), end: read.getEnd() }, newText: "event.delta" });
      continue;
    }
    const literal = functionTypeTest(reference);
    if (!literal) return undefined;
    const quote = literal.getText(sourceFile)[0];
    edits.push({ range: { start: reference.getStart(sourceFile), end: reference.getEnd() }, newText: "event" }, { range: { start: literal.getStart(sourceFile), end: literal.getEnd() }, newText: `${quote}${EVENT}${quote}` });
  }
  if (!readsArguments) return undefined;
  const [nameArgument] = invoke.arguments;
  const quote = nameArgument.getText(sourceFile)[0];
  edits.push({ range: { start: nameArgument.getStart(sourceFile), end: nameArgument.getEnd() }, newText: `${quote}${EVENT}${quote}` });
  edits.push({ range: { start: first.getStart(sourceFile), end: handler.parameters[handler.parameters.length - 1].getEnd() }, newText: "event" });
  return edits;
}
