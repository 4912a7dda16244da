// Streaming runs become `responses.stream`, with the AssistantStream handlers mapped to their
// ResponseStream events. Every part of the stream's use must be understood, or nothing is offered:
//
//   runs.stream(threadId, body), runs.createAndStream(threadId, body)
//       -> responses.stream({ model, instructions, tools, …, conversation: threadId })
//          (the thread id is kept outside the call, so it maps to a conversation: OpenAI's mapping)
//   threads.createAndRunStream({ assistant_id, thread: { messages } })
//       -> responses.stream({ model, instructions, tools, …, input })
//          (the thread is created inline and never named, so nothing is kept: stateless)
//   runs.submitToolOutputsStream(…)
//       -> no fix. Tool outputs only make sense together with the `requires_action` loop around
//          them, which Responses replaces by function_call output items; that is the tool-loop
//          rewrite's job, and a lone call rewritten here would compile but never work.
//
// Handlers (`.on` / `.once` with an inline arrow or function):
//   textDelta (delta, snapshot)  -> "response.output_text.delta" (event): delta.value -> event.delta,
//                                   snapshot.value -> event.snapshot
//   textDone (content, message)  -> "response.output_text.done" (event): content.value -> event.text;
//                                   the message snapshot must be unused (no equivalent on the event)
//   end, error, connect, abort   -> unchanged (both streams emit them)
//   anything else (textCreated, messageDone, messageDelta, toolCall*, runStep*, event, run …)
//                                -> no fix: the payloads have no exact Responses counterpart.
// A handler is rewritten only when each parameter is read solely as `param.<mapped property>`;
// `delta.annotations`, passing `delta` on, destructuring, or a named handler function mean no fix.
//
// Terminal methods: `.finalRun()` -> `.finalResponse()` (its result may be discarded, or kept in a
// const read only as `.id`, `.status`, `.model`, `.metadata` or `.created_at`, which mean the same on a
// Response); `.done()` and `.abort()` are unchanged. `.finalMessages()`, `.finalRunSteps()`,
// `.currentRun()`, `for await (const event of stream)` (Assistants event names such as
// `thread.message.delta`), returning the stream, or passing it elsewhere mean no fix.
//
// Always unsafe: the request now goes to another API; an existing thread id (`thread_…`) is not a
// conversation id (`conv_…`), so stored ids need migrating; and the definition may be a stub.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { findProperty, propertyNameText, unwrap } from "../syntax";
import { chooseDefinition, definitionEditsFor } from "./assistantDefinition";
import type { BetaChain } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { objectLiteralText, readRunOptions } from "./responsesRequest";
import { enclosingScope, referencesTo } from "./statements";

/** Where a handler parameter's properties go: `null` means the parameter must be unused. */
type ParameterMap = Readonly<Record<string, string>> | null;

interface HandlerMapping {
  event: string;
  parameters: readonly ParameterMap[];
}

const HANDLERS: Readonly<Record<string, HandlerMapping | "unchanged">> = {
  textDelta: { event: "response.output_text.delta", parameters: [{ value: "delta" }, { value: "snapshot" }] },
  textDone: { event: "response.output_text.done", parameters: [{ value: "text" }, null] },
  end: "unchanged",
  error: "unchanged",
  connect: "unchanged",
  abort: "unchanged",
};

/** Properties a Run and a Response share with the same meaning and a compatible type. */
const SHARED_RUN_PROPERTIES = new Set(["id", "status", "model", "metadata", "created_at"]);
/** Statuses a Run and a Response both have. */
const SHARED_STATUSES = new Set(["queued", "in_progress", "cancelled", "failed", "completed", "incomplete"]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

function isSharedStatusComparison(access: ts.PropertyAccessExpression): boolean {
  const comparison = access.parent;
  if (!ts.isBinaryExpression(comparison) || !EQUALITY.has(comparison.operatorToken.kind)) return false;
  const other = comparison.left === access ? comparison.right : comparison.left;
  return ts.isStringLiteralLike(other) && SHARED_STATUSES.has(other.text);
}

const PARAMETER_NAMES = ["event", "textEvent", "streamEvent", "responseEvent"];

/** What a chain of method calls on the stream leaves behind. */
type Produces = "stream" | "run" | "void";

interface WalkResult {
  edits: TextEdit[];
  end: ts.Expression;
  produces: Produces;
}

/** An identifier that (re)declares `name`: parameter, variable, function, class or binding element. */
function declaresName(node: ts.Node, name: string): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(child) && child.text === name) {
      const parent = child.parent;
      const declaration = ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent);
      if (declaration && (parent as ts.NamedDeclaration).name === child) found = true;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

