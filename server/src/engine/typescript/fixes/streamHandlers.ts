// AssistantStream listeners (`.on` / `.once` with an inline arrow or function) as ResponseStream
// listeners. Names and payloads checked against openai 7.57's lib/responses/ResponseStream.d.ts:
//
//   textCreated ()               -> "response.content_part.added", when `event.part.type === "output_text"`
//   textDelta (delta, snapshot)  -> "response.output_text.delta" (event): delta.value -> event.delta,
//                                   snapshot.value -> event.snapshot
//   textDone (content)           -> "response.output_text.done" (event): content.value -> event.text
//   messageDelta (delta, snapshot) -> "response.output_text.delta" (event): delta.content[0].text.value
//                                   -> event.delta, snapshot.content[0].text.value -> event.snapshot
//   messageCreated / messageDone -> "response.output_item.added" / "…done", when `event.item.type === "message"`
//     ()                            (the message itself has another shape: only unused parameters)
//   toolCallCreated / toolCallDone (toolCall)
//                                -> "response.output_item.added" / "…done", when the item is a tool call
//                                   (`event.item.type.endsWith("_call")`): toolCall.type -> event.item.type,
//                                   compared with `function_call`, `code_interpreter_call`, `file_search_call`
//   runStepCreated / runStepDone () -> "response.output_item.added" / "…done" (a step is an output item)
//   event (e)                    -> "event" (e), its reads mapped by ./streamEvents
//   end, error, connect, abort   -> unchanged (both streams emit them)
//   toolCallDelta (code interpreter only) -> two listeners, see ./codeInterpreterDeltas
//   toolCallDelta (function arguments only) -> "response.function_call_arguments.delta", see ./functionArgumentDeltas
// A payload only logged (`console.log(snapshot)`) logs what the new event carries in its place
// (`event.snapshot`, `event.item`). Anything else (other toolCallDelta listeners, runStepDelta, imageFileDone, a named handler function,
// a parameter read another way) keeps the stream from being rewritten, with the reason.
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { TypeScriptFixContext } from "./context";
import { codeInterpreterDeltaEdits } from "./codeInterpreterDeltas";
import { functionArgumentDeltaEdits } from "./functionArgumentDeltas";
import { isOnlyShown } from "./streamEventHandOff";
import { eventVariableEdits } from "./streamEvents";
import { referencesTo } from "./statements";

/** Where a handler parameter's properties go: `null` means the parameter must be unused. */
type ParameterMap = Readonly<Record<string, string>> | null;

interface HandlerMapping {
  event: string;
  parameters: readonly ParameterMap[];
  /** The condition (on the new parameter) under which the old event fired. */
  guard?: (name: string) => string;
  /** Values a mapped property is compared with, as the Responses item spells them. */
  values?: Readonly<Record<string, string>>;
  /** What each parameter, logged whole, becomes on the new event (`snapshot` -> `event.snapshot`). */
  whole?: readonly (string | undefined)[];
}

const TOOL_TYPES: Readonly<Record<string, string>> = { function: "function_call", code_interpreter: "code_interpreter_call", file_search: "file_search_call" };
const isMessage = (name: string) => `${name}.item.type === "message"`;
const isToolCall = (name: string) => `${name}.item.type.endsWith("_call")`;

