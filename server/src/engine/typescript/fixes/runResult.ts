// What code does with a run after it starts, rewritten for a Response. There is no
// `requires_action` status and no submit endpoint in the Responses API: the model's tool calls are the
// response's `function_call` output items, and their results go back as `function_call_output` items
// in the next `responses.create`, chained by `previous_response_id` or the conversation.
import ts from "typescript";
import type { TextEdit } from "../../types";
import { memberPathFrom, unwrap } from "../syntax";
import { betaChainOf } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { openAIClassName } from "./edits";
import { functionCallLoopEdits, type FunctionCallLoop } from "./functionCallLoop";
import { deleteStatement, referencesTo, statementOfAwaitedCall } from "./statements";

const SUBMIT_METHODS = new Set(["runs.submitToolOutputsAndPoll", "runs.submitToolOutputs"]);
const POLL_METHODS = new Set(["runs.retrieve", "runs.poll"]);
const CALL_FIELD_RENAMES: Record<string, string> = { "function.name": "name", "function.arguments": "arguments", id: "call_id" };

export interface RunResultPlan {
  edits: TextEdit[];
  /** The submit statements replaced, so callers do not also claim them. */
  submitCalls: Set<ts.CallExpression>;
  /** A polling loop was deleted: `responses.create` returns when the response is done. */
  removedPolling: boolean;
}

export interface RunResultInputs {
  run: ts.Identifier;
  /** Statements already rewritten by the caller, whose references need no treatment. */
  ownStatements: readonly ts.Node[];
  /** The statement that starts the run; a polling loop beside it is deleted. */
  runStatement?: ts.Statement;
  scope: ts.Node;
  responseName: string;
  /** Text of `responses.create({...})` for a follow-up carrying `input`. */
  followUpRequest: (inputText: string, indentAt: number) => string;
  /** What `run.thread_id` becomes: the conversation id the run was started on. */
  threadIdText?: string;
  /** The run is kept (returned, passed on): its variable now holds the Response, so bare uses stand. */
  keepsRun?: boolean;
  /**
   * A polling loop that also answers tool calls stays (with a TODO on its exit condition) rather
   * than going with the polling: the loop's tool handling is behaviour.
   */
  keepsToolLoops?: boolean;
}

/** Whether a loop answers the model's tool calls (reads `required_action` or submits outputs). */
function handlesToolCalls(loop: ts.Statement): boolean {
  return /\brequired_action\b|\bsubmitToolOutputs/.test(loop.getText());
}

/** Run fields whose Response counterpart has another name (`usage` and `id` keep theirs). */
const FIELD_RENAMES: Record<string, string> = { last_error: "error", error: "error", usage: "usage", created_at: "created_at", metadata: "metadata", model: "model", instructions: "instructions" };

function functionCalls(responseName: string): string {
  return `${responseName}.output.filter((item) => item.type === "function_call")`;
}

