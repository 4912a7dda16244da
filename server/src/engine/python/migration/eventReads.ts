// Reads of one Assistants stream event, in a loop over the stream (`for event in stream:`) or in a
// handler's `on_event(self, event)`, rendered for the Responses event it now is:
//
//   event.event == "thread.message.delta"       -> event.type == "response.output_text.delta"
//   event.event == "thread.run.requires_action" -> event.type == "response.completed" and any(item.type == "function_call" for item in event.response.output)
//       (a run paused for tool calls; a response completes with its function calls as output items)
//   under such a test only (in its branch, or a later operand of its `and`):
//     event.data.delta.content[0].text.value     -> event.delta
//     event.data.id / status / model of a run event -> event.response.id / status / model
//     event.data of requires_action              -> event.response, its reads as a Response's (./runReads.ts)
//
// `event.data` of requires_action handed to a method (`self.handle(event.data)`) is a Response there:
// the handler rewrite reads that parameter as one (../emit/eventHandlers.ts).
import { EVENT_NAMES } from "../../migration/streamEvents";
import type { TextEdit } from "../../types";
import { accessChain, attributeName, field, forEachDescendant, namedChildren, rangeOf, stringValue, type PyNode, type SourceText } from "../syntax";
import type { PythonCallReader } from "./pythonCalls";
import { conversationIdOf, runReadEdits } from "./runReads";

const REQUIRES_ACTION = "thread.run.requires_action";
const RUN_EVENT_READS = { "data.id": "$.response.id", "data.status": "$.response.status", "data.model": "$.response.model" };
/** Reads of an event's payload under a test of its name, and what they become. */
const GUARDED_READS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // The delta's parts tested for being there (`and event.data.delta.content`): its text is, when not empty.
  "thread.message.delta": { "data.delta.content[0].text.value": "$.delta", "data.delta.content": "$.delta" },
  "thread.run.created": RUN_EVENT_READS,
  "thread.run.queued": RUN_EVENT_READS,
  "thread.run.in_progress": RUN_EVENT_READS,
  "thread.run.completed": RUN_EVENT_READS,
  "thread.run.incomplete": RUN_EVENT_READS,
  "thread.run.failed": RUN_EVENT_READS,
};
/** Reads mapped only where they are tested for being there, not used as what they are. */
const TRUTH_TESTED_READS = new Set(["data.delta.content"]);

export interface EventReads {
  edits: TextEdit[];
  /** `self.method(…, event.data, …)` of a requires_action event: the method, and the position (after `self`) of the Response it gets now. */
  responsesHandedOn: Array<{ method: string; position: number }>;
}

/** The edits for every read of the event `name` in `body`, or the first read with no Responses rendering. */
export function eventReadEdits(body: PyNode, name: string, scope: PyNode, reader: PythonCallReader): EventReads | string {
  const source = reader.parsed.source;
  const of = (node: PyNode) => source.of(node);
  const result: EventReads = { edits: [], responsesHandedOn: [] };
  let refusal: string | undefined;
  forEachDescendant(body, (node) => {
    if (refusal || node.type !== "identifier" || of(node) !== name || node.field === "attribute") return;
    const { chain, spelled } = accessChain(node, reader.parsed);
    if (spelled[0] === "event") {
      const renamed = eventNameTest(chain[0], name, source);
      if (typeof renamed === "string") refusal = renamed;
      else result.edits.push(...renamed);
      return;
    }
    const guard = guardOf(node, name, scope, source);
    if (guard === REQUIRES_ACTION && spelled[0] === "data") {
      const handed = responseRead(chain, name, reader, result);
      if (handed) refusal = handed;
      return;
    }
    const reads = guard ? GUARDED_READS[guard] : undefined;
    const matched = reads && Object.keys(reads).find((pattern) => spelled.includes(pattern) && (!TRUTH_TESTED_READS.has(pattern) || isTruthTest(chain[spelled.indexOf(pattern)])));
    if (!matched) {
      refusal = `\`${of(chain[chain.length - 1] ?? node)}\` has no Responses rendering${guard ? "" : " outside a test of the event's name"}`;
      return;
    }
    result.edits.push({ range: rangeOf(chain[spelled.indexOf(matched)]), newText: reads![matched].replace(/\$/g, name) });
  });
  return refusal ?? result;
}

