// How the code uses a stream after starting it, carried over to a ResponseStream. Every use must be
// understood, or the stream is not rewritten and the reason says which use stops it:
//
//   .on / .once listeners          -> ./streamHandlers
//   .finalRun()                    -> .finalResponse(); its result dropped, read as `.id`, `.status`
//                                     compared with a shared status, `.model`, `.metadata`,
//                                     `.created_at`, logged, or driving a tool loop (./streamToolLoop)
//   .done(), .abort()              -> unchanged
//   for await (const e of stream)  -> the same loop over Responses events (./streamEvents)
//   .toReadableStream()            -> handed on: `(await responses.create({ …, stream: true }))
//                                     .toReadableStream()`, the same newline-delimited JSON events
//                                     that `ResponseStream.fromReadableStream` reads
//   return stream                  -> returned as a ResponseStream, with a TODO for its callers, when
//                                     none is in this file (./streamReturned)
//   finalMessages(), currentRun(), the stream passed to other code -> not rewritten.
import ts from "typescript";
import type { TextEdit } from "../../types";
import { betaChainOf } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { eventVariableEdits } from "./streamEvents";
import { isWrittenTo, rewriteHandler } from "./streamHandlers";
import { isReturned, returnedStreamNote } from "./streamReturned";
import { runIdArgument } from "./streamToolLoop";
import { enclosingScope, referencesTo } from "./statements";

/** What a chain of method calls on the stream leaves behind. */
type Produces = "stream" | "run" | "void" | "readable";

interface WalkResult {
  edits: TextEdit[];
  end: ts.Expression;
  produces: Produces;
}

export interface StreamUses {
  edits: TextEdit[];
  /** The stream is only handed on as a readable stream: it becomes `responses.create({ stream: true })`. */
  readable: boolean;
  /** `await ….finalRun()` results kept in a way only a tool loop rewrite can carry over. */
  keptRuns: ts.AwaitExpression[];
}

const NO_COUNTERPART: Readonly<Record<string, string>> = {
  finalMessages: "`finalMessages()` returns Assistants messages; a Response's reply is `(await stream.finalResponse()).output_text`",
  finalRunSteps: "`finalRunSteps()` has no ResponseStream counterpart; a Response's steps are its `output` items",
  currentRun: "`currentRun()` has no ResponseStream counterpart",
  currentMessageSnapshot: "`currentMessageSnapshot()` has no ResponseStream counterpart",
  currentEvent: "`currentEvent()` has no ResponseStream counterpart",
};

/** Properties a Run and a Response share with the same meaning and a compatible type. */
const SHARED_RUN_PROPERTIES = new Set(["id", "status", "model", "metadata", "created_at"]);
/** Statuses a Run and a Response both have. */
const SHARED_STATUSES = new Set(["queued", "in_progress", "cancelled", "failed", "completed", "incomplete"]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

function isSharedStatusComparison(access: ts.PropertyAccessExpression): boolean {
  const comparison = access.parent;
  if (!ts.isBinaryExpression(comparison) || !EQUALITY.has(comparison.operatorToken.kind)) return false;
  const other = comparison.left === access ? comparison.right : comparison.left;
  return ts.isStringLiteralLike(other) && SHARED_STATUSES.has(other.text);
}

/** Walks `.on(…)…finalRun()` upward from `start`, an expression holding the stream. */
function walkChain(start: ts.Expression, context: TypeScriptFixContext): WalkResult | string {
  const edits: TextEdit[] = [];
  let expression = start;
  let produces: Produces = "stream";
  for (;;) {
    const access = expression.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== expression) break;
    const invoke = access.parent;
    const method = access.name.text;
    if (!ts.isCallExpression(invoke) || invoke.expression !== access) return `\`.${method}\` is read off the stream other than as a method call`;
    if (produces !== "stream") return `\`.${method}()\` is called on what the stream finished with`;
    if (NO_COUNTERPART[method]) return NO_COUNTERPART[method];
    if (method === "on" || method === "once") {
      const handlerEdits = rewriteHandler(invoke, context);
      if (typeof handlerEdits === "string") return handlerEdits;
      edits.push(...handlerEdits);
    } else if (method === "finalRun" && invoke.arguments.length === 0) {
      edits.push({ range: { start: access.name.getStart(context.sourceFile), end: access.name.getEnd() }, newText: "finalResponse" });
      produces = "run";
    } else if ((method === "done" || method === "abort") && invoke.arguments.length === 0) {
      produces = "void";
    } else if (method === "toReadableStream" && invoke.arguments.length === 0 && edits.length === 0 && expression === start) {
      produces = "readable";
    } else {
      return `\`.${method}()\` on the stream has no ResponseStream counterpart the rewrite knows`;
    }
    expression = invoke;
  }
  return { edits, end: expression, produces };
}

