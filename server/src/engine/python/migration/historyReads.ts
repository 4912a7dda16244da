// A thread's listed history read off `conversations.items.list`: its items are conversation items,
// and only `message` items have a role and content, whose text parts are `input_text` (the user's)
// and `output_text` (the model's), each with a plain `.text`. So a loop over the listing (`.data` or
// the page itself, `reversed(...)` too) takes message items only, `m.content[0].text.value` joins the
// message's text parts, and a loop or comprehension over `m.content` that keeps `type == "text"`
// parts keeps those two kinds and reads `.text`. These are guards pyright narrows the item union by.
// The listing handed on whole (returned, printed) is kept with a TODO: its readers see items now.
import type { TextEdit } from "../../types";
import { lineEndingOf } from "../emit/nodes";
import { enclosingFunction, field, forEachDescendant, namedChildren, type PyNode } from "../syntax";
import { isTextTypeTest, iteratingLoop, pathOf, stepsFrom, type IteratingLoop } from "./listingSyntax";
import type { PythonCallReader } from "./pythonCalls";
import { SERIALIZERS } from "./runReads";

const TODO = "# TODO(responses-migrate):";
const TEXT_PATH = ".content[0].text.value";
/** Page fields a conversation item page has too. */
const PAGE_FIELDS = new Set([".has_more", ".last_id"]);

const itemText = (message: string, q: string) => `${q}${q}.join(part.text for part in ${message}.content if part.type == ${q}output_text${q} or part.type == ${q}input_text${q})`;
const textTest = (part: string, q: string) => `${part}.type == ${q}output_text${q} or ${part}.type == ${q}input_text${q}`;

/** Edits reading the listing `listed` (assigned by `statement`) as conversation items; a reason when one read has no counterpart. */
export function historyEdits(listed: PyNode, statement: PyNode, reader: PythonCallReader, viaData = false): TextEdit[] | string {
  const name = reader.of(listed);
  const scope = enclosingFunction(listed) ?? reader.parsed.root;
  const edits: TextEdit[] = [];
  let handedOn = false;
  for (const reference of reader.references(scope, name, listed.end)) {
    // Reassigned: what follows reads the new value.
    if (isReassigned(reference)) break;
    const steps = stepsFrom(reference, reader, viaData);
    if (steps.length > 0 && PAGE_FIELDS.has(steps[0].step)) continue;
    if (steps[0]?.step === ".data" && /^\[-?\d+\]$/.test(steps[1]?.step ?? "")) {
      const read = indexedItemEdits(steps[0].node, steps[1].node, reader);
      if (typeof read === "string") return read;
      edits.push(...read);
      continue;
    }
    // Serialized (`messages.model_dump_json()`): what it holds are conversation items, which its readers are told.
    const serialized = steps[0] && SERIALIZERS.has(steps[0].step.slice(1)) && steps[0].node.parent?.type === "call" && field(steps[0].node.parent, "function") === steps[0].node;
    if (serialized) {
      handedOn = true;
      continue;
    }
    // Tested for any messages, or counted: its message items are.
    if (pathOf(steps) === ".data" && (isTruthTested(steps[0].node) || isCounted(steps[0].node, reader))) {
      edits.push({ range: { start: steps[0].node.start, end: steps[0].node.end }, newText: `[item for item in ${reader.of(steps[0].node)} if item.type == "message"]` });
      continue;
    }
    const iterated = steps.length === 0 ? reference : pathOf(steps) === ".data" ? steps[0].node : undefined;
    if (!iterated) return "the listed history is read in a way the rewrite cannot follow";
    const loop = iteratingLoop(iterated, reader);
    if (!loop) {
      if (!isHandedOn(iterated)) return "the listed history is read in a way the rewrite cannot follow";
      handedOn = true;
      continue;
    }
    const read = loopEdits(iterated, loop, reader);
    if (typeof read === "string") return read;
    edits.push(...read);
  }
  if (handedOn) {
    const indent = reader.indentOf(statement);
    const todo = `${TODO} these are conversation items now, not Assistants messages: only message items have a role and content, whose text parts are output_text and input_text. Check the code that reads them.${lineEndingOf(reader.text)}${indent}`;
    edits.push({ range: { start: statement.start, end: statement.start }, newText: todo });
  }
  return edits;
}

