// The reply read off listed messages right after a run, in Response terms: what the run wrote is the
// response's `output_text`. Followed through `messages.data[0].content[0].text.value` (and `.strip()`
// or other calls on it), an alias (`last = messages.data[0]`), the text parts of the message (`"".join(
// c.text.value for c in last.content if c.type == "text")`, `for part in last.content:`), and loops
// over `messages.data` or the page itself that pick the assistant's text out (`return …text.value`,
// `answer = …text.value`, `replies.append(…)`), which become that one statement. Whether a read gets
// the reply (newest first unless `order="asc"`, `reversed(...)`, a role filter) is decided by the
// language-neutral ../../migration/listingReads.ts; any other read refuses, and the conversation
// rewrite then keeps the listing as history (./historyReads.ts).
import { readsRunReply, type ListingRead } from "../../migration/listingReads";
import type { Thread } from "../../migration/model";
import { isLocalThread } from "../../migration/shape";
import type { TextEdit } from "../../types";
import { enclosingFunction, field, forEachDescendant, namedChildren, stringValue, type PyNode } from "../syntax";
import { isTextTypeTest, iteratingLoop, pathOf, stepsFrom, type IteratingLoop } from "./listingSyntax";
import { isReassigned } from "./historyReads";
import type { PythonCallReader } from "./pythonCalls";

const STATEMENT_TYPES = new Set(["expression_statement", "return_statement"]);
const TEXT_PATH = ".content[0].text.value";
/** What a name may hold of the reply (the path it was taken at), and how many steps of the text's path are left off it. */
const ALIAS_DEPTHS: Record<string, number> = { "": 4, ".content[0]": 2, ".content[0].text": 1 };

export interface ReplyContext {
  /** The Response variable of the run before the listing. */
  response: string;
  listing: Pick<ListingRead, "order" | "limited">;
  /** The thread holds only this exchange: created in the function and run once. */
  singleExchange: boolean;
  /** The listed name holds the page's `.data` (`messages = …list(…).data`). */
  viaData?: boolean;
}

type Edits = TextEdit[] | string;

/** The thread holds only one exchange: born in this function, seen by nothing else, run once. */
export function isSingleExchange(thread: Thread): boolean {
  return isLocalThread(thread) && thread.runIds.length === 1;
}

/** Edits reading the reply as `response.output_text`, after deleting the listing statement; a reason when a read is not the reply. */
export function replyAfterRunEdits(listed: PyNode, statement: PyNode, context: ReplyContext, reader: PythonCallReader): Edits {
  const name = reader.of(listed);
  const scope = enclosingFunction(listed) ?? reader.parsed.root;
  const edits: TextEdit[] = [{ range: reader.lines(statement), newText: "" }];
  const handled = new Set<PyNode>();
  const output = `${context.response}.output_text`;
  for (const reference of reader.references(scope, name, listed.end)) {
    if (isReassigned(reference)) break;
    if (handled.has(reference)) continue;
    const steps = stepsFrom(reference, reader, context.viaData);
    const index = steps[1]?.step;
    if (steps[0]?.step === ".data" && (index === "[0]" || index === "[-1]")) {
      if (!readsRunReply({ ...context.listing, picks: index === "[0]" ? "first" : "last", reversed: false, assistantOnly: false }, context.singleExchange)) return "the listed message read is not the newest one, the run's reply";
      const read = messageReadEdits(steps[1].node, steps.slice(2), output, reader);
      if (typeof read === "string") return read;
      edits.push(...read);
      continue;
    }
    const read = steps.length > 0 ? steps[steps.length - 1].node : reference;
    // `if not messages.data:` asks whether there is a reply.
    if (pathOf(steps) === ".data" && (read.parent?.type === "not_operator" || (read.parent?.type === "if_statement" && field(read.parent, "condition") === read))) {
      edits.push({ range: { start: read.start, end: read.end }, newText: output });
      continue;
    }
    const iterated = steps.length === 0 ? reference : pathOf(steps) === ".data" ? read : undefined;
    const loop = iterated && iteratingLoop(iterated, reader);
    if (loop?.loop.type === "for_in_clause") {
      const filtered = filteredReplyEdits(loop, output, context, reader);
      if (typeof filtered === "string") return filtered;
      edits.push(...filtered);
      continue;
    }
    if (!loop) return "the listed messages are read in a way the rewrite cannot follow";
    const picked = pickingLoop(loop, reader, output, context);
    if (typeof picked === "string") return picked;
    edits.push(picked);
    for (const inner of reader.references(loop.loop, name, loop.loop.start)) handled.add(inner);
  }
  return edits;
}

