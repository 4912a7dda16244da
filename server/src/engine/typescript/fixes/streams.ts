// Streaming runs become `responses.stream`, with the AssistantStream's uses carried over to the
// ResponseStream (./streamUses, ./streamHandlers, ./streamEvents). Every use must be understood, or
// nothing is offered and the reason is kept for the thread's message (`streamRefusalOf`):
//
//   runs.stream(threadId, body), runs.createAndStream(threadId, body)
//       -> responses.stream({ model, instructions, tools, …, conversation: threadId })
//          (the thread id is kept outside the call, so it maps to a conversation: OpenAI's mapping)
//       -> responses.stream({ model, instructions, tools, …, input }) when the thread was created
//          in this function for this one turn (./streamTurn): stateless
//   threads.createAndRunStream({ assistant_id, thread: { messages } })
//       -> responses.stream({ model, instructions, tools, …, input })
//          (the thread is created inline and never named, so nothing is kept: stateless)
//   runs.submitToolOutputsStream(…) inside the `requires_action` loop of a streamed run
//       -> part of that run's rewrite (./streamToolLoop): a follow-up `responses.stream` with
//          `function_call_output` items; a lone call has no rewrite.
//   A stream only handed on as `toReadableStream()` becomes `responses.create({ …, stream: true })`,
//   whose `toReadableStream()` the reader turns back with `ResponseStream.fromReadableStream`.
//
// Always unsafe: the request now goes to another API; an existing thread id (`thread_…`) is not a
// conversation id (`conv_…`), so stored ids need migrating; and the definition may be a stub.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { findProperty, propertyNameText, unwrap } from "../syntax";
import { chooseDefinition, definitionEditsFor } from "./assistantDefinition";
import { betaChainOf, type BetaChain } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { objectLiteralText, readRunOptions } from "./responsesRequest";
import { enclosingScope } from "./statements";
import { streamStartOfSubmit, streamToolLoopEdits } from "./streamToolLoop";
import { isStreamedCreate, oneTurnStreamState, STREAM_STARTS, streamOnCreatedThread } from "./streamTurn";
import { outerOf, streamUseEdits } from "./streamUses";

const refusals = new WeakMap<ts.Node, string>();

/** Why the stream `node` starts (or submits to) got no rewrite, for the thread's refusal message. */
export function streamRefusalOf(node: ts.Node | undefined): string | undefined {
  return node && refusals.get(node);
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
 * Responses). One user message becomes its content alone, as the one-turn rewrite does. Messages
 * held in a name or built by a call are the input as they are.
 */
function inlineThreadInput(thread: ts.Expression, context: TypeScriptFixContext): string | undefined {
  const object = unwrap(thread);
  if (!ts.isObjectLiteralExpression(object) || keysOf(object)?.join() !== "messages") return undefined;
  const messages = findProperty(object, "messages");
  if (messages && ts.isShorthandPropertyAssignment(messages)) return messages.name.text;
  if (!messages || !ts.isPropertyAssignment(messages)) return undefined;
  const list = unwrap(messages.initializer);
  // Messages built elsewhere (a variable, a mapped array) go as they are, as a conversation's items
  // do: `{ role, content }` messages read the same as Responses input; the type check says if not.
  if (!ts.isArrayLiteralExpression(list)) return ts.isIdentifier(list) || ts.isPropertyAccessExpression(list) || ts.isCallExpression(list) ? messages.initializer.getText(context.sourceFile) : undefined;
  if (list.elements.length === 0) return undefined;
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


/** Where the request keeps its state, and how the fix is offered. */
interface StateChoice {
  state: string;
  title: string;
  preferred: boolean;
  edits: TextEdit[];
  /** For a tool loop's follow-up: how the next request finds this one. */
  followUp: (responseName: string) => string;
}

export function isAsyncFunction(node: ts.Node): boolean {
  const scope = enclosingScope(node);
  return ts.isFunctionLike(scope) && !!ts.getModifiers(scope as ts.FunctionLikeDeclaration & ts.HasModifiers)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
}

/** A line above the hand-off saying what the reader must change: it gets Responses events now. */
export function readerNote(call: ts.CallExpression, context: TypeScriptFixContext): TextEdit {
  let statement: ts.Node = call;
  while (!ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent)) statement = statement.parent;
  const at = statement.getStart(context.sourceFile);
  const note = "// TODO(responses-migrate): this stream now carries Responses events; read it with ResponseStream.fromReadableStream (openai/lib/responses/ResponseStream).";
  return { range: { start: at, end: at }, newText: `${note}${context.style.newline}${context.style.indentAt(at)}` };
}