/** `for m in client.conversations.items.list(…):`, the listing iterated where it is made. */
export function iteratedListingEdits(call: PyNode, reader: PythonCallReader): TextEdit[] | string | undefined {
  const loop = iteratingLoop(call, reader);
  return loop && loopEdits(call, loop, reader);
}

/**
 * `messages.data[0]…`: the listing's items are indexed among its message items
 * (`[item for item in messages.data if item.type == "message"][0]`), in the same order, and read as one.
 */
function indexedItemEdits(list: PyNode, indexed: PyNode, reader: PythonCallReader): TextEdit[] | string {
  const filtered = `[item for item in ${reader.of(list)} if item.type == "message"]`;
  const read = itemReadEdits(indexed, reader);
  if (typeof read === "string") return read;
  // A read written over the whole indexed item (its text joined) names the filtered item itself.
  const original = reader.of(indexed);
  const item = `${filtered}${original.slice(reader.of(list).length)}`;
  const covering = (edit: TextEdit) => edit.range.start <= list.start && list.end <= edit.range.end;
  if (read.some(covering)) return read.map((edit) => (covering(edit) ? { ...edit, newText: edit.newText.split(original).join(item) } : edit));
  return [{ range: { start: list.start, end: list.end }, newText: filtered }, ...read];
}

/** The loop over the listing takes message items only, and reads them as such. */
function loopEdits(iterated: PyNode, loop: IteratingLoop, reader: PythonCallReader): TextEdit[] | string {
  const edits: TextEdit[] = [{ range: { start: iterated.start, end: iterated.end }, newText: `[item for item in ${reader.of(iterated)} if item.type == "message"]` }];
  const message = reader.of(loop.variable);
  for (const use of reader.references(loop.body, message, loop.body.start)) {
    if (use === loop.variable || (use.start >= loop.iterable.start && use.end <= loop.iterable.end)) continue;
    const filtered = use.parent?.type === "list_comprehension" && field(use.parent, "body") === use;
    const read = filtered ? filteredItemEdits(use.parent!, reader) : isPicked(use) ? pickedItemEdits(use, reader) : itemReadEdits(use, reader);
    if (typeof read === "string") return read;
    edits.push(...read);
  }
  return edits;
}

/** `replies = [m for m in <items> if …]`: a list of message items, read by index or looped over. */
function filteredItemEdits(comprehension: PyNode, reader: PythonCallReader): TextEdit[] | string {
  const assignment = comprehension.parent;
  if (assignment?.type !== "assignment" || field(assignment, "right") !== comprehension || field(assignment, "left")?.type !== "identifier") return "a listed message is used whole, and a conversation item is not a message";
  const alias = field(assignment, "left")!;
  const scope = enclosingFunction(alias) ?? reader.parsed.root;
  const edits: TextEdit[] = [];
  for (const use of reader.references(scope, reader.of(alias), alias.end)) {
    if (isReassigned(use)) break;
    const steps = stepsFrom(use, reader);
    const parent = use.parent!;
    if (steps.length === 0) {
      const loop = iteratingLoop(use, reader);
      if (loop) {
        for (const read of reader.references(loop.body, reader.of(loop.variable), loop.body.start)) {
          if (read === loop.variable || (read.start >= loop.iterable.start && read.end <= loop.iterable.end)) continue;
          const item = itemReadEdits(read, reader);
          if (typeof item === "string") return item;
          edits.push(...item);
        }
        continue;
      }
      const counted = parent.type === "argument_list" && /^(len|bool|print)$/.test(reader.of(field(parent.parent!, "function")!));
      if (counted || parent.type === "not_operator" || (parent.type === "if_statement" && field(parent, "condition") === use)) continue;
      return "the filtered messages are used where the rewrite cannot follow them";
    }
    if (!/^\[-?\d+\]$/.test(steps[0].step)) return "the filtered messages are read in a way the rewrite cannot follow";
    const item = itemReadEdits(steps[0].node, reader);
    if (typeof item === "string") return item;
    edits.push(...item);
  }
  return edits;
}

