// A run variable that now holds a Response: its reads in Response terms. Statuses map to Response
// statuses; `requires_action` means the output has `function_call` items (and, in a tool loop,
// `completed` means done only when it has none); `run.required_action.submit_tool_outputs.tool_calls`
// is those items, whose `id` / `function.name` / `function.arguments` are `call_id` / `name` /
// `arguments`; `last_error` is `error`, `thread_id` the conversation, usage tokens are input/output.
import type { FieldRead } from "../../migration/model";
import type { TextEdit } from "../../types";
import { lineEndingOf, nodeAt } from "../emit/nodes";
import { attributeName, enclosingFunction, enclosingStatement, field, forEachDescendant, namedChildren, stringValue, type PyNode } from "../syntax";
import type { PythonCallReader } from "./pythonCalls";

const SAME_FIELDS = new Set(["id", "status", "usage", "model", "metadata", "created_at", "instructions", "tools", "temperature", "top_p", "tool_choice", "parallel_tool_calls"]);
/** What turns a model (a Response, a page of items) into a dict or JSON. */
export const SERIALIZERS = new Set(["json", "dict", "to_dict", "to_json", "model_dump", "model_dump_json"]);
const SERIALIZED_TODO = "# TODO(responses-migrate): this serializes a Response now, not a run: its fields differ (output items, usage.input_tokens and output_tokens, conversation, no thread_id or assistant_id). Check the code that reads it.";
const USAGE_FIELDS: Record<string, string> = { prompt_tokens: "input_tokens", completion_tokens: "output_tokens", total_tokens: "total_tokens" };
const STATUSES: Record<string, string | null> = { queued: "queued", in_progress: "in_progress", completed: "completed", failed: "failed", cancelled: "cancelled", incomplete: "incomplete", expired: "incomplete", cancelling: "in_progress", requires_action: null };

export interface RunReadContext {
  /** The Response variable (the run's, renamed or not). */
  response: string;
  /** The conversation id expression `run.thread_id` becomes. */
  conversation: string;
  /** The thread submits tool outputs: `completed` then means "and no function calls left". */
  toolLoop: boolean;
}

/** The id of the conversation a Response belongs to, None when it belongs to none. */
export function conversationIdOf(response: string): string {
  return `(${response}.conversation.id if ${response}.conversation else None)`;
}

export function functionCallsOf(response: string): string {
  return `any(item.type == "function_call" for item in ${response}.output)`;
}

/**
 * `run.required_action.submit_tool_outputs.model_dump()`: the same dict, `{"tool_calls": [{"id", "type",
 * "function": {"name", "arguments"}}]}`, built from the response's function calls, so the code that
 * reads its keys needs no change.
 */
function dumpedToolCalls(parent: PyNode, reader: PythonCallReader, response: string): TextEdit | undefined {
  const dump = parent.parent;
  const call = dump?.parent;
  if (parent.type !== "attribute" || attributeName(parent, reader.parsed.source) !== "submit_tool_outputs" || dump?.type !== "attribute" || attributeName(dump, reader.parsed.source) !== "model_dump") return undefined;
  if (call?.type !== "call" || field(call, "function") !== dump || namedChildren(field(call, "arguments")!).length > 0) return undefined;
  const entry = `{"id": item.call_id, "type": "function", "function": {"name": item.name, "arguments": item.arguments}}`;
  return { range: { start: call.start, end: call.end }, newText: `{"tool_calls": [${entry} for item in ${response}.output if item.type == "function_call"]}` };
}

export function functionCallItems(response: string): string {
  return `[item for item in ${response}.output if item.type == "function_call"]`;
}

/** `name.field` reads after `from` in `scope`: a run the model did not start here (retrieved by id). */
export function fieldReadsOf(name: string, scope: PyNode, from: number, reader: PythonCallReader): FieldRead[] {
  const reads: FieldRead[] = [];
  for (const use of reader.references(scope, name, from)) {
    const access = use.parent!;
    // Reassigned: a later read is of the new value.
    if (access.type === "assignment" && field(access, "left") === use) break;
    if (access.type === "attribute" && field(access, "object") === use) reads.push({ field: attributeName(access, reader.parsed.source)!, range: { start: access.start, end: access.end } });
  }
  return reads;
}

