// Local rewrites of single calls on a thread kept as a conversation, for the conversation and
// background-run strategies: each call and the reads of its result are rewritten where they stand,
// whatever statements sit between them (status checks, logging, guards, try/catch).
// - runs (`runs.create`, `createAndPoll`, `createAndRun(Poll)`) become `responses.create` on the
//   conversation (`background: true` only for a run the code keeps and does not wait for);
// - tool outputs for a run started anywhere go back as `function_call_output` items;
// - `runs.list`, `runs.update`, `messages.update`, `steps.retrieve` have no counterpart: a neutral
//   value of the nearest type and a TODO saying what to do by hand.
// Anything needing a look (dropped options, TODOs, stubbed definitions) makes the rewrite unsafe.
import { isAsyncFunction, readerNote, streamRefusalOf } from "../fixes/streams";
import { streamUseEdits } from "../fixes/streamUses";
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { AssistantsCall, CallId, MigrationModel } from "../../migration/model";
import type { RenderRefusal, ReplacementKind } from "../../migration/plan";
import { NO_COUNTERPART } from "../../migration/shape";
import { chooseDefinition, definitionEditsFor } from "../fixes/assistantDefinition";
import { deleteListElementEdit } from "../fixes/edits";
import { betaChainOf, type BetaChain } from "../fixes/calleeChain";
import type { TypeScriptFixContext } from "../fixes/context";
import { objectLiteralText, readRunOptions, type RunOptions } from "../fixes/responsesRequest";
import { planRunResult } from "../fixes/runResult";
import { enclosingScope, referencesTo, statementOfAwaitedCall } from "../fixes/statements";
import { findProperty, propertyNameText, unwrap } from "../syntax";

export interface CallRewrite {
  edits: TextEdit[];
  safe: boolean;
  /** Other calls on the thread this rewrite already covers (tool outputs submitted in the run's loop). */
  claimed: CallId[];
}

export interface CallSite {
  call: AssistantsCall;
  node: ts.CallExpression;
  kind: ReplacementKind;
  model: MigrationModel;
  nodes: ReadonlyMap<CallId, ts.CallExpression>;
  context: TypeScriptFixContext;
  /** `background: true` for the run this call starts. */
  background: boolean;
}

const TODO = "TODO(responses-migrate)";

/** The thread id this call passes: first in v4, `thread_id` of its last argument in v5+. */
export function threadIdTextOf(call: AssistantsCall, node: ts.CallExpression, context: TypeScriptFixContext): string | undefined {
  if (call.signature === "v5") {
    const last = unwrap(node.arguments[node.arguments.length - 1]);
    const property = ts.isObjectLiteralExpression(last) ? findProperty(last, "thread_id") : undefined;
    if (property && ts.isPropertyAssignment(property)) return property.initializer.getText(context.sourceFile);
    if (property && ts.isShorthandPropertyAssignment(property)) return "thread_id";
    return undefined;
  }
  return node.arguments[0] && unwrap(node.arguments[0]).getText(context.sourceFile);
}

/** The run id argument: v5+ passes it first, v4 second (after the thread id). */
export function runIdArgument(node: ts.CallExpression, call: AssistantsCall): ts.Expression | undefined {
  return call.signature === "v5" ? node.arguments[0] : node.arguments[1];
}

/** The statement holding `node`, for a TODO line above it. */
function statementAround(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) if (ts.isStatement(current) && !ts.isBlock(current)) return current;
  return undefined;
}

/** `// TODO(responses-migrate): …` on its own line above the statement holding `node`. */
export function todoAbove(node: ts.Node, message: string, context: TypeScriptFixContext): TextEdit[] {
  const statement = statementAround(node);
  if (!statement) return [];
  const at = statement.getStart(context.sourceFile);
  return [{ range: { start: at, end: at }, newText: `// ${TODO}: ${message}${context.style.newline}${context.style.indentAt(at)}` }];
}

/** A fresh name for a new local beside `node`, `wanted` when nothing in its function uses it. */
function freshName(wanted: string, node: ts.Node): string {
  const scope = enclosingScope(node);
  for (let i = 1; ; i++) {
    const name = i === 1 ? wanted : `${wanted}${i}`;
    if (referencesTo(name, scope).length === 0) return name;
  }
}

function droppedTodo(node: ts.Node, options: RunOptions, context: TypeScriptFixContext): TextEdit[] {
  if (options.dropped.length === 0) return [];
  const names = options.dropped.map((name) => `\`${name}\``).join(", ");
  return todoAbove(node, `the run's ${names} ${options.dropped.length === 1 ? "has" : "have"} no Responses counterpart and ${options.dropped.length === 1 ? "was" : "were"} left out; carry ${options.dropped.length === 1 ? "it" : "them"} over by hand if it matters.`, context);
}

