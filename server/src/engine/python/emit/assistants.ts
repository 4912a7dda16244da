// `beta.assistants.*` rendered as Python, by the decisions in ../../assistantObjects.ts. Code reads an
// assistant by attribute (`assistant.id`, `assistant.name`), so the value it gets is a
// `types.SimpleNamespace` over the in-repo definition dict:
//
//   assistant = client.beta.assistants.create(name=…, model=…, …)   -> SimpleNamespace(name=…, model=…, …)
//   client.beta.assistants.retrieve(assistant_id)                  -> SimpleNamespace(**SUPPORT, id=assistant_id)
//   client.beta.assistants.update(assistant_id, instructions=x)    -> SUPPORT.update(instructions=x)      + TODO
//       (as a value)                                                -> SimpleNamespace(**{**SUPPORT, "instructions": x}, id=assistant_id)
//   client.beta.assistants.list(…).data / iterated                  -> [SimpleNamespace(**SUPPORT, id="SUPPORT")]
//   page = client.beta.assistants.list(…)  (read as page.data)      -> SimpleNamespace(data=[…])
//   client.beta.assistants.delete(assistant_id)                    -> (removed)                           + TODO
//
// `await` goes with the call (the value is there at once). Unsafe: the definition may not be the
// assistant the id named.
import type { Finding, Fix, TextEdit } from "../../types";
import { ASSISTANTS_TODOS, DEFINITION_KEYS, assistantsMethodOf, type AssistantsMethod } from "../../assistantObjects";
import { attributeName, callArguments, enclosingFunction, field, forEachDescendant, namedChildren, type PyNode } from "../syntax";
import { PythonDefinitionFinder, type PythonDefinitionChoice } from "./assistantDefinitions";
import { responsesTools } from "./assistantTools";
import type { PythonFixContext } from "./index";
import { indentationAt, lineEndingOf, lineStartOf, nodeAt } from "./nodes";

const TODO = "TODO(responses-migrate):";
const NAMESPACE_IMPORT = "from types import SimpleNamespace";
const FILE_SEARCH_TODO = "file search reads vector stores now: put the assistant's files in one (client.vector_stores.create(file_ids=[…])) and list its id in vector_store_ids, then delete this line.";

interface Rendered {
  /** Replaces the call (with its `await`). */
  value?: string;
  /** Replaces only the callee (the arguments stay as written), with keyword arguments added after them. */
  callee?: string;
  addedKeywords?: string[];
  /** Replaces `call.data` (a page read at once) instead of the call. */
  replacesDataRead?: boolean;
  /** Replaces the whole statement instead. */
  statement?: string;
  todo?: string;
  definitions: PythonDefinitionChoice[];
}

const RESOURCES_TODO = (resources: string) =>
  `the tools' resources (${resources}) are not carried over: Responses tools take them inline (file_search: "vector_store_ids", code_interpreter: "container": {"type": "auto", "file_ids": …}) and function tools are flat; reshape the tools, then delete this line.`;

class AssistantsEmitter {
  readonly finder: PythonDefinitionFinder;
  /** Set by definitionKeywords when tool resources could not be folded into the tools. */
  private resourcesTodo: string | undefined;

  constructor(
    private readonly context: PythonFixContext,
    fileName: string,
  ) {
    this.finder = new PythonDefinitionFinder(context.parsed.root, context.text, fileName, context.settings.workspaceDefinitions);
  }

  private of(node: PyNode): string {
    return this.context.parsed.source.of(node);
  }

  /** The assistant id: the first positional argument or `assistant_id=`. */
  private idArgument(call: PyNode): string | undefined {
    const { positional, keywords } = callArguments(call, this.context.parsed.source);
    const keyword = keywords.get("assistant_id");
    return positional[0] ? this.of(positional[0]) : keyword && this.of(field(keyword, "value")!);
  }

