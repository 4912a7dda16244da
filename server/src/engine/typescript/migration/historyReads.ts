// Reads of a thread's listed messages, rewritten for the items `conversations.items.list` returns.
// An item is a message only when its `type` says so, its text is in `input_text`/`output_text`
// parts (no `text.value`), and other items (tool calls, reasoning) have no role: so a message's text
// and role are read through two small helpers added once to the file, which type-check against the
// item union. Both APIs list newest first. A read with no item counterpart (`run_id`, `created_at`
// of a message, attachments) leaves the listing rewritten and a TODO over it.
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { TypeScriptFixContext } from "../fixes/context";
import { appendAtEndEdit, declaresTopLevel } from "../fixes/edits";
import { enclosingScope, referencesTo, statementOfAwaitedCall } from "../fixes/statements";
import { todoAbove } from "./callRewrites";

const TEXT_HELPER = "conversationItemText";
const ROLE_HELPER = "conversationItemRole";
/** Array methods whose callback's first parameter is one listed item. */
const ITEM_CALLBACKS = new Set(["map", "forEach", "find", "findLast", "filter", "some", "every", "flatMap", "reduce"]);

/** The helpers `edits` call that the file does not declare yet, each only when called: an unused one would trip `noUnusedLocals`. */
function helperLines(edits: readonly TextEdit[], context: TypeScriptFixContext): string[] {
  const typed = !context.style.isJavaScript;
  const q = (value: string) => context.style.string(value);
  const semi = context.style.semicolon;
  const i = context.style.indentUnit;
  const needed = (name: string) => !declaresTopLevel(context.sourceFile, name) && edits.some((edit) => edit.newText.includes(`${name}(`));
  const text = [
    `/** The text of a conversation item's message parts, joined ("" for other items). Added by responses-migrate. */`,
    `function ${TEXT_HELPER}(item${typed ? ": { type: string; content?: unknown }" : ""})${typed ? ": string" : ""} {`,
    `${i}if (item.type !== ${q("message")} || !Array.isArray(item.content)) return ${q("")}${semi}`,
    `${i}return item.content.map((part${typed ? ": { text?: unknown }" : ""}) => (typeof part.text === ${q("string")} ? part.text : ${q("")})).join(${q("")})${semi}`,
    `}`,
  ];
  const role = [
    `/** The role of a conversation item that is a message; undefined for other items. Added by responses-migrate. */`,
    `function ${ROLE_HELPER}(item${typed ? ": { type: string; role?: unknown }" : ""})${typed ? ": string | undefined" : ""} {`,
    `${i}return item.type === ${q("message")} && typeof item.role === ${q("string")} ? item.role : undefined${semi}`,
    `}`,
  ];
  const blocks = [...(needed(TEXT_HELPER) ? [text] : []), ...(needed(ROLE_HELPER) ? [role] : [])];
  return blocks.flatMap((block, index) => (index === 0 ? block : ["", ...block]));
}

/** Walks up from `node` through `.a`, `[k]`, `?.`, `!` and parentheses; the path (`.content[0].text.value`) and the outermost node. */
function accessPath(node: ts.Expression): { path: string; outer: ts.Expression } {
  let outer = node;
  let path = "";
  for (;;) {
    const parent = outer.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) path += `.${parent.name.text}`;
    else if (ts.isElementAccessExpression(parent) && parent.expression === outer) path += `[${ts.isNumericLiteral(parent.argumentExpression) ? parent.argumentExpression.text : "?"}]`;
    else if (!(ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent))) break;
    outer = parent as ts.Expression;
  }
  return { path, outer };
}

/** The edits for the reads of one listed item `item` (an expression or a name); undefined when one read has no counterpart. */
function itemReadEdits(item: ts.Expression, context: TypeScriptFixContext): TextEdit[] | undefined {
  const { path, outer } = accessPath(item);
  const text = item.getText(context.sourceFile);
  const replace = (node: ts.Node, newText: string): TextEdit[] => [{ range: { start: node.getStart(context.sourceFile), end: node.getEnd() }, newText }];
  // Where `content[k].text.value` reads, the part ends at `.value` (the walk went past it into a call or stopped there).
  if (/^\.content\[\d\]\.text\.value$/.test(path)) return replace(outer, `${TEXT_HELPER}(${text})`);
  if (path === ".role") return replace(outer, `${ROLE_HELPER}(${text})`);
  if (/^\.content\[\d\]\.type$/.test(path)) {
    const comparison = outer.parent;
    if (ts.isBinaryExpression(comparison) && ts.isStringLiteralLike(comparison.right) && comparison.right.text === "text") return replace(comparison.left, `${text}.type`).concat(replace(comparison.right, context.style.string("message")));
    return undefined;
  }
  // `const part = item.content[0]`: the part variable now holds the item, and its reads follow.
  const declaration = outer.parent;
  if (/^\.content\[\d\]$/.test(path) && ts.isVariableDeclaration(declaration) && declaration.initializer === outer && ts.isIdentifier(declaration.name)) {
    const partReads = partVariableEdits(declaration.name, enclosingScope(declaration), context);
    return partReads && [...replace(outer, text), ...partReads];
  }
  if (path === "" || path === ".id" || path === ".type") return [];
  return undefined;
}

