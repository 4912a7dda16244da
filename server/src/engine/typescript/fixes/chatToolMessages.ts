// chat-tool-messages: a Chat tool result `{ role: "tool", tool_call_id: X, content: Y }` becomes the
// Responses input item `{ type: "function_call_output", call_id: X, output: Y }`. Only the keys (and the
// role) change; values, comments and layout stay. Safe: it is the same tool result in the shape the
// Responses API accepts.
//
// Assistant messages carrying `tool_calls` get no fix: each call would become a `function_call` item
// built from `call.function.name/arguments`, the message's text a separate item, and the calls are
// usually the previous response's output anyway (or `previous_response_id` makes them unnecessary).
// That is a judgement about where the history comes from, so the message says what to do instead.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { propertyNameText } from "../syntax";
import type { FixProvider } from "./context";
import { nodeAtRange } from "./nodes";

const RENAMES: Record<string, string> = { tool_call_id: "call_id", content: "output" };

export const chatToolMessageFixes: FixProvider = (finding, context) => {
  const { sourceFile, style } = context;
  const message = nodeAtRange(sourceFile, finding.range);
  if (!message || !ts.isObjectLiteralExpression(message)) return [];
  const byName = new Map<string, ts.ObjectLiteralElementLike>();
  for (const property of message.properties) {
    const name = property.name && propertyNameText(property.name);
    // Anything beyond role / tool_call_id / content (spreads, `name`, …) has no place in the item.
    if (!name || !(name === "role" || name in RENAMES) || !(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property))) return [];
    byName.set(name, property);
  }
  const role = byName.get("role");
  if (!byName.has("tool_call_id") || !byName.has("content")) return [];
  if (role && !(ts.isPropertyAssignment(role) && ts.isStringLiteralLike(role.initializer) && role.initializer.text === "tool")) return [];

  const edits: TextEdit[] = [];
  // Keep the file's quote style; the `"tool"` literal tells which one this message uses.
  const quote = role && ts.isPropertyAssignment(role) ? role.initializer.getText(sourceFile)[0] : style.quote;
  const typeProperty = `type: ${quote}function_call_output${quote}`;
  if (role) edits.push({ range: { start: role.getStart(sourceFile), end: role.getEnd() }, newText: typeProperty });
  for (const [from, to] of Object.entries(RENAMES)) {
    const property = byName.get(from)!;
    const name = property.name!;
    // Shorthand `content` becomes `output: content`; a keyed one only changes its key.
    const newText = ts.isShorthandPropertyAssignment(property) ? `${to}: ${from}` : to;
    edits.push({ range: { start: name.getStart(sourceFile), end: name.getEnd() }, newText });
  }
  if (!role) {
    // No role to replace: the first key's edit also puts `type` in front of it (one edit, no overlap).
    const first = edits.find((edit) => edit.range.start === message.properties[0].getStart(sourceFile))!;
    first.newText = `${typeProperty}, ${first.newText}`;
  }
  const fix: Fix = { title: "Send the tool result as a `function_call_output` item", edits, safe: true, preferred: true };
  return [fix];
};
