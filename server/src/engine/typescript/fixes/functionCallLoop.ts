// A polling loop that answers tool calls, restructured for a run that now waits for itself:
//
//   while (run.status !== "completed") {              while (run.output.some((item) => item.type === "function_call")) {
//     if (run.status === "requires_action") {     ->    const calls = …;              (the tool handling, one level out)
//       const calls = …;                                run = await client.responses.create({ …, input: outputs });
//       run = await ….submitToolOutputs(…);           }
//     }
//     await sleep(1000);
//     run = await ….runs.retrieve(…);
//   }
//
// `responses.create` returns the finished response, so the sleep and the retrieve go; the loop runs
// while the latest response asks for function calls, and each round sends their outputs. Only this
// exact shape is restructured (the proof): a condition that waits for the run to finish, one
// `requires_action` branch that submits and reassigns the run, sleeps, the retrieve, and logging.
// Anything else in the loop keeps it as it is, with a TODO (see ./runResult).
import ts from "typescript";
import type { TextEdit } from "../../types";
import { unwrap } from "../syntax";
import { betaChainOf } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { literalRanges } from "./edits";
import { deleteStatement, referencesTo, statementOfAwaitedCall } from "./statements";

const TERMINAL = new Set(["completed", "failed", "cancelled", "expired", "incomplete"]);
const RUNNING = new Set(["queued", "in_progress", "requires_action"]);
const SUBMITS = new Set(["threads.runs.submitToolOutputs", "threads.runs.submitToolOutputsAndPoll"]);
const RETRIEVES = new Set(["threads.runs.retrieve", "threads.runs.poll"]);

function statusLiteral(test: ts.Expression, runName: string, operators: ts.SyntaxKind[]): string | undefined {
  const node = unwrap(test);
  if (!ts.isBinaryExpression(node) || !operators.includes(node.operatorToken.kind)) return undefined;
  const [access, literal] = ts.isStringLiteralLike(node.right) ? [unwrap(node.left), node.right] : [unwrap(node.right), node.left];
  if (!ts.isStringLiteralLike(literal) || !ts.isPropertyAccessExpression(access) || access.name.text !== "status") return undefined;
  return ts.isIdentifier(access.expression) && access.expression.text === runName ? literal.text : undefined;
}

function joined(test: ts.Expression, operator: ts.SyntaxKind): ts.Expression[] {
  const node = unwrap(test);
  return ts.isBinaryExpression(node) && node.operatorToken.kind === operator ? [...joined(node.left, operator), ...joined(node.right, operator)] : [node];
}

/**
 * Whether `condition` holds exactly while the run is unfinished: `run.status !== "completed"` (with
 * `&&` other terminal states), `run.status === "queued" || …` over running states, or
 * `["queued", "in_progress", …].includes(run.status)`.
 */
function waitsForRun(condition: ts.Expression, runName: string): boolean {
  const negative = joined(condition, ts.SyntaxKind.AmpersandAmpersandToken).map((test) => statusLiteral(test, runName, [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]));
  if (negative.every((status) => status && TERMINAL.has(status)) && negative.includes("completed")) return true;
  const positive = joined(condition, ts.SyntaxKind.BarBarToken).map((test) => statusLiteral(test, runName, [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]));
  if (positive.every((status) => status && RUNNING.has(status))) return true;
  const call = unwrap(condition);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== "includes" || call.arguments.length !== 1) return false;
  const list = unwrap(call.expression.expression);
  const argument = unwrap(call.arguments[0]);
  const readsStatus = ts.isPropertyAccessExpression(argument) && argument.name.text === "status" && ts.isIdentifier(argument.expression) && argument.expression.text === runName;
  return readsStatus && ts.isArrayLiteralExpression(list) && list.elements.length > 0 && list.elements.every((element) => ts.isStringLiteralLike(element) && RUNNING.has(element.text));
}

/** `run.status === "requires_action"` (optionally `&& run.required_action`), or `run.required_action` tested. */
function isRequiresActionTest(condition: ts.Expression, runName: string): boolean {
  const tests = joined(condition, ts.SyntaxKind.AmpersandAmpersandToken);
  const readsRequiredAction = (test: ts.Expression) => test.getText().replace(/[\s!?]/g, "") === `${runName}.required_action`;
  return tests.some((test) => statusLiteral(test, runName, [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]) === "requires_action") || tests.every(readsRequiredAction);
}