const HANDLERS: Readonly<Record<string, HandlerMapping | "unchanged">> = {
  textCreated: { event: "response.content_part.added", parameters: [null], guard: (name) => `${name}.part.type === "output_text"`, whole: ["part"] },
  textDelta: { event: "response.output_text.delta", parameters: [{ value: "delta" }, { value: "snapshot" }], whole: ["delta", "snapshot"] },
  textDone: { event: "response.output_text.done", parameters: [{ value: "text" }, null], whole: ["text"] },
  // One text delta per Responses event: the message delta's first text part is it.
  messageDelta: { event: "response.output_text.delta", parameters: [{ "content[0].text.value": "delta", "content[0].type": "type" }, { "content[0].text.value": "snapshot" }], values: { text: "response.output_text.delta" }, whole: ["delta", "snapshot"] },
  messageCreated: { event: "response.output_item.added", parameters: [null], guard: isMessage, whole: ["item"] },
  messageDone: { event: "response.output_item.done", parameters: [null], guard: isMessage, whole: ["item"] },
  toolCallCreated: { event: "response.output_item.added", parameters: [{ type: "item.type" }], guard: isToolCall, values: TOOL_TYPES, whole: ["item"] },
  toolCallDone: { event: "response.output_item.done", parameters: [{ type: "item.type" }], guard: isToolCall, values: TOOL_TYPES, whole: ["item"] },
  runStepCreated: { event: "response.output_item.added", parameters: [null, null], whole: ["item"] },
  runStepDone: { event: "response.output_item.done", parameters: [null, null], whole: ["item", "item"] },
  end: "unchanged",
  error: "unchanged",
  connect: "unchanged",
  abort: "unchanged",
};

/** Why a listener has no faithful Responses counterpart. */
const UNMAPPED_HANDLERS: Readonly<Record<string, string>> = {
  toolCallDelta: "a `toolCallDelta` listener has no single Responses event (argument, code and output deltas arrive as separate events)",
  runStepDelta: "a `runStepDelta` listener has no Responses counterpart",
  imageFileDone: "an `imageFileDone` listener has no Responses counterpart",
};

const PARAMETER_NAMES = ["event", "textEvent", "streamEvent", "responseEvent"];
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

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
    // `call.function.arguments` is a property of that name, not the function's `arguments`.
    const isPropertyName = ts.isIdentifier(child) && ((ts.isPropertyAccessExpression(child.parent) && child.parent.name === child) || (ts.isPropertyAssignment(child.parent) && child.parent.name === child));
    if (child.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(child) && child.text === "arguments" && !isPropertyName)) found = true;
    // A nested ordinary function has its own `this` and `arguments`.
    if (!ts.isFunctionDeclaration(child) && !ts.isFunctionExpression(child)) ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

export function isWrittenTo(access: ts.Expression): boolean {
  const parent = access.parent;
  if (ts.isBinaryExpression(parent) && parent.left === access && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  return ts.isDeleteExpression(parent);
}

/**
 * The read of `reference` a parameter map knows, longest path first: `delta.value`, or
 * `delta.content[0].text.value` (with any `?.` or `!`) for a key `content[0].text.value`.
 */
function mappedRead(reference: ts.Identifier, properties: Readonly<Record<string, string>>): { access: ts.Expression; property: string } | undefined {
  const steps: { path: string; node: ts.Expression }[] = [];
  let node: ts.Expression = reference;
  let path = "";
  for (;;) {
    const parent: ts.Node = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) path += `${path ? "." : ""}${parent.name.text}`;
    else if (ts.isElementAccessExpression(parent) && parent.expression === node && ts.isNumericLiteral(parent.argumentExpression) && parent.argumentExpression.text === "0") path += "[0]";
    else if (!ts.isNonNullExpression(parent)) break;
    node = parent as ts.Expression;
    if (!ts.isNonNullExpression(node)) steps.push({ path, node });
  }
  for (const step of [...steps].reverse()) {
    if (Object.prototype.hasOwnProperty.call(properties, step.path)) return { access: step.node, property: properties[step.path] };
  }
  return undefined;
}

