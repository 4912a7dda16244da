// A streamed run with tool calls. Assistants stops the stream at `requires_action` and takes the
// outputs back with `submitToolOutputsStream`, which streams the rest of the run; Responses ends the
// stream with `function_call` output items, and the outputs go back as `function_call_output` items
// in a follow-up `responses.stream` (on the conversation, or chained by `previous_response_id`):
//
//   let run = await client.beta.threads.runs.stream(threadId, { assistant_id }).on(…).finalRun();
//   while (run.status === "requires_action") {
//     for (const call of run.required_action!.submit_tool_outputs.tool_calls) outputs.push({ tool_call_id: call.id, output });
//     run = await client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: threadId, tool_outputs: outputs }).on(…).finalRun();
//   }
// becomes
//   let response = await client.responses.stream({ …, conversation: threadId }).on(…).finalResponse();
//   while (response.output.some((item) => item.type === "function_call")) {
//     for (const call of response.output.filter((item) => item.type === "function_call")) outputs.push({ type: "function_call_output", call_id: call.call_id, output });
//     response = await client.responses.stream({ …, conversation: threadId, input: outputs }).on(…).finalResponse();
//   }
// The run's other reads go through ./runResult, as for a polled run.
import ts from "typescript";
import type { TextEdit } from "../../types";
import { unwrap } from "../syntax";
import { betaChainOf } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { openAIClassName } from "./edits";
import { applyWithin, outputsAnnotation, planRunResult, toolOutputEdits } from "./runResult";
import { enclosingScope, referencesTo } from "./statements";
import { isStreamStart } from "./streamTurn";
import { outerOf, streamUseEdits } from "./streamUses";

const SUBMIT = "threads.runs.submitToolOutputsStream";

/** The stream start call behind an expression holding the stream (through `.on(…)` chains and a const). */
function streamStartBehind(expression: ts.Expression, context: TypeScriptFixContext, hops = 0): ts.CallExpression | undefined {
  let node = unwrap(expression);
  while (ts.isCallExpression(node)) {
    if (isStreamStart(node, context)) return node;
    if (!ts.isPropertyAccessExpression(node.expression)) return undefined;
    node = unwrap(node.expression.expression);
  }
  const initializer = ts.isIdentifier(node) && hops === 0 ? context.bindings.initializerOf(node) : undefined;
  return initializer && streamStartBehind(ts.isAwaitExpression(initializer) ? initializer.expression : initializer, context, hops + 1);
}

/** The run id a run's follow-up names: `(threadId, runId[, body])` before v5, `(runId, { thread_id, … })` since. */
export function runIdArgument(followUp: ts.CallExpression): ts.Expression | undefined {
  const [first, second] = followUp.arguments;
  if (followUp.arguments.length === 3 || (second && !ts.isObjectLiteralExpression(unwrap(second)))) return second;
  return first;
}

/** `let run = await <stream>.finalRun()`: the declaration of the run named by `runId` (`run.id`). */
function finishedRunDeclaration(runId: ts.Expression | undefined, context: TypeScriptFixContext): ts.VariableDeclaration | undefined {
  const access = runId && unwrap(runId);
  if (!access || !ts.isPropertyAccessExpression(access) || access.name.text !== "id" || !ts.isIdentifier(access.expression)) return undefined;
  const initializer = context.bindings.initializerOf(access.expression);
  const declaration = initializer?.parent;
  return declaration && ts.isVariableDeclaration(declaration) && ts.isAwaitExpression(initializer) ? declaration : undefined;
}

function finalRunCallee(awaited: ts.AwaitExpression): ts.Expression | undefined {
  const call = unwrap(awaited.expression);
  return ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === "finalRun" ? call.expression.expression : undefined;
}

/** The stream start whose finished run `submit` sends tool outputs for. */
export function streamStartOfSubmit(submit: ts.CallExpression, context: TypeScriptFixContext): ts.CallExpression | undefined {
  const declaration = finishedRunDeclaration(runIdArgument(submit), context);
  const held = declaration?.initializer && ts.isAwaitExpression(declaration.initializer) ? finalRunCallee(declaration.initializer) : undefined;
  return held && streamStartBehind(held, context);
}

/** `tool_outputs` of a submit's body. */
function toolOutputsOf(submit: ts.CallExpression): ts.Expression | undefined {
  const body = unwrap(submit.arguments[submit.arguments.length - 1]);
  if (!ts.isObjectLiteralExpression(body)) return undefined;
  const property = body.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "tool_outputs");
  return property && ts.isPropertyAssignment(property) ? property.initializer : property && ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
}