const cache = new WeakMap<ts.Node, Map<string, Fix[]>>();

export function streamFixes(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext): Fix[] {
  const surface = chain.surface.join(".");
  if (surface === "threads.runs.submitToolOutputsStream") {
    // Tool outputs belong to the loop around them: the run's rewrite covers this call, or nothing does.
    const start = streamStartOfSubmit(call, context);
    const startChain = start && betaChainOf(start, context.bindings);
    if (!start || !startChain) {
      refusals.set(call, "tool outputs are submitted outside a `requires_action` loop of a streamed run the rewrite can follow");
      return [];
    }
    const fixes = streamFixes(start, startChain, context);
    if (fixes.length === 0) refusals.set(call, refusals.get(start) ?? "the streamed run it submits to has no rewrite");
    return fixes;
  }
  let byStrategy = cache.get(call);
  if (!byStrategy) cache.set(call, (byStrategy = new Map()));
  const key = context.settings.stateStrategy;
  if (!byStrategy.has(key)) {
    const computed = computeStreamFixes(call, chain, context);
    if (typeof computed === "string") refusals.set(call, computed);
    byStrategy.set(key, typeof computed === "string" ? [] : computed);
  }
  return byStrategy.get(key)!;
}

/** `runs.steps.list(run.id, …)` on a streamed run's finished run: part of that stream's rewrite. */
export function streamedRunStepsFixes(call: ts.CallExpression, context: TypeScriptFixContext): Fix[] {
  const start = streamStartOfSubmit(call, context);
  const chain = start && betaChainOf(start, context.bindings);
  return start && chain ? streamFixes(start, chain, context) : [];
}

/** The one-turn stream rewrite that also covers `call` (`threads.create`, `messages.create` on its thread). */
export function streamTurnFixes(call: ts.CallExpression, context: TypeScriptFixContext): Fix[] {
  const stream = streamOnCreatedThread(call, context);
  const chain = stream && betaChainOf(stream, context.bindings);
  if (!stream || !chain) return [];
  const fixes = streamFixes(stream, chain, context).filter((fix) => fix.title.includes("one-turn"));
  const refusal = refusals.get(stream);
  if (fixes.length === 0 && refusal) refusals.set(call, `the stream on it stays: ${refusal}`);
  return fixes;
}