export function outerOf(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node.parent) || (ts.isAsExpression(node.parent) && isAnyType(node.parent.type))) node = node.parent;
  return node;
}

function isAnyType(type: ts.TypeNode): boolean {
  return type.kind === ts.SyntaxKind.AnyKeyword;
}

/** A `const name = <initializer>` with no type annotation (or `: any`, which holds a ResponseStream as well). */
export function constDeclarationOf(expression: ts.Expression): ts.VariableDeclaration | undefined {
  const parent = expression.parent;
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== expression || !ts.isIdentifier(parent.name) || (parent.type && !isAnyType(parent.type))) return undefined;
  const list = parent.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0 ? parent : undefined;
}

/** `console.log(run)`, `console.log("Run " + run)`: logging reads no field with another meaning. */
function isLogged(reference: ts.Node): boolean {
  let node = reference;
  while ((ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.PlusToken) || ts.isTemplateSpan(node.parent) || ts.isTemplateExpression(node.parent)) node = node.parent;
  const call = node.parent;
  return ts.isCallExpression(call) && call.arguments.includes(node as ts.Expression) && /^console\.\w+$/.test(call.expression.getText());
}

/**
 * `runs.steps.list(run.id, …)` on the finished run: a Response's steps are its `output` items, already
 * there, so the listing becomes `{ data: run.output }`.
 */
function stepsListEdit(access: ts.PropertyAccessExpression, context: TypeScriptFixContext): TextEdit | undefined {
  const list = access.parent;
  if (access.name.text !== "id" || !ts.isCallExpression(list)) return undefined;
  if (runIdArgument(list) !== access || betaChainOf(list, context.bindings)?.surface.join(".") !== "threads.runs.steps.list") return undefined;
  const steps = `{ data: ${access.expression.getText(context.sourceFile)}.output }`;
  const awaited = outerOf(list).parent;
  if (ts.isAwaitExpression(awaited)) return { range: { start: awaited.getStart(context.sourceFile), end: awaited.getEnd() }, newText: steps };
  return { range: { start: list.getStart(context.sourceFile), end: list.getEnd() }, newText: `Promise.resolve(${steps})` };
}

/** Edits for the reads of a kept Run, when each is one a Response answers the same way; else undefined. */
function sharedRunUseEdits(declaration: ts.VariableDeclaration, context: TypeScriptFixContext): TextEdit[] | undefined {
  const name = (declaration.name as ts.Identifier).text;
  const edits: TextEdit[] = [];
  for (const reference of referencesTo(name, enclosingScope(declaration))) {
    if (reference === declaration.name || isLogged(reference)) continue;
    const access = reference.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== reference || isWrittenTo(access)) return undefined;
    const steps = stepsListEdit(access, context);
    if (steps) {
      edits.push(steps);
      continue;
    }
    if (!SHARED_RUN_PROPERTIES.has(access.name.text)) return undefined;
    // `status` is optional on a Response and has other values: only comparisons with a status both
    // share carry over (`run.status === "completed"`).
    if (access.name.text === "status" && !isSharedStatusComparison(access)) return undefined;
  }
  return edits;
}