  /**
   * The keyword arguments a definition keeps, as name -> value text, with `tools` in their Responses
   * shapes and `tool_resources` folded into them; undefined when one has no counterpart.
   */
  private definitionKeywords(call: PyNode, allowed: (name: string) => boolean): Map<string, string> | undefined {
    const source = this.context.parsed.source;
    const { keywords, splats, positional } = callArguments(call, source);
    if (splats.length > 0 || positional.length > 1) return undefined;
    const kept = new Map<string, string>();
    for (const [name, argument] of keywords) {
      if (name === "assistant_id" || name === "timeout" || name === "tool_resources" || name === "file_ids") continue;
      if (!allowed(name)) return undefined;
      kept.set(name, this.of(field(argument, "value")!));
    }
    const value = (name: string) => keywords.get(name) && field(keywords.get(name)!, "value");
    if (keywords.has("tool_resources") && keywords.has("file_ids")) return undefined;
    const resources = value("tool_resources") ?? value("file_ids");
    if (keywords.has("tools") || resources) {
      // A tool list held in a name bound once to a literal (`TOOLS = [{"type": "retrieval"}]`) is read there.
      let written = value("tools");
      const bound = written?.type === "identifier" ? this.context.parsed.bindings.valuesOf(written) : [];
      if (bound.length === 1 && bound[0].type === "list" && responsesTools(bound[0], resources, source) !== source.of(bound[0])) written = bound[0];
      let tools = responsesTools(written, resources, source);
      // Tools and resources both held in names (`tools=self.tools, tool_resources=self.resources`): the
      // tools carry over as written, and a TODO says to fold the resources into them by hand.
      if (tools === undefined && written && written.type !== "list" && resources && resources.type !== "dictionary" && resources.type !== "list") {
        tools = source.of(written);
        this.resourcesTodo = RESOURCES_TODO(source.of(resources));
      }
      if (tools === undefined || !keywords.has("tools")) return undefined;
      kept.set("tools", tools);
    }
    return kept;
  }

  render(method: AssistantsMethod, call: PyNode, isStatement: boolean, assigned: PyNode | undefined): Rendered | undefined {
    if (method === "create") {
      const kept = this.definitionKeywords(call, (name) => DEFINITION_KEYS.has(name));
      if (!kept || !kept.has("model") || callArguments(call, this.context.parsed.source).positional.length > 0) return undefined;
      const added: string[] = [];
      if (!kept.has("instructions")) added.push('instructions=""');
      // Reads of `.id` keep working: the definition's id is its name in the repo.
      if (assigned && this.readsAttribute(assigned, "id")) added.push(`id=${kept.get("name") ?? JSON.stringify(this.of(assigned))}`);
      const written = callArguments(call, this.context.parsed.source).keywords;
      const toolsAsWritten = written.get("tools");
      const unchanged = !written.has("tool_resources") && !written.has("file_ids") && (!toolsAsWritten || this.of(field(toolsAsWritten, "value")!) === kept.get("tools"));
      // Arguments as written where they carry over; the whole call when the tools changed shape.
      if (unchanged) return { callee: "SimpleNamespace", addedKeywords: added, definitions: [] };
      // File search reads vector stores; ids are never made up, so the one without any says what to do.
      const todo = this.resourcesTodo ?? (/"vector_store_ids": \[\]/.test(kept.get("tools") ?? "") ? FILE_SEARCH_TODO : undefined);
      return { value: this.callText("SimpleNamespace", [...[...kept].map(([name, text]) => `${name}=${text}`), ...added], call), definitions: [], todo };
    }
    if (method === "list") {
      const definitions = this.finder.all();
      const list = `[${definitions.map((definition) => `SimpleNamespace(**${definition.name}, id=${JSON.stringify(definition.name)})`).join(", ")}]`;
      const readAtOnce = attributeName(call.parent?.type === "attribute" ? call.parent : undefined, this.context.parsed.source) === "data";
      if (readAtOnce) return { value: list, replacesDataRead: true, definitions };
      const asPage = assigned ? this.readsAttribute(assigned, "data") : call.parent?.type !== "for_statement";
      return { value: asPage ? `SimpleNamespace(data=${list})` : list, definitions };
    }
    const id = this.idArgument(call);
    if (!id) return undefined;
    if (method === "delete") {
      const todo = ASSISTANTS_TODOS.dropped!;
      return isStatement ? { statement: "", todo, definitions: [] } : { value: `SimpleNamespace(id=${id}, deleted=True)`, todo, definitions: [] };
    }
    const definition = this.finder.choose(id);
    if (method === "retrieve") return { value: `SimpleNamespace(**${definition.name}, id=${id})`, definitions: [definition] };
    const patch = this.definitionKeywords(call, (name) => DEFINITION_KEYS.has(name));
    const { keywords } = callArguments(call, this.context.parsed.source);
    const resources = keywords.get("tool_resources") ?? keywords.get("file_ids");
    const onlyResources = [...keywords.keys()].every((name) => ["assistant_id", "timeout", "tool_resources", "file_ids"].includes(name));
    if (onlyResources && resources && (isStatement || (assigned && !this.readLater(assigned)))) {
      // Only the tools' resources change: they belong in the definition's tools now, which a human edits.
      const written = this.of(field(resources, "value")!).replace(/\s+/g, " ");
      return { statement: "", todo: `file search and the code interpreter take their resources inline now: put ${written} into the tools of the assistant's in-repo definition (file_search: "vector_store_ids", code_interpreter: "container"), then delete this line.`, definitions: [] };
    }
    if (!patch || patch.size === 0) return undefined;
    const todo = this.resourcesTodo ? `${ASSISTANTS_TODOS["patched-definition"]!} Also: ${this.resourcesTodo}` : ASSISTANTS_TODOS["patched-definition"]!;
    if (isStatement) return { statement: `${definition.name}.update(${[...patch].map(([name, value]) => `${name}=${value}`).join(", ")})`, todo, definitions: [definition] };
    const merged = `{**${definition.name}, ${[...patch].map(([name, value]) => `${JSON.stringify(name)}: ${value}`).join(", ")}}`;
    return { value: `SimpleNamespace(**${merged}, id=${id})`, todo, definitions: [definition] };
  }

