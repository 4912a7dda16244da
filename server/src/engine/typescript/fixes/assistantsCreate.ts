// `assistants.create({ name, model, instructions, tools, tool_resources })` becomes an in-repo
// definition: the assistant is now code you version, passed to each `responses.create`. Tools take
// their Responses shapes, and `tool_resources` folds into the tools that use them.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { findProperty, propertyNameText, unwrap } from "../syntax";
import type { BetaChain } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { enclosingScope, statementOfAwaitedCall } from "./statements";
import { STUB_NAME } from "./assistantDefinition";
import { DEFINITION_KEYS } from "../../assistantObjects";

function valueOf(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = findProperty(object, name);
  return property && ts.isPropertyAssignment(property) ? property.initializer : property && ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
}

function idsAt(resources: ts.ObjectLiteralExpression | undefined, tool: string, key: string, context: TypeScriptFixContext): string | undefined {
  const section = resources && valueOf(resources, tool);
  const inner = section && unwrap(section);
  const ids = inner && ts.isObjectLiteralExpression(inner) ? valueOf(inner, key) : undefined;
  return ids?.getText(context.sourceFile);
}

/** Rewrites one Assistants tool to its Responses shape; undefined when it cannot be done by rule. */
function responsesTool(tool: ts.Expression, resources: ts.ObjectLiteralExpression | undefined, context: TypeScriptFixContext): string | undefined {
  const object = unwrap(tool);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const type = valueOf(object, "type");
  const kind = type && ts.isStringLiteralLike(type) ? type.text : undefined;
  const q = context.style.string.bind(context.style);
  // `retrieval` is the v1 name of file search; its files now live in vector stores.
  if (kind === "file_search" || kind === "retrieval") {
    const ids = idsAt(resources, "file_search", "vector_store_ids", context) ?? "[]";
    return `{ type: ${q("file_search")}, vector_store_ids: ${ids} }`;
  }
  if (kind === "code_interpreter") {
    const ids = idsAt(resources, "code_interpreter", "file_ids", context) ?? "[]";
    return `{ type: ${q("code_interpreter")}, container: { type: ${q("auto")}, file_ids: ${ids} } }`;
  }
  if (kind === "function") {
    const fn = valueOf(object, "function");
    const inner = fn && unwrap(fn);
    if (!inner || !ts.isObjectLiteralExpression(inner)) return undefined;
    const properties = inner.properties.map((p) => p.getText(context.sourceFile));
    if (!findProperty(inner, "strict")) properties.push("strict: false");
    if (!findProperty(inner, "parameters")) properties.push("parameters: {}");
    return `{ type: ${q("function")}, ${properties.join(", ")} }`;
  }
  return undefined;
}

/**
 * The properties of `options` (an `assistants.create`/`update` argument) as an in-repo definition
 * keeps them: tools in their Responses shapes, `tool_resources` folded into them. Undefined when a
 * property has no counterpart or a tool cannot be rewritten by rule.
 */
export function definitionProperties(options: ts.ObjectLiteralExpression, context: TypeScriptFixContext): string[] | undefined {
  const resources = valueOf(options, "tool_resources");
  const resourcesObject = resources && ts.isObjectLiteralExpression(unwrap(resources)) ? (unwrap(resources) as ts.ObjectLiteralExpression) : undefined;
  const lines: string[] = [];
  for (const property of options.properties) {
    const name = property.name && propertyNameText(property.name);
    if (!name || ts.isSpreadAssignment(property)) return undefined;
    if (name === "tool_resources") continue;
    if (!DEFINITION_KEYS.has(name)) return undefined;
    if (name === "tools") {
      const tools = valueOf(options, "tools");
      const list = tools && unwrap(tools);
      if (!list || !ts.isArrayLiteralExpression(list)) return undefined;
      const rewritten = list.elements.map((tool) => responsesTool(tool, resourcesObject, context));
      if (rewritten.some((tool) => tool === undefined)) return undefined;
      lines.push(`tools: [${rewritten.join(", ")}]`);
    } else {
      lines.push(property.getText(context.sourceFile));
    }
  }
  return lines;
}

