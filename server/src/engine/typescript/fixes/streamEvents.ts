// Raw Assistants stream events (`.on("event", (e) => …)`, `for await (const e of stream)`) read as
// Responses stream events. An Assistants event is `{ event: "thread.…", data }`; a Responses event is
// `{ type: "response.…", … }` with its payload on the event itself:
//
//   e.event === "thread.message.delta"     -> e.type === "response.output_text.delta"
//     e.data.delta.content[0].text.value   ->   e.delta (one text delta per event; `?.`, `!` allowed)
//     e.data.delta.content (as a test)     ->   e.delta
//   e.event === "thread.run.completed"     -> e.type === "response.completed" (and created, queued,
//     e.data.id / status / usage / …       ->   in_progress, incomplete, failed: the same way)
//     e.data.last_error                    ->   e.response.error
//   e.event === "error"                    -> e.type === "error"
//   switch (e.event) { case "thread.…": }  -> switch (e.type) { case "response.…": }
//
// Every other read of the event (another event name, `e.data` outside a branch on its name, the
// event passed on whole) means the stream is not rewritten, with the reason.
import ts from "typescript";
import type { TextEdit } from "../../types";
import { unwrap } from "../syntax";
import type { TypeScriptFixContext } from "./context";
import { EVENT_NAMES, TEXT_DELTA_EVENT } from "../../migration/streamEvents";
import { literalRanges } from "./edits";
import { messageDeltaReadEdits } from "./streamDeltaReads";
import { handOffNote, isHandedOn, isOnlyShown } from "./streamEventHandOff";
import { referencesTo } from "./statements";

const TEXT_DELTA = TEXT_DELTA_EVENT;

/** Why a known Assistants event cannot be carried over. */
const UNMAPPED_EVENTS: Readonly<Record<string, string>> = {
  "thread.run.requires_action": "a Response has no requires_action event: its tool calls are the final response's `function_call` output items",
};

/** Run fields read off a run event's `data`, as they are named on the event's `response`. */
const RUN_FIELDS: Readonly<Record<string, string>> = { id: "id", status: "status", usage: "usage", metadata: "metadata", model: "model", created_at: "created_at", last_error: "error" };

const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** Edits, or why the event variable's uses cannot be carried over. */
export type EventEdits = { edits: TextEdit[] } | { reason: string };

function literalEdit(literal: ts.StringLiteralLike, context: TypeScriptFixContext): TextEdit | string {
  const mapped = Object.prototype.hasOwnProperty.call(EVENT_NAMES, literal.text) ? EVENT_NAMES[literal.text] : undefined;
  if (!mapped) return UNMAPPED_EVENTS[literal.text] ?? `the \`${literal.text}\` event has no Responses counterpart`;
  const quote = literal.getText(context.sourceFile)[0];
  return { range: { start: literal.getStart(context.sourceFile), end: literal.getEnd() }, newText: `${quote}${mapped}${quote}` };
}

/** The event name `reference.event` is compared to by the condition holding `node`, when `node` lies where the test is true. */
function guardingEventNames(node: ts.Node, name: string, stop: ts.Node): string[] {
  const names: string[] = [];
  const testsOf = (condition: ts.Expression): void => {
    const test = unwrap(condition);
    if (ts.isBinaryExpression(test) && test.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      testsOf(test.left);
      testsOf(test.right);
      return;
    }
    if (ts.isBinaryExpression(test) && (test.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || test.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
      const [access, literal] = ts.isStringLiteralLike(test.right) ? [test.left, test.right] : [test.right, test.left];
      const target = unwrap(access);
      if (ts.isStringLiteralLike(literal) && ts.isPropertyAccessExpression(target) && target.name.text === "event" && ts.isIdentifier(target.expression) && target.expression.text === name) names.push(literal.text);
    }
  };
  for (let child: ts.Node = node, parent = node.parent; parent && child !== stop; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child) testsOf(parent.expression);
    else if (ts.isConditionalExpression(parent) && parent.whenTrue === child) testsOf(parent.condition);
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === child) testsOf(parent.left);
    else if (ts.isCaseClause(parent) && ts.isStringLiteralLike(parent.expression)) {
      const switched = unwrap(parent.parent.parent.expression);
      if (ts.isPropertyAccessExpression(switched) && switched.name.text === "event" && ts.isIdentifier(switched.expression) && switched.expression.text === name) names.push(parent.expression.text);
    }
  }
  return names;
}

/** The property names read in a chain starting at `reference` (`?.`, `!`, `[0]` allowed), and its outermost node. */
function chainFrom(reference: ts.Identifier): { path: string[]; end: ts.Expression } {
  const path: string[] = [];
  let node: ts.Expression = reference;
  for (;;) {
    const parent: ts.Node = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) path.push(parent.name.text);
    else if (ts.isElementAccessExpression(parent) && parent.expression === node && ts.isNumericLiteral(parent.argumentExpression) && parent.argumentExpression.text === "0") path.push("[0]");
    else if (!ts.isNonNullExpression(parent)) break;
    node = parent as ts.Expression;
  }
  return { path, end: node };
}