/** The rewrite of one call, or why it has none. */
export function rewriteCall(site: CallSite): CallRewrite | RenderRefusal {
  const { call, node, context } = site;
  const chain = betaChainOf(node, context.bindings);
  const refuse = (reason: string): RenderRefusal => ({ callId: call.id, reason });
  if (!chain) return refuse("its client cannot be written again at the call site");
  switch (site.kind) {
    case "responses.create":
    case "responses.create.background":
      if (call.kind === "thread.createAndRun") return createAndRunRewrite(site, chain) ?? refuse("its thread has more than messages to carry over");
      if (call.kind !== "run.create" && call.kind !== "run.createAndPoll") return refuse("only runs map to responses.create");
      return runRewrite(site, chain) ?? refuse("its options are not written out where it is called");
    case "responses.retrieve":
    case "responses.cancel": {
      const runId = runIdArgument(node, call);
      if (!runId) return refuse("its run id cannot be found");
      const method = site.kind === "responses.cancel" ? "cancel" : "retrieve";
      const edits: TextEdit[] = [{ range: { start: chain.start, end: node.getEnd() }, newText: `${chain.receiverText}.responses.${method}(${runId.getText(context.sourceFile)})` }];
      const result = heldResultEdits(site, chain, undefined);
      if (result === undefined) return refuse("the run is used in a way a Response cannot be");
      return { edits: [...edits, ...result.edits], safe: false, claimed: result.claimed };
    }
    case "responses.create.tool-outputs":
      // Streamed tool outputs are the stream rewrite's (its events must be rewritten with it).
      if (call.kind === "run.submitToolOutputsStream" && !isHandedOnReadable(node, context)) return refuse("its stream has no conversation rewrite here");
      return toolOutputsRewrite(site, chain) ?? refuse("its tool outputs are not written out where it is called");
    case "response.output": {
      const runId = runIdArgument(node, call);
      if (!runId || call.kind !== "step.list") return refuse("a response has no steps to fetch one by one");
      return { edits: [{ range: { start: chain.start, end: node.getEnd() }, newText: `${chain.receiverText}.responses.retrieve(${runId.getText(context.sourceFile)}).then((response) => ({ data: response.output }))` }], safe: false, claimed: [] };
    }
    case "unmapped-todo":
      return unmappedRewrite(site, chain) ?? refuse(NO_COUNTERPART[call.kind] ?? "this call has no Responses counterpart");
    case "responses.stream":
      return refuse(streamRefusalOf(node) ?? "no conversation rewrite of this stream is known");
    default:
      return refuse("it has no conversation counterpart the rewrite can write");
  }
}

/** The request of a run whose options are not written out: the definition's, and a TODO naming them. */
function noOptions(optionsText: string | undefined): RunOptions {
  return {
    dropped: optionsText ? [`...${optionsText.replace(/\s+/g, " ")}`] : [],
    properties: (definition) => [`model: ${definition}.model`, `instructions: ${definition}.instructions`, `tools: ${definition}.tools`],
  };
}

/** The request properties of a run: the definition's, the options that map, and the state. */
function requestText(site: CallSite, chain: BetaChain, options: RunOptions, state: string[]): { text: (extra: string[], at: number) => string; definitionEdits: TextEdit[]; stubbed: boolean } {
  const definition = chooseDefinition(options.assistantId, site.context);
  const properties = options.properties(definition.name);
  const background = site.background ? ["background: true"] : [];
  return {
    text: (extra, at) => `${chain.receiverText}.responses.create(${objectLiteralText([...properties, ...state, ...extra, ...background], at, site.context)})`,
    definitionEdits: definitionEditsFor(definition, properties),
    stubbed: definition.stubbed || definition.guessed,
  };
}

/** `runs.create(threadId, { … })` / `createAndPoll`: `responses.create({ …, conversation: threadId })`. */
function runRewrite(site: CallSite, chain: BetaChain): CallRewrite | undefined {
  const { node, context, call } = site;
  const threadIdText = threadIdTextOf(call, node, context);
  const written = node.arguments[1] && unwrap(node.arguments[1]);
  const options = !written || !ts.isObjectLiteralExpression(written) ? noOptions(written && written.getText(context.sourceFile)) : readRunOptions(written, context, [], true);
  if (!options || !threadIdText) return undefined;
  const request = requestText(site, chain, options, [`conversation: ${threadIdText}`]);
  const edits: TextEdit[] = [...request.definitionEdits, ...droppedTodo(node, options, context), { range: { start: chain.start, end: node.getEnd() }, newText: request.text([], node.getStart()) }];
  const result = heldResultEdits(site, chain, (inputText, at) => request.text([`input: ${inputText}`], at), threadIdText);
  if (!result) return undefined;
  return { edits: [...edits, ...result.edits], safe: false, claimed: result.claimed };
}