const RESPONSE_STATUSES = new Set(["completed", "failed", "in_progress", "cancelled", "queued", "incomplete"]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/**
 * `run.status` reads the same on a Response (`${run.status}` in a message, `run.status === "completed"`,
 * passing it on), except compared to a Run-only state (`expired`, `cancelling`), which has no
 * counterpart.
 */
function isComparableStatus(access: ts.PropertyAccessExpression): boolean {
  if (access.name.text !== "status") return false;
  const comparison = access.parent;
  if (!ts.isBinaryExpression(comparison) || !EQUALITY.has(comparison.operatorToken.kind)) return true;
  const other = comparison.left === access ? comparison.right : comparison.left;
  return ts.isStringLiteralLike(other) && RESPONSE_STATUSES.has(other.text);
}

/** `run.required_action.submit_tool_outputs.tool_calls` with any `?.` or `!`. */
function toolCallsChainAt(reference: ts.Identifier): ts.Expression | undefined {
  const read = memberPathFrom(reference, TOOL_CALLS_PATH);
  return read.path === TOOL_CALLS_PATH ? read.node : undefined;
}
const TOOL_CALLS_PATH = "required_action.submit_tool_outputs.tool_calls";

/** `run.status === "requires_action"`, alone or `&&`-joined with `run.required_action`. */
function requiresActionTestAt(reference: ts.Identifier, runName: string): ts.Expression | undefined {
  const access = reference.parent;
  if (!ts.isPropertyAccessExpression(access) || access.name.text !== "status") return undefined;
  const comparison = access.parent;
  if (!ts.isBinaryExpression(comparison) || comparison.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken) return undefined;
  if (!ts.isStringLiteralLike(comparison.right) || comparison.right.text !== "requires_action") return undefined;
  const conjunction = comparison.parent;
  if (ts.isBinaryExpression(conjunction) && conjunction.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    const other = conjunction.left === comparison ? conjunction.right : conjunction.left;
    if (unwrap(other).getText().replace(/[\s!?]/g, "") === `${runName}.required_action`) return conjunction;
  }
  return comparison;
}

/** Where a value is only tested for truth: an `if`/`while`/ternary condition, `!x`, `a && x`, `a || x`. */
function isTruthTest(node: ts.Node): boolean {
  const parent = node.parent;
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === node) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === node) return true;
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isParenthesizedExpression(parent)) return isTruthTest(parent);
  if (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return parent.right === node ? isTruthTest(parent) : true;
  return false;
}

/**
 * `run.required_action` or `run.required_action.submit_tool_outputs` tested for truth, or
 * `run.required_action.type === "submit_tool_outputs"`: all mean the response asks for tool calls.
 */
function requiredActionTestAt(reference: ts.Identifier): ts.Expression | undefined {
  const { path, node } = memberPathFrom(reference);
  if ((path === "required_action" || path === "required_action.submit_tool_outputs") && isTruthTest(node)) return node;
  const comparison = node.parent;
  if (path === "required_action.type" && ts.isBinaryExpression(comparison) && EQUALITY.has(comparison.operatorToken.kind) && ts.isStringLiteralLike(comparison.right) && comparison.right.text === "submit_tool_outputs") {
    const negated = comparison.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || comparison.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken;
    return negated ? undefined : comparison;
  }
  return undefined;
}

/**
 * The model's tool calls in the Assistants shape (`id`, `function.name`, `function.arguments`), so
 * code handing them on keeps reading them as it did; `id` is the call id the outputs answer.
 */
function assistantsShapedCalls(responseName: string, context: TypeScriptFixContext): string {
  const literal = context.style.isJavaScript ? "" : " as const";
  return `${responseName}.output.flatMap((item) => (item.type === ${context.style.string("function_call")} ? [{ id: item.call_id, type: ${context.style.string("function")}${literal}, function: { name: item.name, arguments: item.arguments } }] : []))`;
}

function isRequiredActionGuard(reference: ts.Identifier, claimed: readonly TextEdit[]): boolean {
  const start = reference.getStart();
  return claimed.some((edit) => edit.range.start <= start && start < edit.range.end);
}

/** Renames the Assistants tool-call fields read off the loop variable. */
function loopVariableEdits(loop: ts.ForOfStatement): TextEdit[] | undefined {
  const declarations = ts.isVariableDeclarationList(loop.initializer) ? loop.initializer.declarations : undefined;
  const name = declarations?.length === 1 && ts.isIdentifier(declarations[0].name) ? declarations[0].name.text : undefined;
  if (!name) return undefined;
  const edits: TextEdit[] = [];
  for (const reference of referencesTo(name, loop.statement)) {
    let node: ts.Node = reference;
    const path: string[] = [];
    while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) {
      path.push(node.parent.name.text);
      node = node.parent;
      if (path.join(".") === "function.name" || path.join(".") === "function.arguments") break;
    }
    // The call itself handed on (`runTool(call)`): whoever takes it reads the Assistants shape.
    if (path.length === 0) return undefined;
    const field = path.join(".");
    const renamed = CALL_FIELD_RENAMES[field] ?? (path[0] && CALL_FIELD_RENAMES[path[0]] && path[0] === "id" ? CALL_FIELD_RENAMES.id : undefined);
    if (field === "function.name" || field === "function.arguments") {
      edits.push({ range: { start: reference.getEnd(), end: node.getEnd() }, newText: `.${renamed}` });
    } else if (path[0] === "id") {
      edits.push({ range: { start: reference.getEnd(), end: (reference.parent as ts.PropertyAccessExpression).getEnd() }, newText: ".call_id" });
    } else if (path[0] === "function" || path[0] === "type") {
      return undefined;
    }
  }
  return edits;
}

