// The seed guide's "threads.create() -> nothing": a thread created, fed, run and read inside one
// function, and never seen outside it, holds no state worth keeping. The whole turn becomes one
// stateless `responses.create`, and the reply is `response.output_text`.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { findProperty, unwrap } from "../syntax";
import { chooseDefinition } from "./assistantDefinition";
import { betaChainOf } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { objectLiteralText, readRunOptions } from "./responsesRequest";
import { inputFromMessages } from "./messagesInput";
import { replyTextEdits } from "./replies";
import { planRunResult } from "./runResult";
import { deleteStatement, enclosingScope, referencesTo, statementOfAwaitedCall } from "./statements";

type ThreadCall = { call: ts.CallExpression; surface: string; statement: ts.Statement; assigned?: ts.Identifier };

function threadCallOf(reference: ts.Identifier, context: TypeScriptFixContext): ThreadCall | undefined {
  const access = reference.parent;
  if (!ts.isPropertyAccessExpression(access) || access.name.text !== "id") return undefined;
  let holder: ts.Node = access.parent;
  // v5 `runs.retrieve(run.id, { thread_id: thread.id })`
  if (ts.isPropertyAssignment(holder)) holder = holder.parent.parent;
  if (!ts.isCallExpression(holder)) return undefined;
  const chain = betaChainOf(holder, context.bindings);
  if (!chain || chain.surface[0] !== "threads") return undefined;
  const awaited = statementOfAwaitedCall(holder);
  if (!awaited) return undefined;
  return { call: holder, surface: chain.surface.slice(1).join("."), statement: awaited.statement, assigned: awaited.assigned };
}

function planOneTurn(threadDeclaration: ts.VariableDeclaration, context: TypeScriptFixContext): Fix | undefined {
  const { sourceFile, text, style } = context;
  const createCall = unwrap((threadDeclaration.initializer as ts.AwaitExpression).expression) as ts.CallExpression;
  const createChain = betaChainOf(createCall, context.bindings)!;
  const threadStatement = threadDeclaration.parent.parent as ts.VariableStatement;
  const block = threadStatement.parent;
  const scope = enclosingScope(threadStatement);
  const threadName = (threadDeclaration.name as ts.Identifier).text;

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

  const uses = referencesTo(threadName, scope).filter((reference) => reference !== threadDeclaration.name);
  const calls: ThreadCall[] = [];
  for (const reference of uses) {
    const threadCall = threadCallOf(reference, context);
    if (!threadCall) return undefined;
    if (!calls.some((known) => known.call === threadCall.call)) calls.push(threadCall);
  }
  const runCalls = calls.filter((c) => c.surface === "runs.createAndPoll" || c.surface === "runs.create");
  if (runCalls.length !== 1) return undefined;
  const run = runCalls[0];
  if (run.statement.parent !== block || run.statement.getStart() < threadStatement.getEnd()) return undefined;

  const edits: TextEdit[] = [deleteStatement(threadStatement, text)];
  const userInput: ts.Expression[] = [...initialMessages];
  let removedPolling = false;
  let pollLoop: ts.Statement | undefined;
  let replyList: ThreadCall | undefined;
  const submits: ts.CallExpression[] = [];
  for (const threadCall of calls) {
    if (threadCall === run) continue;
    if (threadCall.surface === "messages.create" && threadCall.statement.parent === block && threadCall.statement.getEnd() <= run.statement.getStart() && !threadCall.assigned) {
      const body = threadCall.call.arguments[1] && unwrap(threadCall.call.arguments[1]);
      if (!body || !ts.isObjectLiteralExpression(body)) return undefined;
      userInput.push(body);
      edits.push(deleteStatement(threadCall.statement, text));
    } else if (threadCall.surface === "messages.list" && threadCall.statement.parent === block && threadCall.assigned && !replyList) {
      replyList = threadCall;
      edits.push(deleteStatement(threadCall.statement, text));
    } else if ((threadCall.surface === "del" || threadCall.surface === "delete") && !threadCall.assigned && threadCall.statement.parent === block) {
      // Cleaning up the thread: there is no thread any more.
      edits.push(deleteStatement(threadCall.statement, text));
    } else if (threadCall.surface === "runs.submitToolOutputsAndPoll") {
      submits.push(threadCall.call);
    } else if (threadCall.surface === "runs.retrieve" && run.surface === "runs.create") {
      let loop: ts.Node = threadCall.statement;
      while (loop.parent !== block && !ts.isSourceFile(loop.parent)) loop = loop.parent;
      if (!ts.isWhileStatement(loop) && !ts.isDoStatement(loop)) return undefined;
      if (pollLoop !== loop) edits.push(deleteStatement(loop, text));
      pollLoop = loop;
      removedPolling = true;
    } else {
      return undefined;
    }
  }
  if (run.surface === "runs.create" && !pollLoop) return undefined;

  const responseName = referencesTo("response", scope).length === 0 ? "response" : "assistantResponse";
  const options = readRunOptions(run.call.arguments[1], context);
  if (!options) return undefined;
  const definition = chooseDefinition(options.assistantId, context);
  const receiver = createChain.receiverText;
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
    const replies = replyTextEdits(replyList.assigned, scope, responseName, context);
    if (!replies) return undefined;
    edits.push(...replies);
  }

  edits.push(...definition.edits);
  const input = inputFromMessages(userInput, context);
  if (!input) return undefined;
  const statementStart = run.statement.getStart();
  const requestProperties = options.properties(definition.name);
  if (threadMetadata && !requestProperties.some((property) => property.startsWith("metadata:"))) requestProperties.push(`metadata: ${threadMetadata}`);
  // Unstored responses cannot be chained, so a turn with tool round-trips keeps the default store.
  if (context.settings.stateStrategy === "explicit-history" && submits.length === 0) requestProperties.push("store: false");
  const request = objectLiteralText([...requestProperties, `input: ${input}`], statementStart, context);
  const keyword = ts.isVariableStatement(run.statement) && run.statement.declarationList.flags & ts.NodeFlags.Let ? "let" : "const";
  // The reply is read off the response, so it needs a name even when the run had none.
  const declaration = run.assigned || replyList ? `${keyword} ${responseName} = ` : "";
  edits.push({ range: { start: statementStart, end: run.statement.getEnd() }, newText: `${declaration}await ${receiver}.responses.create(${request})${style.semicolon}` });
  return {
    title: "Rewrite this one-turn thread to a single responses.create",
    edits,
    safe: !definition.stubbed && !definition.guessed && !removedPolling,
    preferred: true,
  };
}