/** Reads of one listed message (`messages.data[0]`, then `rest`): its text, or its text parts. */
function messageReadEdits(message: PyNode, rest: ReturnType<typeof stepsFrom>, output: string, reader: PythonCallReader): Edits {
  const path = pathOf(rest);
  if (pathOf(rest, 0, 4) === TEXT_PATH) return [{ range: { start: message.start, end: rest[3].node.end }, newText: output }];
  if (path === ".content") return partsReadEdits(rest[0].node, output, reader);
  // A name for the message, its first part or that part's text (`last = messages.data[0]`,
  // `text = messages.data[0].content[0].text`), then the rest of the text's path off it.
  const depth = ALIAS_DEPTHS[path];
  const held = rest.length > 0 ? rest[rest.length - 1].node : message;
  const assignment = held.parent;
  if (depth === undefined || assignment?.type !== "assignment" || field(assignment, "right") !== held || field(assignment, "left")?.type !== "identifier" || assignment.parent?.type !== "expression_statement") {
    return "the listed message is read in a way the rewrite cannot follow";
  }
  const remaining = TEXT_PATH.slice(path.length);
  const alias = field(assignment, "left")!;
  const scope = enclosingFunction(alias) ?? reader.parsed.root;
  const edits: TextEdit[] = [{ range: reader.lines(assignment.parent), newText: "" }];
  for (const use of reader.references(scope, reader.of(alias), assignment.end)) {
    if (isReassigned(use)) break;
    if (edits.some((edit) => edit.range.start <= use.start && use.end <= edit.range.end)) continue;
    const guarded = path === ".content[0]" ? guardedPartEdits(use, output, reader) : undefined;
    if (guarded) {
      edits.push(guarded);
      continue;
    }
    const steps = stepsFrom(use, reader);
    const read = pathOf(steps, 0, depth) === remaining ? [{ range: { start: use.start, end: steps[depth - 1].node.end }, newText: output }] : path === "" && pathOf(steps) === ".content" ? partsReadEdits(steps[0].node, output, reader) : "the listed message is read in a way the rewrite cannot follow";
    if (typeof read === "string") return read;
    edits.push(...read);
  }
  return edits;
}

/**
 * A test of the reply's first part (`part`) for text: `part.text.value if part.type == "text" else ""`
 * is the reply text (`or` the fallback when it is not empty), and `if part.type == "text":` asks
 * whether there is any.
 */
function guardedPartEdits(part: PyNode, output: string, reader: PythonCallReader): TextEdit | undefined {
  const name = reader.of(part);
  // The use is the test (`part.type`) or the text read (`part.text.value`) of one guarded read.
  let holder: PyNode | undefined = part.parent;
  for (let hops = 0; holder && hops < 3 && holder.type !== "conditional_expression" && holder.type !== "if_statement"; hops++) holder = holder.parent;
  if (holder?.type === "if_statement") {
    const test = field(holder, "condition");
    return test && isTextTypeTest(test, name, reader) && test.start <= part.start && part.end <= test.end ? { range: { start: test.start, end: test.end }, newText: output } : undefined;
  }
  if (holder?.type !== "conditional_expression") return undefined;
  const [whenText, condition, otherwise] = namedChildren(holder);
  if (!condition || !isTextTypeTest(condition, name, reader) || reader.of(whenText).replace(/\s+/g, "") !== `${name}.text.value` || !otherwise) return undefined;
  const fallback = stringValue(otherwise, reader.parsed.source);
  if (fallback === undefined && reader.of(otherwise) !== "None") return undefined;
  return { range: { start: holder.start, end: holder.end }, newText: fallback === "" ? output : `(${output} or ${reader.of(otherwise)})` };
}

