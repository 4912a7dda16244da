// The ways code reads the assistant's reply off `messages.list`, each of which is
// `response.output_text` in the Responses API (all output text, joined). What a read is comes from the
// language-neutral table in ../../migration/replyShape.ts; this file spells TypeScript's accessors as
// its steps and rewrites each read by where it stands:
// - a read of the text (`messages.data[0].content[0].text.value`, `.map(c => c.text.value).join("")`)
//   is `response.output_text`;
// - a test for the reply (`!reply`, `part.type === "text"`, `part?.type !== "text"`) tests for text;
//   a guarded read (`part.type === "text" ? part.text.value : ""`) is the text itself;
// - a name for part of the reply (`const reply = messages.data.find(…)`) goes, its reads rewritten;
// - a loop that picks the text out (`for (const part of reply.content) if (part.type === "text")
//   return part.text.value;`) becomes the one statement it picks with.
// Any other read (an id, a date, the whole message logged) is not the reply text: no edits.
import ts from "typescript";
import type { TextEdit } from "../../types";
import { afterReadStep, isReplyFilter, isReplyHolder, itemOf, loopTakesReply, type ListingContext, type ReadStep, type ReplyValue } from "../../migration/replyShape";
import { unwrap } from "../syntax";
import type { TypeScriptFixContext } from "./context";
import { deleteStatement, referencesTo } from "./statements";

/** The names bound to parts of the reply, and how the listing they come from was asked for. */
class Names extends Map<string, ReplyValue> {
  constructor(
    readonly listing: ListingContext,
    entries: Iterable<readonly [string, ReplyValue]> = [],
  ) {
    super(entries);
  }
}

function isWrapper(node: ts.Node): node is ts.ParenthesizedExpression | ts.NonNullExpression | ts.AsExpression | ts.SatisfiesExpression {
  return ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node);
}

/** The single parameter of a one-parameter callback and the expression it returns. */
function callbackOf(argument: ts.Expression | undefined): { parameter: string; result: ts.Expression } | undefined {
  if (!argument || !(ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) || argument.parameters.length !== 1) return undefined;
  const parameter = argument.parameters[0].name;
  if (!ts.isIdentifier(parameter)) return undefined;
  const body = argument.body;
  if (ts.isExpression(body)) return { parameter: parameter.text, result: body };
  const only = body.statements.length === 1 ? body.statements[0] : undefined;
  return only && ts.isReturnStatement(only) && only.expression ? { parameter: parameter.text, result: only.expression } : undefined;
}

/** `c.text.value`, or `c.type === "text" ? c.text.value : ""`, with `c` a part. */
function readsText(expression: ts.Expression, names: Names, sourceFile: ts.SourceFile): boolean {
  const node = unwrap(expression);
  if (ts.isConditionalExpression(node)) return guardedText(node, names, sourceFile) !== undefined;
  return valueOf(node, names, sourceFile) === "text";
}

function stepOf(node: ts.Expression, names: Names, sourceFile: ts.SourceFile): { inner: ts.Expression; step: ReadStep } | undefined {
  if (ts.isPropertyAccessExpression(node)) return { inner: node.expression, step: { kind: "member", name: node.name.text } };
  if (ts.isElementAccessExpression(node)) return { inner: node.expression, step: { kind: "index", index: node.argumentExpression.getText(sourceFile) } };
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const callback = callbackOf(node.arguments[0]);
    const item = (value: ReplyValue) => (callback ? new Names(names.listing, [[callback.parameter, value]]) : undefined);
    return {
      inner: node.expression.expression,
      step: {
        kind: "call",
        method: node.expression.name.text,
        argumentsText: node.arguments.map((argument) => argument.getText(sourceFile)).join(", "),
        callbackReadsText: callback !== undefined && readsText(callback.result, item("part")!, sourceFile),
        callbackReadsParts: callback !== undefined && valueOf(callback.result, item("message")!, sourceFile) === "parts",
      },
    };
  }
  return undefined;
}

/** What `expression` is of the reply, reading from the names bound to parts of it; undefined when it is not. */
function valueOf(expression: ts.Expression, names: Names, sourceFile: ts.SourceFile): ReplyValue | undefined {
  const node = unwrap(expression);
  if (ts.isIdentifier(node)) return names.get(node.text);
  const stepped = stepOf(node, names, sourceFile);
  if (!stepped) return undefined;
  const inner = valueOf(stepped.inner, names, sourceFile);
  return inner && afterReadStep(inner, stepped.step, names.listing);
}

