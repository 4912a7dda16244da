// A stream on a thread created in the same function and used for nothing else (the seed guide's
// "threads.create() -> nothing"): the thread and its messages go, and the messages become the
// stateless `responses.stream`'s `input`.
//
//   const thread = await client.beta.threads.create();            (deleted)
//   await client.beta.threads.messages.create(thread.id, { role: "user", content: question });  (deleted)
//   client.beta.threads.runs.stream(thread.id, { assistant_id })   -> client.responses.stream({ …, input: question })
//   await client.beta.threads.del(thread.id);                      (deleted)
import ts from "typescript";
import type { TextEdit } from "../../types";
import { unwrap } from "../syntax";
import { betaChainOf } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { inputFromMessages } from "./messagesInput";
import { deleteStatement, enclosingScope, referencesTo, statementOfAwaitedCall } from "./statements";

export const STREAM_STARTS = new Set(["threads.runs.stream", "threads.runs.createAndStream"]);

/** `threads.runs.create(threadId, { …, stream: true })` / `createAndRun({ …, stream: true })`: a run streamed as raw events. */
export function isStreamedCreate(call: ts.CallExpression, surface: string | undefined): boolean {
  const body = surface === "threads.runs.create" ? call.arguments[1] : surface === "threads.createAndRun" ? call.arguments[0] : undefined;
  const object = body && unwrap(body);
  if (!object || !ts.isObjectLiteralExpression(object)) return false;
  return object.properties.some((property) => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === "stream" && property.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

/** A call that starts a stream on a thread id: `runs.stream`, `runs.createAndStream`, `runs.create({ stream: true })`. */
export function isStreamStart(call: ts.CallExpression, context: TypeScriptFixContext): boolean {
  const surface = betaChainOf(call, context.bindings)?.surface.join(".");
  return !!surface && (STREAM_STARTS.has(surface) || (surface === "threads.runs.create" && isStreamedCreate(call, surface)));
}

export interface TurnState {
  input: string;
  edits: TextEdit[];
}

/** `const thread = await ….beta.threads.create(…)`: the declaration, when `name` is one. */
function createdThread(name: ts.Identifier, context: TypeScriptFixContext): { declaration: ts.VariableDeclaration; statement: ts.VariableStatement; create: ts.CallExpression } | undefined {
  const initializer = context.bindings.initializerOf(name);
  if (!initializer || !ts.isAwaitExpression(initializer)) return undefined;
  const create = unwrap(initializer.expression);
  if (!ts.isCallExpression(create) || betaChainOf(create, context.bindings)?.surface.join(".") !== "threads.create") return undefined;
  const declaration = initializer.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent) || declaration.parent.declarations.length !== 1) return undefined;
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) ? { declaration, statement, create } : undefined;
}

/** Messages given to `threads.create({ messages: [...] })`; undefined for any other option. */
function initialMessages(create: ts.CallExpression): ts.Expression[] | undefined {
  const options = create.arguments[0] && unwrap(create.arguments[0]);
  if (!options) return [];
  if (!ts.isObjectLiteralExpression(options)) return undefined;
  const messages: ts.Expression[] = [];
  for (const property of options.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name) || property.name.text !== "messages" || !ts.isArrayLiteralExpression(property.initializer)) return undefined;
    messages.push(...property.initializer.elements);
  }
  return messages;
}

/** `statement` lies in `block` (directly or in nested blocks: try, if), not inside a nested function. */
function inBlock(statement: ts.Node, block: ts.Node): boolean {
  for (let node: ts.Node = statement.parent; node; node = node.parent) {
    if (node === block) return true;
    if (ts.isFunctionLike(node) || ts.isSourceFile(node)) return false;
  }
  return false;
}