/**
 * `replies = [m for m in messages.data if m.role == "assistant"]`, then `replies[0]…` read as the
 * listing's messages would be (the filter counts as the loop's), and `if replies:` as "there is a reply".
 */
function filteredReplyEdits(loop: IteratingLoop, output: string, context: ReplyContext, reader: PythonCallReader): Edits {
  const comprehension = loop.loop.parent!;
  const body = field(comprehension, "body");
  const assignment = comprehension.parent;
  const refuse = "the listed messages are filtered in a way the rewrite cannot follow";
  if (body?.type === "dictionary") return pickedRecordEdits(loop, body, output, context, reader) ?? refuse;
  if (comprehension.type !== "list_comprehension" || body?.type !== "identifier" || reader.of(body) !== reader.of(loop.variable)) return refuse;
  if (assignment?.type !== "assignment" || field(assignment, "right") !== comprehension || field(assignment, "left")?.type !== "identifier" || assignment.parent?.type !== "expression_statement") return refuse;
  let assistantOnly = false;
  for (const clause of namedChildren(comprehension)) {
    if (clause === body || clause === loop.loop) continue;
    const condition = clause.type === "if_clause" ? allowedCondition(namedChildren(clause)[0], new Set([reader.of(loop.variable)]), reader) : { ok: false, assistantOnly: false };
    if (!condition.ok) return refuse;
    assistantOnly ||= condition.assistantOnly;
  }
  const alias = field(assignment, "left")!;
  const scope = enclosingFunction(alias) ?? reader.parsed.root;
  const edits: TextEdit[] = [{ range: reader.lines(assignment.parent), newText: "" }];
  for (const use of reader.references(scope, reader.of(alias), assignment.end)) {
    if (isReassigned(use)) break;
    const steps = stepsFrom(use, reader);
    const parent = use.parent!;
    if (steps.length === 0 && (parent.type === "not_operator" || (parent.type === "if_statement" && field(parent, "condition") === use))) {
      edits.push({ range: { start: use.start, end: use.end }, newText: output });
      continue;
    }
    const index = steps[0]?.step;
    if (index !== "[0]" && index !== "[-1]") return refuse;
    if (!readsRunReply({ ...context.listing, picks: index === "[0]" ? "first" : "last", reversed: loop.reversed, assistantOnly }, context.singleExchange)) return "the filtered message read is not the run's reply";
    const read = messageReadEdits(steps[0].node, steps.slice(1), output, reader);
    if (typeof read === "string") return read;
    edits.push(...read);
  }
  return edits;
}

/**
 * `[{"role": m.role, "text": m.content[0].text.value} for m in messages][0]`: the record of the reply,
 * built at once from the response (its role is the assistant's, its text the output text).
 */