function computeStreamFixes(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext): Fix[] | string {
  const surface = chain.surface.join(".");
  const strategy = context.settings.stateStrategy;
  const { sourceFile } = context;

  let body: ts.Expression | undefined;
  let requestOptions: ts.Expression | undefined;
  const choices: StateChoice[] = [];
  // `runs.create({ stream: true })` is awaited and yields raw events: it stays a `responses.create`
  // with `stream: true`, whose awaited Stream is read the same way (for await, toReadableStream).
  const rawEvents = isStreamedCreate(call, surface);
  if (STREAM_STARTS.has(surface) || (rawEvents && surface === "threads.runs.create")) {
    const [threadId, runBody, options] = call.arguments;
    if (!threadId || !runBody || call.arguments.length > 3 || ts.isSpreadElement(threadId)) return "the stream's arguments have an unexpected shape";
    body = runBody;
    requestOptions = options;
    const threadIdText = threadId.getText(sourceFile);
    const turn = oneTurnStreamState(call, threadId, context);
    if (turn) {
      choices.push({
        state: `input: ${turn.input}`,
        title: "Rewrite this one-turn thread to a stateless responses.stream",
        preferred: strategy !== "conversation",
        edits: turn.edits,
        followUp: (responseName) => `previous_response_id: ${responseName}.id`,
      });
    }
    choices.push({ state: `conversation: ${threadIdText}`, title: "Rewrite to responses.stream on the thread's conversation", preferred: !turn && (strategy === "auto" || strategy === "conversation"), edits: [], followUp: () => `conversation: ${threadIdText}` });
  } else if (surface === "threads.createAndRunStream" || (rawEvents && surface === "threads.createAndRun")) {
    const [runBody, options] = call.arguments;
    const object = runBody && unwrap(runBody);
    if (!object || !ts.isObjectLiteralExpression(object) || call.arguments.length > 2) return "the request is not an object literal";
    const thread = findProperty(object, "thread");
    if (!thread || !ts.isPropertyAssignment(thread)) return "the inline thread is missing or not written out";
    const input = inlineThreadInput(thread.initializer, context);
    if (!input) return "the inline thread's messages are not plain `{ role, content }` messages";
    body = withoutProperty(object, "thread");
    requestOptions = options;
    // The thread was never named, so no state outlives the call; the conversation strategy asks
    // for conversations everywhere, so there it is offered but not applied by fix-all.
    choices.push({ state: `input: ${input}`, title: "Rewrite to a stateless responses.stream (the inline thread is never kept)", preferred: strategy !== "conversation", edits: [], followUp: (responseName) => `previous_response_id: ${responseName}.id` });
  } else {
    return "this streaming call has no rewrite";
  }

  const options = readRunOptions(body, context, ["stream"]);
  if (!options) return "its options have no Responses counterpart";
  if (requestOptions && ts.isSpreadElement(requestOptions)) return "its request options are spread";
  const uses = streamUseEdits(call, context);
  if (typeof uses === "string") return uses;
  if (rawEvents && (uses.keptRuns.length > 0 || !ts.isAwaitExpression(outerOf(call).parent))) return "the streamed run is not awaited where it starts";
  if (uses.readable && !rawEvents && !isAsyncFunction(call)) return "the stream is handed on as a readable stream outside an async function, where the request cannot be awaited";

  const definition = chooseDefinition(options.assistantId, context);
  const properties = options.properties(definition.name);
  const extra = requestOptions ? `, ${requestOptions.getText(sourceFile)}` : "";
  const fixes: Fix[] = [];
  for (const choice of choices) {
    const requestText = (state: string[], at: number, method = "stream") => `${chain.receiverText}.responses.${method}(${objectLiteralText([...properties, ...state], at, context)}${extra})`;
    const edits: TextEdit[] = [...definitionEditsFor(definition, properties), ...choice.edits, ...uses.edits];
    if (uses.keptRuns.length > 0) {
      const loop = streamToolLoopEdits(uses.keptRuns, (responseName, input, at) => requestText([choice.followUp(responseName), `input: ${input}`], at), context);
      if (typeof loop === "string") return loop;
      edits.push(...loop, { range: { start: chain.start, end: call.getEnd() }, newText: requestText([choice.state], call.getStart()) });
    } else if (rawEvents) {
      edits.push({ range: { start: chain.start, end: call.getEnd() }, newText: requestText([choice.state, "stream: true"], call.getStart(), "create") });
    } else if (uses.readable) {
      const request = `await ${requestText([choice.state, "stream: true"], call.getStart(), "create")}`;
      const direct = ts.isPropertyAccessExpression(call.parent);
      edits.push({ range: { start: chain.start, end: call.getEnd() }, newText: direct ? `(${request})` : request }, readerNote(call, context));
    } else {
      edits.push({ range: { start: chain.start, end: call.getEnd() }, newText: requestText([choice.state], call.getStart()) });
    }
    fixes.push({ title: choice.title, edits, safe: false, preferred: choice.preferred });
  }
  return fixes;
}