export function runReadEdits(reads: readonly FieldRead[], reader: PythonCallReader, context: RunReadContext): TextEdit[] | string {
  const edits: TextEdit[] = [];
  const { response } = context;
  const todoStatements = new Set<PyNode>();
  for (const read of reads) {
    const node = nodeAt(reader.parsed.root, read.range, "attribute");
    if (!node) return `its \`${read.field}\` read cannot be found`;
    const parent = node.parent!;
    if (read.field === "status" && parent.type === "comparison_operator" && namedChildren(parent)[0] === node) {
      const edit = statusComparison(parent, reader, context);
      if (typeof edit === "string") return edit;
      edits.push(edit);
    } else if (read.field === "status") {
      // A run's status is a string; a response's may be None.
      const text = `${response}.status`;
      edits.push({ range: read.range, newText: parent.type === "binary_operator" || parent.type === "return_statement" ? `str(${text})` : text });
    } else if (read.field === "required_action") {
      const chain = parent.parent;
      const dumped = dumpedToolCalls(parent, reader, response);
      if (dumped) {
        edits.push(dumped);
        continue;
      }
      if (parent.type !== "attribute" || attributeName(parent, reader.parsed.source) !== "submit_tool_outputs" || chain?.type !== "attribute" || attributeName(chain, reader.parsed.source) !== "tool_calls") return "its `required_action` is read in a way a Response has no counterpart for";
      edits.push({ range: { start: chain.start, end: chain.end }, newText: functionCallItems(response) });
      const calls = toolCallEdits(chain, reader);
      if (typeof calls === "string") return calls;
      edits.push(...calls);
    } else if (read.field === "last_error") {
      edits.push({ range: read.range, newText: `${response}.error` });
    } else if (read.field === "thread_id") {
      edits.push({ range: read.range, newText: context.conversation });
    } else if (read.field === "usage" && parent.type === "attribute" && USAGE_FIELDS[attributeName(parent, reader.parsed.source)!]) {
      edits.push({ range: { start: parent.start, end: parent.end }, newText: `${response}.usage.${USAGE_FIELDS[attributeName(parent, reader.parsed.source)!]}` });
    } else if (SAME_FIELDS.has(read.field)) {
      edits.push({ range: read.range, newText: `${response}.${read.field}` });
    } else if (SERIALIZERS.has(read.field) && parent.type === "call" && field(parent, "function") === node) {
      // The Response serializes as well, with its own fields: the code reading the result is checked by hand.
      edits.push({ range: read.range, newText: `${response}.${read.field}` });
      const statement = enclosingStatement(node);
      if (!todoStatements.has(statement)) edits.push({ range: { start: statement.start, end: statement.start }, newText: `${SERIALIZED_TODO}${lineEndingOf(reader.text)}${reader.indentOf(statement)}` });
      todoStatements.add(statement);
    } else {
      return `the run's \`${read.field}\` has no Response counterpart`;
    }
  }
  return edits;
}

function statusComparison(comparison: PyNode, reader: PythonCallReader, context: RunReadContext): TextEdit | string {
  const operators = comparison.children.filter((child) => !child.named).map((child) => reader.of(child)).join(" ");
  const [, compared, ...rest] = namedChildren(comparison);
  if (!compared || rest.length > 0) return "its status is compared in a chain";
  const range = { start: comparison.start, end: comparison.end };
  const status = `${context.response}.status`;
  const literal = stringValue(compared, reader.parsed.source);
  if ((operators === "==" || operators === "!=") && literal !== undefined) {
    const negate = operators === "!=";
    if (literal === "requires_action") return { range, newText: `${negate ? "not " : ""}${functionCallsOf(context.response)}` };
    // A status no run ever had (`"in-progress"`) is unequal to every response's too: compared as written.
    if (!(literal in STATUSES)) return { range, newText: `${status} ${operators} ${reader.of(compared)}` };
    const quote = reader.of(compared)[0];
    const test = `${status} ${operators} ${quote}${STATUSES[literal]}${quote}`;
    if (literal === "completed" && context.toolLoop) return { range, newText: negate ? `not (${status} == ${quote}completed${quote} and not ${functionCallsOf(context.response)})` : `(${test} and not ${functionCallsOf(context.response)})` };
    return { range, newText: test };
  }
  if ((operators === "in" || operators === "not in") && ["tuple", "list", "set"].includes(compared.type)) {
    const elements = namedChildren(compared);
    const mapped: string[] = [];
    for (const element of elements) {
      const value = stringValue(element, reader.parsed.source);
      if (value === undefined) return "its status is compared with values a Response does not have";
      // A status no run ever had (`"in progress"`) matches no response either: it stays as written.
      if (!(value in STATUSES)) {
        if (!mapped.includes(reader.of(element))) mapped.push(reader.of(element));
        continue;
      }
      const status = STATUSES[value];
      const quote = reader.of(element)[0];
      if (status && !mapped.includes(`${quote}${status}${quote}`)) mapped.push(`${quote}${status}${quote}`);
    }
    if (mapped.length === 0) return "its status is only compared with `requires_action`";
    const open = compared.type === "list" ? "[" : compared.type === "set" ? "{" : "(";
    const close = compared.type === "list" ? "]" : compared.type === "set" ? "}" : ")";
    const collection = `${open}${mapped.join(", ")}${mapped.length === 1 && open === "(" ? "," : ""}${close}`;
    return { range, newText: `${status} ${operators} ${collection}` };
  }
  return "its status is compared in a way the rewrite cannot map";
}