/** The largest expression above `reference` that is still part of the reply, and what it is. */
function climb(reference: ts.Identifier, names: Names, sourceFile: ts.SourceFile): { node: ts.Expression; value: ReplyValue } | undefined {
  let node: ts.Expression = reference;
  let value = names.get(reference.text);
  if (!value) return undefined;
  for (;;) {
    let parent = node.parent;
    if (isWrapper(parent)) {
      node = parent;
      continue;
    }
    // `x.find(…)`: the call, not the property access, is the step.
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) parent = parent.parent;
    const above = ts.isExpression(parent) ? valueOf(parent, names, sourceFile) : undefined;
    if (!above || stepOf(parent as ts.Expression, names, sourceFile)?.inner !== node) return { node, value };
    node = parent as ts.Expression;
    value = above;
  }
}

/** `part.type === "text"` (or `!==`), `reply.role === "assistant"`, or a bare `reply`: a test on the reply, and whether it asks for text. */
function replyTest(expression: ts.Expression, names: Names, sourceFile: ts.SourceFile): { wantsText: boolean } | undefined {
  const node = unwrap(expression);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = replyTest(node.operand, names, sourceFile);
    return inner && { wantsText: !inner.wantsText };
  }
  const holder = valueOf(node, names, sourceFile);
  if (holder && isReplyHolder(holder)) return { wantsText: true };
  if (!ts.isBinaryExpression(node)) return undefined;
  const kind = node.operatorToken.kind;
  const equal = kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken;
  if (!equal && kind !== ts.SyntaxKind.ExclamationEqualsEqualsToken && kind !== ts.SyntaxKind.ExclamationEqualsToken) return undefined;
  const [member, literal] = ts.isStringLiteralLike(node.right) ? [unwrap(node.left), node.right] : [unwrap(node.right), node.left];
  if (!ts.isStringLiteralLike(literal) || !ts.isPropertyAccessExpression(member)) return undefined;
  const owner = valueOf(member.expression, names, sourceFile);
  return owner && isReplyFilter(owner, member.name.text, literal.text) ? { wantsText: equal } : undefined;
}

/** Every operand of `a && b && c`. */
function conjuncts(expression: ts.Expression): ts.Expression[] {
  const node = unwrap(expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [...conjuncts(node.left), ...conjuncts(node.right)];
  return [node];
}

/** `part && part.type === "text" ? part.text.value : ""`: the text, or the fallback when there is none. */
function guardedText(conditional: ts.ConditionalExpression, names: Names, sourceFile: ts.SourceFile): ts.Expression | undefined {
  const tests = conjuncts(conditional.condition).map((operand) => replyTest(operand, names, sourceFile));
  if (tests.some((test) => !test?.wantsText)) return undefined;
  if (!readsText(conditional.whenTrue, names, sourceFile)) return undefined;
  const fallback = unwrap(conditional.whenFalse);
  const isFallback = ts.isStringLiteralLike(fallback) || fallback.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(fallback) && fallback.text === "undefined");
  return isFallback ? fallback : undefined;
}

class ReplyReads {
  private readonly edits: TextEdit[] = [];
  private readonly replaced: ts.Node[] = [];
  private readonly names: Names;
  private readonly text: string;

  constructor(
    private readonly scope: ts.Node,
    private readonly replyText: string,
    private readonly context: TypeScriptFixContext,
    listing: ListingContext,
  ) {
    this.text = context.text;
    this.names = new Names(listing);
  }

  private get sourceFile(): ts.SourceFile {
    return this.context.sourceFile;
  }

  /** Rewrites every read of `name` (bound to `value`); false when one is not a read of the reply. */
  follow(name: ts.Identifier, value: ReplyValue): boolean {
    this.names.set(name.text, value);
    for (const reference of referencesTo(name.text, this.scope)) {
      if (reference === name || reference.getStart() < name.getStart() || this.isReplaced(reference)) continue;
      if (!this.rewrite(reference)) return false;
    }
    return true;
  }

  result(): TextEdit[] {
    return this.edits;
  }

  private isReplaced(node: ts.Node): boolean {
    return this.replaced.some((done) => node.getStart() >= done.getStart() && node.getEnd() <= done.getEnd());
  }