/** `run = await ….<method>(…)` with one of `surfaces`. */
function reassignsRun(statement: ts.Statement, runName: string, surfaces: ReadonlySet<string>, context: TypeScriptFixContext): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const assignment = statement.expression;
  if (!ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(assignment.left) || assignment.left.text !== runName) return false;
  let value = unwrap(assignment.right);
  if (!ts.isAwaitExpression(value)) return false;
  value = unwrap(value.expression);
  if (!ts.isCallExpression(value)) return false;
  const surface = betaChainOf(value, context.bindings)?.surface.join(".");
  return !!surface && surfaces.has(surface) && statementOfAwaitedCall(value)?.assigned?.text === runName;
}

/** `await sleep(1000)`, `await new Promise((r) => setTimeout(r, 1000))`: a wait that reads nothing of the run. */
function isSleep(statement: ts.Statement, runName: string, context: TypeScriptFixContext): boolean {
  if (!ts.isExpressionStatement(statement) || !ts.isAwaitExpression(statement.expression) || referencesTo(runName, statement).length > 0) return false;
  let assistants = false;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && betaChainOf(node, context.bindings)) assistants = true;
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return !assistants;
}

function isLogging(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression) && /^console\.\w+$/.test(statement.expression.expression.getText());
}

/** The edits that take `branch`'s block out one level: its header and closing brace go, its lines lose one indent. */
function unwrapBranch(branch: ts.IfStatement, context: TypeScriptFixContext): { edits: TextEdit[]; dedent: number } | undefined {
  const block = branch.thenStatement;
  if (!ts.isBlock(block) || block.statements.length === 0) return undefined;
  const { sourceFile, text, style } = context;
  const first = block.statements[0].getStart(sourceFile);
  const last = block.statements[block.statements.length - 1].getEnd();
  const removed = style.indentAt(first).length - style.indentAt(branch.getStart(sourceFile)).length;
  if (removed <= 0) return undefined;
  const literals = literalRanges(block, sourceFile);
  const edits: TextEdit[] = [{ range: { start: branch.getStart(sourceFile), end: first }, newText: "" }];
  for (let at = text.indexOf("\n", first); at !== -1 && at < last; at = text.indexOf("\n", at + 1)) {
    const lineStart = at + 1;
    if (literals.some((range) => range.start < lineStart && lineStart < range.end)) continue;
    let end = lineStart;
    while (end < lineStart + removed && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
    if (end > lineStart) edits.push({ range: { start: lineStart, end }, newText: "" });
  }
  edits.push({ range: { start: last, end: branch.getEnd() }, newText: "" });
  return { edits, dedent: removed };
}

/**
 * The edits restructuring `loop` into a function-call loop over `responseName`, or undefined when the
 * loop is not the shape above. The edits cover the loop's condition, the branch header and the deleted
 * statements, so the run's references there need nothing else.
 */
export interface FunctionCallLoop {
  edits: TextEdit[];
  /** The branch whose lines moved out one level, and by how many characters, for text written inside it. */
  branch: ts.Block;
  dedent: number;
}

export function functionCallLoopEdits(loop: ts.Statement, runName: string, responseName: string, context: TypeScriptFixContext): FunctionCallLoop | undefined {
  if (!ts.isWhileStatement(loop) || !ts.isBlock(loop.statement) || !waitsForRun(loop.expression, runName)) return undefined;
  let branch: ts.IfStatement | undefined;
  let retrieved = false;
  const removed: ts.Statement[] = [];
  for (const statement of loop.statement.statements) {
    if (ts.isIfStatement(statement) && !statement.elseStatement && !branch && isRequiresActionTest(statement.expression, runName)) {
      const submits = ts.isBlock(statement.thenStatement) ? statement.thenStatement.statements.filter((inner) => reassignsRun(inner, runName, SUBMITS, context)) : [];
      if (submits.length !== 1) return undefined;
      branch = statement;
    } else if (reassignsRun(statement, runName, RETRIEVES, context)) {
      retrieved = true;
      removed.push(statement);
    } else if (isSleep(statement, runName, context)) {
      removed.push(statement);
    } else if (!isLogging(statement)) {
      return undefined;
    }
  }
  if (!branch || !retrieved) return undefined;
  const unwrapped = unwrapBranch(branch, context);
  if (!unwrapped) return undefined;
  const condition = `${responseName}.output.some((item) => item.type === ${context.style.string("function_call")})`;
  const edits = [
    { range: { start: loop.expression.getStart(context.sourceFile), end: loop.expression.getEnd() }, newText: condition },
    ...unwrapped.edits,
    ...removed.map((statement) => deleteStatement(statement, context.text)),
  ];
  return { edits, branch: branch.thenStatement as ts.Block, dedent: unwrapped.dedent };
}
