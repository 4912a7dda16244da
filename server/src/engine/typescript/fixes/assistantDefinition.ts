// Finds the in-repo definition (model, instructions, tools) a run should use in place of its
// `assistant_id`, or inserts a stub that compiles. Reusable prompt objects (`prompt: { id }`) shut down
// on 2026-11-30, so the definition is always inlined code, never a prompt id.
import * as path from "node:path";
import ts from "typescript";
import type { TextEdit } from "../../types";
import { findProperty, unwrap } from "../syntax";
import type { TypeScriptFixContext } from "./context";
import { afterImportsOffset } from "./nodes";

export const DEFINITION_STUB_MARKER = "TODO(responses-migrate): fill in this assistant definition";
export const STUB_NAME = "assistantDefinition";

export interface DefinitionChoice {
  /** Expression text of the definition object, e.g. `supportAssistant`. */
  name: string;
  /** Edits that create it, when it had to be stubbed. */
  edits: TextEdit[];
  stubbed: boolean;
  /** Picked by name (an in-repo definition that may or may not be the assistant the id named). */
  guessed: boolean;
}

export function isDefinitionObject(expression: ts.Expression | undefined): boolean {
  const inner = expression && unwrap(expression);
  return !!inner && ts.isObjectLiteralExpression(inner) && !!findProperty(inner, "model") && !!findProperty(inner, "instructions");
}

function isAssistantsCreate(expression: ts.Expression | undefined): boolean {
  const inner = expression && unwrap(expression);
  const call = inner && ts.isAwaitExpression(inner) ? unwrap(inner.expression) : inner;
  return !!call && ts.isCallExpression(call) && /\.beta\s*\.\s*assistants\s*\.\s*create$/.test(call.expression.getText());
}

/**
 * `{ ...supportAssistant, id }`, what a retrieved or updated assistant becomes: a definition too when
 * what it spreads is one (in this file, or imported from a workspace definition).
 */
function isSpreadDefinition(expression: ts.Expression | undefined, context: TypeScriptFixContext): boolean {
  const inner = expression && unwrap(expression);
  if (!inner || !ts.isObjectLiteralExpression(inner)) return false;
  const spread = inner.properties.find(ts.isSpreadAssignment);
  const source = spread && unwrap(spread.expression);
  if (!source || !ts.isIdentifier(source)) return false;
  const imported = context.settings.workspaceDefinitions.some((definition) => definition.name === source.text) && new RegExp(`import\\s*\\{[^}]*\\b${source.text}\\b`).test(context.text);
  return imported || isDefinitionObject(context.bindings.initializerOf(source));
}

/** `assistant_id: assistant.id` where `assistant` is a definition (or the create call that becomes one). */
function definitionFromIdExpression(assistantId: ts.Expression | undefined, context: TypeScriptFixContext): string | undefined {
  const inner = assistantId && unwrap(assistantId);
  if (!inner || !ts.isPropertyAccessExpression(inner) || inner.name.text !== "id" || !ts.isIdentifier(inner.expression)) return undefined;
  const initializer = context.bindings.initializerOf(inner.expression);
  return isDefinitionObject(initializer) || isAssistantsCreate(initializer) || isSpreadDefinition(initializer, context) ? inner.expression.text : undefined;
}

function existingDefinition(context: TypeScriptFixContext): string | undefined {
  for (const [name, initializer] of context.bindings.initializers) {
    if (/assistant/i.test(name) && isDefinitionObject(initializer)) return name;
  }
  return undefined;
}

const NAME_NOISE = new Set(["assistant", "assistants", "id", "definition", "def", "config", "process", "env", "openai", "asst"]);

/** The words of a name that say which assistant it is: `process.env.SUPPORT_ASSISTANT_ID` and `supportAssistant` both give "support". */
export function nameWords(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !NAME_NOISE.has(word))
    .sort()
    .join(" ");
}

/**
 * A definition exported elsewhere in the workspace whose name says the same as the assistant id's
 * expression (or the only one there is, when the id says nothing). Always a guess, so never safe.
 */
function workspaceDefinitionFor(assistantId: ts.Expression | undefined, context: TypeScriptFixContext): DefinitionChoice | undefined {
  const candidates = context.settings.workspaceDefinitions.filter((definition) => path.resolve(definition.fileName) !== path.resolve(context.fileName));
  const wanted = assistantId ? nameWords(assistantId.getText(context.sourceFile)) : "";
  const matches = wanted ? candidates.filter((definition) => nameWords(definition.name) === wanted) : candidates;
  if (matches.length !== 1) return undefined;
  const [definition] = matches;
  return { name: definition.name, edits: [importEdit(definition, context)], stubbed: false, guessed: true };
}

export function importEdit(definition: { name: string; fileName: string }, context: TypeScriptFixContext): TextEdit {
  const { style, sourceFile, text } = context;
  let specifier = path.relative(path.dirname(context.fileName), definition.fileName).split(path.sep).join("/").replace(/\.(d\.)?[cm]?[jt]sx?$/, "");
  if (!specifier.startsWith(".")) specifier = `./${specifier}`;
  // Follow the file's own relative imports: ESM under NodeNext spells the `.js` extension.
  if (/from\s+["']\.{1,2}\/[^"']+\.js["']/.test(text)) specifier += ".js";
  const offset = afterImportsOffset(sourceFile);
  const usesRequire = style.isJavaScript && !sourceFile.statements.some((statement) => ts.isImportDeclaration(statement));
  const line = usesRequire
    ? `const { ${definition.name} } = require(${style.string(specifier)})${style.semicolon}`
    : `import { ${definition.name} } from ${style.string(specifier)}${style.semicolon}`;
  return offset === 0 ? { range: { start: 0, end: 0 }, newText: line + style.newline } : { range: { start: offset, end: offset }, newText: style.newline + line };
}

export function chooseDefinition(assistantId: ts.Expression | undefined, context: TypeScriptFixContext): DefinitionChoice {
  const named = definitionFromIdExpression(assistantId, context);
  if (named) return { name: named, edits: [], stubbed: false, guessed: false };
  const existing = existingDefinition(context);
  if (existing) return { name: existing, edits: [], stubbed: false, guessed: true };
  const imported = workspaceDefinitionFor(assistantId, context);
  if (imported) return imported;
  const { style, sourceFile } = context;
  const offset = afterImportsOffset(sourceFile);
  const was = assistantId ? ` It replaces the assistant \`${assistantId.getText(sourceFile).replace(/\s+/g, " ")}\`.` : "";
  const lines = [
    `// ${DEFINITION_STUB_MARKER}: copy its model, instructions and tools from the OpenAI dashboard, then delete this line.${was}`,
    `const ${STUB_NAME} = {`,
    `${style.indentUnit}model: ${style.string("gpt-4.1")},`,
    `${style.indentUnit}instructions: ${style.string("")},`,
    `${style.indentUnit}tools: [],`,
    `}${style.semicolon}`,
  ];
  const prefix = offset === 0 ? "" : style.newline + style.newline;
  const suffix = offset === 0 ? style.newline + style.newline : "";
  return { name: STUB_NAME, edits: [{ range: { start: offset, end: offset }, newText: prefix + lines.join(style.newline) + suffix }], stubbed: true, guessed: false };
}

/** The definition's edits (a stub, an import) when the request reads it; none when the run names model, instructions and tools itself. */
export function definitionEditsFor(definition: DefinitionChoice, properties: readonly string[]): TextEdit[] {
  return properties.some((property) => property.includes(`${definition.name}.`)) ? definition.edits : [];
}