  private replace(node: ts.Node, newText: string): true {
    this.replaced.push(node);
    this.edits.push({ range: { start: node.getStart(), end: node.getEnd() }, newText });
    return true;
  }

  private rewrite(reference: ts.Identifier): boolean {
    const climbed = climb(reference, this.names, this.sourceFile);
    if (!climbed) return false;
    const { node, value } = climbed;
    const conditional = this.enclosingGuardedRead(node);
    if (conditional) {
      const fallback = guardedText(conditional, this.names, this.sourceFile)!;
      const emptyFallback = ts.isStringLiteralLike(fallback) && fallback.text === "";
      const either = `${this.replyText} || ${fallback.getText(this.sourceFile)}`;
      const standsAlone = ts.isReturnStatement(conditional.parent) || ts.isVariableDeclaration(conditional.parent) || ts.isParenthesizedExpression(conditional.parent) || ts.isArrowFunction(conditional.parent);
      return this.replace(conditional, emptyFallback ? this.replyText : standsAlone ? either : `(${either})`);
    }
    if (value === "text") return this.replace(node, this.replyText);
    const test = this.testAround(node);
    if (test) return this.replace(test.node, test.newText);
    const declaration = node.parent;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer === node && ts.isIdentifier(declaration.name)) {
      const statement = declaration.parent.parent;
      if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return false;
      this.replaced.push(statement);
      this.edits.push(deleteStatement(statement, this.text));
      return this.follow(declaration.name, value);
    }
    const loop = node.parent;
    if (ts.isForOfStatement(loop) && loop.expression === node) return this.pickingLoop(loop, value);
    return false;
  }

  /** The `cond ? text : fallback` whose condition holds `node`, when it is a guarded read of the reply. */
  private enclosingGuardedRead(node: ts.Expression): ts.ConditionalExpression | undefined {
    let current: ts.Node = node;
    while (current.parent && (ts.isBinaryExpression(current.parent) || ts.isPrefixUnaryExpression(current.parent) || ts.isPropertyAccessExpression(current.parent) || isWrapper(current.parent))) current = current.parent;
    const conditional = current.parent;
    if (!conditional || !ts.isConditionalExpression(conditional) || conditional.condition !== current) return undefined;
    return guardedText(conditional, this.names, this.sourceFile) ? conditional : undefined;
  }

  /** `!reply`, `part.type === "text"`, `if (reply)`: the same test on the reply text. */
  private testAround(node: ts.Expression): { node: ts.Node; newText: string } | undefined {
    const member = node.parent;
    const comparison = member?.parent;
    if (ts.isPropertyAccessExpression(member) && member.expression === node && ts.isBinaryExpression(comparison)) {
      const test = replyTest(comparison, this.names, this.sourceFile);
      return test && { node: comparison, newText: `${this.replyText} ${test.wantsText ? "!==" : "==="} ""` };
    }
    const value = valueOf(node, this.names, this.sourceFile);
    if (!value || !isReplyHolder(value)) return undefined;
    const parent = node.parent;
    const inTest =
      (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) ||
      (ts.isIfStatement(parent) && parent.expression === node) ||
      (ts.isConditionalExpression(parent) && parent.condition === node) ||
      (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) && parent.left === node);
    return inTest ? { node, newText: this.replyText } : undefined;
  }

  /**
   * `for (const m of messages.data)` / `for (const part of reply.content)` whose body, through tests on
   * the reply and inner loops over its parts, ends in one statement reading the text: that statement.
   */
  private pickingLoop(loop: ts.ForOfStatement, value: ReplyValue): boolean {
    const names = new Names(this.names.listing, this.names);
    const loopNames: string[] = [];
    const bind = (statement: ts.ForOfStatement, item: ReplyValue | undefined): boolean => {
      const list = statement.initializer;
      const declared = ts.isVariableDeclarationList(list) && list.declarations.length === 1 ? list.declarations[0].name : undefined;
      if (!item || !declared || !ts.isIdentifier(declared)) return false;
      names.set(declared.text, item);
      loopNames.push(declared.text);
      return true;
    };
    if (!bind(loop, itemOf(value))) return false;
    let sink: ts.Statement | undefined;
    let breaks = false;
    let assistantOnly = false;
    const visit = (statement: ts.Statement): boolean => {
      if (ts.isBlock(statement)) return statement.statements.every(visit);
      if (ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) {
        breaks ||= ts.isBreakStatement(statement);
        return true;
      }
      if (ts.isIfStatement(statement) && !statement.elseStatement && conjuncts(statement.expression).every((operand) => replyTest(operand, names, this.sourceFile)?.wantsText)) {
        assistantOnly ||= /["']assistant["']/.test(statement.expression.getText(this.sourceFile));
        return visit(statement.thenStatement);
      }
      if (ts.isForOfStatement(statement) && bind(statement, itemOf(valueOf(statement.expression, names, this.sourceFile) ?? "text"))) return visit(statement.statement);
      if (sink) return false;
      sink = statement;
      return true;
    };
    if (!visit(loop.statement) || !sink) return false;
    const picks = breaks || ts.isReturnStatement(sink) || ts.isThrowStatement(sink) ? "first" : "all";
    if (!loopTakesReply(value, picks, assistantOnly, this.names.listing)) return false;
    const rendered = this.renderSink(sink, names);
    if (rendered === undefined || loopNames.some((name) => new RegExp(`\\b${name}\\b`).test(rendered))) return false;
    this.replace(loop, rendered);
    if (ts.isReturnStatement(sink) || ts.isThrowStatement(sink)) this.deleteDeadCodeAfter(loop);
    return true;
  }

  /** What followed a loop that now always returns can never run (`return "";` after it): it goes, unless hoisted. */
  private deleteDeadCodeAfter(statement: ts.Statement): void {
    const block = statement.parent;
    if (!ts.isBlock(block)) return;
    const after = block.statements.slice(block.statements.indexOf(statement) + 1);
    if (after.some((next) => ts.isFunctionDeclaration(next) || ts.isClassDeclaration(next) || (ts.isVariableStatement(next) && !(next.declarationList.flags & ts.NodeFlags.BlockScoped)))) return;
    for (const next of after) {
      this.replaced.push(next);
      this.edits.push(deleteStatement(next, this.text));
    }
  }

  /** The statement's text with each read of the reply text in it made the response's. */
  private renderSink(sink: ts.Statement, names: Names): string | undefined {
    const reads: ts.Node[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isExpression(node) && (valueOf(node, names, this.sourceFile) === "text" || (ts.isConditionalExpression(node) && guardedText(node, names, this.sourceFile)))) {
        reads.push(node);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sink);
    if (reads.length === 0) return undefined;
    const start = sink.getStart();
    let rendered = this.text.slice(start, sink.getEnd());
    for (const read of reads.reverse()) rendered = rendered.slice(0, read.getStart() - start) + this.replyText + rendered.slice(read.getEnd() - start);
    return rendered;
  }
}

