// Assistants thread messages as Responses `input`: one plain user message is just its content; anything
// else is the list of `{ role, content }` messages, which Responses accepts as easy input messages.
import ts from "typescript";
import { findProperty, unwrap } from "../syntax";
import type { TypeScriptFixContext } from "./context";

function plainUserContent(message: ts.Expression, context: TypeScriptFixContext): string | undefined {
  const object = unwrap(message);
  if (!ts.isObjectLiteralExpression(object) || object.properties.length !== 2) return undefined;
  const role = findProperty(object, "role");
  const content = findProperty(object, "content");
  if (!role || !ts.isPropertyAssignment(role) || !ts.isStringLiteralLike(role.initializer) || role.initializer.text !== "user") return undefined;
  if (content && ts.isShorthandPropertyAssignment(content)) return "content";
  if (content && ts.isPropertyAssignment(content) && !ts.isArrayLiteralExpression(unwrap(content.initializer))) return content.initializer.getText(context.sourceFile);
  return undefined;
}

/** The `input` text for these messages, or undefined when there are none. */
export function inputFromMessages(messages: readonly ts.Expression[], context: TypeScriptFixContext): string | undefined {
  if (messages.length === 0) return undefined;
  const single = messages.length === 1 ? plainUserContent(messages[0], context) : undefined;
  return single ?? `[${messages.map((message) => message.getText(context.sourceFile)).join(", ")}]`;
}