/**
 * The tool calls iterated off `chain` (directly, or through a name it is assigned to): `tc.id` ->
 * `tc.call_id`, `tc.function.name` -> `tc.name`, `tc.function.arguments` -> `tc.arguments`.
 */
function toolCallEdits(chain: PyNode, reader: PythonCallReader): TextEdit[] | string {
  const scope = enclosingFunction(chain) ?? reader.parsed.root;
  const iterated: PyNode[] = [chain];
  const variables = new Set<string>();
  const parent = chain.parent!;
  if (parent.type === "assignment" && field(parent, "right") === chain && field(parent, "left")?.type === "identifier") {
    const name = reader.of(field(parent, "left")!);
    iterated.push(...reader.references(scope, name, chain.end));
  }
  // `tool_call = ….tool_calls[0]`: one call, read as the loop variable would be.
  const single = parent.type === "subscript" && namedChildren(parent)[0] === chain ? parent.parent : undefined;
  if (single?.type === "assignment" && field(single, "left")?.type === "identifier" && reader.of(namedChildren(parent)[1] ?? parent).trim() === "0") variables.add(reader.of(field(single, "left")!));
  for (const source of iterated) {
    const holder = source.parent!;
    if ((holder.type === "for_statement" || holder.type === "for_in_clause") && field(holder, "right") === source && field(holder, "left")?.type === "identifier") variables.add(reader.of(field(holder, "left")!));
  }
  const edits: TextEdit[] = [];
  let refused: string | undefined;
  for (const name of variables) {
    forEachDescendant(scope, (node) => {
      if (refused || node.type !== "identifier" || reader.of(node) !== name || node.field === "attribute") return;
      const access = node.parent!;
      if (access.type !== "attribute" || field(access, "object") !== node) return;
      const member = attributeName(access, reader.parsed.source);
      if (member === "id") edits.push({ range: { start: access.start, end: access.end }, newText: `${name}.call_id` });
      else if (member === "function") {
        const inner = access.parent!;
        const fn = inner.type === "attribute" ? attributeName(inner, reader.parsed.source) : undefined;
        if (fn === "name" || fn === "arguments") edits.push({ range: { start: inner.start, end: inner.end }, newText: `${name}.${fn}` });
        else refused = "a tool call's `function` is read as a whole";
      } else if (member === "type") {
        // A tool call's type was `function`; the item's is `function_call`.
        const comparison = access.parent!;
        const other = comparison.type === "comparison_operator" ? namedChildren(comparison).find((child) => child !== access) : undefined;
        if (other && stringValue(other, reader.parsed.source) === "function") edits.push({ range: { start: other.start, end: other.end }, newText: `${reader.of(other)[0]}function_call${reader.of(other)[0]}` });
        else if (comparison.type === "comparison_operator") refused = "a tool call's type is compared with a value a function_call item does not have";
      } else refused = `a tool call's \`${member}\` has no function_call counterpart`;
    });
  }
  return refused ?? edits;
}
