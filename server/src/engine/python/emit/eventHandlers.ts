/**
 * `class Handler(AssistantEventHandler)` rendered for a Responses stream.
 *
 * Design: the class stays (its state, `__init__`, helper methods and every line of its callbacks are
 * the user's code), minus the `AssistantEventHandler` base, and the stream rewrite (../migration/
 * streams.ts) writes the loop that drives it: each Responses event the SDK's `ResponseStream` yields
 * (openai/lib/streaming/responses/_responses.py, verified against openai 3.3.1) calls the callback the
 * Assistants stream would have called for it. Inlining the callbacks into the loop would lose `self`
 * and break handlers that keep state (`self.reply += delta.value`), so it is not done.
 *
 *   on_text_created(text)          <- response.content_part.added, part.type "output_text": event.part.text
 *   on_text_delta(delta, snapshot) <- response.output_text.delta: event.delta, event.snapshot (accumulated)
 *   on_text_done(text)             <- response.output_text.done: event.text
 *   on_message_delta(delta, snapshot) <- response.output_text.delta, read as delta.content[0].text.value
 *   on_message_done(message)       <- response.output_item.done, item.type "message": its output_text joined
 *   on_tool_call_created(tool_call) / on_tool_call_done(tool_call)
 *                                  <- response.output_item.added / .done of a function, code interpreter
 *                                     or file search call: event.item
 *   on_exception(exception)        <- `except Exception` around the loop, then re-raised (as the SDK did)
 *   on_end()                       <- `finally` after the loop (as the SDK did)
 *
 * The payloads are plain strings (or the output item) where the Assistants ones were objects, so each
 * parameter's reads are rewritten with it: `delta.value` -> `delta`, `message.content[0].text.value`
 * -> `message`, `tool_call.type` -> `tool_call.type.removesuffix("_call")` ("function",
 * "code_interpreter", "file_search" as before). Any other read of a parameter (`delta.annotations`,
 * passing it on, an annotation naming an Assistants type), any other callback (`on_event`,
 * `on_tool_call_delta`, `on_run_step_*`, `on_message_created`, `on_image_file_done`, `on_timeout`), or a
 * use of the base class's members (`self.current_run`, `self.submit_tool_outputs`…) has no exact
 * Responses counterpart, and the stream is not rewritten. The class must be constructed only once in
 * the file, by this stream, so no other stream is left with a handler that lost its base.
 */
import type { TextEdit, TextRange } from "../../types";
import type { ParsedPython } from "../extract";
import { accessChain, attributeName, field, forEachDescendant, isAsyncFunction, namedChildren, rangeOf, type PyNode } from "../syntax";
import { splitCodeInterpreterDelta } from "./codeInterpreterDeltas";
import { insertAfterImports, lineEndingOf, lineStartOf } from "./nodes";
import { eventReadEdits, type EventReads } from "../migration/eventReads";
import { PythonCallReader } from "../migration/pythonCalls";
import { conversationIdOf, fieldReadsOf, runReadEdits } from "../migration/runReads";
import type { FieldRead } from "../../migration/model";

/** How the reads of one callback parameter map: chain (after the name) -> the new text, `$` the name. */
type ParameterReads = Readonly<Record<string, string>> | null;

interface Callback {
  /** The event test, `$` the loop's event name. */
  condition: string;
  /** The arguments passed, `$` the loop's event name. */
  args: readonly string[];
  reads: readonly ParameterReads[];
}

const TOOL_ITEMS = '("function_call", "code_interpreter_call", "file_search_call")';
const TOOL_CALL_READS = { type: '$.type.removesuffix("_call")' };

