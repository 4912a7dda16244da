// In-repo assistant definitions in Python: module-level dicts with "model" and "instructions" keys
// (`SUPPORT_ASSISTANT = {"model": …, "instructions": …, "tools": […]}`), the shape teams keep in an
// assistants.py and the one the thread rewrites read (`SUPPORT_ASSISTANT["model"]`). A rewrite uses the
// one the assistant id names, in this file or imported from another file of the workspace, or a stub.
import * as path from "node:path";
import type { TextEdit, WorkspaceDefinition } from "../../types";
import { DEFINITION_STUB_MARKER, nameWords } from "../../typescript/fixes/assistantDefinition";
import { parsePython, type PyNode } from "../parser";
import { field, forEachDescendant, namedChildren, SourceText, stringValue } from "../syntax";
import { freshName, insertAfterImports, lineEndingOf } from "./nodes";

function isDefinitionDict(value: PyNode | undefined, source: SourceText): boolean {
  if (value?.type !== "dictionary") return false;
  const keys = new Set(namedChildren(value).filter((pair) => pair.type === "pair").map((pair) => stringValue(field(pair, "key"), source)));
  return keys.has("model") && keys.has("instructions");
}

/** Names of the module-level definition dicts of a parsed file. */
export function moduleDefinitions(root: PyNode, source: SourceText): string[] {
  const names: string[] = [];
  for (const statement of namedChildren(root)) {
    const assignment = statement.type === "expression_statement" ? namedChildren(statement)[0] : undefined;
    const target = assignment?.type === "assignment" ? field(assignment, "left") : undefined;
    if (target?.type === "identifier" && isDefinitionDict(field(assignment, "right"), source)) names.push(source.of(target));
  }
  return names;
}

/** The definitions a Python file offers other files; none while the parser is not loaded. */
export function findPythonAssistantDefinitions(text: string): string[] {
  if (!text.includes("instructions")) return [];
  const parsed = parsePython(text);
  return parsed ? moduleDefinitions(parsed.root, new SourceText(text)) : [];
}

export interface PythonDefinitionChoice {
  name: string;
  /** `from pkg.assistants import NAME`, when it is imported. */
  importLine?: string;
  /** The stub's lines, when there is no definition to use. */
  stubLines?: string[];
}

/** `from pkg.assistants import NAME`, or undefined when the file could not import it as it stands. */
function importLine(definition: WorkspaceDefinition, fileName: string, text: string): string | undefined {
  const relative = path.relative(path.dirname(fileName), definition.fileName).replace(/\.pyi?$/, "").split(path.sep);
  const usesRelativeImports = /^from\s+\.+\w/m.test(text);
  const ups = relative.filter((part) => part === "..").length;
  const parts = relative.filter((part) => part !== "..");
  if (!parts.every((part) => /^[A-Za-z_]\w*$/.test(part))) return undefined;
  if (usesRelativeImports) return `from ${".".repeat(ups + 1)}${parts.join(".")} import ${definition.name}`;
  return ups === 0 ? `from ${parts.join(".")} import ${definition.name}` : undefined;
}

export class PythonDefinitionFinder {
  private readonly local: string[];

  constructor(
    private readonly root: PyNode,
    private readonly text: string,
    private readonly fileName: string,
    private readonly workspace: readonly WorkspaceDefinition[],
  ) {
    this.local = moduleDefinitions(root, new SourceText(text));
  }

  private imported(): PythonDefinitionChoice[] {
    const others = this.workspace.filter((definition) => /\.pyi?$/.test(definition.fileName) && path.resolve(definition.fileName) !== path.resolve(this.fileName));
    return others.flatMap((definition) => {
      const line = importLine(definition, this.fileName, this.text);
      return line ? [{ name: definition.name, importLine: line }] : [];
    });
  }