/** `found = m` in the loop: the name holds the message item picked. */
function isPicked(use: PyNode): boolean {
  const assignment = use.parent!;
  return assignment.type === "assignment" && field(assignment, "right") === use && field(assignment, "left")?.type === "identifier" && assignment.parent?.type === "expression_statement";
}

/** The reads of a picked item's name after it is picked: as an item's, and tested for being there. */
function pickedItemEdits(use: PyNode, reader: PythonCallReader): TextEdit[] | string {
  const alias = field(use.parent!, "left")!;
  const scope = enclosingFunction(use) ?? reader.parsed.root;
  const edits: TextEdit[] = [];
  for (const read of reader.references(scope, reader.of(alias), alias.end)) {
    if (isReassigned(read)) break;
    const parent = read.parent!;
    const tested = parent.type === "not_operator" || parent.type === "boolean_operator" || (parent.type === "if_statement" && field(parent, "condition") === read) || (parent.type === "comparison_operator" && /\bNone\b/.test(reader.of(parent)));
    if (tested) continue;
    const item = itemReadEdits(read, reader);
    if (typeof item === "string") return item;
    edits.push(...item);
  }
  return edits;
}

export function isReassigned(reference: PyNode): boolean {
  const parent = reference.parent!;
  return (parent.type === "assignment" || parent.type === "for_statement") && field(parent, "left") === reference;
}

/** Returned, printed, passed or stored as it is. */
function isHandedOn(node: PyNode): boolean {
  const parent = node.parent;
  return parent?.type === "return_statement" || parent?.type === "argument_list" || (parent?.type === "assignment" && field(parent, "right") === node);
}

/** A read of one message item: its role and id as they are, its text from its text parts. */
function itemReadEdits(use: PyNode, reader: PythonCallReader): TextEdit[] | string {
  const steps = stepsFrom(use, reader);
  const path = pathOf(steps);
  if (path === ".role" || path === ".id") return [];
  // Printed as it is: the item's parts print as its message's did.
  if (path === ".content" && isPrinted(steps[0].node, reader)) return [];
  // Tested for having any parts (`… if m.content else None`): a message item's content is a list of parts too.
  if (path === ".content" && isTruthTested(steps[0].node)) return [];
  if (pathOf(steps, 0, 4) === TEXT_PATH) return [{ range: { start: use.start, end: steps[3].node.end }, newText: itemText(reader.of(use), reader.quoteAt(use)) }];
  if (path === ".content") {
    const loop = iteratingLoop(steps[0].node, reader);
    if (loop) return textPartEdits(loop.variable, loop.body, loop.iterable, reader);
  }
  const member = steps[0]?.step.slice(1);
  return member ? `a listed message's \`${member}\` has no conversation item counterpart` : "a listed message is used whole, and a conversation item is not a message";
}

