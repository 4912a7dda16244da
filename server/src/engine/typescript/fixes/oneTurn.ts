// The seed guide's "threads.create() -> nothing": a thread created, fed, run and read inside one
// function, and never seen outside it, holds no state worth keeping. The whole turn becomes one
// stateless `responses.create`, and the reply is `response.output_text`.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { findProperty, unwrap } from "../syntax";
import { chooseDefinition, definitionEditsFor } from "./assistantDefinition";
import { betaChainOf } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { objectLiteralText, readRunOptions } from "./responsesRequest";
import { inputFromMessages } from "./messagesInput";
import { replyTextEdits } from "./replies";
import { planRunResult } from "./runResult";
import { openAIClassName } from "./edits";
import { deleteStatement, enclosingScope, referencesTo, statementOfAwaitedCall } from "./statements";

type ThreadCall = { call: ts.CallExpression; surface: string; statement: ts.Statement; assigned?: ts.Identifier };

/** The Assistants call `reference` (a thread id, or a thread whose `.id` is read) is passed to. */
function threadCallOf(reference: ts.Identifier, readsId: boolean, context: TypeScriptFixContext): ThreadCall | undefined {
  let argument: ts.Node = reference;
  if (readsId) {
    if (!ts.isPropertyAccessExpression(reference.parent) || reference.parent.name.text !== "id") return undefined;
    argument = reference.parent;
  }
  let holder: ts.Node = argument.parent;
  // v5 `runs.retrieve(run.id, { thread_id: thread.id })`
  if (ts.isPropertyAssignment(holder) && holder.initializer === argument) holder = holder.parent.parent;
  if (!ts.isCallExpression(holder)) return undefined;
  const chain = betaChainOf(holder, context.bindings);
  if (!chain || chain.surface[0] !== "threads") return undefined;
  const awaited = statementOfAwaitedCall(holder);
  if (!awaited) return undefined;
  return { call: holder, surface: chain.surface.slice(1).join("."), statement: awaited.statement, assigned: awaited.assigned };
}

/** Where a turn's thread comes from, and what the rewrite keeps of it. */
interface TurnAnchor {
  /** The name the thread (created) or the thread id (kept) goes by. */
  threadName: string;
  /** `thread.id` for a created thread (which holds this turn only); the name itself for a kept id. */
  readsId: boolean;
  /** The declaration of that name, which is not a use. */
  declaration: ts.Node;
  block: ts.Node;
  scope: ts.Node;
  /** Uses before this offset do not belong to the turn. */
  startsAt: number;
  edits: TextEdit[];
  initialMessages: ts.Expression[];
  threadMetadata?: string;
  /** `previous_response_id: threadId` for a kept chain. */
  stateProperties: string[];
  title: string;
  preferred: boolean;
  /** Lines put above the request, e.g. a TODO saying where to keep the new response id. */
  note?: (responseName: string) => string[];
  /** An array the turn's input continues (explicit history). */
  inputPrefix?: string;
}

function createdThreadAnchor(threadDeclaration: ts.VariableDeclaration, context: TypeScriptFixContext): TurnAnchor | undefined {
  const { sourceFile, text } = context;
  const createCall = unwrap((threadDeclaration.initializer as ts.AwaitExpression).expression) as ts.CallExpression;
  const threadStatement = threadDeclaration.parent.parent as ts.VariableStatement;
  const initialMessages: ts.Expression[] = [];
  const createOptions = createCall.arguments[0] && unwrap(createCall.arguments[0]);
  let threadMetadata: string | undefined;
  if (createOptions) {
    if (!ts.isObjectLiteralExpression(createOptions)) return undefined;
    for (const property of createOptions.properties) {
      const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
      if (name === "metadata" && (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property))) {
        threadMetadata = ts.isPropertyAssignment(property) ? property.initializer.getText(sourceFile) : "metadata";
      } else if (name === "messages" && ts.isPropertyAssignment(property) && ts.isArrayLiteralExpression(property.initializer)) {
        initialMessages.push(...property.initializer.elements);
      } else {
        return undefined;
      }
    }
  }
  return {
    threadName: (threadDeclaration.name as ts.Identifier).text,
    readsId: true,
    declaration: threadDeclaration.name,
    block: threadStatement.parent,
    scope: enclosingScope(threadStatement),
    startsAt: threadStatement.getEnd(),
    edits: [deleteStatement(threadStatement, text)],
    initialMessages,
    threadMetadata,
    stateProperties: [],
    title: "Rewrite this one-turn thread to a single responses.create",
    preferred: context.settings.stateStrategy !== "conversation",
  };
}