/** `order` and `limit` of the `messages.list(…)` call `messages` holds the page of. */
function listingOf(messages: ts.Identifier, singleExchange: boolean): ListingContext {
  const declaration = messages.parent;
  const initializer = ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrap(declaration.initializer) : undefined;
  const call = initializer && ts.isAwaitExpression(initializer) ? unwrap(initializer.expression) : initializer;
  const query = call && ts.isCallExpression(call) ? call.arguments.map(unwrap).find(ts.isObjectLiteralExpression) : undefined;
  const property = (name: string) => query?.properties.find((candidate) => candidate.name && ts.isIdentifier(candidate.name) && candidate.name.text === name);
  const order = property("order");
  const orderValue = !order ? "desc" : ts.isPropertyAssignment(order) && ts.isStringLiteralLike(order.initializer) && (order.initializer.text === "asc" || order.initializer.text === "desc") ? order.initializer.text : undefined;
  return { order: orderValue, limited: property("limit") !== undefined, singleExchange };
}

/**
 * Edits turning every read of the listed messages into `response.output_text`; undefined if one is not
 * a read of the reply. `singleExchange`: the thread holds only this turn (created here, run once).
 */
export function replyTextEdits(messages: ts.Identifier, scope: ts.Node, responseName: string, context: TypeScriptFixContext, singleExchange: boolean): TextEdit[] | undefined {
  const reads = new ReplyReads(scope, `${responseName}.output_text`, context, listingOf(messages, singleExchange));
  return reads.follow(messages, "listing") ? reads.result() : undefined;
}
