// The reply read off listed messages, in Response terms. Right after a run, what the run wrote is the
// response's `output_text`: `messages.data[0].content[0].text.value` (through an alias such as
// `last = messages.data[0]` too), and a loop over `messages.data` that picks the assistant's text out
// (`return …text.value`, `answer = …text.value`, `replies.append(…)`) becomes that one statement.
// A history listing keeps the conversation's items: loops over `.data` take message items only and
// read their text parts.
import type { TextEdit } from "../../types";
import { enclosingFunction, field, forEachDescendant, namedChildren, type PyNode } from "../syntax";
import type { PythonCallReader } from "./pythonCalls";

const FIRST_TEXT = /^\w+\s*\.\s*data\s*\[\s*0\s*\]\s*\.\s*content\s*\[\s*0\s*\]\s*\.\s*text\s*\.\s*value$/;
const ALIAS_TEXT = /^\w+\s*\.\s*content\s*\[\s*0\s*\]\s*\.\s*text\s*\.\s*value$/;
const STATEMENT_TYPES = new Set(["expression_statement", "return_statement"]);

/** The longest `.attr` / `[i]` chain `node` starts. */
function chainFrom(node: PyNode): PyNode {
  let read = node;
  while (read.parent && (read.parent.type === "attribute" || read.parent.type === "subscript") && namedChildren(read.parent)[0] === read) read = read.parent;
  return read;
}

/** Edits reading the reply as `response.output_text`, after deleting the listing statement. */
export function replyAfterRunEdits(listed: PyNode, statement: PyNode, response: string, reader: PythonCallReader): TextEdit[] | string {
  const name = reader.of(listed);
  const scope = enclosingFunction(listed) ?? reader.parsed.root;
  const edits: TextEdit[] = [{ range: reader.lines(statement), newText: "" }];
  const handled = new Set<PyNode>();
  for (const reference of reader.references(scope, name, listed.end)) {
    if (handled.has(reference)) continue;
    const read = chainFrom(reference);
    if (FIRST_TEXT.test(reader.of(read))) {
      edits.push({ range: { start: read.start, end: read.end }, newText: `${response}.output_text` });
      continue;
    }
    // `last = messages.data[0]`, then `last.content[0].text.value`.
    const assignment = read.parent;
    if (/^\w+\s*\.\s*data\s*\[\s*0\s*\]$/.test(reader.of(read)) && assignment?.type === "assignment" && field(assignment, "left")?.type === "identifier" && assignment.parent?.type === "expression_statement") {
      const alias = reader.of(field(assignment, "left")!);
      edits.push({ range: reader.lines(assignment.parent), newText: "" });
      for (const use of reader.references(scope, alias, assignment.end)) {
        const aliasRead = chainFrom(use);
        if (!ALIAS_TEXT.test(reader.of(aliasRead))) return "the listed reply is read in a way the rewrite cannot follow";
        edits.push({ range: { start: aliasRead.start, end: aliasRead.end }, newText: `${response}.output_text` });
      }
      continue;
    }
    // `if not messages.data:` asks whether there is a reply.
    if (/^\w+\s*\.\s*data$/.test(reader.of(read)) && (read.parent?.type === "not_operator" || (read.parent?.type === "if_statement" && field(read.parent, "condition") === read))) {
      edits.push({ range: { start: read.start, end: read.end }, newText: `${response}.output_text` });
      continue;
    }
    const loop = pickingLoop(read, reader, response);
    if (typeof loop === "string") return loop;
    edits.push(loop.edit);
    for (const inner of reader.references(loop.loop, name, loop.loop.start)) handled.add(inner);
  }
  return edits;
}