function usesThisOrArguments(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (child.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(child) && child.text === "arguments")) found = true;
    // A nested ordinary function has its own `this` and `arguments`.
    if (!ts.isFunctionDeclaration(child) && !ts.isFunctionExpression(child)) ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

function isWrittenTo(access: ts.Expression): boolean {
  const parent = access.parent;
  if (ts.isBinaryExpression(parent) && parent.left === access && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  return ts.isDeleteExpression(parent);
}

/** `.on("textDelta", (delta) => … delta.value …)` → `.on("response.output_text.delta", (event) => … event.delta …)`. */
function rewriteHandler(invoke: ts.CallExpression, context: TypeScriptFixContext): TextEdit[] | undefined {
  const { sourceFile } = context;
  if (invoke.arguments.length !== 2) return undefined;
  const [nameArgument, handler] = invoke.arguments;
  if (!ts.isStringLiteralLike(nameArgument)) return undefined;
  const mapping = Object.prototype.hasOwnProperty.call(HANDLERS, nameArgument.text) ? HANDLERS[nameArgument.text] : undefined;
  if (!mapping) return undefined;
  if (mapping === "unchanged") return [];
  if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return undefined;
  if (ts.isFunctionExpression(handler) && (handler.name || usesThisOrArguments(handler.body))) return undefined;
  if (handler.parameters.length > mapping.parameters.length || handler.typeParameters) return undefined;

  const oldNames: string[] = [];
  for (const parameter of handler.parameters) {
    if (!ts.isIdentifier(parameter.name) || parameter.dotDotDotToken || parameter.initializer) return undefined;
    oldNames.push(parameter.name.text);
  }
  const newName = PARAMETER_NAMES.find((candidate) => oldNames.includes(candidate) || referencesTo(candidate, handler.body).length === 0);
  if (!newName) return undefined;

  const edits: TextEdit[] = [];
  for (const [index, name] of oldNames.entries()) {
    const properties = mapping.parameters[index];
    if (declaresName(handler.body, name)) return undefined;
    for (const reference of referencesTo(name, handler.body)) {
      const access = reference.parent;
      if (!properties || !ts.isPropertyAccessExpression(access) || access.expression !== reference || isWrittenTo(access)) return undefined;
      const property = Object.prototype.hasOwnProperty.call(properties, access.name.text) ? properties[access.name.text] : undefined;
      if (!property) return undefined;
      edits.push({ range: { start: access.getStart(sourceFile), end: access.getEnd() }, newText: `${newName}.${property}` });
    }
  }

  const quote = nameArgument.getText(sourceFile)[0];
  edits.push({ range: { start: nameArgument.getStart(sourceFile), end: nameArgument.getEnd() }, newText: `${quote}${mapping.event}${quote}` });
  if (handler.parameters.length > 0) {
    // One parameter replaces them all (`delta =>` stays bare, `(delta, snapshot)` keeps its parentheses);
    // a type annotation goes too, since the listener's type now gives the event its type.
    const first = handler.parameters[0];
    const last = handler.parameters[handler.parameters.length - 1];
    edits.push({ range: { start: first.getStart(sourceFile), end: last.getEnd() }, newText: newName });
  }
  return edits;
}

/** Walks `.on(…)…finalRun()` upward from `start`, an expression holding the stream. */
function walkChain(start: ts.Expression, context: TypeScriptFixContext): WalkResult | undefined {
  const edits: TextEdit[] = [];
  let expression = start;
  let produces: Produces = "stream";
  for (;;) {
    const access = expression.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== expression) break;
    const invoke = access.parent;
    if (!ts.isCallExpression(invoke) || invoke.expression !== access || produces !== "stream") return undefined;
    const method = access.name.text;
    if (method === "on" || method === "once") {
      const handlerEdits = rewriteHandler(invoke, context);
      if (!handlerEdits) return undefined;
      edits.push(...handlerEdits);
    } else if (method === "finalRun" && invoke.arguments.length === 0) {
      edits.push({ range: { start: access.name.getStart(context.sourceFile), end: access.name.getEnd() }, newText: "finalResponse" });
      produces = "run";
    } else if (method === "done" && invoke.arguments.length === 0) {
      produces = "void";
    } else if (method === "abort" && invoke.arguments.length === 0) {
      produces = "void";
    } else {
      return undefined;
    }
    expression = invoke;
  }
  return { edits, end: expression, produces };
}