/** The parts of a message item: `p.type == "text"` keeps its text parts, and `p.text.value` under it is `p.text`. */
function textPartEdits(variable: PyNode, body: PyNode, iterable: PyNode, reader: PythonCallReader): TextEdit[] | string {
  const part = reader.of(variable);
  const edits: TextEdit[] = [];
  const guards: PyNode[] = [];
  const reads: PyNode[] = [];
  for (const use of reader.references(body, part, body.start)) {
    if (use === variable || (use.start >= iterable.start && use.end <= iterable.end)) continue;
    const steps = stepsFrom(use, reader);
    const path = pathOf(steps);
    const comparison = steps[0]?.node.parent;
    if (path === ".type" && comparison && isTextTypeTest(comparison, part, reader)) guards.push(comparison);
    else if (pathOf(steps, 0, 2) === ".text.value") reads.push(steps[1].node);
    else return `a message part's \`${path || "value"}\` has no conversation item counterpart`;
  }
  if (reads.length === 0) return "a message part's text is read where the rewrite cannot guard it";
  // Every text read must sit under a guard: the part union has parts without text. A loop that reads
  // every part's text unguarded meant its text parts (any other part would have raised): it loops over those.
  if (guards.length === 0) {
    const q = reader.quoteAt(iterable);
    edits.push({ range: { start: iterable.start, end: iterable.end }, newText: `[${part} for ${part} in ${reader.of(iterable)} if ${textTest(part, q)}]` });
    for (const read of reads) edits.push({ range: { start: read.start, end: read.end }, newText: `${part}.text` });
    return edits;
  }
  const guarded = (read: PyNode) => guards.some((guard) => guardCovers(guard, read));
  if (!reads.every(guarded)) return "a message part's text is read where the rewrite cannot guard it";
  for (const guard of guards) {
    const holder = guard.parent;
    const bare = holder?.type === "if_clause" || (holder?.type === "if_statement" && field(holder, "condition") === guard);
    const test = textTest(part, reader.quoteAt(guard));
    edits.push({ range: { start: guard.start, end: guard.end }, newText: bare ? test : `(${test})` });
  }
  for (const read of reads) edits.push({ range: { start: read.start, end: read.end }, newText: `${part}.text` });
  return edits;
}

/** The guard is the `if` clause of the comprehension the read is the body of, or the condition of an `if` holding it. */
function guardCovers(guard: PyNode, read: PyNode): boolean {
  const holder = guard.parent!;
  if (holder.type === "if_clause") {
    const comprehension = holder.parent!;
    return field(comprehension, "body") !== undefined && read.start >= field(comprehension, "body")!.start && read.end <= field(comprehension, "body")!.end;
  }
  if (holder.type === "if_statement" && field(holder, "condition") === guard) {
    const consequence = field(holder, "consequence")!;
    let inside = false;
    forEachDescendant(holder, (node) => {
      if (node === read && read.start >= consequence.start && read.end <= consequence.end) inside = true;
      return !inside;
    });
    return inside && namedChildren(consequence).length > 0;
  }
  return false;
}

/** `len(x)`: how many there are. */
function isCounted(node: PyNode, reader: PythonCallReader): boolean {
  const parent = node.parent!;
  return parent.type === "argument_list" && namedChildren(parent).length === 1 && reader.of(field(parent.parent!, "function")!) === "len";
}

/** Only tested for being empty: an `if`, `while` or conditional expression's condition, `not`, the left of `and`. */
function isTruthTested(node: PyNode): boolean {
  const parent = node.parent!;
  if (parent.type === "not_operator") return true;
  if (parent.type === "boolean_operator") return field(parent, "left") === node && field(parent, "operator")?.type === "and";
  if (parent.type === "if_statement" || parent.type === "while_statement" || parent.type === "elif_clause") return field(parent, "condition") === node;
  return parent.type === "conditional_expression" && namedChildren(parent)[1] === node;
}

function isPrinted(node: PyNode, reader: PythonCallReader): boolean {
  const holder = node.parent?.type === "interpolation" ? node.parent : node;
  let call: PyNode | undefined = holder.parent?.type === "argument_list" ? holder.parent.parent : undefined;
  if (!call && holder.type === "interpolation") for (let up = holder.parent; up && !call; up = up.parent) if (up.type === "argument_list") call = up.parent;
  return call?.type === "call" && reader.of(field(call, "function")!) === "print";
}
