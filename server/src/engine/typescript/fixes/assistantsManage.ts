// `assistants.retrieve`, `update`, `list` and `delete`/`del` rendered as TypeScript/JavaScript, by the
// decisions in ../../assistantObjects.ts:
//
//   await client.beta.assistants.retrieve(id)          -> { ...supportAssistant, id }
//   await client.beta.assistants.update(id, patch);    -> Object.assign(supportAssistant, patch)   + TODO
//   const a = await client.beta.assistants.update(…)   -> { ...supportAssistant, ...patch, id }   + TODO
//   await client.beta.assistants.list()                -> { data: [{ ...supportAssistant, id: "supportAssistant" }] }
//   await client.beta.assistants.del(id);              -> (removed)                                 + TODO
//   return client.beta.assistants.del(id)              -> return Promise.resolve({ id, deleted: true }) + TODO
//
// The definition is the one chooseDefinition picks (named by the id, in this file, imported from the
// workspace, or a stub). `update` as a statement mutates it, so later requests in the process see the
// change as they saw it on the server. A call that is not awaited gets its value wrapped in `Promise.resolve`. Unsafe:
// the definition may not be the assistant the id named.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { ASSISTANTS_TODOS, assistantsMethodOf, assistantsRewriteFor } from "../../assistantObjects";
import { unwrap } from "../syntax";
import { definitionProperties } from "./assistantsCreate";
import { chooseDefinition, importEdit, isDefinitionObject, type DefinitionChoice } from "./assistantDefinition";
import type { BetaChain } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { deleteStatement } from "./statements";

const TODO = "TODO(responses-migrate):";

/** The expression the call's value is: `await call` (or the call itself), parentheses and casts included. */
function valueNode(call: ts.CallExpression): { node: ts.Expression; awaited: boolean } {
  let node: ts.Expression = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent)) node = node.parent;
  return ts.isAwaitExpression(node.parent) ? { node: node.parent, awaited: true } : { node, awaited: false };
}

function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  let current: ts.Node | undefined = node;
  while (current && !ts.isSourceFile(current.parent) && !ts.isBlock(current.parent) && !ts.isCaseClause(current.parent) && !ts.isDefaultClause(current.parent)) current = current.parent;
  return current && (ts.isStatement(current) ? current : undefined);
}

/** A `// TODO` line above `statement`, at its indentation. */
function todoAbove(statement: ts.Statement, todo: string, context: TypeScriptFixContext): TextEdit {
  const start = statement.getStart(context.sourceFile);
  const indent = context.style.indentAt(start);
  return { range: { start, end: start }, newText: `// ${TODO} ${todo}${context.style.newline}${indent}` };
}

interface Rendered {
  value: string;
  edits: TextEdit[];
  todo?: string;
}

function render(call: ts.CallExpression, method: ReturnType<typeof assistantsMethodOf>, isStatement: boolean, context: TypeScriptFixContext): Rendered | undefined {
  const { sourceFile, style } = context;
  const [first, second] = call.arguments;
  const idText = first && !ts.isSpreadElement(first) ? first.getText(sourceFile) : undefined;
  const rewrite = method && assistantsRewriteFor(method);
  if (rewrite === "definition-with-id" || rewrite === "patched-definition") {
    if (!idText) return undefined;
    const definition = chooseDefinition(first, context);
    if (rewrite === "definition-with-id") return { value: `{ ...${definition.name}, id: ${idText} }`, edits: definition.edits };
    const patch = second && unwrap(second);
    if (!patch) return undefined;
    const properties = ts.isObjectLiteralExpression(patch) ? definitionProperties(patch, context) : [patch.getText(sourceFile)];
    if (!properties) return undefined;
    const patchText = ts.isObjectLiteralExpression(patch) ? `{ ${properties.join(", ")} }` : properties[0];
    // A statement changes the definition, so later requests in the process see it; a value is a new object.
    const value = isStatement ? `Object.assign(${definition.name}, ${patchText})` : `{ ...${definition.name}, ...${patchText}, id: ${idText} }`;
    return { value, edits: definition.edits, todo: ASSISTANTS_TODOS[rewrite] };
  }
  if (rewrite === "definition-list") {
    const definitions = listedDefinitions(context);
    const elements = definitions.map((definition) => `{ ...${definition.name}, id: ${style.string(definition.name)} }`);
    return { value: `{ data: [${elements.join(", ")}] }`, edits: definitions.flatMap((definition) => definition.edits) };
  }
  if (rewrite === "dropped") {
    if (!idText) return undefined;
    const deleted = style.isJavaScript ? style.string("assistant.deleted") : `${style.string("assistant.deleted")} as const`;
    return { value: `{ id: ${idText}, object: ${deleted}, deleted: true }`, edits: [], todo: ASSISTANTS_TODOS[rewrite] };
  }
  return undefined;
}

/** Every definition this file can list: its own, then the workspace's (imported); a stub when there is none. */
function listedDefinitions(context: TypeScriptFixContext): DefinitionChoice[] {
  const local = [...context.bindings.initializers].filter(([, initializer]) => isDefinitionObject(initializer)).map(([name]) => name);
  const chosen: DefinitionChoice[] = local.map((name) => ({ name, edits: [], stubbed: false, guessed: true }));
  for (const definition of context.settings.workspaceDefinitions) {
    if (chosen.some((known) => known.name === definition.name) || definition.fileName === context.fileName) continue;
    chosen.push({ name: definition.name, edits: [importEdit(definition, context)], stubbed: false, guessed: true });
  }
  return chosen.length > 0 ? chosen : [chooseDefinition(undefined, context)];
}

export function assistantsManageFixes(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext): Fix[] {
  const method = assistantsMethodOf(chain.surface[chain.surface.length - 1]);
  if (!method || method === "create") return [];
  const { node, awaited } = valueNode(call);
  const statement = enclosingStatement(node);
  if (!statement) return [];
  const isWholeStatement = ts.isExpressionStatement(statement) && unwrap(statement.expression) === node;
  const rendered = render(call, method, isWholeStatement, context);
  if (!rendered) return [];
  const edits: TextEdit[] = [...rendered.edits];
  if (isWholeStatement && method === "delete") {
    // Nothing to delete any more: the statement goes, its TODO stays in its place.
    const aloneOnItsLine = deleteStatement(statement, context.text).range.start < statement.getStart(context.sourceFile);
    const todo = aloneOnItsLine ? `// ${TODO} ${rendered.todo}` : `/* ${TODO} ${rendered.todo} */`;
    edits.push({ range: { start: statement.getStart(context.sourceFile), end: statement.getEnd() }, newText: todo });
  } else {
    const value = awaited ? rendered.value : `Promise.resolve(${rendered.value})`;
    // An object literal cannot start an expression statement.
    const text = isWholeStatement && value.startsWith("{") ? `(${value})` : value;
    edits.push({ range: { start: node.getStart(context.sourceFile), end: node.getEnd() }, newText: text });
    if (rendered.todo) edits.push(todoAbove(statement, rendered.todo, context));
  }
  const titles = { retrieve: "Use the in-repo assistant definition", update: "Apply the update to the in-repo assistant definition", list: "List the in-repo assistant definitions", delete: "Drop the assistant deletion (definitions live in the repo)" };
  return [{ title: titles[method], edits, safe: false, preferred: true }];
}