/** `thread.id` as the thread of `submitToolOutputsStream`: `(thread.id, run.id, body)` or `(run.id, { thread_id: thread.id })`. */
function isSubmitArgument(access: ts.Node, context: TypeScriptFixContext): boolean {
  if (!ts.isPropertyAccessExpression(access) || access.name.text !== "id") return false;
  let holder = access.parent;
  if (ts.isPropertyAssignment(holder) && holder.initializer === access && ts.isIdentifier(holder.name) && holder.name.text === "thread_id") holder = holder.parent.parent;
  return ts.isCallExpression(holder) && betaChainOf(holder, context.bindings)?.surface.join(".") === "threads.runs.submitToolOutputsStream";
}

/** The one-turn state of the stream `call` on `threadId`, when its thread lives for this turn only. */
export function oneTurnStreamState(call: ts.CallExpression, threadId: ts.Expression, context: TypeScriptFixContext): TurnState | undefined {
  const holder = unwrap(threadId);
  if (!ts.isPropertyAccessExpression(holder) || holder.name.text !== "id" || !ts.isIdentifier(holder.expression)) return undefined;
  const thread = createdThread(holder.expression, context);
  if (!thread || enclosingScope(thread.statement) !== enclosingScope(call)) return undefined;
  const messages = initialMessages(thread.create);
  if (!messages) return undefined;
  const block = thread.statement.parent;
  const edits: TextEdit[] = [deleteStatement(thread.statement, context.text)];
  const callStart = call.getStart();
  if (!inBlock(call, block) || callStart < thread.statement.getEnd()) return undefined;
  const seen = new Set<ts.CallExpression>();
  for (const reference of referencesTo(holder.expression.text, enclosingScope(call))) {
    if (reference === thread.declaration.name) continue;
    const access = reference.parent;
    // Tool outputs streamed back are part of the stream's rewrite (./streamToolLoop), which drops the thread id.
    if (isSubmitArgument(access, context)) continue;
    const used = ts.isPropertyAccessExpression(access) && access.name.text === "id" ? access.parent : undefined;
    if (!used || !ts.isCallExpression(used) || used.arguments[0] !== access) return undefined;
    if (used === call || seen.has(used)) continue;
    seen.add(used);
    const surface = betaChainOf(used, context.bindings)?.surface.join(".");
    const awaited = statementOfAwaitedCall(used);
    if (!awaited || awaited.assigned || !inBlock(awaited.statement, block)) return undefined;
    if (surface === "threads.messages.create" && awaited.statement.getEnd() <= callStart && used.arguments.length === 2) {
      const body = unwrap(used.arguments[1]);
      if (!ts.isObjectLiteralExpression(body)) return undefined;
      messages.push(body);
    } else if (!((surface === "threads.del" || surface === "threads.delete") && used.arguments.length === 1)) {
      return undefined;
    }
    edits.push(deleteStatement(awaited.statement, context.text));
  }
  const input = inputFromMessages(messages, context);
  return input ? { input, edits } : undefined;
}

/** The stream started on the created thread `call` belongs to (`threads.create`, or a call on `thread.id`). */
export function streamOnCreatedThread(call: ts.CallExpression, context: TypeScriptFixContext): ts.CallExpression | undefined {
  const surface = betaChainOf(call, context.bindings)?.surface.join(".");
  let holder: ts.Identifier | undefined;
  if (surface === "threads.create") {
    const awaited = statementOfAwaitedCall(call);
    holder = awaited?.declared ? awaited.assigned : undefined;
  } else {
    const first = call.arguments[0] && unwrap(call.arguments[0]);
    if (first && ts.isPropertyAccessExpression(first) && first.name.text === "id" && ts.isIdentifier(first.expression)) holder = first.expression;
  }
  const thread = holder && createdThread(holder, context);
  const name = holder?.text;
  if (!thread || !name) return undefined;
  for (const reference of referencesTo(name, enclosingScope(thread.statement))) {
    const access = reference.parent;
    const used = ts.isPropertyAccessExpression(access) && access.name.text === "id" ? access.parent : undefined;
    if (used && ts.isCallExpression(used) && used.arguments[0] === access && isStreamStart(used, context)) return used;
  }
  return undefined;
}