function pickedRecordEdits(loop: IteratingLoop, record: PyNode, output: string, context: ReplyContext, reader: PythonCallReader): TextEdit[] | undefined {
  const comprehension = loop.loop.parent!;
  const picked = comprehension.parent;
  if (comprehension.type !== "list_comprehension" || namedChildren(comprehension).length !== 2 || picked?.type !== "subscript" || field(picked, "value") !== comprehension) return undefined;
  const index = reader.of(picked).slice(reader.of(comprehension).length).replace(/\s+/g, "");
  if (index !== "[0]" && index !== "[-1]") return undefined;
  if (!readsRunReply({ ...context.listing, picks: index === "[0]" ? "first" : "last", reversed: loop.reversed, assistantOnly: false }, context.singleExchange)) return undefined;
  const variable = reader.of(loop.variable);
  const pairs: string[] = [];
  for (const pair of namedChildren(record)) {
    const value = pair.type === "pair" ? field(pair, "value") : undefined;
    if (!value) return undefined;
    const read = reader.of(value).replace(/\s+/g, "");
    if (read === `${variable}.role`) pairs.push(`${reader.of(field(pair, "key")!)}: ${reader.quoteAt(value)}assistant${reader.quoteAt(value)}`);
    else if (read === `${variable}${TEXT_PATH}`) pairs.push(`${reader.of(field(pair, "key")!)}: ${output}`);
    else return undefined;
  }
  return [{ range: { start: picked.start, end: picked.end }, newText: `{${pairs.join(", ")}}` }];
}

/** `X.content` of the reply: a comprehension or loop taking its text parts is the output text. */
function partsReadEdits(content: PyNode, output: string, reader: PythonCallReader): Edits {
  const clause = content.parent;
  const comprehension = clause?.type === "for_in_clause" && field(clause, "right") === content ? clause.parent : undefined;
  if (comprehension && (comprehension.type === "list_comprehension" || comprehension.type === "generator_expression")) {
    const part = field(clause!, "left");
    const body = field(comprehension, "body");
    const clauses = namedChildren(comprehension).filter((child) => child !== body && child !== clause);
    if (part?.type !== "identifier" || !body || reader.of(body).replace(/\s+/g, "") !== `${reader.of(part)}.text.value`) return "the reply's parts are read in a way the rewrite cannot follow";
    if (!clauses.every((other) => other.type === "if_clause" && isTextTypeTest(namedChildren(other)[0], reader.of(part), reader))) return "the reply's parts are filtered in a way the rewrite cannot follow";
    // `"".join(<text parts>)` is the output text itself; a list of them is a list of it.
    const call = comprehension.type === "generator_expression" ? comprehension.parent : comprehension.parent?.type === "argument_list" && namedChildren(comprehension.parent).length === 1 ? comprehension.parent.parent : undefined;
    const callee = call?.type === "call" ? field(call, "function") : undefined;
    if (callee?.type === "attribute" && reader.of(field(callee, "attribute")!) === "join" && stringValue(field(callee, "object"), reader.parsed.source) !== undefined) return [{ range: { start: call!.start, end: call!.end }, newText: output }];
    return [{ range: { start: comprehension.start, end: comprehension.end }, newText: comprehension.type === "list_comprehension" ? `[${output}]` : `(${output} for _ in range(1))` }];
  }
  const loop = iteratingLoop(content, reader);
  if (!loop || loop.loop.type !== "for_statement") return "the reply's parts are read in a way the rewrite cannot follow";
  const picked = pickingLoop(loop, reader, output, undefined);
  return typeof picked === "string" ? picked : [picked];
}

/** A condition a loop that picks the reply may test: the role, a text part, the run the message is of. */
function allowedCondition(condition: PyNode, names: ReadonlySet<string>, reader: PythonCallReader): { ok: boolean; assistantOnly: boolean } {
  if (condition.type === "boolean_operator" && reader.of(condition).includes(" and ")) {
    const [left, right] = [field(condition, "left")!, field(condition, "right")!];
    const a = allowedCondition(left, names, reader);
    const b = allowedCondition(right, names, reader);
    return { ok: a.ok && b.ok, assistantOnly: a.assistantOnly || b.assistantOnly };
  }
  if (condition.type === "parenthesized_expression") return allowedCondition(namedChildren(condition)[0], names, reader);
  const text = reader.of(condition).replace(/\s+/g, "");
  for (const name of names) {
    if (isTextTypeTest(condition, name, reader) || text === `${name}.content` || text === `${name}.content[0].type=="text"` || text === `${name}.content[0].type=='text'`) return { ok: true, assistantOnly: false };
    if (text === `${name}.role=="assistant"` || text === `${name}.role=='assistant'`) return { ok: true, assistantOnly: true };
    if (new RegExp(`^${name}\\.run_id==\\w+\\.id$`).test(text)) return { ok: true, assistantOnly: true };
  }
  return { ok: false, assistantOnly: false };
}