/**
 * The seed guide's pattern 1 for a kept thread id: the id that was kept now holds the last response
 * id, and the turn chains to it. Where that id is stored is the caller's business, so the rewrite
 * says in a TODO that the new response id must go back there.
 */
function keptThreadAnchor(parameter: ts.ParameterDeclaration, context: TypeScriptFixContext): TurnAnchor | undefined {
  const body = (parameter.parent as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body) || !ts.isIdentifier(parameter.name)) return undefined;
  const name = parameter.name.text;
  return {
    threadName: name,
    readsId: false,
    declaration: parameter.name,
    block: body,
    scope: parameter.parent,
    startsAt: body.getStart(),
    edits: [],
    initialMessages: [],
    stateProperties: [`previous_response_id: ${name}`],
    title: "Rewrite this turn to chain by previous_response_id",
    preferred: context.settings.stateStrategy === "previous-response-id",
    note: (responseName) => [`// TODO(responses-migrate): keep ${responseName}.id where ${name} was kept: it is the next turn's previous_response_id.`],
  };
}

/**
 * The seed guide's pattern 2 for a kept thread id: nothing is stored server-side (`store: false`); the
 * turn sends the conversation's history, which the code must now keep itself. The rewrite declares
 * that history empty with a TODO to load it, and to store the new turn.
 */
function explicitHistoryAnchor(parameter: ts.ParameterDeclaration, context: TypeScriptFixContext): TurnAnchor | undefined {
  const chained = keptThreadAnchor(parameter, context);
  if (!chained) return undefined;
  const history = referencesTo("history", parameter.parent).length === 0 ? "history" : "storedHistory";
  const className = openAIClassName(context.sourceFile);
  const itemType = className ? `${className}.Responses.ResponseInputItem` : `import(${context.style.string("openai/resources/responses/responses")}).ResponseInputItem`;
  return {
    ...chained,
    stateProperties: ["store: false"],
    title: "Rewrite this turn to send explicit history (store: false)",
    preferred: context.settings.stateStrategy === "explicit-history",
    inputPrefix: history,
    note: (responseName) => [
      `// TODO(responses-migrate): load the stored history of ${chained.threadName} into ${history}, and store this turn's input and ${responseName}.output after it.`,
      `const ${history}${context.style.isJavaScript ? "" : `: ${itemType}[]`} = []${context.style.semicolon}`,
    ],
  };
}