function outerOf(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}

/** A `const name = <initializer>` with no type annotation. */
function constDeclarationOf(expression: ts.Expression): ts.VariableDeclaration | undefined {
  const parent = expression.parent;
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== expression || !ts.isIdentifier(parent.name) || parent.type) return undefined;
  const list = parent.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0 ? parent : undefined;
}

/** Every read of a kept Run is one of the properties a Response has with the same meaning. */
function runUsesAreShared(declaration: ts.VariableDeclaration): boolean {
  const name = (declaration.name as ts.Identifier).text;
  for (const reference of referencesTo(name, enclosingScope(declaration))) {
    if (reference === declaration.name) continue;
    const access = reference.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== reference || isWrittenTo(access)) return false;
    if (!SHARED_RUN_PROPERTIES.has(access.name.text)) return false;
    // `status` is optional on a Response and has other values: only comparisons with a status both
    // share carry over (`run.status === "completed"`).
    if (access.name.text === "status" && !isSharedStatusComparison(access)) return false;
  }
  return true;
}

/** Edits for how the stream is used after the call; undefined when some use cannot be carried over. */
function streamUseEdits(call: ts.CallExpression, context: TypeScriptFixContext): TextEdit[] | undefined {
  const walked = walkChain(call, context);
  if (!walked) return undefined;
  const edits = [...walked.edits];
  const end = outerOf(walked.end);
  const parent = end.parent;

  if (walked.produces === "void") return edits;
  if (walked.produces === "run") {
    if (!ts.isAwaitExpression(parent)) return undefined;
    const awaited = outerOf(parent);
    if (ts.isExpressionStatement(awaited.parent)) return edits;
    const declaration = constDeclarationOf(awaited);
    return declaration && runUsesAreShared(declaration) ? edits : undefined;
  }
  // The stream itself: dropped after its handlers are attached, or kept in a const used the same way.
  if (ts.isExpressionStatement(parent)) return edits;
  const declaration = constDeclarationOf(end);
  if (!declaration) return undefined;
  const name = (declaration.name as ts.Identifier).text;
  for (const reference of referencesTo(name, enclosingScope(declaration))) {
    if (reference === declaration.name) continue;
    const use = walkChain(reference, context);
    if (!use || use.end === reference) return undefined;
    const useEnd = outerOf(use.end);
    if (use.produces === "stream" && !ts.isExpressionStatement(useEnd.parent)) return undefined;
    if (use.produces === "run") {
      if (!ts.isAwaitExpression(useEnd.parent)) return undefined;
      const awaited = outerOf(useEnd.parent);
      const kept = constDeclarationOf(awaited);
      if (!ts.isExpressionStatement(awaited.parent) && !(kept && runUsesAreShared(kept))) return undefined;
    }
    edits.push(...use.edits);
  }
  return edits;
}

function keysOf(object: ts.ObjectLiteralExpression): string[] | undefined {
  const keys: string[] = [];
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property) || !property.name) return undefined;
    const name = propertyNameText(property.name);
    if (name === undefined) return undefined;
    keys.push(name);
  }
  return keys;
}

/**
 * `thread: { messages: [...] }` as Responses input: each message a `{ role, content }` literal with
 * `user` or `assistant` role and non-array content (array content parts have other shapes in
 * Responses). One user message becomes its content alone, as the one-turn rewrite does.
 */
