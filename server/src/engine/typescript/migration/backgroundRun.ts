// Renders the background-run strategy in TypeScript: a run the code keeps becomes
// `responses.create({ ..., conversation, background: true })` (a polled run waits already, so it gets
// no `background`), `runs.retrieve`/`runs.poll` become `responses.retrieve(id)`, `runs.cancel`
// becomes `responses.cancel(id)`, `steps.list` the response's `output` items, and the other calls on
// the thread their conversation counterparts. The run variable keeps its name and now holds a
// Response; its reads are mapped by planRunResult (status, requires_action, tool calls, last_error,
// thread_id). Polling loops stay: polling a background response is correct code.
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { AssistantsCall, CallId, MigrationModel } from "../../migration/model";
import type { RenderRefusal, ThreadPlan } from "../../migration/plan";
import { chooseDefinition, definitionEditsFor } from "../fixes/assistantDefinition";
import { betaChainOf } from "../fixes/calleeChain";
import { conversationFix } from "../fixes/conversationCalls";
import type { TypeScriptFixContext } from "../fixes/context";
import { objectLiteralText, readRunOptions } from "../fixes/responsesRequest";
import { planRunResult } from "../fixes/runResult";
import { enclosingScope, statementOfAwaitedCall } from "../fixes/statements";
import { unwrap } from "../syntax";

type Rendered = { edits: TextEdit[] } | RenderRefusal;

export function backgroundRunEdits(plan: ThreadPlan, model: MigrationModel, nodes: ReadonlyMap<CallId, ts.CallExpression>, context: TypeScriptFixContext): Rendered {
  const edits: TextEdit[] = [];
  const claimed = new Set<CallId>();
  const thread = model.threads.find((candidate) => candidate.id === plan.threadId)!;
  const threadIdText = threadIdTextOf(plan, model, nodes, context);
  for (const replacement of plan.replacements) {
    if (claimed.has(replacement.callId)) continue;
    const call = model.calls.get(replacement.callId)!;
    const node = nodes.get(call.id)!;
    const chain = betaChainOf(node, context.bindings);
    if (!chain) return { callId: call.id, reason: "its client cannot be written again at the call site" };
    const refuse = (reason: string): RenderRefusal => ({ callId: call.id, reason });
    switch (replacement.kind) {
      case "responses.create.background":
      case "responses.create": {
        if (call.kind !== "run.create" && call.kind !== "run.createAndPoll") return refuse("only runs on an existing thread map to background mode");
        const options = node.arguments.length === 2 ? readRunOptions(node.arguments[1], context) : undefined;
        if (!options || !threadIdText) return refuse("its options have no Responses counterpart");
        const definition = chooseDefinition(options.assistantId, context);
        const background = call.kind === "run.create" ? ["background: true"] : [];
        const requestAt = (extra: string[], at: number) => `${chain.receiverText}.responses.create(${objectLiteralText([...options.properties(definition.name), `conversation: ${threadIdText}`, ...extra], at, context)})`;
        edits.push(...definitionEditsFor(definition, options.properties(definition.name)), { range: { start: chain.start, end: node.getEnd() }, newText: requestAt(background, node.getStart()) });
        const result = resultEdits(node, context, threadIdText, (inputText, at) => requestAt([`input: ${inputText}`, ...background], at));
        if (!result) return refuse("the run is used in a way a Response cannot be");
        edits.push(...result.edits);
        for (const follow of model.runs.get(call.runId!)?.followUpCallIds ?? []) if (result.submitCalls.has(nodes.get(follow)!)) claimed.add(follow);
        break;
      }
      case "responses.retrieve":
      case "responses.cancel": {
        const runId = runIdArgument(node, call);
        if (!runId) return refuse("its run id cannot be found");
        const method = replacement.kind === "responses.cancel" ? "cancel" : "retrieve";
        edits.push({ range: { start: chain.start, end: node.getEnd() }, newText: `${chain.receiverText}.responses.${method}(${runId.getText(context.sourceFile)})` });
        const awaited = statementOfAwaitedCall(node);
        // A result held under a new name (`const latest = await runs.retrieve(...)`) is a Response too.
        if (awaited?.assigned && awaited.declared && threadIdText) {
          const result = resultEdits(node, context, threadIdText, () => "");
          if (!result || result.submitCalls.size > 0) return refuse("the run is used in a way a Response cannot be");
          edits.push(...result.edits);
        }
        break;
      }
      case "response.output": {
        const runId = runIdArgument(node, call);
        if (!runId || call.kind !== "step.list") return refuse("a response has no steps to fetch one by one");
        edits.push({ range: { start: chain.start, end: node.getEnd() }, newText: `${chain.receiverText}.responses.retrieve(${runId.getText(context.sourceFile)}).then((response) => ({ data: response.output }))` });
        break;
      }
      case "responses.create.tool-outputs":
        return refuse("the run these tool outputs continue was not started in this file, so its request is unknown");
      default: {
        const fix = conversationFix(node, chain, context, true)[0];
        if (!fix) return refuse("it has no conversation counterpart the rewrite can write");
        edits.push(...fix.edits);
      }
    }
  }
  return thread ? { edits } : { callId: plan.replacements[0].callId, reason: "unknown thread" };
}

/** The run id argument: v5+ passes it first, v4 second (after the thread id). */
function runIdArgument(node: ts.CallExpression, call: AssistantsCall): ts.Expression | undefined {
  return call.signature === "v5" ? node.arguments[0] : node.arguments[1];
}

/** The text of the thread id as the thread's calls pass it, when every call passes it the same way. */
function threadIdTextOf(plan: ThreadPlan, model: MigrationModel, nodes: ReadonlyMap<CallId, ts.CallExpression>, context: TypeScriptFixContext): string | undefined {
  for (const replacement of plan.replacements) {
    const call = model.calls.get(replacement.callId)!;
    const node = nodes.get(call.id)!;
    if (call.kind === "run.create" || call.kind === "run.createAndPoll") return node.arguments[0] && unwrap(node.arguments[0]).getText(context.sourceFile);
  }
  for (const replacement of plan.replacements) {
    const call = model.calls.get(replacement.callId)!;
    const node = nodes.get(call.id)!;
    if (call.signature === "v5") {
      const last = unwrap(node.arguments[node.arguments.length - 1]);
      if (ts.isObjectLiteralExpression(last)) {
        const property = last.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "thread_id");
        if (property && ts.isPropertyAssignment(property)) return property.initializer.getText(context.sourceFile);
        if (property && ts.isShorthandPropertyAssignment(property)) return "thread_id";
      }
    } else if (node.arguments[0]) {
      return node.arguments[0].getText(context.sourceFile);
    }
  }
  return undefined;
}

/** Maps the reads of the run a call returns; the variable keeps its name and now holds a Response. */
function resultEdits(node: ts.CallExpression, context: TypeScriptFixContext, threadIdText: string, followUpRequest: (inputText: string, at: number) => string) {
  const awaited = statementOfAwaitedCall(node);
  if (!awaited) return { edits: [], submitCalls: new Set<ts.CallExpression>() };
  if (!awaited.assigned) return { edits: [], submitCalls: new Set<ts.CallExpression>() };
  const plan = planRunResult(
    { run: awaited.assigned, ownStatements: [awaited.statement], scope: enclosingScope(awaited.statement), responseName: awaited.assigned.text, followUpRequest, threadIdText, keepsRun: true },
    context,
  );
  return plan;
}