/** `{ tool_call_id: x, output: y }` becomes a `function_call_output` item. */
export function toolOutputEdits(root: ts.Node, context: TypeScriptFixContext, literalType: boolean): TextEdit[] {
  const edits: TextEdit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const key = node.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "tool_call_id");
      if (key?.name) {
        const typeProperty = `type: ${context.style.string("function_call_output")}${literalType ? " as const" : ""}, `;
        edits.push({ range: { start: node.properties[0].getStart(), end: node.properties[0].getStart() }, newText: typeProperty });
        edits.push(ts.isShorthandPropertyAssignment(key) ? { range: { start: key.getStart(), end: key.getEnd() }, newText: "call_id: tool_call_id" } : { range: { start: key.name.getStart(), end: key.name.getEnd() }, newText: "call_id" });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return edits;
}

/** The statement `run = await client.beta.threads.runs.submitToolOutputsAndPoll(...)`, and what it sends. */
function submitAt(reference: ts.Identifier, context: TypeScriptFixContext): { call: ts.CallExpression; statement: ts.Statement; outputs: ts.Expression } | undefined {
  let holder: ts.Node = reference.parent;
  if (!ts.isPropertyAccessExpression(holder) || holder.name.text !== "id") return undefined;
  holder = holder.parent;
  if (!ts.isCallExpression(holder)) return undefined;
  const chain = betaChainOf(holder, context.bindings);
  if (!chain || chain.surface[0] !== "threads" || !SUBMIT_METHODS.has(chain.surface.slice(1).join("."))) return undefined;
  const awaited = statementOfAwaitedCall(holder);
  if (!awaited?.assigned || awaited.assigned.text !== reference.text || awaited.declared) return undefined;
  const body = unwrap(holder.arguments[holder.arguments.length - 1]);
  if (!ts.isObjectLiteralExpression(body)) return undefined;
  const outputs = body.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "tool_outputs");
  if (!outputs) return undefined;
  const value = ts.isPropertyAssignment(outputs) ? outputs.initializer : ts.isShorthandPropertyAssignment(outputs) ? outputs.name : undefined;
  return value ? { call: holder, statement: awaited.statement, outputs: value } : undefined;
}

/** The loop around `run = await ….runs.retrieve(…run.id…)`, a direct child of the run's own block. */
function pollLoopAt(reference: ts.Identifier, runStatement: ts.Node, context: TypeScriptFixContext): ts.Statement | undefined {
  let call: ts.Node = reference;
  while (call.parent && !ts.isCallExpression(call)) call = call.parent;
  if (!ts.isCallExpression(call)) return undefined;
  const chain = betaChainOf(call, context.bindings);
  if (!chain || chain.surface[0] !== "threads" || !POLL_METHODS.has(chain.surface.slice(1).join("."))) return undefined;
  let loop: ts.Node = call;
  while (loop.parent && loop.parent !== runStatement.parent) loop = loop.parent;
  return ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop : undefined;
}