/**
 * `createAndRun(Poll)({ assistant_id, thread: { messages } })`: the conversation is created first,
 * with the thread's messages as its items, and the run is a `responses.create` on it.
 */
function createAndRunRewrite(site: CallSite, chain: BetaChain): CallRewrite | undefined {
  const { node, context } = site;
  const body = node.arguments[0] && unwrap(node.arguments[0]);
  if (!body || !ts.isObjectLiteralExpression(body)) return undefined;
  const awaited = statementOfAwaitedCall(node) ?? destructuredRun(node, context);
  if (!awaited) return undefined;
  const items = threadItemsText(body, context);
  const options = readRunOptions(body, context, ["thread"], true);
  if (items === undefined || !options) return undefined;
  const conversation = freshName("conversation", awaited.statement);
  const at = awaited.statement.getStart();
  const { style } = context;
  const create = `const ${conversation} = await ${chain.receiverText}.conversations.create(${items ? `{ items: ${items} }` : ""})${style.semicolon}${style.newline}${style.indentAt(at)}`;
  const request = requestText(site, chain, options, [`conversation: ${conversation}.id`]);
  const edits: TextEdit[] = [...request.definitionEdits, ...droppedTodo(node, options, context), { range: { start: at, end: at }, newText: create }, { range: { start: chain.start, end: node.getEnd() }, newText: request.text([], node.getStart()) }];
  if ("threadIdNames" in awaited) {
    const end = awaited.statement.getEnd();
    const names = awaited.threadIdNames.map((name) => `${style.newline}${style.indentAt(at)}const ${name} = ${conversation}.id${style.semicolon}`).join("");
    return { edits: [...edits, ...awaited.edits, { range: { start: end, end }, newText: names }], safe: false, claimed: [] };
  }
  const result = heldResultEdits(site, chain, (inputText, indentAt) => request.text([`input: ${inputText}`], indentAt), `${conversation}.id`);
  if (!result) return undefined;
  return { edits: [...edits, ...result.edits], safe: false, claimed: result.claimed };
}

/** Run fields a Response has under the same name. */
const SHARED_FIELDS = new Set(["id", "status", "usage", "model", "instructions", "metadata", "created_at"]);

/**
 * `const { thread_id: threadId, id } = await createAndRun(…)`: the thread id is the conversation's,
 * declared after the statement; the other fields must be ones a Response has.
 */
function destructuredRun(node: ts.CallExpression, context: TypeScriptFixContext): { statement: ts.Statement; threadIdNames: string[]; edits: TextEdit[] } | undefined {
  let awaited: ts.Node = node;
  while (ts.isParenthesizedExpression(awaited.parent)) awaited = awaited.parent;
  const declaration = awaited.parent.parent;
  if (!ts.isAwaitExpression(awaited.parent) || !ts.isVariableDeclaration(declaration) || !ts.isObjectBindingPattern(declaration.name)) return undefined;
  const statement = declaration.parent.parent;
  if (!ts.isVariableDeclarationList(declaration.parent) || !ts.isVariableStatement(statement) || declaration.parent.declarations.length !== 1) return undefined;
  const threadIdNames: string[] = [];
  const edits: TextEdit[] = [];
  const elements = declaration.name.elements;
  for (const element of elements) {
    const field = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
    if (element.dotDotDotToken || !field || !ts.isIdentifier(element.name)) return undefined;
    if (field !== "thread_id") {
      if (!SHARED_FIELDS.has(field)) return undefined;
      continue;
    }
    threadIdNames.push(element.name.text);
    edits.push(deleteListElementEdit(element, elements, context.sourceFile));
  }
  return threadIdNames.length > 0 && threadIdNames.length < elements.length ? { statement, threadIdNames, edits } : undefined;
}

/** The `thread.messages` text, "" for none; undefined when the thread carries what a conversation cannot. */
function threadItemsText(body: ts.ObjectLiteralExpression, context: TypeScriptFixContext): string | undefined {
  const thread = findProperty(body, "thread");
  if (!thread) return "";
  const value = ts.isPropertyAssignment(thread) ? unwrap(thread.initializer) : ts.isShorthandPropertyAssignment(thread) ? thread.name : undefined;
  // A thread held in a name (`thread: pending`, `{ thread }`): its messages, when it has any.
  if (value && ts.isIdentifier(value)) return `${value.text}.messages ?? []`;
  if (!value || !ts.isObjectLiteralExpression(value)) return undefined;
  if (value.properties.some((p) => !p.name || propertyNameText(p.name) !== "messages")) return undefined;
  const messages = findProperty(value, "messages");
  if (!messages) return "";
  return ts.isPropertyAssignment(messages) ? messages.initializer.getText(context.sourceFile) : ts.isShorthandPropertyAssignment(messages) ? "messages" : undefined;
}