function planTurn(anchor: TurnAnchor, context: TypeScriptFixContext): Fix | undefined {
  const { text, style } = context;
  const { block, scope, threadName } = anchor;
  const uses = referencesTo(threadName, scope).filter((reference) => reference !== anchor.declaration);
  const calls: ThreadCall[] = [];
  for (const reference of uses) {
    const threadCall = threadCallOf(reference, anchor.readsId, context);
    if (!threadCall) return undefined;
    if (!calls.some((known) => known.call === threadCall.call)) calls.push(threadCall);
  }
  const runCalls = calls.filter((c) => c.surface === "runs.createAndPoll" || c.surface === "runs.create");
  if (runCalls.length !== 1) return undefined;
  const run = runCalls[0];
  // Statements between the calls (logging, status checks, a try block around the run) do not change
  // the turn: what matters is that each call sits in the turn's block, outside nested functions.
  if (!inTurnBlock(run.statement, block) || run.statement.getStart() < anchor.startsAt) return undefined;
  const runBlock = run.statement.parent;

  const edits: TextEdit[] = [...anchor.edits];
  const userInput: ts.Expression[] = [...anchor.initialMessages];
  let removedPolling = false;
  let pollLoop: ts.Statement | undefined;
  let replyList: ThreadCall | undefined;
  const submits: ts.CallExpression[] = [];
  for (const threadCall of calls) {
    if (threadCall === run) continue;
    if (threadCall.surface === "messages.create" && inTurnBlock(threadCall.statement, block) && threadCall.statement.getEnd() <= run.statement.getStart() && !threadCall.assigned) {
      const body = threadCall.call.arguments[1] && unwrap(threadCall.call.arguments[1]);
      if (!body || !ts.isObjectLiteralExpression(body)) return undefined;
      userInput.push(body);
      edits.push(deleteStatement(threadCall.statement, text));
    } else if (threadCall.surface === "messages.list" && inTurnBlock(threadCall.statement, runBlock) && threadCall.statement.getStart() > run.statement.getEnd() && threadCall.assigned && !replyList) {
      replyList = threadCall;
      edits.push(deleteStatement(threadCall.statement, text));
    } else if ((threadCall.surface === "del" || threadCall.surface === "delete") && !threadCall.assigned && inTurnBlock(threadCall.statement, block)) {
      // Cleaning up the thread: there is no thread any more.
      edits.push(deleteStatement(threadCall.statement, text));
    } else if (threadCall.surface === "runs.submitToolOutputsAndPoll") {
      submits.push(threadCall.call);
    } else if (threadCall.surface === "runs.retrieve" && run.surface === "runs.create") {
      let loop: ts.Node = threadCall.statement;
      while (loop.parent !== runBlock && !ts.isSourceFile(loop.parent)) loop = loop.parent;
      if (!ts.isWhileStatement(loop) && !ts.isDoStatement(loop)) return undefined;
      if (pollLoop !== loop) edits.push(deleteStatement(loop, text));
      pollLoop = loop;
      removedPolling = true;
    } else {
      return undefined;
    }
  }
  if (run.surface === "runs.create" && !pollLoop) return undefined;

  // Unstored responses cannot be chained to, and tool round-trips chain by previous_response_id.
  if (anchor.stateProperties.includes("store: false") && submits.length > 0) return undefined;
  const responseName = referencesTo("response", scope).length === 0 ? "response" : "assistantResponse";
  const options = readRunOptions(run.call.arguments[1], context);
  if (!options) return undefined;
  const definition = chooseDefinition(options.assistantId, context);
  const receiver = betaChainOf(run.call, context.bindings)?.receiverText;
  if (!receiver) return undefined;
  if (run.assigned) {
    const result = planRunResult(
      {
        run: run.assigned,
        ownStatements: [run.statement, ...(pollLoop ? [pollLoop] : []), ...(replyList ? [replyList.statement] : [])],
        scope,
        responseName,
        followUpRequest: (inputText, at) => `${receiver}.responses.create(${objectLiteralText([...options.properties(definition.name), `previous_response_id: ${responseName}.id`, `input: ${inputText}`], at, context)})`,
      },
      context,
    );
    if (!result || submits.some((submit) => !result.submitCalls.has(submit))) return undefined;
    edits.push(...result.edits);
  } else if (submits.length > 0) {
    return undefined;
  }
  if (replyList?.assigned) {
    const replies = replyTextEdits(replyList.assigned, scope, responseName, context, anchor.readsId);
    if (!replies) return undefined;
    edits.push(...replies);
  }

  edits.push(...definitionEditsFor(definition, options.properties(definition.name)));
  const input = anchor.inputPrefix ? `[...${anchor.inputPrefix}, ${userInput.map((message) => message.getText(context.sourceFile)).join(", ")}]` : inputFromMessages(userInput, context);
  if (!input || userInput.length === 0) return undefined;
  const statementStart = run.statement.getStart();
  const requestProperties = options.properties(definition.name);
  if (anchor.threadMetadata && !requestProperties.some((property) => property.startsWith("metadata:"))) requestProperties.push(`metadata: ${anchor.threadMetadata}`);
  requestProperties.push(...anchor.stateProperties);
  // Unstored responses cannot be chained, so a turn with tool round-trips keeps the default store.
  if (context.settings.stateStrategy === "explicit-history" && submits.length === 0 && !requestProperties.includes("store: false")) requestProperties.push("store: false");
  const request = objectLiteralText([...requestProperties, `input: ${input}`], statementStart, context);
  const keyword = ts.isVariableStatement(run.statement) && run.statement.declarationList.flags & ts.NodeFlags.Let ? "let" : "const";
  // The reply is read off the response, so it needs a name even when the run had none.
  const declaration = run.assigned || replyList ? `${keyword} ${responseName} = ` : "";
  const indent = style.indentAt(statementStart);
  const note = anchor.note ? anchor.note(responseName).map((line) => line + style.newline + indent).join("") : "";
  edits.push({ range: { start: statementStart, end: run.statement.getEnd() }, newText: `${note}${declaration}await ${receiver}.responses.create(${request})${style.semicolon}` });
  return {
    title: anchor.title,
    edits,
    // A kept chain needs its new response id stored by hand, so it is never applied unasked.
    safe: !definition.stubbed && !definition.guessed && !removedPolling && !anchor.note,
    preferred: anchor.preferred,
  };
}


