// A raw stream event shown or handed on whole, as a Responses event. Logging reads no field with
// another meaning, so `console.log(e)`, `console.log(e.event)` carry over as they are (`e.event` is
// `e.type`). An event handed to other code (`send(e)`, `return e`, `{ name: e.event, data: e.data }`)
// now has the Responses shape (`{ type, … }`, its payload on the event itself): like a readable
// stream handed on, the rewrite goes on with a TODO above the hand-off saying the reader must change.
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { TypeScriptFixContext } from "./context";

const NOTE = "// TODO(responses-migrate): this hands on Responses stream events (`{ type, … }`, the payload on the event) where Assistants events (`{ event, data }`) were: their reader must read the new shape.";

/** The expression `node` is part of when it only builds a string (`"a" + x`, `` `${x}` ``). */
function stringHolder(node: ts.Node): ts.Node {
  let holder = node;
  while ((ts.isBinaryExpression(holder.parent) && holder.parent.operatorToken.kind === ts.SyntaxKind.PlusToken) || ts.isTemplateSpan(holder.parent) || ts.isTemplateExpression(holder.parent)) holder = holder.parent;
  return holder;
}

function isConsoleCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && /^console\.\w+$/.test(node.expression.getText());
}

/** `console.log(x)`, `console.log("got " + x)`, `` console.log(`got ${x}`) ``. */
export function isOnlyShown(node: ts.Expression): boolean {
  const holder = stringHolder(node);
  return isConsoleCall(holder.parent) && holder.parent.arguments.includes(holder as ts.Expression);
}

/** Passed to a function, returned, stored in an object, array or variable: other code reads it. */
export function isHandedOn(node: ts.Expression): boolean {
  const holder = stringHolder(node);
  const parent = holder.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.expression !== holder && !isConsoleCall(parent);
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === holder)) return true;
  if (ts.isPropertyAssignment(parent) && parent.initializer === holder) return true;
  if (ts.isArrayLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent)) return true;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === holder) return true;
  return ts.isVariableDeclaration(parent) && parent.initializer === holder;
}

/** The TODO above the statement handing the event on. */
export function handOffNote(node: ts.Node, context: TypeScriptFixContext): TextEdit {
  let statement: ts.Node = node;
  while (!ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent) && !ts.isCaseClause(statement.parent) && !ts.isDefaultClause(statement.parent)) statement = statement.parent;
  const at = statement.getStart(context.sourceFile);
  return { range: { start: at, end: at }, newText: `${NOTE}${context.style.newline}${context.style.indentAt(at)}` };
}