/**
 * The reads of the Run a call returns, when its result is declared here: the variable keeps its name
 * and holds a Response. `followUp` renders a request for tool outputs submitted on it.
 */
function heldResultEdits(site: CallSite, chain: BetaChain, followUp: ((inputText: string, at: number) => string) | undefined, threadIdText = threadIdTextOf(site.call, site.node, site.context)): { edits: TextEdit[]; claimed: CallId[] } | undefined {
  const { node, context, model, nodes, call } = site;
  const awaited = statementOfAwaitedCall(node);
  if (!awaited?.assigned || (!awaited.declared && !followUp)) return { edits: [], claimed: [] };
  const run = call.runId ? model.runs.get(call.runId) : undefined;
  // A run waited for in its function (a plain `responses.create` is): its polling loop goes.
  const waits = followUp && !site.background;
  const plan = planRunResult(
    {
      run: awaited.assigned,
      ownStatements: [awaited.statement],
      runStatement: waits ? awaited.statement : undefined,
      scope: enclosingScope(awaited.statement),
      responseName: awaited.assigned.text,
      followUpRequest: followUp ?? ((inputText, at) => toolOutputsRequest(site, chain, inputText, at)),
      threadIdText,
      keepsRun: true,
      keepsToolLoops: true,
    },
    context,
  );
  if (!plan) return undefined;
  const claimed = (run?.followUpCallIds ?? []).filter((id) => plan.submitCalls.has(nodes.get(id)!));
  return { edits: plan.edits, claimed };
}

/** The options of the run a follow-up acts on, when that run is started in this file with its options written out. */
function startOptionsOf(site: CallSite): RunOptions | undefined {
  const run = site.call.runId ? site.model.runs.get(site.call.runId) : undefined;
  const start = run && site.model.calls.get(run.startCallId);
  if (!start || (start.kind !== "run.create" && start.kind !== "run.createAndPoll")) return undefined;
  const options = site.nodes.get(start.id)!.arguments[1];
  return options && ts.isObjectLiteralExpression(unwrap(options)) ? readRunOptions(options, site.context, [], true) : undefined;
}

/** A follow-up request carrying tool outputs on the conversation, for a run whose request is not here. */
function toolOutputsRequest(site: CallSite, chain: BetaChain, inputText: string, at: number): string {
  const threadIdText = threadIdTextOf(site.call, site.node, site.context) ?? "conversationId";
  const definition = chooseDefinition(undefined, site.context);
  const options = noOptions(undefined);
  return `${chain.receiverText}.responses.create(${objectLiteralText([...options.properties(definition.name), `conversation: ${threadIdText}`, `input: ${inputText}`], at, site.context)})`;
}

/**
 * `submitToolOutputs(AndPoll)` on a run started elsewhere: the outputs go back as
 * `function_call_output` items in a new `responses.create` on the conversation. The run's own request
 * is not here, so the definition is the file's (or a stub), and the fix needs a look.
 */