function inlineThreadInput(thread: ts.Expression, context: TypeScriptFixContext): string | undefined {
  const object = unwrap(thread);
  if (!ts.isObjectLiteralExpression(object) || keysOf(object)?.join() !== "messages") return undefined;
  const messages = findProperty(object, "messages");
  if (!messages || !ts.isPropertyAssignment(messages)) return undefined;
  const list = unwrap(messages.initializer);
  if (!ts.isArrayLiteralExpression(list) || list.elements.length === 0) return undefined;
  const contents: { role: string; content: string; text: string }[] = [];
  for (const element of list.elements) {
    const message = unwrap(element);
    if (!ts.isObjectLiteralExpression(message)) return undefined;
    const keys = keysOf(message);
    if (!keys || keys.length !== 2 || !keys.includes("role") || !keys.includes("content")) return undefined;
    const role = findProperty(message, "role");
    const content = findProperty(message, "content");
    if (!role || !ts.isPropertyAssignment(role) || !ts.isStringLiteralLike(role.initializer) || !["user", "assistant"].includes(role.initializer.text)) return undefined;
    if (!content || !(ts.isPropertyAssignment(content) || ts.isShorthandPropertyAssignment(content))) return undefined;
    if (ts.isPropertyAssignment(content) && ts.isArrayLiteralExpression(unwrap(content.initializer))) return undefined;
    const contentText = ts.isShorthandPropertyAssignment(content) ? content.name.text : content.initializer.getText(context.sourceFile);
    contents.push({ role: role.initializer.text, content: contentText, text: message.getText(context.sourceFile) });
  }
  if (contents.length === 1 && contents[0].role === "user") return contents[0].content;
  return `[${contents.map((message) => message.text).join(", ")}]`;
}

/** A view of `object` without the property `name`, for readers that walk `properties`. */
function withoutProperty(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralExpression {
  const properties = object.properties.filter((property) => !property.name || propertyNameText(property.name) !== name);
  return Object.create(object, { properties: { value: properties } }) as ts.ObjectLiteralExpression;
}

export function streamFixes(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext): Fix[] {
  const surface = chain.surface.join(".");
  const strategy = context.settings.stateStrategy;
  const { sourceFile } = context;

  let body: ts.Expression | undefined;
  let state: string;
  let requestOptions: ts.Expression | undefined;
  let title: string;
  let preferred: boolean;
  if (surface === "threads.runs.stream" || surface === "threads.runs.createAndStream") {
    const [threadId, runBody, options] = call.arguments;
    if (!threadId || !runBody || call.arguments.length > 3 || ts.isSpreadElement(threadId)) return [];
    body = runBody;
    requestOptions = options;
    state = `conversation: ${threadId.getText(sourceFile)}`;
    title = "Rewrite to responses.stream on the thread's conversation";
    preferred = strategy === "auto" || strategy === "conversation";
  } else if (surface === "threads.createAndRunStream") {
    const [runBody, options] = call.arguments;
    const object = runBody && unwrap(runBody);
    if (!object || !ts.isObjectLiteralExpression(object) || call.arguments.length > 2) return [];
    const thread = findProperty(object, "thread");
    if (!thread || !ts.isPropertyAssignment(thread)) return [];
    const input = inlineThreadInput(thread.initializer, context);
    if (!input) return [];
    body = withoutProperty(object, "thread");
    requestOptions = options;
    state = `input: ${input}`;
    title = "Rewrite to a stateless responses.stream (the inline thread is never kept)";
    // The thread was never named, so no state outlives the call; the conversation strategy asks
    // for conversations everywhere, so there it is offered but not applied by fix-all.
    preferred = strategy !== "conversation";
  } else {
    // submitToolOutputsStream: see the header comment.
    return [];
  }

  const options = readRunOptions(body, context);
  if (!options) return [];
  if (requestOptions && ts.isSpreadElement(requestOptions)) return [];
  const uses = streamUseEdits(call, context);
  if (!uses) return [];

  const definition = chooseDefinition(options.assistantId, context);
  const request = objectLiteralText([...options.properties(definition.name), state], call.getStart(sourceFile), context);
  const extra = requestOptions ? `, ${requestOptions.getText(sourceFile)}` : "";
  return [
    {
      title,
      edits: [...definitionEditsFor(definition, options.properties(definition.name)), { range: { start: chain.start, end: call.getEnd() }, newText: `${chain.receiverText}.responses.stream(${request}${extra})` }, ...uses],
      safe: false,
      preferred,
    },
  ];
}