/** Annotates `const outputs = []` so the pushed items keep their literal `type` (TS only). */
export function outputsAnnotation(outputs: ts.Expression, context: TypeScriptFixContext): TextEdit[] {
  if (context.style.isJavaScript || !ts.isIdentifier(outputs)) return [];
  const initializer = context.bindings.initializerOf(outputs);
  const declaration = initializer?.parent;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.type || !ts.isArrayLiteralExpression(initializer) || initializer.elements.length > 0) return [];
  const className = openAIClassName(context.sourceFile);
  return className ? [{ range: { start: declaration.name.getEnd(), end: declaration.name.getEnd() }, newText: `: ${className}.Responses.ResponseInputItem[]` }] : [];
}

/** The text of `node` with those of `edits` that fall inside it applied. */
export function applyWithin(text: string, node: ts.Node, edits: readonly TextEdit[]): string {
  const start = node.getStart();
  const inside = edits.filter((edit) => edit.range.start >= start && edit.range.end <= node.getEnd()).sort((a, b) => b.range.start - a.range.start);
  let slice = text.slice(start, node.getEnd());
  for (const edit of inside) slice = slice.slice(0, edit.range.start - start) + edit.newText + slice.slice(edit.range.end - start);
  return slice;
}

/** `text`, written at `statement`'s old indent, at the indent it has once a restructured loop's branch moved out. */
function dedented(text: string, statement: ts.Node, restructured: ReadonlyMap<ts.Statement, FunctionCallLoop>): string {
  for (const { branch, dedent } of restructured.values()) {
    if (statement.getStart() >= branch.getStart() && statement.getEnd() <= branch.getEnd()) return text.replace(new RegExp(`\\n[ \\t]{0,${dedent}}`, "g"), "\n");
  }
  return text;
}