/** `statement` lies in `block` (directly or in nested blocks: try, if), not inside a nested function. */
function inTurnBlock(statement: ts.Statement, block: ts.Node): boolean {
  for (let node: ts.Node = statement.parent; node; node = node.parent) {
    if (node === block) return true;
    if (ts.isFunctionLike(node) || ts.isSourceFile(node)) return false;
  }
  return false;
}

const plans = new WeakMap<ts.Node, Map<string, Fix | null>>();

/** Plans are shared by every finding of the turn, so each is computed once per node and variant. */
function planned(key: ts.Node, variant: string, plan: () => Fix | undefined): Fix | undefined {
  let byVariant = plans.get(key);
  if (!byVariant) plans.set(key, (byVariant = new Map()));
  if (!byVariant.has(variant)) byVariant.set(variant, plan() ?? null);
  return byVariant.get(variant) ?? undefined;
}

/** The thread id argument of a thread call: v4 passes it first, v5 as `{ thread_id }` last. */
function threadIdArgument(call: ts.CallExpression): ts.Expression | undefined {
  const last = call.arguments.length > 0 ? unwrap(call.arguments[call.arguments.length - 1]) : undefined;
  const threadIdProperty = last && ts.isObjectLiteralExpression(last) ? findProperty(last, "thread_id") : undefined;
  if (threadIdProperty && ts.isPropertyAssignment(threadIdProperty)) return unwrap(threadIdProperty.initializer);
  return call.arguments[0] && unwrap(call.arguments[0]);
}

/** The thread declaration a call belongs to, when that thread was created by `await ….beta.threads.create()`. */
function threadDeclarationFor(call: ts.CallExpression, context: TypeScriptFixContext): ts.VariableDeclaration | undefined {
  const chain = betaChainOf(call, context.bindings);
  if (!chain) return undefined;
  if (chain.surface.join(".") === "threads.create") {
    const awaited = statementOfAwaitedCall(call);
    return awaited?.declared && awaited.assigned ? (awaited.assigned.parent as ts.VariableDeclaration) : undefined;
  }
  const first = threadIdArgument(call);
  const holder = first && ts.isPropertyAccessExpression(first) && first.name.text === "id" ? first.expression : undefined;
  if (!holder || !ts.isIdentifier(holder)) return undefined;
  const initializer = context.bindings.initializerOf(holder);
  if (!initializer || !ts.isAwaitExpression(initializer)) return undefined;
  const created = unwrap(initializer.expression);
  if (!ts.isCallExpression(created) || betaChainOf(created, context.bindings)?.surface.join(".") !== "threads.create") return undefined;
  return ts.isVariableDeclaration(initializer.parent) ? initializer.parent : undefined;
}

/** The enclosing function's parameter a call's thread id is, when the thread id was handed in. */
function threadIdParameterFor(call: ts.CallExpression, context: TypeScriptFixContext): ts.ParameterDeclaration | undefined {
  const chain = betaChainOf(call, context.bindings);
  if (!chain || chain.surface[0] !== "threads" || chain.surface.length < 3) return undefined;
  const argument = threadIdArgument(call);
  if (!argument || !ts.isIdentifier(argument)) return undefined;
  const scope = enclosingScope(call);
  if (!ts.isFunctionLike(scope)) return undefined;
  return scope.parameters.find((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === argument.text);
}

/** The one-turn rewrite covering `call`, when its thread never outlives the function. */
export function oneTurnFix(call: ts.CallExpression, context: TypeScriptFixContext): Fix | undefined {
  const declaration = threadDeclarationFor(call, context);
  if (!declaration || !ts.isVariableStatement(declaration.parent.parent)) return undefined;
  return planned(declaration, "one-turn", () => {
    const anchor = createdThreadAnchor(declaration, context);
    return anchor && planTurn(anchor, context);
  });
}

/** The rewrites of a turn on a thread id handed in as a parameter: chained by previous_response_id, or explicit history. */
export function keptTurnFixes(call: ts.CallExpression, context: TypeScriptFixContext): Fix[] {
  const parameter = threadIdParameterFor(call, context);
  if (!parameter) return [];
  const variants: Array<[string, (parameter: ts.ParameterDeclaration, context: TypeScriptFixContext) => TurnAnchor | undefined]> = [
    ["previous-response-id", keptThreadAnchor],
    ["explicit-history", explicitHistoryAnchor],
  ];
  return variants.flatMap(([variant, anchorFor]) => {
    const fix = planned(parameter, variant, () => {
      const anchor = anchorFor(parameter, context);
      return anchor && planTurn(anchor, context);
    });
    return fix ? [fix] : [];
  });
}