/** `for (const part of e.data.delta.content ?? [])`: the loop, when `end` (the content) is what it loops over. */
function contentLoopOf(end: ts.Expression): ts.ForOfStatement | undefined {
  let looped: ts.Node = end;
  if (ts.isBinaryExpression(end.parent) && end.parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && end.parent.left === end && ts.isArrayLiteralExpression(end.parent.right) && end.parent.right.elements.length === 0) looped = end.parent;
  const loop = looped.parent;
  return ts.isForOfStatement(loop) && loop.expression === looped && !loop.awaitModifier && ts.isBlock(loop.statement) && loop.statement.statements.length === 1 ? loop : undefined;
}

/**
 * A loop over a message delta's content parts, reading the text parts: a Responses text delta is one
 * part's text, so the loop goes and its one statement reads `e.delta`. Only `part.type === "text" && …`
 * and `part.text.value` (any `?.`, `!`) are understood.
 */
function contentLoopEdits(loop: ts.ForOfStatement, name: string, context: TypeScriptFixContext): TextEdit[] | string {
  const { sourceFile, text } = context;
  const list = loop.initializer;
  const part = ts.isVariableDeclarationList(list) && list.declarations.length === 1 && ts.isIdentifier(list.declarations[0].name) ? list.declarations[0].name.text : undefined;
  if (!part) return "the loop over a message delta's parts destructures them";
  const inner = (loop.statement as ts.Block).statements[0];
  const edits: TextEdit[] = [];
  for (const reference of referencesTo(part, inner)) {
    const { path, end } = chainFrom(reference);
    if (path.join(".") === "text.value") {
      edits.push({ range: { start: reference.getStart(sourceFile), end: end.getEnd() }, newText: `${name}.delta` });
      continue;
    }
    const comparison = end.parent;
    const conjunction = comparison.parent;
    const isTextTest = path.join(".") === "type" && ts.isBinaryExpression(comparison) && comparison.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken && ts.isStringLiteralLike(comparison.right) && comparison.right.text === "text";
    if (!isTextTest || !ts.isBinaryExpression(conjunction) || conjunction.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken || conjunction.left !== comparison) return "a message delta's part is read other than as its text";
    edits.push({ range: { start: comparison.getStart(sourceFile), end: conjunction.right.getStart(sourceFile) }, newText: "" });
  }
  const outer = eventVariableEdits(name, inner, context);
  if ("reason" in outer) return outer.reason;
  // The loop's header and closing brace go; its statement moves out one level, line by line
  // (never inside a multi-line string), so every edit stays small and apart from the others.
  const start = inner.getStart(sourceFile);
  const removed = context.style.indentAt(start).length - context.style.indentAt(loop.getStart(sourceFile)).length;
  const literals = literalRanges(inner, sourceFile);
  const indentEdits: TextEdit[] = [];
  for (let at = text.indexOf("\n", start); at !== -1 && at < inner.getEnd(); at = text.indexOf("\n", at + 1)) {
    const lineStart = at + 1;
    if (literals.some((range) => range.start < lineStart && lineStart < range.end)) continue;
    let end = lineStart;
    while (end < lineStart + removed && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
    if (end > lineStart) indentEdits.push({ range: { start: lineStart, end }, newText: "" });
  }
  return [
    { range: { start: loop.getStart(sourceFile), end: start }, newText: "" },
    ...indentEdits,
    ...edits,
    ...outer.edits,
    { range: { start: inner.getEnd(), end: loop.getEnd() }, newText: "" },
  ];
}

/**
 * `e.event.startsWith("thread.run.")`: a test for the Responses events whose Assistants names have
 * that prefix (`e.type === "response.created" || …`); none means the prefix has no counterpart.
 */
function prefixTestText(access: ts.Expression, name: string, context: TypeScriptFixContext): TextEdit | string {
  const call = access.parent;
  const [prefix] = ts.isCallExpression(call) && call.expression === access ? call.arguments : [];
  if (!ts.isCallExpression(call) || call.arguments.length !== 1 || !prefix || !ts.isStringLiteralLike(prefix)) return "the event name is tested for a prefix that is not a literal";
  const names = Object.keys(EVENT_NAMES).filter((event) => event.startsWith(prefix.text) && event !== "error");
  if (names.length === 0) return `no Assistants event starting with \`${prefix.text}\` has a Responses counterpart`;
  const test = names.map((event) => `${name}.type === ${context.style.string(EVENT_NAMES[event])}`).join(" || ");
  const standsAlone = (ts.isIfStatement(call.parent) || ts.isWhileStatement(call.parent)) && call.parent.expression === call;
  const grouped = (names.length > 1 && !standsAlone && !ts.isParenthesizedExpression(call.parent)) || ts.isPrefixUnaryExpression(call.parent) ? `(${test})` : test;
  return { range: { start: call.getStart(context.sourceFile), end: call.getEnd() }, newText: grouped };
}

/** Edits for every use of the event variable `name` below `body`. */
export function eventVariableEdits(name: string, body: ts.Node, context: TypeScriptFixContext): EventEdits {
  const edits: TextEdit[] = [];
  const mappedSwitches = new Set<ts.SwitchStatement>();
  const notes = new Set<TextEdit>();
  const loops: ts.ForOfStatement[] = [];
  for (const reference of referencesTo(name, body)) {
    if (loops.some((loop) => reference.getStart() >= loop.getStart() && reference.getEnd() <= loop.getEnd())) continue;
    const { path, end } = chainFrom(reference);
    const access = reference.parent;
    if (path[0] === "event" && ts.isPropertyAccessExpression(access)) {
      const holder = end.parent;
      if (ts.isBinaryExpression(holder) && EQUALITY.has(holder.operatorToken.kind) && path.length === 1) {
        const other = holder.left === end ? holder.right : holder.left;
        if (!ts.isStringLiteralLike(other)) return { reason: "the event name is compared to something other than a literal" };
        const edit = literalEdit(other, context);
        if (typeof edit === "string") return { reason: edit };
        edits.push(edit);
      } else if (ts.isSwitchStatement(holder) && holder.expression === end && path.length === 1 && !mappedSwitches.has(holder)) {
        mappedSwitches.add(holder);
        for (const clause of holder.caseBlock.clauses) {
          if (!ts.isCaseClause(clause)) continue;
          if (!ts.isStringLiteralLike(clause.expression)) return { reason: "a case of the event name is not a literal" };
          const edit = literalEdit(clause.expression, context);
          if (typeof edit === "string") return { reason: edit };
          edits.push(edit);
        }
      } else if (path.length === 2 && path[1] === "startsWith") {
        const test = prefixTestText(end, name, context);
        if (typeof test === "string") return { reason: test };
        edits.push(test);
        continue;
      } else if (path.length === 1 && isHandedOn(end)) {
        notes.add(handOffNote(end, context));
      } else if (path.length !== 1 || !isOnlyShown(end)) {
        return { reason: "the event name is read other than in a comparison with a literal" };
      }
      edits.push({ range: { start: access.name.getStart(context.sourceFile), end: access.name.getEnd() }, newText: "type" });
      continue;
    }
    if (path.length === 1 && path[0] === "data" && (isOnlyShown(end) || isHandedOn(end))) {
      // The payload shown or handed on whole: a Responses event carries it on itself.
      edits.push({ range: { start: reference.getEnd(), end: end.getEnd() }, newText: "" });
      if (isHandedOn(end)) notes.add(handOffNote(end, context));
      continue;
    }
    if (path[0] === "data") {
      const guards = guardingEventNames(reference, name, body);
      if (guards.includes(TEXT_DELTA)) {
        const text = path.join(".").replace(/\.\[0\]/g, "[0]");
        const loop = text === "data.delta.content" ? contentLoopOf(end) : undefined;
        if (loop) {
          const loopEdits = contentLoopEdits(loop, name, context);
          if (typeof loopEdits === "string") return { reason: loopEdits };
          loops.push(loop);
          edits.push(...loopEdits);
          continue;
        }
        const deltaEdits = messageDeltaReadEdits(reference, name, chainFrom, context);
        if (typeof deltaEdits === "string") return { reason: deltaEdits };
        if (deltaEdits) {
          edits.push(...deltaEdits);
          continue;
        }
        return { reason: "a message delta is read other than as its text (`data.delta.content[0].text.value`)" };
      }
      const runEvent = guards.find((guard) => guard.startsWith("thread.run.") && EVENT_NAMES[guard]);
      if (runEvent && path.length >= 2 && RUN_FIELDS[path[1]]) {
        const dataAccess = reference.parent as ts.PropertyAccessExpression;
        const fieldAccess = dataAccess.parent as ts.PropertyAccessExpression;
        edits.push({ range: { start: dataAccess.name.getStart(context.sourceFile), end: dataAccess.name.getEnd() }, newText: "response" });
        if (RUN_FIELDS[path[1]] !== path[1]) edits.push({ range: { start: fieldAccess.name.getStart(context.sourceFile), end: fieldAccess.name.getEnd() }, newText: RUN_FIELDS[path[1]] });
        continue;
      }
      return { reason: "the event's `data` is read outside a branch on an event whose payload maps to Responses" };
    }
    if (path.length === 0 && isHandedOn(reference)) {
      notes.add(handOffNote(reference, context));
      continue;
    }
    if (path.length === 0 && isOnlyShown(reference)) continue;
    return { reason: "the event is used whole (its Assistants shape has no Responses counterpart)" };
  }
  // One note per hand-off statement, however many reads of the event it holds.
  const unique = new Map([...notes].map((note) => [note.range.start, note]));
  return { edits: [...edits, ...unique.values()] };
}