const plans = new WeakMap<ts.VariableDeclaration, Fix | null>();

/** The thread declaration a call belongs to, when that thread was created by `await ….beta.threads.create()`. */
function threadDeclarationFor(call: ts.CallExpression, context: TypeScriptFixContext): ts.VariableDeclaration | undefined {
  const chain = betaChainOf(call, context.bindings);
  if (!chain) return undefined;
  if (chain.surface.join(".") === "threads.create") {
    const awaited = statementOfAwaitedCall(call);
    return awaited?.declared && awaited.assigned ? (awaited.assigned.parent as ts.VariableDeclaration) : undefined;
  }
  // v4 passes the thread id first; v5 passes `{ thread_id }` last.
  const last = call.arguments.length > 0 ? unwrap(call.arguments[call.arguments.length - 1]) : undefined;
  const threadIdProperty = last && ts.isObjectLiteralExpression(last) ? findProperty(last, "thread_id") : undefined;
  const first = threadIdProperty && ts.isPropertyAssignment(threadIdProperty) ? unwrap(threadIdProperty.initializer) : call.arguments[0] && unwrap(call.arguments[0]);
  const holder = first && ts.isPropertyAccessExpression(first) && first.name.text === "id" ? first.expression : undefined;
  if (!holder || !ts.isIdentifier(holder)) return undefined;
  const initializer = context.bindings.initializers.get(holder.text);
  if (!initializer || !ts.isAwaitExpression(initializer)) return undefined;
  const created = unwrap(initializer.expression);
  if (!ts.isCallExpression(created) || betaChainOf(created, context.bindings)?.surface.join(".") !== "threads.create") return undefined;
  return ts.isVariableDeclaration(initializer.parent) ? initializer.parent : undefined;
}

/** The one-turn rewrite covering `call`, when its thread never outlives the function. */
export function oneTurnFix(call: ts.CallExpression, context: TypeScriptFixContext): Fix | undefined {
  const declaration = threadDeclarationFor(call, context);
  if (!declaration || !ts.isVariableStatement(declaration.parent.parent)) return undefined;
  if (!plans.has(declaration)) plans.set(declaration, planOneTurn(declaration, context) ?? null);
  return plans.get(declaration) ?? undefined;
}