/**
 * Edits for the tool loop around the finished run(s) in `keptRuns`, or why there is none.
 * `followUp(responseName, input, at)` is the text of the follow-up `responses.stream(…)`.
 */
export function streamToolLoopEdits(keptRuns: readonly ts.AwaitExpression[], followUp: (responseName: string, input: string, at: number) => string, context: TypeScriptFixContext): TextEdit[] | string {
  const kept = "the finished run is read as a Run (fields a Response does not have)";
  if (keptRuns.length !== 1) return kept;
  const declaration = outerOf(keptRuns[0]).parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || declaration.type || !ts.isVariableStatement(declaration.parent.parent)) return kept;
  const run = declaration.name;
  const statement = declaration.parent.parent;
  const scope = enclosingScope(statement);
  const responseName = referencesTo("response", scope).length === 0 ? "response" : run.text;
  const edits: TextEdit[] = [];
  const submits: ts.CallExpression[] = [];
  for (const reference of referencesTo(run.text, scope)) {
    const access = reference.parent;
    const submit = ts.isPropertyAccessExpression(access) && access.name.text === "id" ? access.parent : undefined;
    if (!submit || !ts.isCallExpression(submit) || runIdArgument(submit) !== access || betaChainOf(submit, context.bindings)?.surface.join(".") !== SUBMIT) continue;
    const chain = betaChainOf(submit, context.bindings)!;
    const outputs = toolOutputsOf(submit);
    if (!outputs) return "the tool outputs are not given as `tool_outputs`";
    const uses = streamUseEdits(submit, context);
    if (typeof uses === "string") return uses;
    // The follow-up must land in the same variable: `run = await ….finalRun()`.
    const assigned = uses.keptRuns.length === 1 ? outerOf(uses.keptRuns[0]).parent : undefined;
    if (!assigned || !ts.isBinaryExpression(assigned) || assigned.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(assigned.left) || assigned.left.text !== run.text) return "the streamed tool outputs' run is not assigned back to the run";
    const annotation = outputsAnnotation(outputs, context);
    const outputEdits = toolOutputEdits(assigned.parent.parent ?? assigned.parent, context, annotation.length === 0 && !context.style.isJavaScript);
    const outputsText = applyWithin(context.text, outputs, outputEdits);
    edits.push(...uses.edits, ...outputEdits.filter((edit) => edit.range.start < submit.getStart() || edit.range.start >= submit.getEnd()), ...annotation);
    edits.push({ range: { start: chain.start, end: submit.getEnd() }, newText: followUp(responseName, outputsText, submit.getStart()) });
    if (responseName !== run.text) edits.push({ range: { start: assigned.left.getStart(), end: assigned.left.getEnd() }, newText: responseName });
    submits.push(submit);
  }
  if (submits.length === 0) return kept;
  const result = planRunResult({ run, ownStatements: [statement, ...submits], runStatement: statement, scope, responseName, followUpRequest: () => "" }, context);
  if (!result) return kept;
  edits.push(...result.edits);
  // A follow-up with `input` items infers another parsed type than the first request: both are Responses.
  const className = openAIClassName(context.sourceFile);
  const type = context.style.isJavaScript ? "" : `: ${className ? `${className}.Responses.Response` : `import(${context.style.string("openai/resources/responses/responses")}).Response`}`;
  edits.push({ range: { start: run.getStart(), end: run.getEnd() }, newText: `${responseName}${type}` });
  return edits;
}

/** `const run = await <the stream>.finalRun()`: where a streamed run's result is kept, for the model. */
export function finishedRunOfStream(start: ts.Expression, throughConst = true): ts.VariableDeclaration | undefined {
  let holder: ts.Expression = start;
  for (;;) {
    const access = outerOf(holder).parent;
    if (!ts.isPropertyAccessExpression(access) || !ts.isCallExpression(access.parent)) break;
    if (access.name.text === "finalRun") {
      const awaited = outerOf(access.parent).parent;
      const declaration = ts.isAwaitExpression(awaited) ? outerOf(awaited).parent : undefined;
      return declaration && ts.isVariableDeclaration(declaration) ? declaration : undefined;
    }
    holder = access.parent;
  }
  let kept = outerOf(holder);
  if (ts.isAwaitExpression(kept.parent)) kept = outerOf(kept.parent);
  const stream = kept.parent;
  if (!throughConst || !ts.isVariableDeclaration(stream) || !ts.isIdentifier(stream.name)) return undefined;
  for (const reference of referencesTo(stream.name.text, enclosingScope(stream))) {
    const found = reference !== stream.name ? finishedRunOfStream(reference, false) : undefined;
    if (found) return found;
  }
  return undefined;
}