  /** The name is read after the assignment, in its function (or the module). */
  private readLater(assigned: PyNode): boolean {
    const name = this.of(assigned);
    const after = assigned.parent?.end ?? assigned.end;
    let read = false;
    forEachDescendant(enclosingFunction(assigned) ?? this.context.parsed.root, (node) => {
      if (!read && node.type === "identifier" && node.start > after && node.field !== "attribute" && this.of(node) === name) read = true;
      return !read;
    });
    return read;
  }

  /** `callee(arguments)`, one argument a line when the call had its arguments on lines of their own. */
  private callText(callee: string, args: readonly string[], call: PyNode): string {
    const first = namedChildren(field(call, "arguments")!)[0];
    const argumentIndent = first && indentationAt(this.context.text, first.start);
    if (argumentIndent === undefined) return `${callee}(${args.join(", ")})`;
    const eol = lineEndingOf(this.context.text);
    const closing = this.context.text.slice(lineStartOf(this.context.text, call.start)).match(/^[ \t]*/)![0];
    return `${callee}(${eol}${args.map((arg) => `${argumentIndent}${arg},${eol}`).join("")}${closing})`;
  }

  /** `name.attribute` is read somewhere in the scope that assigns `name`. */
  private readsAttribute(assigned: PyNode, attribute: string): boolean {
    const name = this.of(assigned);
    const scope = assigned.type === "identifier" ? (enclosingFunction(assigned) ?? this.context.parsed.root) : this.context.parsed.root;
    let found = false;
    forEachDescendant(scope, (node) => {
      if (!found && node.type === "attribute" && attributeName(node, this.context.parsed.source) === attribute && this.of(field(node, "object")!) === name) found = true;
      return !found;
    });
    return found;
  }
}