/** Rewrites every use of the run variable; undefined when some use has no Responses meaning we can write. */
export function planRunResult(inputs: RunResultInputs, context: TypeScriptFixContext): RunResultPlan | undefined {
  const { run, scope, responseName } = inputs;
  const edits: TextEdit[] = [];
  const submitCalls = new Set<ts.CallExpression>();
  const pollLoops = new Set<ts.Statement>();
  const inOwnStatement = (node: ts.Node) => inputs.ownStatements.some((own) => node.getStart() >= own.getStart() && node.getEnd() <= own.getEnd());
  const references = referencesTo(run.text, scope).filter((reference) => reference !== run && !inOwnStatement(reference));
  // Polling loops go first: the references in their conditions go with them.
  const restructured = new Map<ts.Statement, FunctionCallLoop>();
  for (const reference of references) {
    const pollLoop = inputs.runStatement && pollLoopAt(reference, inputs.runStatement, context);
    if (pollLoop && restructured.has(pollLoop)) continue;
    const functionCallLoop = pollLoop && handlesToolCalls(pollLoop) ? functionCallLoopEdits(pollLoop, run.text, responseName, context) : undefined;
    if (pollLoop && functionCallLoop) {
      restructured.set(pollLoop, functionCallLoop);
      edits.push(...functionCallLoop.edits);
      continue;
    }
    // A loop that answers tool calls is behaviour: it stays (with a TODO) or nothing is rewritten.
    if (pollLoop && handlesToolCalls(pollLoop) && !inputs.keepsToolLoops) return undefined;
    if (pollLoop && inputs.keepsToolLoops && handlesToolCalls(pollLoop)) {
      const at = pollLoop.getStart();
      const todo = `// TODO(responses-migrate): a response that calls tools ends \`completed\` with \`function_call\` output items, not \`requires_action\`: check this loop still answers them.${context.style.newline}${context.style.indentAt(at)}`;
      if (!edits.some((edit) => edit.range.start === at && edit.newText === todo)) edits.push({ range: { start: at, end: at }, newText: todo });
      continue;
    }
    if (pollLoop && !pollLoops.has(pollLoop)) {
      pollLoops.add(pollLoop);
      edits.push(deleteStatement(pollLoop, context.text));
    }
  }
  for (const reference of references) {
    if (isRequiredActionGuard(reference, edits) || [...pollLoops].some((loop) => reference.getStart() >= loop.getStart() && reference.getEnd() <= loop.getEnd())) continue;
    const submit = submitAt(reference, context);
    if (submit) {
      if (submitCalls.has(submit.call)) continue;
      submitCalls.add(submit.call);
      const annotation = outputsAnnotation(submit.outputs, context);
      const outputEdits = toolOutputEdits(submit.statement.parent, context, annotation.length === 0 && !context.style.isJavaScript);
      const outputsText = applyWithin(context.text, submit.outputs, outputEdits);
      edits.push(...outputEdits, ...annotation);
      const request = `${responseName} = await ${inputs.followUpRequest(outputsText, submit.statement.getStart())}${context.style.semicolon}`;
      edits.push({ range: { start: submit.statement.getStart(), end: submit.statement.getEnd() }, newText: dedented(request, submit.statement, restructured) });
      continue;
    }
    const inSubmitStatement = [...submitCalls].some((call) => reference.getStart() >= call.getStart() && reference.getEnd() <= call.getEnd());
    if (inSubmitStatement || (ts.isBinaryExpression(reference.parent) && reference.parent.left === reference)) continue;
    if (inputs.keepsRun && !ts.isPropertyAccessExpression(reference.parent)) continue;
    const test = requiresActionTestAt(reference, run.text);
    if (test) {
      edits.push({ range: { start: test.getStart(), end: test.getEnd() }, newText: `${responseName}.output.some((item) => item.type === ${context.style.string("function_call")})` });
      continue;
    }
    const actionTest = requiredActionTestAt(reference);
    if (actionTest) {
      edits.push({ range: { start: actionTest.getStart(), end: actionTest.getEnd() }, newText: `${responseName}.output.some((item) => item.type === ${context.style.string("function_call")})` });
      continue;
    }
    const toolCalls = toolCallsChainAt(reference);
    if (toolCalls) {
      const loop = toolCalls.parent;
      const renames = ts.isForOfStatement(loop) && loop.expression === toolCalls ? loopVariableEdits(loop) : undefined;
      if (renames) {
        edits.push(...renames);
        edits.push({ range: { start: toolCalls.getStart(), end: toolCalls.getEnd() }, newText: functionCalls(responseName).replace('"function_call"', context.style.string("function_call")) });
      } else {
        // Handed on (a variable, a helper, `.map`): the calls keep the Assistants shape the code reads.
        edits.push({ range: { start: toolCalls.getStart(), end: toolCalls.getEnd() }, newText: assistantsShapedCalls(responseName, context) });
      }
      continue;
    }
    // A kept run's status is read as it is: a Response's status says the same of a background response.
    const keptStatus = inputs.keepsRun && ts.isPropertyAccessExpression(reference.parent) && reference.parent.name.text === "status" && !requiresActionTestAt(reference, run.text);
    if (ts.isPropertyAccessExpression(reference.parent) && (reference.parent.name.text === "id" || keptStatus || isComparableStatus(reference.parent))) {
      if (reference.text !== responseName) edits.push({ range: { start: reference.getStart(), end: reference.getEnd() }, newText: responseName });
      continue;
    }
    const field = ts.isPropertyAccessExpression(reference.parent) ? reference.parent.name.text : undefined;
    if (field && FIELD_RENAMES[field]) {
      edits.push({ range: { start: reference.getStart(), end: reference.parent.getEnd() }, newText: `${responseName}.${FIELD_RENAMES[field]}` });
      continue;
    }
    if (field === "thread_id" && inputs.threadIdText) {
      edits.push({ range: { start: reference.getStart(), end: reference.parent.getEnd() }, newText: inputs.threadIdText });
      continue;
    }
    return undefined;
  }
  // Submit statements were found after the references inside them; drop edits those statements replace.
  const replaced = edits.filter((edit) => edit.newText.startsWith(`${responseName} = await `));
  return {
    edits: edits.filter((edit) => edit.newText.startsWith(`${responseName} = await `) || !replaced.some((r) => edit.range.start >= r.range.start && edit.range.end <= r.range.end && edit !== r)),
    submitCalls,
    removedPolling: pollLoops.size > 0,
  };
}