/** Reads of a first-part variable that now holds its item: `part.type === "text"`, `part.text.value`. */
function partVariableEdits(part: ts.Identifier, scope: ts.Node, context: TypeScriptFixContext): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const use of referencesTo(part.text, scope)) {
    if (use === part) continue;
    const { path, outer } = accessPath(use);
    if (path === "") continue;
    if (path === ".text.value") {
      edits.push({ range: { start: outer.getStart(context.sourceFile), end: outer.getEnd() }, newText: `${TEXT_HELPER}(${part.text})` });
      continue;
    }
    const comparison = outer.parent;
    if (path === ".type" && ts.isBinaryExpression(comparison) && ts.isStringLiteralLike(comparison.right) && comparison.right.text === "text") {
      edits.push({ range: { start: comparison.right.getStart(context.sourceFile), end: comparison.right.getEnd() }, newText: context.style.string("message") });
      continue;
    }
    return undefined;
  }
  return edits;
}

/** The callback's first parameter, when `call` is `<list>.map((item) => …)` and the like. */
function callbackItemName(call: ts.CallExpression): ts.Identifier | undefined {
  const callback = call.arguments[0];
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return undefined;
  const parameter = call.expression && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === "reduce" ? callback.parameters[1] : callback.parameters[0];
  return parameter && ts.isIdentifier(parameter.name) ? parameter.name : undefined;
}

/** Edits for every read of the item a name stands for, inside `scope`. */
function namedItemEdits(name: ts.Identifier, scope: ts.Node, context: TypeScriptFixContext): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const use of referencesTo(name.text, scope)) {
    if (use === name) continue;
    const read = itemReadEdits(use, context);
    if (!read) return undefined;
    edits.push(...read);
  }
  return edits;
}

/** Reads of `M.data` and its items; undefined when one has no counterpart. */
function listReadEdits(messages: ts.Identifier, scope: ts.Node, context: TypeScriptFixContext): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const reference of referencesTo(messages.text, scope)) {
    if (reference === messages) continue;
    const access = reference.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== reference) continue; // the page itself, handed on
    if (access.name.text !== "data") {
      if (access.name.text === "has_more" || access.name.text === "last_id" || access.name.text === "first_id") continue;
      return undefined;
    }
    const holder = access.parent;
    if (ts.isElementAccessExpression(holder) && holder.expression === access) {
      const read = itemReadEdits(holder, context);
      if (!read) return undefined;
      edits.push(...read);
      continue;
    }
    if (ts.isPropertyAccessExpression(holder) && holder.expression === access && ITEM_CALLBACKS.has(holder.name.text) && ts.isCallExpression(holder.parent)) {
      const call = holder.parent;
      const item = callbackItemName(call);
      if (!item) return undefined;
      const read = namedItemEdits(item, call.arguments[0], context);
      if (!read) return undefined;
      edits.push(...read);
      // `const reply = M.data.find(…)`: the found item is read too.
      const declaration = call.parent;
      if ((holder.name.text === "find" || holder.name.text === "findLast") && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
        const found = namedItemEdits(declaration.name, enclosingScope(declaration), context);
        if (!found) return undefined;
        edits.push(...found);
      }
      continue;
    }
    if (ts.isForOfStatement(holder) && holder.expression === access && ts.isVariableDeclarationList(holder.initializer) && holder.initializer.declarations.length === 1 && ts.isIdentifier(holder.initializer.declarations[0].name)) {
      const read = namedItemEdits(holder.initializer.declarations[0].name, holder.statement, context);
      if (!read) return undefined;
      edits.push(...read);
      continue;
    }
    // `.length`, returned or handed on as a list.
    const { path } = accessPath(access);
    if (path === "" || path === ".length") continue;
    return undefined;
  }
  return edits;
}

/**
 * The reads of what `list` (a `messages.list` now listing conversation items) returns. When a read
 * has no counterpart, a TODO over the listing says what to do by hand; `changed` says whether any
 * read was rewritten or flagged.
 */
export function historyReadEdits(list: ts.CallExpression, context: TypeScriptFixContext): { edits: TextEdit[]; flagged: boolean } {
  const awaited = statementOfAwaitedCall(list);
  if (awaited && !awaited.assigned) return { edits: [], flagged: false };
  const edits = awaited?.assigned && awaited.declared ? listReadEdits(awaited.assigned, enclosingScope(awaited.statement), context) : undefined;
  if (!edits) {
    const todo = `its items are conversation items, not Assistants messages: a message item's text is in its \`content\` parts (\`output_text\`, \`input_text\`) and other items have no role. Rewrite the reads of ${awaited?.assigned?.text ?? "the list"} by hand.`;
    return { edits: todoAbove(list, todo, context), flagged: true };
  }
  if (edits.length === 0) return { edits, flagged: false };
  const lines = helperLines(edits, context);
  const helpers = lines.length === 0 ? [] : [appendAtEndEdit(context, lines)];
  return { edits: [...edits, ...helpers], flagged: true };
}

/** A TODO over `conversations.items.create` whose result is used: it returns the created items, not a message. */
export function createdItemEdits(create: ts.CallExpression, context: TypeScriptFixContext): TextEdit[] {
  const awaited = statementOfAwaitedCall(create);
  if (awaited && !awaited.assigned) return [];
  const used = awaited?.assigned && awaited.declared ? referencesTo(awaited.assigned.text, enclosingScope(awaited.statement)).some((use) => use !== awaited.assigned) : true;
  return used ? todoAbove(create, "conversations.items.create returns the list of items it created (`.data[0]` is the message), not an Assistants message: check the reads of its result.", context) : [];
}