/** `{ id }` destructured from the created assistant, or `name.id` read other than as a run's `assistant_id`. */
function readsId(call: ts.CallExpression, assigned: ts.Identifier | undefined, context: TypeScriptFixContext): boolean {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAwaitExpression(node.parent)) node = node.parent;
  if (ts.isVariableDeclaration(node.parent) && ts.isObjectBindingPattern(node.parent.name)) {
    return node.parent.name.elements.some((element) => (element.propertyName ?? element.name).getText(context.sourceFile) === "id");
  }
  if (!assigned) return false;
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(child) && child.name.text === "id" && ts.isIdentifier(child.expression) && child.expression.text === assigned.text) {
      const property = child.parent;
      found = !(ts.isPropertyAssignment(property) && propertyNameText(property.name) === "assistant_id");
    }
    ts.forEachChild(child, visit);
  };
  visit(enclosingScope(call));
  return found;
}

export function assistantDefinitionFix(call: ts.CallExpression, _chain: BetaChain, context: TypeScriptFixContext): Fix[] {
  const options = call.arguments[0] && unwrap(call.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options) || call.arguments.length !== 1) return [];
  const awaited = statementOfAwaitedCall(call);
  const { style } = context;
  const lines = definitionProperties(options, context);
  if (!lines) return [];
  if (!findProperty(options, "instructions")) lines.push(`instructions: ${style.string("")}`);
  if (!findProperty(options, "tools")) lines.push("tools: []");
  // Reads of `.id` keep working: the definition's id is its name in the repo.
  if (readsId(call, awaited?.assigned, context)) lines.push(`id: ${valueOf(options, "name")?.getText(context.sourceFile) ?? style.string(awaited?.assigned?.text ?? "assistant")}`);
  const fix = (edit: TextEdit): Fix[] => [{ title: "Rewrite to an in-repo assistant definition", edits: [edit], safe: false, preferred: true }];
  if (!awaited || (awaited.assigned && !awaited.declared)) {
    // Any other place (`return client.beta.assistants.create(…)`, a destructuring): the value in place.
    let node: ts.Expression = call;
    while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
    const isAwaited = ts.isAwaitExpression(node.parent);
    const target = isAwaited ? (node.parent as ts.AwaitExpression) : node;
    if (ts.isExpressionStatement(target.parent)) return [];
    const indent = style.indentAt(target.getStart());
    const object = ["{", ...lines.map((line) => `${indent}${style.indentUnit}${line},`), `${indent}}`].join(style.newline);
    const declaration = target.parent;
    if (isAwaited && ts.isVariableDeclaration(declaration) && !ts.isIdentifier(declaration.name) && ts.isVariableStatement(declaration.parent.parent)) {
      // Destructured: the definition gets a name of its own (a literal destructured in place fails
      // TypeScript's excess-property check).
      const name = [STUB_NAME, `${STUB_NAME}2`, `${STUB_NAME}3`].find((candidate) => !new RegExp(`\\b${candidate}\\b`).test(context.text));
      if (!name) return [];
      const statement = declaration.parent.parent;
      return [{ title: "Rewrite to an in-repo assistant definition", edits: [{ range: { start: statement.getStart(), end: statement.getStart() }, newText: `const ${name} = ${object}${style.semicolon}${style.newline}${indent}` }, { range: { start: target.getStart(), end: target.getEnd() }, newText: name }], safe: false, preferred: true }];
    }
    return fix({ range: { start: target.getStart(), end: target.getEnd() }, newText: isAwaited ? object : `Promise.resolve(${object})` });
  }
  const indent = style.indentAt(awaited.statement.getStart());
  const object = ["{", ...lines.map((line) => `${indent}${style.indentUnit}${line},`), `${indent}}`].join(style.newline);
  const replacement = awaited.assigned && awaited.declared ? `const ${awaited.assigned.text} = ${object}${style.semicolon}` : `// Assistant definition, kept in the repo (Assistants API shut down 2026-08-26)${style.newline}${indent}const assistantDefinition = ${object}${style.semicolon}`;
  return fix({ range: { start: awaited.statement.getStart(), end: awaited.statement.getEnd() }, newText: replacement });
}