/** `param.prop` read as `newName.<mapped>`, with the literal it is compared with mapped too. */
function accessEdits(access: ts.Expression, property: string, newName: string, values: HandlerMapping["values"], context: TypeScriptFixContext): TextEdit[] | string {
  const { sourceFile } = context;
  const edits: TextEdit[] = [{ range: { start: access.getStart(sourceFile), end: access.getEnd() }, newText: `${newName}.${property}` }];
  const comparison = access.parent;
  if (values && ts.isBinaryExpression(comparison) && EQUALITY.has(comparison.operatorToken.kind)) {
    const other = comparison.left === access ? comparison.right : comparison.left;
    const value = ts.isStringLiteralLike(other) && Object.prototype.hasOwnProperty.call(values, other.text) ? values[other.text] : undefined;
    if (!value || !ts.isStringLiteralLike(other)) return `\`${access.getText(sourceFile)}\` is compared with a value Responses items do not have`;
    const quote = other.getText(sourceFile)[0];
    edits.push({ range: { start: other.getStart(sourceFile), end: other.getEnd() }, newText: `${quote}${value}${quote}` });
  }
  return edits;
}

/** The old event's condition put in front of the listener's body. */
function guardEdits(handler: ts.ArrowFunction | ts.FunctionExpression, condition: string, context: TypeScriptFixContext): TextEdit[] {
  const { sourceFile, style } = context;
  const body = handler.body;
  if (ts.isBlock(body)) {
    const open = body.getStart(sourceFile) + 1;
    return [{ range: { start: open, end: open }, newText: ` if (!(${condition})) return${style.semicolon}` }];
  }
  const start = body.getStart(sourceFile);
  return [
    { range: { start, end: start }, newText: `{ if (${condition}) ` },
    { range: { start: body.getEnd(), end: body.getEnd() }, newText: `${style.semicolon || ";"} }` },
  ];
}

function renamedEvent(nameArgument: ts.StringLiteralLike, event: string, context: TypeScriptFixContext): TextEdit {
  const quote = nameArgument.getText(context.sourceFile)[0];
  return { range: { start: nameArgument.getStart(context.sourceFile), end: nameArgument.getEnd() }, newText: `${quote}${event}${quote}` };
}

/**
 * `resolve` / `reject` of a `new Promise` whose value nobody reads (`await new Promise((resolve) =>
 * stream.on("textDone", resolve))`): the payload settles the promise and goes nowhere, so only the
 * event's name changes.
 */
function settlesUnusedPromise(handler: ts.Identifier): boolean {
  for (let node: ts.Node = handler; node.parent; node = node.parent) {
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) continue;
    if (!node.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === handler.text)) continue;
    const promise = node.parent;
    if (!ts.isNewExpression(promise) || !ts.isIdentifier(promise.expression) || promise.expression.text !== "Promise" || promise.arguments?.[0] !== node) return false;
    const awaited = ts.isAwaitExpression(promise.parent) ? promise.parent : promise;
    return ts.isExpressionStatement(awaited.parent);
  }
  return false;
}

