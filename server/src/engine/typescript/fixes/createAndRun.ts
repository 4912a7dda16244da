// `threads.createAndRun(Poll)({ assistant_id, thread: { messages } })` makes a thread only to run it
// once: it becomes one stateless `responses.create` with the messages as `input`, and the reply read
// back through `messages.list(run.thread_id)` becomes `response.output_text`.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { findProperty, propertyNameText, unwrap } from "../syntax";
import { chooseDefinition, definitionEditsFor } from "./assistantDefinition";
import { betaChainOf, type BetaChain } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { inputFromMessages } from "./messagesInput";
import { replyTextEdits } from "./replies";
import { objectLiteralText, readRunOptions } from "./responsesRequest";
import { planRunResult } from "./runResult";
import { deleteStatement, enclosingScope, referencesTo, statementOfAwaitedCall } from "./statements";

/** The `thread.messages` array's elements, or undefined when the thread carries more than messages. */
function threadMessages(body: ts.ObjectLiteralExpression): ts.Expression[] | undefined {
  const thread = findProperty(body, "thread");
  if (!thread) return [];
  const value = ts.isPropertyAssignment(thread) ? unwrap(thread.initializer) : undefined;
  if (!value || !ts.isObjectLiteralExpression(value)) return undefined;
  if (value.properties.some((p) => !p.name || propertyNameText(p.name) !== "messages")) return undefined;
  const messages = findProperty(value, "messages");
  const list = messages && ts.isPropertyAssignment(messages) ? unwrap(messages.initializer) : undefined;
  return list && ts.isArrayLiteralExpression(list) ? [...list.elements] : undefined;
}


/** `const messages = await ….messages.list(run.thread_id)` statements reading this run's thread. */
function replyListsOf(run: ts.Identifier, scope: ts.Node, context: TypeScriptFixContext): Array<{ statement: ts.Statement; assigned: ts.Identifier }> | undefined {
  const lists: Array<{ statement: ts.Statement; assigned: ts.Identifier }> = [];
  for (const reference of referencesTo(run.text, scope)) {
    const access = reference.parent;
    if (!ts.isPropertyAccessExpression(access) || access.name.text !== "thread_id") continue;
    const call = access.parent;
    const chain = ts.isCallExpression(call) ? betaChainOf(call, context.bindings) : undefined;
    if (!chain || chain.surface.join(".") !== "threads.messages.list" || (call as ts.CallExpression).arguments[0] !== access) return undefined;
    const awaited = statementOfAwaitedCall(call as ts.CallExpression);
    if (!awaited?.assigned || !awaited.declared) return undefined;
    lists.push({ statement: awaited.statement, assigned: awaited.assigned });
  }
  return lists;
}

export function createAndRunFix(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext): Fix[] {
  const body = call.arguments[0] && unwrap(call.arguments[0]);
  if (!body || !ts.isObjectLiteralExpression(body) || call.arguments.length !== 1) return [];
  const messages = threadMessages(body);
  const options = readRunOptions(body, context, ["thread"]);
  const input = messages && inputFromMessages(messages, context);
  if (!options || !input) return [];
  const awaited = statementOfAwaitedCall(call);
  if (!awaited) return [];
  const definition = chooseDefinition(options.assistantId, context);
  const receiver = chain.receiverText;
  const scope = enclosingScope(awaited.statement);
  const responseName = referencesTo("response", scope).length === 0 ? "response" : "assistantResponse";
  const edits: TextEdit[] = [...definitionEditsFor(definition, options.properties(definition.name))];
  let removedPolling = false;

  if (awaited.assigned) {
    const lists = replyListsOf(awaited.assigned, scope, context);
    if (!lists) return [];
    for (const list of lists) {
      const replies = replyTextEdits(list.assigned, scope, responseName, context, true);
      if (!replies) return [];
      edits.push(deleteStatement(list.statement, context.text), ...replies);
    }
    const plan = planRunResult(
      {
        run: awaited.assigned,
        ownStatements: [awaited.statement, ...lists.map((list) => list.statement)],
        runStatement: awaited.statement,
        scope,
        responseName,
        followUpRequest: (outputs, at) => `${receiver}.responses.create(${objectLiteralText([...options.properties(definition.name), `previous_response_id: ${responseName}.id`, `input: ${outputs}`], at, context)})`,
      },
      context,
    );
    if (!plan) return [];
    edits.push(...plan.edits);
    removedPolling = plan.removedPolling;
    if (awaited.declared) edits.push({ range: { start: awaited.assigned.getStart(), end: awaited.assigned.getEnd() }, newText: responseName });
  }
  const request = objectLiteralText([...options.properties(definition.name), `input: ${input}`], call.getStart(), context);
  edits.push({ range: { start: chain.start, end: call.getEnd() }, newText: `${receiver}.responses.create(${request})` });
  return [
    {
      title: "Rewrite to a single stateless responses.create",
      edits,
      safe: !definition.stubbed && !definition.guessed && !removedPolling && betaChainOf(call, context.bindings)?.surface.join(".") === "threads.createAndRunPoll",
      preferred: true,
    },
  ];
}
