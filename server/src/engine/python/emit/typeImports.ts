// Python imports of Assistants types become imports of their counterparts (the language-neutral table
// in ../../assistantObjects.ts), keeping the local names so annotations need no edit:
//
//   from openai.types.beta.threads import Run, Message   -> from openai.types.responses import Response as Run
//                                                           from openai.types.conversations import Message
//   from openai.types.beta import Assistant              -> from types import SimpleNamespace as Assistant
//
// `Assistant` maps to SimpleNamespace because that is what the assistants rewrites hand out (see
// assistants.ts). An import with a name that has no counterpart, a `*` import, or a comment inside the
// statement gets no fix. Unsafe, as in TypeScript: the names carry over, the shapes do not.
import type { Finding, Fix } from "../../types";
import { typeCounterpart, type CounterpartHome } from "../../assistantObjects";
import { field, forEachDescendant } from "../syntax";
import type { PythonFixContext } from "./index";
import { indentationAt, lineEndingOf, nodeAt } from "./nodes";
import { removeListItem, wholeLine } from "./eventHandlers";

const MODULES: Readonly<Record<CounterpartHome, string>> = {
  responses: "openai.types.responses",
  conversations: "openai.types.conversations",
  "response-stream": "openai.lib.streaming.responses",
  definition: "types",
};

export function typeImportFixes(finding: Finding, context: PythonFixContext): Fix[] {
  const { parsed, text } = context;
  const moduleNode = nodeAt(parsed.root, finding.range, "dotted_name");
  const statement = moduleNode?.parent;
  if (!statement || statement.type !== "import_from_statement" || field(statement, "module_name") !== moduleNode) return [];
  if (!/^openai\.types\.beta\b/.test(parsed.source.of(moduleNode))) return [];
  if (statement.children.some((child) => child.type === "comment" || child.type === "wildcard_import")) return [];
  const names = statement.children.filter((child) => child.field === "name");
  const byModule = new Map<string, string[]>();
  for (const item of names) {
    const imported = parsed.source.of(item.type === "aliased_import" ? field(item, "name")! : item);
    const local = item.type === "aliased_import" ? parsed.source.of(field(item, "alias")!) : imported;
    const counterpart = typeCounterpart(imported);
    if (!counterpart) return [];
    const module = MODULES[counterpart.home];
    byModule.set(module, [...(byModule.get(module) ?? []), counterpart.name === local ? local : `${counterpart.name} as ${local}`]);
  }
  if (byModule.size === 0) return [];
  const indent = indentationAt(text, statement.start) ?? "";
  const lines = [...byModule].map(([module, imported]) => `from ${module} import ${[...new Set(imported)].join(", ")}`);
  return [{ title: "Import the Responses and Conversations types in place of the Assistants types", edits: [{ range: { start: statement.start, end: statement.end }, newText: lines.join(lineEndingOf(text) + indent) }], safe: false, preferred: true }];
}


/**
 * `from openai import OpenAI, AssistantEventHandler` where nothing else in the file names the
 * Assistants class any more (its handler was rewritten, or it never was used): the name goes, or the
 * line when it was the only one. Safe, as Ruff's unused-import fix, except in an `__init__.py` or a
 * module with `__all__`, where the import may be a re-export.
 */
export function unusedImportFixes(finding: Finding, context: PythonFixContext): Fix[] {
  const { parsed, text } = context;
  const item = nodeAt(parsed.root, finding.range, "aliased_import") ?? nodeAt(parsed.root, finding.range, "dotted_name");
  const statement = item?.parent;
  if (!item || statement?.type !== "import_from_statement" || item.field !== "name") return [];
  const local = parsed.source.of(item.type === "aliased_import" ? field(item, "alias")! : item);
  let used = false;
  forEachDescendant(parsed.root, (node) => {
    if (used || node.type === "import_from_statement" || node.type === "import_statement") return false;
    if (node.type === "identifier" && parsed.source.of(node) === local) used = true;
    return !used;
  });
  if (used) return [];
  const names = statement.children.filter((child) => child.field === "name");
  const edit = names.length === 1 ? { range: wholeLine(statement, text), newText: "" } : removeListItem(item, names);
  const mayReExport = /(^|[\\/])__init__\.pyi?$/.test(context.fileName ?? "") || /^__all__\s*[:=+]/m.test(text);
  return [{ title: `Remove the unused import of \`${local}\``, edits: [edit], safe: !mayReExport, preferred: true }];
}
