// Imports of Assistants types become imports of their Responses and Conversations counterparts:
//
//   Run                            -> Response                  (openai/resources/responses/responses)
//   RunStatus                      -> ResponseStatus            (openai/resources/responses/responses)
//   RequiredActionFunctionToolCall -> ResponseFunctionToolCall  (openai/resources/responses/responses)
//   Thread                         -> Conversation              (openai/resources/conversations/conversations)
//   Message                        -> Message                   (openai/resources/conversations/conversations)
//   AssistantStream                -> ResponseStream            (openai/lib/responses/ResponseStream)
//   MessageCreateParams            -> EasyInputMessage          (openai/resources/responses/responses)
//
// The names are the language-neutral table in ../../assistantObjects.ts; only the modules are TypeScript's.
// `MessageCreateParams` (`{ role, content }` for `messages.create`) maps to the `{ role, content }` input
// item the rewrites put in `input`.
//
// `Message`: a thread message maps to the Conversations `Message` item (id, role, content[], status),
// the object `conversations.items.list` returns for messages and what history code handles. Not
// `ConversationItem` (a union that must be narrowed by `type` before `.role` even exists) and not
// `ResponseOutputMessage` (assistant output only, role fixed to "assistant").
//
// Local names are kept (`Run` becomes `Response as Run`, `Run as OpenAIRun` becomes
// `Response as OpenAIRun`): usages need no edit, the fix stays inside the import, and no import of
// `Response` shadows the DOM/fetch `Response` global. `import type` vs `import`, per-name `type`,
// quotes, a `.js` extension on the specifier and the semicolon are kept. When any imported name has no
// counterpart (`TextDelta`, `Assistant`, `AssistantStreamEvent` …), or the import is a default or
// namespace import, there is no fix; the finding's message says what to do.
//
// Always unsafe: the names carry over, the shapes do not. `run.thread_id`, `run.required_action`,
// `message.content[0].text.value`, `call.function.name` and the `requires_action` status have no
// counterpart, so code reading them stops compiling (TypeScript) or reads undefined (JavaScript); each
// use needs a look, usually together with the call rewrites that produce these values.
import ts from "typescript";
import type { Finding, Fix, TextEdit } from "../../types";
import type { TypeScriptFixContext } from "./context";
import { nodeAtRange } from "./nodes";
import { typeCounterpart, type CounterpartHome } from "../../assistantObjects";

const MODULES: Readonly<Record<CounterpartHome, string | undefined>> = {
  responses: "openai/resources/responses/responses",
  conversations: "openai/resources/conversations/conversations",
  "response-stream": "openai/lib/responses/ResponseStream",
  // No named type for an in-repo definition object: `Assistant` imports have no fix.
  definition: undefined,
};

function counterpartOf(name: string): { name: string; module: string } | undefined {
  const counterpart = typeCounterpart(name);
  const module = counterpart && MODULES[counterpart.home];
  return counterpart && module ? { name: counterpart.name, module } : undefined;
}

interface MappedName {
  element: ts.ImportSpecifier;
  target: { name: string; module: string };
}

function specifierText(mapped: MappedName): string {
  const local = mapped.element.name.text;
  const prefix = mapped.element.isTypeOnly ? "type " : "";
  return local === mapped.target.name ? `${prefix}${local}` : `${prefix}${mapped.target.name} as ${local}`;
}

export function typeImportFixes(finding: Finding, context: TypeScriptFixContext): Fix[] {
  const { sourceFile, style } = context;
  const specifier = nodeAtRange(sourceFile, finding.range);
  if (!specifier || !ts.isStringLiteral(specifier) || !ts.isImportDeclaration(specifier.parent) || specifier.parent.moduleSpecifier !== specifier) return [];
  const declaration = specifier.parent;
  const clause = declaration.importClause;
  if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings) || declaration.attributes) return [];
  const elements = clause.namedBindings.elements;
  if (elements.length === 0) return [];

  const mapped: MappedName[] = [];
  for (const element of elements) {
    const importedNode = element.propertyName ?? element.name;
    if (!ts.isIdentifier(importedNode)) return [];
    const target = counterpartOf(importedNode.text);
    if (!target) return [];
    mapped.push({ element, target });
  }

  const quote = specifier.getText(sourceFile)[0];
  const extension = /\.m?js$/.exec(specifier.text)?.[0] ?? "";
  const moduleText = (module: string) => `${quote}${module}${extension}${quote}`;
  const modules = [...new Set(mapped.map((m) => m.target.module))];
  const edits: TextEdit[] = [];
  if (modules.length === 1) {
    // One target module: edit the names and the specifier in place, keeping the import's layout.
    for (const { element, target } of mapped) {
      const local = element.name;
      if (!element.propertyName) {
        // `Run` → `Response as Run`; `Message` stays `Message`.
        if (local.text !== target.name) edits.push({ range: { start: local.getStart(sourceFile), end: local.getEnd() }, newText: `${target.name} as ${local.text}` });
      } else if (local.text === target.name) {
        // `Thread as Conversation` → `Conversation`.
        edits.push({ range: { start: element.propertyName.getStart(sourceFile), end: local.getEnd() }, newText: target.name });
      } else {
        // `Run as OpenAIRun` → `Response as OpenAIRun`.
        edits.push({ range: { start: element.propertyName.getStart(sourceFile), end: element.propertyName.getEnd() }, newText: target.name });
      }
    }
    edits.push({ range: { start: specifier.getStart(sourceFile), end: specifier.getEnd() }, newText: moduleText(modules[0]) });
  } else {
    // Several target modules: one import per module, in the order the names were imported.
    const keyword = clause.isTypeOnly ? "import type" : "import";
    const semicolon = declaration.getText(sourceFile).endsWith(";") ? ";" : "";
    const lines = modules.map((module) => `${keyword} { ${mapped.filter((m) => m.target.module === module).map(specifierText).join(", ")} } from ${moduleText(module)}${semicolon}`);
    const indent = style.indentAt(declaration.getStart(sourceFile));
    edits.push({ range: { start: declaration.getStart(sourceFile), end: declaration.getEnd() }, newText: lines.join(style.newline + indent) });
  }
  return [{ title: "Import the Responses and Conversations types in place of the Assistants types", edits, safe: false, preferred: true }];
}