/**
 * `for m in [reversed(]messages.data[)]:` (or the page, or a message's `content`) whose body picks one
 * text: that statement alone, when what it picks is the run's reply (`listing` undefined: the parts of
 * the reply itself).
 */
function pickingLoop(loop: IteratingLoop, reader: PythonCallReader, output: string, context: ReplyContext | undefined): TextEdit | string {
  const sinks: PyNode[] = [];
  forEachDescendant(loop.body, (node) => {
    if (STATEMENT_TYPES.has(node.type) && /\.\s*text\s*\.\s*value\b/.test(reader.of(node))) {
      sinks.push(node);
      return false;
    }
  });
  if (sinks.length !== 1) return "the loop over the listed messages does more than pick the reply";
  const sink = sinks[0];
  const loopNames = new Set<string>([reader.of(loop.variable)]);
  forEachDescendant(loop.loop, (node) => {
    if ((node.type === "for_statement" || node.type === "for_in_clause") && field(node, "left")?.type === "identifier") loopNames.add(reader.of(field(node, "left")!));
  });
  // What stands between the loop and the picked statement: only filters on the role and the part type, and loops over parts.
  let assistantOnly = false;
  for (let node = sink.parent!, child = sink; node !== loop.loop; child = node, node = node.parent!) {
    if (node.type === "block") continue;
    if (node.type === "if_statement") {
      if (field(node, "consequence") !== child) return "the reply is picked in a branch the rewrite cannot follow";
      const condition = allowedCondition(field(node, "condition")!, loopNames, reader);
      if (!condition.ok) return "the loop over the listed messages picks by a test the rewrite cannot map";
      assistantOnly ||= condition.assistantOnly;
    } else if (node.type === "for_statement") {
      if (!/\.\s*content$/.test(reader.of(field(node, "right")!))) return "the loop over the listed messages does more than pick the reply";
    } else {
      return "the loop over the listed messages does more than pick the reply";
    }
  }
  if (context) {
    // A loop that assigns the text and then breaks out of itself (`if answer: break` too) stops at its first pick.
    let breaks = false;
    forEachDescendant(loop.body, (node) => {
      if (node.type === "break_statement" && nearestLoop(node) === loop.loop) breaks = true;
      return !breaks;
    });
    const assigns = sink.type === "expression_statement" && namedChildren(sink)[0]?.type === "assignment";
    const picks = sink.type === "return_statement" || (assigns && breaks) ? "first" : assigns ? "last" : "all";
    if (!readsRunReply({ ...context.listing, picks, reversed: loop.reversed, assistantOnly }, context.singleExchange)) return "the loop over the listed messages does not pick the newest reply";
  }
  const texts: PyNode[] = [];
  forEachDescendant(sink, (node) => {
    if (node.type === "attribute" && /\.\s*text\s*\.\s*value$/.test(reader.of(node)) && field(node, "attribute") && reader.of(field(node, "attribute")!) === "value") {
      texts.push(node);
      return false;
    }
  });
  let rendered = reader.of(sink);
  for (const text of [...texts].reverse()) rendered = rendered.slice(0, text.start - sink.start) + output + rendered.slice(text.end - sink.start);
  // What else the picked statement reads of the loop's variables has no place outside the loop.
  const leftover = [...loopNames].some((loopName) => new RegExp(`\\b${loopName}\\b`).test(rendered.replaceAll(output, "")));
  if (leftover) return "the reply picked off the listed messages reads more than their text";
  return { range: { start: loop.loop.start, end: loop.loop.end }, newText: rendered };
}

function nearestLoop(node: PyNode): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === "for_statement" || current.type === "while_statement") return current;
  return undefined;
}