/** `.on("textDelta", (delta) => … delta.value …)` → `.on("response.output_text.delta", (event) => … event.delta …)`, or why not. */
export function rewriteHandler(invoke: ts.CallExpression, context: TypeScriptFixContext): TextEdit[] | string {
  const { sourceFile } = context;
  if (invoke.arguments.length !== 2) return "a listener call has an unexpected number of arguments";
  const [nameArgument, handler] = invoke.arguments;
  if (!ts.isStringLiteralLike(nameArgument)) return "a listener's event name is not a literal";
  const eventName = nameArgument.text;
  const mapping = Object.prototype.hasOwnProperty.call(HANDLERS, eventName) ? HANDLERS[eventName] : undefined;
  if (eventName === "toolCallDelta" && (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) && !usesThisOrArguments(handler.body)) {
    const split = codeInterpreterDeltaEdits(invoke, handler, context);
    return typeof split === "string" ? (functionArgumentDeltaEdits(invoke, handler, context) ?? split) : split;
  }
  if (!mapping && eventName !== "event") return UNMAPPED_HANDLERS[eventName] ?? `a \`${eventName}\` listener has no Responses counterpart`;
  if (mapping === "unchanged") return [];
  if (mapping && ts.isIdentifier(handler) && !mapping.guard && settlesUnusedPromise(handler)) return [renamedEvent(nameArgument, mapping.event, context)];
  if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return `the \`${eventName}\` listener is not written inline, so its uses of the payload cannot be followed`;
  if (ts.isFunctionExpression(handler) && (handler.name || usesThisOrArguments(handler.body))) return `the \`${eventName}\` listener uses \`this\` or \`arguments\``;
  if (handler.typeParameters) return `the \`${eventName}\` listener is generic`;

  const oldNames: string[] = [];
  for (const parameter of handler.parameters) {
    if (!ts.isIdentifier(parameter.name) || parameter.dotDotDotToken || parameter.initializer) return `the \`${eventName}\` listener destructures its payload`;
    oldNames.push(parameter.name.text);
  }
  const parametersSpan = handler.parameters.length > 0 ? { start: handler.parameters[0].getStart(sourceFile), end: handler.parameters[handler.parameters.length - 1].getEnd() } : undefined;

  if (eventName === "event") {
    // The raw event listener exists on both streams; what changes is how the event is read.
    if (oldNames.length !== 1 || !parametersSpan) return oldNames.length === 0 ? [] : "the `event` listener takes more than the event";
    if (declaresName(handler.body, oldNames[0])) return "the `event` listener redeclares its parameter";
    const mapped = eventVariableEdits(oldNames[0], handler.body, context);
    if ("reason" in mapped) return mapped.reason;
    return [...mapped.edits, { range: parametersSpan, newText: oldNames[0] }];
  }

  const listener = mapping!;
  if (handler.parameters.length > listener.parameters.length) return `the \`${eventName}\` listener reads more than Responses passes`;
  const newName = PARAMETER_NAMES.find((candidate) => oldNames.includes(candidate) || referencesTo(candidate, handler.body).length === 0);
  if (!newName) return `the \`${eventName}\` listener uses every name the rewrite could give its event`;

  const edits: TextEdit[] = [];
  for (const [index, name] of oldNames.entries()) {
    const properties = listener.parameters[index];
    if (declaresName(handler.body, name)) return `the \`${eventName}\` listener redeclares its parameter`;
    for (const reference of referencesTo(name, handler.body)) {
      // A payload only logged reads no field with another meaning: it logs what the new event carries.
      const whole = listener.whole?.[index];
      if (whole && isOnlyShown(reference)) {
        edits.push({ range: { start: reference.getStart(sourceFile), end: reference.getEnd() }, newText: `${newName}.${whole}` });
        continue;
      }
      const read = properties && mappedRead(reference, properties);
      if (!read || isWrittenTo(read.access)) return `the \`${eventName}\` listener reads its payload as a whole or a field Responses does not send`;
      const { access, property } = read;
      const mapped = accessEdits(access, property, newName, listener.values, context);
      if (typeof mapped === "string") return mapped;
      edits.push(...mapped);
    }
  }

  edits.push(renamedEvent(nameArgument, listener.event, context));
  if (listener.guard) {
    if (!parametersSpan) {
      // `() => …` gets the parameter the guard reads.
      const open = handler.getStart(sourceFile);
      const arrowParens = ts.isArrowFunction(handler) && sourceFile.text[open] === "(";
      const at = arrowParens ? open + 1 : sourceFile.text.indexOf("(", open) + 1;
      edits.push({ range: { start: at, end: at }, newText: newName });
    }
    const condition = listener.guard(newName).replace(/"([^"]*)"/g, (_, text: string) => context.style.string(text));
    edits.push(...guardEdits(handler, condition, context));
  }
  // One parameter replaces them all (`delta =>` stays bare, `(delta, snapshot)` keeps its parentheses);
  // a type annotation goes too, since the listener's type now gives the event its type.
  if (parametersSpan) edits.push({ range: parametersSpan, newText: newName });
  return edits;
}