/** `for m in [reversed(]messages.data[)]:` whose body picks one text: that statement alone. */
function pickingLoop(read: PyNode, reader: PythonCallReader, response: string): { loop: PyNode; edit: TextEdit } | string {
  let iterable = read;
  if (!/^\w+\s*\.\s*data$/.test(reader.of(read))) return "the listed messages are read in a way the rewrite cannot follow";
  const wrapper = iterable.parent?.type === "argument_list" ? iterable.parent.parent : undefined;
  if (wrapper?.type === "call" && /^(reversed|list)$/.test(reader.of(field(wrapper, "function")!))) iterable = wrapper;
  const loop = iterable.parent;
  if (loop?.type !== "for_statement" || field(loop, "right") !== iterable || field(loop, "alternative")) return "the listed messages are read in a way the rewrite cannot follow";
  const sinks: PyNode[] = [];
  forEachDescendant(field(loop, "body")!, (node) => {
    if (STATEMENT_TYPES.has(node.type) && /\.\s*text\s*\.\s*value\b/.test(reader.of(node))) {
      sinks.push(node);
      return false;
    }
  });
  if (sinks.length !== 1) return "the loop over the listed messages does more than pick the reply";
  const sink = sinks[0];
  const texts: PyNode[] = [];
  forEachDescendant(sink, (node) => {
    if (node.type === "attribute" && /\.\s*text\s*\.\s*value$/.test(reader.of(node)) && field(node, "attribute") && reader.of(field(node, "attribute")!) === "value") {
      texts.push(node);
      return false;
    }
  });
  let rendered = reader.of(sink);
  for (const text of [...texts].reverse()) rendered = rendered.slice(0, text.start - sink.start) + `${response}.output_text` + rendered.slice(text.end - sink.start);
  // What else the picked statement reads of the loop's variables has no place outside the loop.
  const loopNames = new Set<string>();
  forEachDescendant(loop, (node) => {
    if ((node.type === "for_statement" || node.type === "for_in_clause") && field(node, "left")?.type === "identifier") loopNames.add(reader.of(field(node, "left")!));
  });
  const leftover = [...loopNames].some((loopName) => new RegExp(`\\b${loopName}\\b`).test(rendered.replaceAll(`${response}.output_text`, "")));
  if (leftover) return "the reply picked off the listed messages reads more than their text";
  return { loop, edit: { range: { start: loop.start, end: loop.end }, newText: rendered } };
}

const ITEM_TEXT = (message: string, q: string) => `${q}${q}.join(part.text for part in ${message}.content if part.type == ${q}output_text${q} or part.type == ${q}input_text${q})`;

/**
 * A history listing on `conversations.items.list`: `for m in listed.data:` takes message items only,
 * `m.content[0].text.value` reads the text parts. Any other read refuses.
 */
export function historyEdits(listed: PyNode, reader: PythonCallReader): TextEdit[] | string {
  const name = reader.of(listed);
  const scope = enclosingFunction(listed) ?? reader.parsed.root;
  const edits: TextEdit[] = [];
  for (const reference of reader.references(scope, name, listed.end)) {
    const read = chainFrom(reference);
    let iterable = read;
    if (!/^\w+\s*\.\s*data$/.test(reader.of(read))) return "the listed history is read in a way the rewrite cannot follow";
    const wrapper = iterable.parent?.type === "argument_list" ? iterable.parent.parent : undefined;
    if (wrapper?.type === "call" && /^(reversed|list)$/.test(reader.of(field(wrapper, "function")!))) iterable = wrapper;
    const loop = iterable.parent;
    const variable = loop && field(loop, "left");
    if ((loop?.type !== "for_statement" && loop?.type !== "for_in_clause") || field(loop, "right") !== iterable || variable?.type !== "identifier") return "the listed history is read in a way the rewrite cannot follow";
    const message = reader.of(variable);
    edits.push({ range: { start: read.start, end: read.end }, newText: `[item for item in ${reader.of(read)} if item.type == "message"]` });
    const body = loop.type === "for_statement" ? field(loop, "body")! : loop.parent!;
    for (const use of reader.references(body, message, variable.end)) {
      const access = use.parent;
      if (access?.type !== "attribute" || field(access, "object") !== use) continue;
      const member = reader.of(field(access, "attribute")!);
      const chain = chainFrom(use);
      if (member === "content" && ALIAS_TEXT.test(reader.of(chain))) edits.push({ range: { start: chain.start, end: chain.end }, newText: ITEM_TEXT(message, reader.quoteAt(chain)) });
      else if (member !== "role" && member !== "id") return `a listed message's \`${member}\` has no conversation item counterpart`;
    }
  }
  return edits;
}