function toolOutputsRewrite(site: CallSite, chain: BetaChain): CallRewrite | undefined {
  const { node, context, call } = site;
  const body = node.arguments[node.arguments.length - 1] && unwrap(node.arguments[node.arguments.length - 1]);
  if (!body || (call.signature !== "v5" && node.arguments.length !== 3)) return undefined;
  // Options passed whole (`submitToolOutputs(threadId, runId, params)`) carry their outputs in `tool_outputs`.
  const outputs = ts.isObjectLiteralExpression(body) ? findProperty(body, "tool_outputs") : undefined;
  const passedWhole = !ts.isObjectLiteralExpression(body) && (ts.isIdentifier(body) || ts.isPropertyAccessExpression(body)) ? `${body.getText(context.sourceFile)}.tool_outputs` : undefined;
  const outputsText = passedWhole ?? (outputs && (ts.isPropertyAssignment(outputs) ? outputs.initializer.getText(context.sourceFile) : ts.isShorthandPropertyAssignment(outputs) ? "tool_outputs" : undefined));
  const threadIdText = threadIdTextOf(call, node, context);
  if (!outputsText || !threadIdText) return undefined;
  const literal = context.style.isJavaScript ? "" : " as const";
  // Typed, so outputs read off an untyped request body (`any`) do not leave the parameter implicitly `any`.
  const parameter = context.style.isJavaScript ? "toolOutput" : "toolOutput: { tool_call_id?: string; output?: string }";
  const mapped = `${outputsText}.map((${parameter}) => ({ type: ${context.style.string("function_call_output")}${literal}, call_id: toolOutput.tool_call_id ?? "", output: toolOutput.output ?? "" }))`;
  const started = startOptionsOf(site);
  const definition = chooseDefinition(started?.assistantId, context);
  const options = started ?? noOptions(undefined);
  // A stream of the follow-up only handed on as a readable stream: the same request, streamed.
  const streamed = call.kind === "run.submitToolOutputsStream";
  const properties = [...options.properties(definition.name), `conversation: ${threadIdText}`, `input: ${mapped}`, ...(streamed ? ["stream: true"] : [])];
  const request = `${chain.receiverText}.responses.create(${objectLiteralText(properties, node.getStart(), context)})`;
  const requestText = !streamed ? request : ts.isPropertyAccessExpression(node.parent) ? `(await ${request})` : `await ${request}`;
  const edits: TextEdit[] = [...definitionEditsFor(definition, properties), { range: { start: chain.start, end: node.getEnd() }, newText: requestText }, ...(streamed ? [readerNote(node, context)] : [])];
  const awaited = statementOfAwaitedCall(node);
  if (awaited?.assigned && awaited.declared) {
    const result = heldResultEdits(site, chain, undefined);
    if (!result) return undefined;
    edits.push(...result.edits);
  }
  if (!definition.stubbed && !started) edits.push(...todoAbove(node, `the run these tool outputs continue was started elsewhere: check that ${definition.name} is the assistant it ran.`, context));
  return { edits, safe: false, claimed: [] };
}

/** A stream only handed on as `toReadableStream()`, in an async function where the request can be awaited. */
function isHandedOnReadable(node: ts.CallExpression, context: TypeScriptFixContext): boolean {
  const uses = streamUseEdits(node, context);
  return typeof uses !== "string" && uses.readable && uses.edits.length === 0 && isAsyncFunction(node);
}

/** The response type's name in TypeScript, for a typed empty list; `undefined` in JavaScript. */
function responseTypeText(context: TypeScriptFixContext): string | undefined {
  return context.style.isJavaScript ? undefined : `import("openai/resources/responses/responses").Response`;
}

/** Calls with no counterpart: the nearest typed value, and a TODO saying what to do by hand. */
function unmappedRewrite(site: CallSite, chain: BetaChain): CallRewrite | undefined {
  const { call, node, context } = site;
  const text = (expression: ts.Expression | undefined) => expression && expression.getText(context.sourceFile);
  const threadIdText = threadIdTextOf(call, node, context);
  const receiver = chain.receiverText;
  let replacement: string | undefined;
  switch (call.kind) {
    case "run.list": {
      const type = responseTypeText(context);
      replacement = `Promise.resolve({ data: []${type ? ` as ${type}[]` : ""} })`;
      break;
    }
    case "run.update": {
      const runId = text(runIdArgument(node, call));
      replacement = runId && `${receiver}.responses.retrieve(${runId})`;
      break;
    }
    case "message.update": {
      const messageId = text(call.signature === "v5" ? node.arguments[0] : node.arguments[1]);
      replacement = messageId && threadIdText && `${receiver}.conversations.items.retrieve(${messageId}, { conversation_id: ${threadIdText} })`;
      break;
    }
    case "step.retrieve": {
      // v4: (threadId, runId, stepId); v5+: (stepId, { thread_id, run_id }).
      const last = unwrap(node.arguments[node.arguments.length - 1]);
      const runProperty = call.signature === "v5" && ts.isObjectLiteralExpression(last) ? findProperty(last, "run_id") : undefined;
      const runId = call.signature === "v5" ? runProperty && (ts.isPropertyAssignment(runProperty) ? text(runProperty.initializer) : "run_id") : text(node.arguments[1]);
      const stepId = text(call.signature === "v5" ? node.arguments[0] : node.arguments[2]);
      replacement = runId && stepId && `${receiver}.responses.retrieve(${runId}).then((response) => response.output.find((item) => "id" in item && item.id === ${stepId}))`;
      break;
    }
    default:
      return undefined;
  }
  if (!replacement) return undefined;
  return { edits: [...todoAbove(node, `${NO_COUNTERPART[call.kind]}.`, context), { range: { start: chain.start, end: node.getEnd() }, newText: replacement }], safe: false, claimed: [] };
}