/** `event.data` of requires_action: the response, read as one, or handed to one of the handler's methods. */
function responseRead(chain: PyNode[], name: string, reader: PythonCallReader, result: EventReads): string | undefined {
  const response = `${name}.response`;
  const data = chain[0];
  if (chain.length === 1) {
    const argumentList = data.parent;
    const call = argumentList?.type === "argument_list" ? argumentList.parent : undefined;
    const callee = call && field(call, "function");
    const method = callee?.type === "attribute" && reader.of(field(callee, "object")!) === "self" ? attributeName(callee, reader.parsed.source) : undefined;
    // Printed, it shows the response.
    const printed = callee?.type === "identifier" && reader.of(callee) === "print";
    if (!method && !printed) return `\`${reader.of(data)}\` is handed on where the rewrite cannot follow it`;
    if (method) result.responsesHandedOn.push({ method, position: namedChildren(argumentList!).indexOf(data) });
    result.edits.push({ range: rangeOf(data), newText: response });
    return undefined;
  }
  const read = chain[1];
  const edits = runReadEdits([{ field: attributeName(read, reader.parsed.source) ?? "", range: rangeOf(read) }], reader, { response, conversation: conversationIdOf(response), toolLoop: false });
  if (typeof edits === "string") return edits;
  result.edits.push(...edits);
  return undefined;
}

/** `event.event == "thread.message.delta"` -> `event.type == "response.output_text.delta"`. */
function eventNameTest(access: PyNode, name: string, source: SourceText): TextEdit[] | string {
  const comparison = access.parent;
  const operands = comparison?.type === "comparison_operator" ? namedChildren(comparison) : [];
  const literal = operands.length === 2 ? operands.find((operand) => operand !== access) : undefined;
  const operator = comparison?.children.find((child) => !child.named)?.type;
  const eventName = stringValue(literal, source);
  if (!comparison || !literal || (operator !== "==" && operator !== "!=") || !eventName) return `\`${source.of(comparison ?? access)}\` is not a test of one event name`;
  const quote = source.of(literal).replace(/^[a-zA-Z]*/, "")[0];
  if (eventName === REQUIRES_ACTION && operator === "==") {
    const test = `${name}.type == ${quote}response.completed${quote} and any(item.type == ${quote}function_call${quote} for item in ${name}.response.output)`;
    const holder = comparison.parent!;
    const bare = ((holder.type === "if_statement" || holder.type === "elif_clause") && field(holder, "condition") === comparison) || (holder.type === "boolean_operator" && source.of(field(holder, "operator") ?? holder).trim() === "and");
    return [{ range: rangeOf(comparison), newText: bare ? test : `(${test})` }];
  }
  const renamed = EVENT_NAMES[eventName];
  if (!renamed) return `the Assistants event \`${eventName}\` has no Responses event of the same moment`;
  const content = literal.children.find((child) => child.type === "string_content")!;
  return [
    { range: rangeOf(field(access, "attribute")!), newText: "type" },
    { range: rangeOf(content), newText: renamed },
  ];
}

/**
 * The event name an enclosing `if`/`elif` tests `name` against, when the node is in its branch or in
 * a later operand of the condition's `and` (`event.event == "…" and event.data…`): read only then.
 */
function guardOf(node: PyNode, name: string, scope: PyNode, source: SourceText): string | undefined {
  const nameTest = new RegExp(`^${name}\\s*\\.\\s*event\\s*==\\s*(["'])([\\w.]+)\\1$`);
  for (let current = node.parent; current && current !== scope; current = current.parent) {
    if (current.type !== "if_statement" && current.type !== "elif_clause") continue;
    const condition = field(current, "condition");
    const consequence = field(current, "consequence");
    if (!condition || !consequence) continue;
    const operands = andOperands(condition, source);
    const tested = operands.findIndex((operand) => nameTest.test(source.of(operand)));
    if (tested === -1) continue;
    const inBranch = node.start >= consequence.start && node.end <= consequence.end;
    const inLaterOperand = operands.slice(tested + 1).some((operand) => node.start >= operand.start && node.end <= operand.end);
    if (inBranch || inLaterOperand) return nameTest.exec(source.of(operands[tested]))![2];
  }
  return undefined;
}

function isTruthTest(node: PyNode): boolean {
  const parent = node.parent!;
  if (parent.type === "boolean_operator" || parent.type === "not_operator") return true;
  return (parent.type === "if_statement" || parent.type === "elif_clause" || parent.type === "while_statement") && field(parent, "condition") === node;
}

/** `a and b and c` as its operands, in order; any other expression is its own one operand. */
function andOperands(condition: PyNode, source: SourceText): PyNode[] {
  if (condition.type === "parenthesized_expression" && namedChildren(condition).length === 1) return andOperands(namedChildren(condition)[0], source);
  if (condition.type !== "boolean_operator" || source.of(field(condition, "operator") ?? condition).trim() !== "and") return [condition];
  return [field(condition, "left")!, field(condition, "right")!].flatMap((operand) => andOperands(operand, source));
}
