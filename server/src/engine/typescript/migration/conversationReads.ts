// Two parts of a conversation rewrite that belong to the thread rather than to one call:
// - the reply read back with `messages.list` right after the run is that response's `output_text`
//   (the listing goes: Assistants lists newest first, and the reply is what the run just wrote);
// - a stored id (`threadId ? { id: threadId } : await threads.create()`) is a `thread_` id that no
//   longer exists: only a `conv_` id is reused, else a new conversation starts, with a TODO to persist it.
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { AssistantsCall, CallId, MigrationModel } from "../../migration/model";
import type { TypeScriptFixContext } from "../fixes/context";
import { replyTextEdits } from "../fixes/replies";
import { deleteStatement, enclosingScope, referencesTo, statementOfAwaitedCall } from "../fixes/statements";
import { storedOrCreated } from "./buildModel";

/** The name the conversation run rewrite gives the response (see runCalls.ts). */
function responseNameFor(run: ts.Identifier, scope: ts.Node): string {
  return referencesTo("response", scope).length === 0 ? "response" : run.text;
}

/** `const messages = await messages.list(thread.id, …)` after the thread's run in the same block: edits reading the reply off the response. */
export function replyAfterRunEdits(
  call: AssistantsCall,
  model: MigrationModel,
  nodes: ReadonlyMap<CallId, ts.CallExpression>,
  context: TypeScriptFixContext,
  responseNameOf: (run: AssistantsCall) => string | undefined = () => undefined,
): TextEdit[] | undefined {
  if (call.kind !== "message.list" || !call.threadId) return undefined;
  const node = nodes.get(call.id)!;
  const listed = statementOfAwaitedCall(node);
  if (!listed?.assigned || !listed.declared) return undefined;
  const thread = model.threads.find((candidate) => candidate.id === call.threadId)!;
  const run = thread.callIds
    .map((id) => model.calls.get(id)!)
    .filter((other) => (other.kind === "run.createAndPoll" || other.kind === "run.create" || other.kind === "thread.createAndRun") && other.result?.declared && other.callRange.end <= call.callRange.start && other.functionRange?.start === call.functionRange?.start)
    .pop();
  if (!run) return undefined;
  const runStatement = statementOfAwaitedCall(nodes.get(run.id)!);
  if (!runStatement?.assigned || runStatement.statement.parent !== listed.statement.parent) return undefined;
  // A `runs.create` run is only finished once its poll loop has run.
  const pollLoop = run.runId ? model.runs.get(run.runId)?.pollLoop : undefined;
  const waited = run.kind === "run.createAndPoll" || run.surface === "threads.createAndRunPoll";
  if (!waited && !(pollLoop && pollLoop.end <= call.callRange.start)) return undefined;
  const scope = enclosingScope(runStatement.statement);
  const replies = replyTextEdits(listed.assigned, scope, responseNameOf(run) ?? responseNameFor(runStatement.assigned, scope), context, false);
  return replies && [deleteStatement(listed.statement, context.text), ...replies];
}

/** The guard and TODO for a stored id that is reused or replaced by a new conversation. */
export function storedIdGuardEdits(call: AssistantsCall, nodes: ReadonlyMap<CallId, ts.CallExpression>, context: TypeScriptFixContext): TextEdit[] {
  if (call.kind !== "thread.create") return [];
  const declaration = storedOrCreated(nodes.get(call.id)!);
  if (!declaration) return [];
  let conditional: ts.Expression = declaration.initializer!;
  while (ts.isParenthesizedExpression(conditional)) conditional = conditional.expression;
  if (!ts.isConditionalExpression(conditional)) return [];
  const condition = conditional.condition;
  const reusesWhenTrue = !ts.isAwaitExpression(conditional.whenTrue) && !ts.isCallExpression(conditional.whenTrue);
  if (!reusesWhenTrue || !(ts.isIdentifier(condition) || ts.isPropertyAccessExpression(condition))) return [];
  const storedText = condition.getText(context.sourceFile);
  const statement = declaration.parent.parent;
  const { style } = context;
  const indent = style.indentAt(statement.getStart());
  const name = (declaration.name as ts.Identifier).text;
  return [
    { range: { start: condition.getStart(), end: condition.getEnd() }, newText: `${storedText}?.startsWith(${style.string("conv_")})` },
    {
      range: { start: statement.getStart(), end: statement.getStart() },
      newText: `// TODO(responses-migrate): ids stored before the migration are thread_ ids, which no longer exist, so they start a new conversation: persist ${name}.id where ${storedText} came from.${style.newline}${indent}`,
    },
  ];
}