const CALLBACKS: Readonly<Record<string, Callback>> = {
  on_text_created: { condition: '$.type == "response.content_part.added" and $.part.type == "output_text"', args: ["$.part.text"], reads: [{ value: "$" }] },
  on_text_delta: { condition: '$.type == "response.output_text.delta"', args: ["$.delta", "$.snapshot"], reads: [{ value: "$" }, { value: "$" }] },
  on_text_done: { condition: '$.type == "response.output_text.done"', args: ["$.text"], reads: [{ value: "$" }] },
  on_message_delta: { condition: '$.type == "response.output_text.delta"', args: ["$.delta", "$.snapshot"], reads: [{ "content[0].text.value": "$" }, { "content[0].text.value": "$" }] },
  on_message_done: {
    condition: '$.type == "response.output_item.done" and $.item.type == "message"',
    args: ['"".join(part.text for part in $.item.content if part.type == "output_text")'],
    reads: [{ "content[0].text.value": "$" }],
  },
  on_tool_call_created: { condition: `$.type == "response.output_item.added" and $.item.type in ${TOOL_ITEMS}`, args: ["$.item"], reads: [TOOL_CALL_READS] },
  on_tool_call_done: { condition: `$.type == "response.output_item.done" and $.item.type in ${TOOL_ITEMS}`, args: ["$.item"], reads: [TOOL_CALL_READS] },
};