/** Where a finished run (`await stream.finalRun()`) goes; a kept run is left for the tool loop rewrite. */
function finishedRunUse(end: ts.Expression, uses: StreamUses, context: TypeScriptFixContext): string | undefined {
  const parent = end.parent;
  if (!ts.isAwaitExpression(parent)) return "the run the stream finishes with is not awaited where it is read";
  const awaited = outerOf(parent);
  if (ts.isExpressionStatement(awaited.parent)) return undefined;
  const declaration = constDeclarationOf(awaited);
  const shared = declaration && sharedRunUseEdits(declaration, context);
  if (shared) {
    uses.edits.push(...shared);
    return undefined;
  }
  uses.keptRuns.push(parent);
  return undefined;
}

/** Why handing the stream to `end.parent` loses it, for the refusal. */
function handOffReason(end: ts.Expression): string {
  const parent = end.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(end)) return `the stream is passed to \`${parent.expression.getText()}\`, which reads Assistants events`;
  return "the stream is used in a way the rewrite cannot follow";
}

/** A `for await (const e of <stream>)` loop over the stream's events. */
function eventLoopEdits(end: ts.Expression, context: TypeScriptFixContext): TextEdit[] | string | undefined {
  const loop = end.parent;
  if (!ts.isForOfStatement(loop) || !loop.awaitModifier || loop.expression !== end) return undefined;
  const list = loop.initializer;
  const declaration = ts.isVariableDeclarationList(list) && list.declarations.length === 1 ? list.declarations[0] : undefined;
  if (!declaration || !ts.isIdentifier(declaration.name)) return "the loop over the stream's events destructures them";
  const mapped = eventVariableEdits(declaration.name.text, loop.statement, context);
  if ("reason" in mapped) return mapped.reason;
  const annotation = declaration.type ? [{ range: { start: declaration.name.getEnd(), end: declaration.type.getEnd() }, newText: "" }] : [];
  return [...mapped.edits, ...annotation];
}

/** One use of the stream (the call itself, or a reference to the const holding it). */
function addUse(start: ts.Expression, uses: StreamUses, modes: Set<"events" | "readable">, context: TypeScriptFixContext, allowDeclaration: boolean): string | undefined {
  const walked = walkChain(start, context);
  if (typeof walked === "string") return walked;
  uses.edits.push(...walked.edits);
  let end = outerOf(walked.end);
  if (walked.produces === "readable") {
    modes.add("readable");
    return undefined;
  }
  // Listeners attached on the way count as listening, whatever happens to the stream next.
  if (walked.edits.length > 0 || walked.produces !== "stream") modes.add("events");
  if (walked.produces === "void") return undefined;
  if (walked.produces === "run") return finishedRunUse(end, uses, context);
  // `await` of a stream is the stream itself (it is no promise): read on from the awaited value.
  if (ts.isAwaitExpression(end.parent)) end = outerOf(end.parent);
  if (ts.isExpressionStatement(end.parent)) {
    modes.add("events");
    return undefined;
  }
  const loop = eventLoopEdits(end, context);
  if (typeof loop === "string") return loop;
  if (loop) {
    modes.add("events");
    uses.edits.push(...loop);
    return undefined;
  }
  if (isReturned(end)) {
    const note = returnedStreamNote(end, context);
    if (typeof note === "string") return note;
    modes.add("events");
    uses.edits.push(note);
    return undefined;
  }
  const declaration = allowDeclaration ? constDeclarationOf(end) : undefined;
  if (!declaration) return handOffReason(end);
  const name = (declaration.name as ts.Identifier).text;
  if (declaration.type) uses.edits.push({ range: { start: declaration.name.getEnd(), end: declaration.type.getEnd() }, newText: "" });
  for (const reference of referencesTo(name, enclosingScope(declaration))) {
    if (reference === declaration.name) continue;
    const reason = addUse(reference, uses, modes, context, false);
    if (reason) return reason;
  }
  return undefined;
}

/** The edits for every use of the stream `call` starts, or why one cannot be carried over. */
export function streamUseEdits(call: ts.CallExpression, context: TypeScriptFixContext): StreamUses | string {
  const uses: StreamUses = { edits: [], readable: false, keptRuns: [] };
  const modes = new Set<"events" | "readable">();
  const reason = addUse(call, uses, modes, context, true);
  if (reason) return reason;
  if (modes.has("readable") && modes.has("events")) return "the stream is both listened to and handed on as a readable stream";
  uses.readable = modes.has("readable");
  return uses;
}