  /** The definition an assistant id names (by its words), the only one there is, or a stub. */
  choose(idText: string | undefined): PythonDefinitionChoice {
    // `os.environ["SUPPORT_ASSISTANT_ID"]` names the assistant by its key, not by `os.environ`.
    const key = idText && (/["']([^"']+)["']/.exec(idText)?.[1] ?? idText);
    const wanted = key ? nameWords(key) : "";
    const pick = (candidates: PythonDefinitionChoice[]) => {
      const matches = wanted ? candidates.filter((candidate) => nameWords(candidate.name) === wanted) : [];
      return matches.length === 1 ? matches[0] : candidates.length === 1 ? candidates[0] : undefined;
    };
    return pick(this.local.map((name) => ({ name }))) ?? pick(this.imported()) ?? this.stub(idText);
  }

  /** Every definition the file can reach, for `assistants.list()`; a stub when there is none. */
  all(): PythonDefinitionChoice[] {
    const choices: PythonDefinitionChoice[] = this.local.map((name) => ({ name }));
    for (const imported of this.imported()) if (!choices.some((choice) => choice.name === imported.name)) choices.push(imported);
    return choices.length > 0 ? choices : [this.stub(undefined)];
  }

  private stub(idText: string | undefined): PythonDefinitionChoice {
    const name = freshName(this.text, "ASSISTANT");
    const named = idText ? ` (assistant ${idText.replace(/\s+/g, " ")})` : "";
    // Typed as `dict[str, object]` so an update may add tools of any shape.
    return { name, stubLines: [`# ${DEFINITION_STUB_MARKER}${named}: its model, instructions and tools`, `${name}: dict[str, object] = {"model": "gpt-4o", "instructions": "", "tools": []}`] };
  }

  /** One edit after the imports with every line the choices need: imports first, then a stub. */
  headerEdit(choices: readonly PythonDefinitionChoice[], extraImports: readonly string[]): TextEdit | undefined {
    const imports = [...new Set([...extraImports, ...choices.flatMap((choice) => (choice.importLine ? [choice.importLine] : []))])];
    const stub = choices.find((choice) => choice.stubLines)?.stubLines;
    const lines = [...imports, ...(stub ? ["", ...stub] : [])];
    return lines.length > 0 ? insertAfterImports(this.root, this.text, lines.join(lineEndingOf(this.text))) : undefined;
  }
}

/**
 * How a rewritten request reads the model, instructions and tools of `name`, an assistant the
 * `beta.assistants.*` fixes turned into `SimpleNamespace(**SUPPORT, id=…)` (read through the dict
 * `SUPPORT["model"]`) or `SimpleNamespace(model=…, instructions=…)` (read as `name.model`). For the
 * thread rewrites, so that `assistant_id=assistant.id` keeps naming the same definition; undefined when
 * `name` is bound to anything else.
 */
export function assistantFieldsOf(root: PyNode, source: SourceText, name: string, scope: PyNode = root): { model: string; instructions: string; tools?: string } | undefined {
  let value: PyNode | undefined;
  forEachDescendant(scope, (node) => {
    if (node.type === "assignment" && field(node, "left") && source.of(field(node, "left")!) === name) value = field(node, "right");
  });
  if (value?.type !== "call" || source.of(field(value, "function")!) !== "SimpleNamespace") return undefined;
  const args = namedChildren(field(value, "arguments")!);
  const spread = args.find((arg) => arg.type === "dictionary_splat");
  const spreadName = spread && namedChildren(spread)[0];
  if (spreadName?.type === "identifier" && moduleDefinitions(root, source).includes(source.of(spreadName))) {
    const dict = source.of(spreadName);
    return { model: `${dict}["model"]`, instructions: `${dict}["instructions"]`, tools: `${dict}.get("tools", [])` };
  }
  const keywords = new Set(args.filter((arg) => arg.type === "keyword_argument").map((arg) => source.of(field(arg, "name")!)));
  if (!keywords.has("model") || !keywords.has("instructions")) return undefined;
  return { model: `${name}.model`, instructions: `${name}.instructions`, tools: keywords.has("tools") ? `${name}.tools` : undefined };
}