/** The call's value (`await call` or the call) and the statement holding it. */
function placeOf(call: PyNode): { value: PyNode; statement: PyNode; assigned?: PyNode } {
  const value = call.parent?.type === "await" ? call.parent : call;
  let statement = value;
  while (statement.parent && statement.parent.type !== "block" && statement.parent.type !== "module") statement = statement.parent;
  if (statement.type !== "expression_statement") return { value, statement };
  const inner = namedChildren(statement)[0];
  const assigned = inner?.type === "assignment" && field(inner, "right") === value ? field(inner, "left") : undefined;
  return { value, statement, assigned };
}

export function assistantsObjectFixes(finding: Finding, context: PythonFixContext): Fix[] {
  if (!finding.message.startsWith("`beta.assistants.")) return [];
  const callee = nodeAt(context.parsed.root, finding.range);
  const call = callee?.parent?.type === "call" && field(callee.parent, "function") === callee ? callee.parent : undefined;
  const method = call && assistantsMethodOf(attributeName(callee, context.parsed.source) ?? "");
  if (!call || !method) return [];
  const place = placeOf(call);
  const isStatement = place.statement.type === "expression_statement" && namedChildren(place.statement)[0] === place.value;
  const emitter = new AssistantsEmitter(context, context.fileName ?? "file.py");
  const rendered = emitter.render(method, call, isStatement, place.assigned);
  if (!rendered) return [];
  const { text } = context;
  const eol = lineEndingOf(text);
  const edits: TextEdit[] = [];
  const indent = indentationAt(text, place.statement.start) ?? "";
  const todoLine = rendered.todo ? `# ${TODO} ${rendered.todo}` : undefined;
  if (rendered.statement !== undefined) {
    // A deleted statement leaves its TODO; `pass` keeps a block that had nothing else.
    const alone = place.statement.parent?.type === "block" && namedChildren(place.statement.parent).length === 1;
    const replacement = rendered.statement || (alone ? `pass  # ${TODO} ${rendered.todo}` : todoLine!);
    const withTodo = rendered.statement && todoLine ? `${todoLine}${eol}${indent}${replacement}` : replacement;
    edits.push({ range: { start: place.statement.start, end: place.statement.end }, newText: withTodo });
  } else if (rendered.callee !== undefined) {
    if (place.value !== call) edits.push({ range: { start: place.value.start, end: call.start }, newText: "" });
    edits.push({ range: { start: callee!.start, end: callee!.end }, newText: rendered.callee });
    const args = namedChildren(field(call, "arguments")!);
    const last = args[args.length - 1];
    // One argument a line stays one argument a line.
    const argumentIndent = last && indentationAt(text, last.start);
    const separator = argumentIndent !== undefined ? `,${eol}${argumentIndent}` : ", ";
    if (rendered.addedKeywords?.length && last) edits.push({ range: { start: last.end, end: last.end }, newText: rendered.addedKeywords.map((keyword) => `${separator}${keyword}`).join("") });
  } else {
    const replaced = rendered.replacesDataRead ? call.parent! : place.value;
    edits.push({ range: { start: replaced.start, end: replaced.end }, newText: rendered.value! });
    if (todoLine && indentationAt(text, place.statement.start) !== undefined) {
      const at = lineStartOf(text, place.statement.start) + indent.length;
      edits.push({ range: { start: at, end: at }, newText: `${todoLine}${eol}${indent}` });
    }
  }
  const usesNamespace = (rendered.callee ?? rendered.value ?? "").includes("SimpleNamespace") && !/^from\s+types\s+import\s+.*\bSimpleNamespace\b/m.test(text);
  const header = emitter.finder.headerEdit(rendered.definitions, usesNamespace ? [NAMESPACE_IMPORT] : []);
  if (header) edits.push(header);
  const titles: Record<AssistantsMethod, string> = {
    create: "Rewrite to an in-repo assistant definition",
    retrieve: "Use the in-repo assistant definition",
    update: "Apply the update to the in-repo assistant definition",
    list: "List the in-repo assistant definitions",
    delete: "Drop the assistant deletion (definitions live in the repo)",
  };
  return [{ title: titles[method], edits, safe: false, preferred: true }];
}
