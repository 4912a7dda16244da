// How Python code walks a thread's listed messages, shared by the reply read (./replies.ts) and the
// history read (./historyReads.ts): the `.attr` / `[i]` chains off the listing, the loops and
// comprehensions that iterate it (`for m in messages.data:`, `for m in messages:`, `reversed(...)`),
// and the listing's `order=` / `limit=`.
import type { ListingRead } from "../../migration/listingReads";
import type { PyNode } from "../syntax";
import { field, namedChildren, stringValue } from "../syntax";
import type { PythonCallReader } from "./pythonCalls";

/** The longest `.attr` / `[i]` chain `node` starts. */
export function chainFrom(node: PyNode): PyNode {
  let read = node;
  while (read.parent && (read.parent.type === "attribute" || read.parent.type === "subscript") && namedChildren(read.parent)[0] === read) read = read.parent;
  return read;
}

/**
 * What a listing is assigned to: `messages = …list(…)`, or `messages = …list(…).data`, whose name then
 * stands for the page's `.data` (`viaData`).
 */
export function listingTarget(syntax: { call: PyNode; statement?: PyNode; assigned?: PyNode }, reader: PythonCallReader): { assigned: PyNode; statement: PyNode; viaData: boolean } | undefined {
  if (syntax.assigned && syntax.statement) return { assigned: syntax.assigned, statement: syntax.statement, viaData: false };
  let node = syntax.call;
  while (node.parent?.type === "await" || node.parent?.type === "parenthesized_expression") node = node.parent;
  const data = node.parent;
  const assignment = data?.parent;
  if (data?.type !== "attribute" || field(data, "object") !== node || reader.of(field(data, "attribute")!) !== "data") return undefined;
  if (assignment?.type !== "assignment" || field(assignment, "right") !== data || field(assignment, "left")?.type !== "identifier" || assignment.parent?.type !== "expression_statement") return undefined;
  return { assigned: field(assignment, "left")!, statement: assignment.parent, viaData: true };
}

/** The chain from `node` as steps (`.data`, `[0]`), each with the node it ends at; `viaData`: `node` is the page's `.data` already. */
export function stepsFrom(node: PyNode, reader: PythonCallReader, viaData = false): Array<{ step: string; node: PyNode }> {
  const steps: Array<{ step: string; node: PyNode }> = viaData ? [{ step: ".data", node }] : [];
  let read = node;
  while (read.parent && (read.parent.type === "attribute" || read.parent.type === "subscript") && namedChildren(read.parent)[0] === read) {
    read = read.parent;
    if (read.type === "attribute") steps.push({ step: `.${reader.of(field(read, "attribute")!)}`, node: read });
    else steps.push({ step: `[${reader.of(field(read, "subscript") ?? namedChildren(read)[1]).replace(/\s+/g, "")}]`, node: read });
  }
  return steps;
}

/** The steps as text: `.content[0].text.value`. */
export function pathOf(steps: ReadonlyArray<{ step: string }>, from = 0, to = steps.length): string {
  return steps
    .slice(from, to)
    .map((step) => step.step)
    .join("");
}

export interface IteratingLoop {
  /** The `for` statement or the comprehension's `for … in` clause. */
  loop: PyNode;
  /** Where the loop variable is read: the body, or the whole comprehension. */
  body: PyNode;
  variable: PyNode;
  /** The iterable as written, wrappers included (`reversed(messages.data)`). */
  iterable: PyNode;
  reversed: boolean;
}

/** The loop or comprehension iterating `read` (through `reversed(...)` or `list(...)`), with a plain loop variable. */
export function iteratingLoop(read: PyNode, reader: PythonCallReader): IteratingLoop | undefined {
  let iterable = read;
  let reversed = false;
  const wrapper = iterable.parent?.type === "argument_list" && namedChildren(iterable.parent).length === 1 ? iterable.parent.parent : undefined;
  const wrapperName = wrapper?.type === "call" ? reader.of(field(wrapper, "function")!) : undefined;
  if (wrapper && (wrapperName === "reversed" || wrapperName === "list")) {
    iterable = wrapper;
    reversed = wrapperName === "reversed";
  }
  const loop = iterable.parent;
  if (!loop || (loop.type !== "for_statement" && loop.type !== "for_in_clause") || field(loop, "right") !== iterable) return undefined;
  const variable = field(loop, "left");
  if (variable?.type !== "identifier" || (loop.type === "for_statement" && field(loop, "alternative"))) return undefined;
  // `async for` pages through an async listing: a list comprehension around it could not.
  if (loop.children.some((child) => child.type === "async")) return undefined;
  const body = loop.type === "for_statement" ? field(loop, "body")! : loop.parent!;
  return { loop, body, variable, iterable, reversed };
}

/** The listing's `order=` and `limit=`: what a read of it gets (see ../../migration/listingReads.ts). */
export function listingOrder(keywords: ReadonlyMap<string, PyNode>, reader: PythonCallReader): Pick<ListingRead, "order" | "limited"> {
  const order = keywords.get("order");
  const value = order ? stringValue(order, reader.parsed.source) : "desc";
  return { order: value === "asc" || value === "desc" ? value : undefined, limited: keywords.has("limit") };
}

/** `<name>.type == "text"` (either side). */
export function isTextTypeTest(node: PyNode, name: string, reader: PythonCallReader): boolean {
  if (node.type !== "comparison_operator") return false;
  const operators = node.children.filter((child) => !child.named).map((child) => reader.of(child));
  const [left, right] = namedChildren(node);
  if (operators.join(" ") !== "==" || !left || !right) return false;
  const [attribute, literal] = left.type === "attribute" ? [left, right] : [right, left];
  return reader.of(attribute).replace(/\s+/g, "") === `${name}.type` && stringValue(literal, reader.parsed.source) === "text";
}