/** The quote the file's strings mostly use, for the strings a rewrite writes. */
export function preferredQuote(parsed: ParsedPython): string {
  let single = 0;
  let double = 0;
  forEachDescendant(parsed.root, (node) => {
    if (node.type !== "string") return;
    const opening = /^[a-zA-Z]*(['"])/.exec(parsed.source.of(node))?.[1];
    if (opening === "'") single++;
    else if (opening === '"') double++;
    return false;
  });
  return single > double ? "'" : '"';
}

/** A template written with `"` in `quote`. */
export function requote(template: string, quote: string): string {
  return quote === '"' ? template : template.replace(/"/g, quote);
}

/** The quote a string written at `node` may use: the other one inside an f-string (before Python 3.12). */
function quoteAt(node: PyNode, parsed: ParsedPython, fallback: string): string {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === "string") return parsed.source.of(current).replace(/^[a-zA-Z]*/, "").startsWith('"') ? "'" : '"';
  }
  return fallback;
}

/** AssistantEventHandler members a subclass may reach through `self`; none exists without the base. */
const BASE_MEMBERS = /^(current_event|current_run|current_run_step_snapshot|current_message_snapshot|text_deltas|until_done|get_final_run|get_final_messages|get_final_run_steps|submit_tool_outputs|close|_[a-z_]+)$/;

export interface HandlerClass {
  /** Edits to the class (and its import). */
  edits: TextEdit[];
  /** The callbacks the loop calls, in the order of the table. */
  callbacks: Array<{ name: string; condition: string; args: readonly string[]; awaited: boolean }>;
  onException?: { awaited: boolean };
  /** `on_event(event)`: called with every event, before the callbacks of that event. */
  onEvent?: { awaited: boolean };
  /** `submit_tool_outputs_stream(…)` calls in the class, streaming to a new instance of it: the stream rewrite renders them. */
  innerStreams: PyNode[];
  /** The class reads `self.current_run`: the loop sets it to the response its events belong to, and the class declares it. */
  tracksCurrentRun: boolean;
  onEnd?: { awaited: boolean };
}

/** The class a handler expression constructs: `Handler()`, `self.Handler()`, or a name bound once to one. */
export function constructedClass(value: PyNode, scope: PyNode, parsed: ParsedPython): { className: string; construction: PyNode } | undefined {
  const text = (node: PyNode) => parsed.source.of(node);
  let construction = value;
  if (value.type === "identifier") {
    const assignments: PyNode[] = [];
    forEachDescendant(scope, (node) => {
      if (node.type === "assignment" && field(node, "left")?.type === "identifier" && text(field(node, "left")!) === text(value)) assignments.push(node);
    });
    if (assignments.length !== 1 || assignments[0].start > value.start) return undefined;
    construction = field(assignments[0], "right")!;
  }
  if (construction.type !== "call") return undefined;
  const callee = field(construction, "function")!;
  const className = callee.type === "identifier" ? text(callee) : callee.type === "attribute" && text(field(callee, "object")!) === "self" ? attributeName(callee, parsed.source) : undefined;
  return className ? { className, construction } : undefined;
}

/** The rewrite of the handler class `className`, or why it cannot be rewritten. */
export function renderHandlerClass(className: string, parsed: ParsedPython, text: string): HandlerClass | { reason: string } {
  const of = (node: PyNode) => parsed.source.of(node);
  const classes: PyNode[] = [];
  let references = 0;
  forEachDescendant(parsed.root, (node) => {
    if (node.type === "class_definition" && of(field(node, "name")!) === className) classes.push(node);
    else if (node.type === "identifier" && of(node) === className && node.field !== "name") references++;
  });
  if (classes.length !== 1) return { reason: `the handler class \`${className}\` is not defined once in this file` };
  const definition = classes[0];
  // Tool outputs streamed back from the handler itself, to a new instance of it: rendered with it (../migration/streams.ts).
  const innerStreams: PyNode[] = [];
  forEachDescendant(field(definition, "body")!, (node) => {
    if (node.type === "call" && attributeName(field(node, "function"), parsed.source) === "submit_tool_outputs_stream" && /\bbeta\s*\.\s*threads\s*\.\s*runs\s*\.\s*submit_tool_outputs_stream$/.test(of(field(node, "function")!))) innerStreams.push(node);
  });
  let innerConstructions = 0;
  for (const inner of innerStreams) forEachDescendant(inner, (node) => void (node.type === "identifier" && of(node) === className && innerConstructions++));
  if (references - innerConstructions !== 1) return { reason: `the handler class \`${className}\` is used by more than this stream` };
  const superclasses = field(definition, "superclasses");
  const bases = superclasses ? namedChildren(superclasses) : [];
  const base = bases.find((node) => /(^|\.)AssistantEventHandler$/.test(of(node)));
  if (!base || !superclasses) return { reason: `\`${className}\` does not subclass AssistantEventHandler` };

  const edits: TextEdit[] = [];
  // `class Handler(AssistantEventHandler):` -> `class Handler:`; another base stays.
  if (bases.length === 1) edits.push({ range: rangeOf(superclasses), newText: "" });
  else edits.push(removeListItem(base, bases));

  const quote = preferredQuote(parsed);
  const result: HandlerClass = { edits, callbacks: [], innerStreams, tracksCurrentRun: false };
  const reader = new PythonCallReader(parsed, text);
  const ownMethods = new Set(
    namedChildren(field(definition, "body")!)
      .map((statement) => (statement.type === "decorated_definition" ? field(statement, "definition") : statement))
      .filter((statement): statement is PyNode => statement?.type === "function_definition")
      .map((method) => of(field(method, "name")!)),
  );
  let refusal: string | undefined;
  const currentRunReads: FieldRead[] = [];
  forEachDescendant(field(definition, "body")!, (node) => {
    if (refusal) return false;
    const member = node.type === "attribute" && of(field(node, "object")!) === "self" ? attributeName(node, parsed.source) : undefined;
    if (member === "current_run") {
      // The response the stream's events belong to: the stream loop keeps it on the handler.
      result.tracksCurrentRun = true;
      const read = node.parent?.type === "attribute" && field(node.parent, "object") === node ? node.parent : undefined;
      if (!read) refusal = `the handler uses \`${of(node)}\` whole, and it is a Response now`;
      else if (!innerStreams.some((inner) => read.start >= inner.start && read.end <= inner.end)) currentRunReads.push({ field: attributeName(read, parsed.source)!, range: rangeOf(read) });
    } else if (member && !ownMethods.has(member) && BASE_MEMBERS.test(member)) {
      refusal = `the handler uses \`${of(node)}\`, a member of AssistantEventHandler`;
    }
    return node.type !== "class_definition";
  });
  if (refusal) return { reason: refusal };
  const currentRun = runReadEdits(currentRunReads, reader, { response: "self.current_run", conversation: conversationIdOf("self.current_run"), toolLoop: false });
  if (typeof currentRun === "string") return { reason: `\`self.current_run\`: ${currentRun}` };
  edits.push(...currentRun);

  let bareOverrides = 0;
  const responsesHandedOn: EventReads["responsesHandedOn"] = [];
  for (const statement of namedChildren(field(definition, "body")!)) {
    const method = statement.type === "decorated_definition" ? field(statement, "definition") : statement;
    if (method?.type !== "function_definition") continue;
    const name = of(field(method, "name")!);
    if (!name.startsWith("on_")) continue;
    const awaited = isAsyncFunction(method);
    const parameters = namedChildren(field(method, "parameters")!).slice(1);
    if (statement.type === "decorated_definition") {
      // `@override` has no base method to override any more (pyright reports it).
      for (const decorator of namedChildren(statement).filter((child) => child.type === "decorator")) {
        const spelled = of(decorator);
        if (!/^@\s*(typing(_extensions)?\.)?override$/.test(spelled)) continue;
        edits.push({ range: wholeLine(decorator, text), newText: "" });
        if (/^@\s*override$/.test(spelled)) bareOverrides++;
      }
    }
    if (name === "on_end" || name === "on_exception") {
      if (parameters.length !== (name === "on_end" ? 0 : 1) || parameters.some((parameter) => parameter.type !== "identifier")) return { reason: `\`${name}\` takes other parameters than the SDK passed` };
      result[name === "on_end" ? "onEnd" : "onException"] = { awaited };
      continue;
    }
    if (name === "on_tool_call_delta") {
      const split = splitCodeInterpreterDelta(method, statement, parsed, text);
      if ("reason" in split) return split;
      // The decorator lines go with the method the split replaces.
      const outside = edits.filter((edit) => edit.range.end <= lineStartOf(text, statement.start) || edit.range.start >= statement.end);
      edits.splice(0, edits.length, ...outside, ...split.edits);
      result.callbacks.push(...split.callbacks.map((callback) => ({ ...callback, condition: requote(callback.condition, quote), args: callback.args.map((arg) => requote(arg, quote)) })));
      continue;
    }
    if (name === "on_event") {
      // Every event: its reads as ../migration/eventReads.ts renders them.
      if (parameters.length !== 1 || parameters[0].type !== "identifier") return { reason: "`on_event` takes other parameters than the SDK passed" };
      const reads = eventReadEdits(field(method, "body")!, of(parameters[0]), method, reader);
      if (typeof reads === "string") return { reason: `in \`on_event\`, ${reads}` };
      edits.push(...reads.edits);
      responsesHandedOn.push(...reads.responsesHandedOn);
      result.onEvent = { awaited };
      continue;
    }
    const callback = CALLBACKS[name];
    if (!callback) return { reason: `\`${name}\` has no Responses event that carries the same payload` };
    if (parameters.length !== callback.reads.length) return { reason: `\`${name}\` takes other parameters than the SDK passed` };
    for (const [index, parameter] of parameters.entries()) {
      if (parameter.type !== "identifier") return { reason: `\`${name}\`'s parameter \`${of(parameter)}\` is typed or defaulted with the Assistants payload in mind` };
      const reads = parameterReads(of(parameter), callback.reads[index], field(method, "body")!, parsed, quote);
      if ("reason" in reads) return { reason: `in \`${name}\`, ${reads.reason}` };
      edits.push(...reads.edits);
    }
    result.callbacks.push({ name, condition: requote(callback.condition, quote), args: callback.args.map((arg) => requote(arg, quote)), awaited });
  }
  const handedOn = responseParameterEdits(definition, responsesHandedOn, reader);
  if (typeof handedOn === "string") return { reason: handedOn };
  edits.push(...handedOn);
  const order = [...Object.keys(CALLBACKS), "on_code_interpreter_code_delta", "on_code_interpreter_call_done"];
  result.callbacks.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  edits.push(...unusedImportEdits(parsed, text), ...unusedOverrideImportEdits(parsed, text, bareOverrides));
  return result;
}

/**
 * The methods handed the response of a requires_action event (`self.handle(event.data)`, now
 * `event.response`): that parameter is a Response in the method, read as one (../migration/runReads.ts).
 * Every call of such a method must hand it one.
 */
function responseParameterEdits(definition: PyNode, handedOn: EventReads["responsesHandedOn"], reader: PythonCallReader): TextEdit[] | string {
  const edits: TextEdit[] = [];
  const of = (node: PyNode) => reader.of(node);
  for (const method of new Set(handedOn.map((handed) => handed.method))) {
    const positions = new Set(handedOn.filter((handed) => handed.method === method).map((handed) => handed.position));
    const calls = handedOn.filter((handed) => handed.method === method).length;
    let called = 0;
    forEachDescendant(field(definition, "body")!, (node) => {
      if (node.type === "attribute" && of(field(node, "object")!) === "self" && attributeName(node, reader.parsed.source) === method) called++;
    });
    const function_ = namedChildren(field(definition, "body")!)
      .map((statement) => (statement.type === "decorated_definition" ? field(statement, "definition") : statement))
      .find((statement) => statement?.type === "function_definition" && of(field(statement, "name")!) === method);
    if (!function_ || called !== calls || positions.size !== 1) return `\`self.${method}\` is reached other than with the response of a requires_action event`;
    const parameter = namedChildren(field(function_, "parameters")!)[1 + [...positions][0]];
    if (parameter?.type !== "identifier") return `\`${method}\`'s parameter for the response is typed or defaulted`;
    const name = of(parameter);
    const body = field(function_, "body")!;
    for (const use of reader.references(body, name, body.start)) {
      const parent = use.parent!;
      const read = parent.type === "attribute" && field(parent, "object") === use;
      const printed = parent.type === "argument_list" && of(field(parent.parent!, "function")!) === "print";
      if (!read && !printed) return `in \`${method}\`, \`${name}\` is used other than by its fields, and it is a Response now`;
    }
    const reads = runReadEdits(fieldReadsOf(name, body, body.start, reader), reader, { response: name, conversation: conversationIdOf(name), toolLoop: false });
    if (typeof reads === "string") return `in \`${method}\`, ${reads}`;
    edits.push(...reads);
  }
  return edits;
}

/** Rewrites each read of parameter `name` in `body` by `reads`; any other use refuses. */
function parameterReads(name: string, reads: ParameterReads, body: PyNode, parsed: ParsedPython, quote: string): { edits: TextEdit[] } | { reason: string } {
  const of = (node: PyNode) => parsed.source.of(node);
  const edits: TextEdit[] = [];
  let reason: string | undefined;
  forEachDescendant(body, (node) => {
    if (reason || node.type !== "identifier" || of(node) !== name || node.field === "attribute" || node.field === "name") return;
    const { chain, spelled } = accessChain(node, parsed);
    const matched = reads && Object.keys(reads).find((pattern) => spelled.includes(pattern));
    if (!matched) {
      reason = `\`${chain.length > 0 ? of(chain[chain.length - 1]) : name}\` has no counterpart on the Responses event`;
      return;
    }
    const link = chain[spelled.indexOf(matched)];
    edits.push({ range: rangeOf(link), newText: requote(reads![matched], quoteAt(link, parsed, quote)).replace(/\$/g, name) });
  });
  return reason ? { reason } : { edits };
}

/** `A, B` -> `B`, `A, B` -> `A`: a list item with its separating comma. */
export function removeListItem(item: PyNode, items: readonly PyNode[]): TextEdit {
  const index = items.indexOf(item);
  if (index < items.length - 1) return { range: { start: item.start, end: items[index + 1].start }, newText: "" };
  return { range: { start: items[index - 1].end, end: item.end }, newText: "" };
}

export function wholeLine(node: PyNode, text: string): TextRange {
  const newline = text.indexOf("\n", node.end);
  return { start: lineStartOf(text, node.start), end: newline === -1 ? text.length : newline + 1 };
}

/**
 * When the one use of `AssistantEventHandler` left is the one the stream rewrite removes (a base
 * class, or `event_handler=AssistantEventHandler()`), its import goes too.
 */
export function unusedImportEdits(parsed: ParsedPython, text: string): TextEdit[] {
  const edit = usesOutsideImports(parsed, "AssistantEventHandler") === 1 ? removeImportedName(parsed, text, ["openai", "openai.lib.streaming"], "AssistantEventHandler") : undefined;
  return edit ? [edit] : [];
}

/** How many identifiers spell `name` outside import statements. */
function usesOutsideImports(parsed: ParsedPython, name: string): number {
  let uses = 0;
  forEachDescendant(parsed.root, (node) => {
    if (node.type === "import_from_statement" || node.type === "import_statement") return false;
    if (node.type === "identifier" && parsed.source.of(node) === name) uses++;
  });
  return uses;
}

/**
 * When every use of `override` left is a `@override` the handler rewrite removes (`removed` of them),
 * `from typing_extensions import override` (or `typing`) goes too, as Ruff's unused-import fix would
 * have it. Not in a module that may re-export it (`__all__`).
 */
function unusedOverrideImportEdits(parsed: ParsedPython, text: string, removed: number): TextEdit[] {
  if (removed === 0 || /^__all__\s*[:=+]/m.test(text)) return [];
  const edit = usesOutsideImports(parsed, "override") === removed ? removeImportedName(parsed, text, ["typing", "typing_extensions"], "override") : undefined;
  return edit ? [edit] : [];
}

/** `from openai import OpenAI, AssistantEventHandler` loses the name (or the line, when it was the only one). */
function removeImportedName(parsed: ParsedPython, text: string, modules: readonly string[], name: string): TextEdit | undefined {
  let edit: TextEdit | undefined;
  for (const statement of namedChildren(parsed.root)) {
    if (statement.type !== "import_from_statement") continue;
    const module = parsed.source.of(field(statement, "module_name")!);
    if (!modules.includes(module)) continue;
    const names = statement.children.filter((child) => child.field === "name");
    const imported = names.find((item) => parsed.source.of(item) === name);
    if (!imported) continue;
    edit = names.length === 1 ? { range: wholeLine(statement, text), newText: "" } : removeListItem(imported, names);
  }
  return edit;
}

const RESPONSE_IMPORT = "from openai.types.responses import Response";

/**
 * `current_run: Response` at the top of the class body (after its docstring), with the import: the
 * loop sets it, and the class says so, as a type checker needs.
 */
export function currentRunDeclaration(className: string, parsed: ParsedPython, text: string): TextEdit[] | string {
  let definition: PyNode | undefined;
  forEachDescendant(parsed.root, (node) => {
    if (!definition && node.type === "class_definition" && parsed.source.of(field(node, "name")!) === className) definition = node;
  });
  const statements = definition ? namedChildren(field(definition, "body")!) : [];
  if (statements.length === 0) return `the handler class \`${className}\` cannot be found`;
  const imported = new RegExp(`^${RESPONSE_IMPORT}$`, "m").test(text);
  if (!imported && /\bResponse\b/.test(text)) return "the file names something else `Response`";
  const docstring = statements[0].type === "expression_statement" && namedChildren(statements[0])[0]?.type === "string";
  const before = docstring ? statements[1] : statements[0];
  const eol = lineEndingOf(text);
  const indent = text.slice(lineStartOf(text, statements[0].start), statements[0].start);
  const edits: TextEdit[] = [];
  // At the end of the line above, clear of the edits to the statement's own lines (a decorator removed).
  const lineEnd = before ? lineStartOf(text, before.start) - eol.length : -1;
  if (before && lineEnd > definition!.start) edits.push({ range: { start: lineEnd, end: lineEnd }, newText: `${eol}${indent}current_run: Response${eol}` });
  else if (before) return "the handler class's body shares its line";
  else edits.push({ range: { start: statements[0].end, end: statements[0].end }, newText: `${eol}${eol}${indent}current_run: Response` });
  if (!imported) edits.push(insertAfterImports(parsed.root, text, RESPONSE_IMPORT));
  return edits;
}
