// sequential-tool-loop and unbounded-tool-concurrency: run the model's tool calls together, at most
// `toolConcurrency` (default 3) at a time.
//
// Where the limit comes from: p-limit when the nearest package.json depends on it and the file is an
// ES module (p-limit 4+ is ESM-only, so CommonJS files cannot `require` it everywhere), otherwise a
// small local `mapWithConcurrency` helper appended once to the file. Both the import and the helper
// are single edits that are identical for every fix in the file, so fix-all adds them once per pass,
// and they are not added again when the file already has them.
//
// Safety, in Ruff's sense:
// - A sequential loop turned concurrent is UNSAFE: tools that shared mutable state or depended on
//   running in order (the seed guide's "audit runTool for shared mutable state") may now race, and
//   pushes into an outputs array land in completion order. Preferred, but `fix` needs `--unsafe`.
// - Capping an existing `Promise.all` is SAFE: the same calls still run and are awaited the same way,
//   only fewer at once.
// - `forEach(async …)` turned into an awaited, capped map is UNSAFE: the caller now waits for the tools
//   and sees their errors, where before it went on at once and the errors were unhandled rejections.
import ts from "typescript";
import type { Finding, Fix, TextEdit } from "../../types";
import { accessedName, findProperty, forEachDescendant, isFunctionLike, isStringLiteralWithText, unwrap } from "../syntax";
import { deleteStatement } from "./statements";
import type { FixProvider, TypeScriptFixContext } from "./context";
import { appendAtEndEdit, declaresTopLevel, isCommonJs, literalRanges, openAIClassName, reindent } from "./edits";
import { afterImportsOffset, callAtCalleeRange } from "./nodes";

const HELPER_NAME = "mapWithConcurrency";
const LIMITER_NAME = "limitToolCalls";
const CONCURRENCY_RULES = new Set(["sequential-tool-loop", "unbounded-tool-concurrency"]);

type Limiter = { kind: "p-limit"; factory: string; setup: TextEdit[] } | { kind: "helper"; setup: TextEdit[] };

function concurrencyCap(context: TypeScriptFixContext): number {
  const n = Math.floor(context.settings.toolConcurrency);
  return Number.isFinite(n) && n >= 1 ? n : 3;
}

/** The p-limit import (reusing one already there) or the local helper, with the edits that add it. */
function chooseLimiter(context: TypeScriptFixContext): Limiter {
  const { sourceFile, style } = context;
  if (context.settings.dependencies.includes("p-limit") && !isCommonJs(context)) {
    for (const statement of sourceFile.statements) {
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === "p-limit" && statement.importClause?.name) {
        return { kind: "p-limit", factory: statement.importClause.name.text, setup: [] };
      }
    }
    const importLine = `import pLimit from ${style.string("p-limit")}${style.semicolon}`;
    const offset = afterImportsOffset(sourceFile);
    const edit: TextEdit =
      offset > 0
        ? { range: { start: offset, end: offset }, newText: style.newline + importLine }
        : { range: { start: firstStatementStart(sourceFile), end: firstStatementStart(sourceFile) }, newText: importLine + style.newline + style.newline };
    return { kind: "p-limit", factory: "pLimit", setup: [edit] };
  }
  return { kind: "helper", setup: declaresTopLevel(sourceFile, HELPER_NAME) ? [] : [appendAtEndEdit(context, helperLines(context))] };
}

function firstStatementStart(sourceFile: ts.SourceFile): number {
  return sourceFile.statements.length > 0 ? sourceFile.statements[0].getStart(sourceFile) : sourceFile.text.length;
}

/** The helper, typed for TypeScript files and plain for JavaScript ones, in the file's style. */
function helperLines(context: TypeScriptFixContext): string[] {
  const { style } = context;
  const js = style.isJavaScript;
  const semi = style.semicolon;
  const typed = (ts: string, plain: string) => (js ? plain : ts);
  const lines: Array<[number, string]> = [
    [0, "/**"],
    [0, " * Runs `task` for each item with at most `limit` running at once, like p-limit; results keep the"],
    [0, " * items' order. Added by responses-migrate so tool calls run together without flooding a tool."],
    [0, " */"],
    [0, typed(`async function ${HELPER_NAME}<T, R>(items: Iterable<T> | null | undefined, limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {`, `async function ${HELPER_NAME}(items, limit, task) {`)],
    [1, `const list = Array.from(items ?? [])${semi}`],
    [1, `const results${typed(": R[]", "")} = new Array(list.length)${semi}`],
    [1, `let next = 0${semi}`],
    [1, `const worker = async ()${typed(": Promise<void>", "")} => {`],
    [2, "while (next < list.length) {"],
    [3, `const index = next++${semi}`],
    [3, `results[index] = await task(list[index], index)${semi}`],
    [2, "}"],
    [1, `}${semi}`],
    [1, `await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), list.length) }, worker))${semi}`],
    [1, `return results${semi}`],
    [0, "}"],
  ];
  return lines.map(([depth, line]) => style.indentUnit.repeat(depth) + line);
}

/**
 * A limiter const name free in the statement list it is declared in (so it neither clashes with nor
 * shadows anything used there). Fixes in one pass cannot see each other's edits, so the k-th
 * concurrency finding in that list takes the k-th free name: two loops in one block never both
 * declare `limitToolCalls`.
 */
function limiterName(context: TypeScriptFixContext, finding: Finding, statement: ts.Statement): string {
  const list = statement.parent;
  const start = list.getStart(context.sourceFile);
  const used = new Set(context.text.slice(start, list.getEnd()).match(new RegExp(`\\b${LIMITER_NAME}\\d*\\b`, "g")) ?? []);
  let k = context.findings.filter((f) => CONCURRENCY_RULES.has(f.ruleId) && f.range.start >= start && f.range.start < finding.range.start).length;
  for (let i = 1; ; i++) {
    const name = i === 1 ? LIMITER_NAME : `${LIMITER_NAME}${i}`;
    if (used.has(name)) continue;
    if (k-- === 0) return name;
  }
}

/** The statement holding `node` that sits directly in a statement list, where a const can go before it. */
function statementInList(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const parent = current.parent;
    if (parent && (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isModuleBlock(parent))) return current as ts.Statement;
    if (isFunctionLike(current) && current !== node) return undefined;
  }
  return undefined;
}

function limiterDeclaration(context: TypeScriptFixContext, name: string, factory: string): string {
  return `const ${name} = ${factory}(${concurrencyCap(context)})${context.style.semicolon}`;
}

function isAsyncFunction(node: ts.Node): boolean {
  return (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) ?? false;
}

// ---------------------------------------------------------------------------------------------
// sequential-tool-loop

function loopAt(sourceFile: ts.SourceFile, start: number): ts.ForOfStatement | ts.ForStatement | undefined {
  let found: ts.ForOfStatement | ts.ForStatement | undefined;
  forEachDescendant(sourceFile, (node) => {
    if (found || node.getEnd() < start || node.getStart(sourceFile) > start) return false;
    if ((ts.isForOfStatement(node) || ts.isForStatement(node)) && node.getStart(sourceFile) === start) found = node;
    return found === undefined;
  });
  return found;
}

/** A loop as a concurrent map: what it walks, the callback's parameter, and body text replacements. */
interface LoopShape {
  items: string;
  parameter: string;
  /** Spans of the body to replace (`X[i]` by the parameter, `const call = X[i];` by nothing). */
  replacements: TextEdit[];
}

function forOfShape(loop: ts.ForOfStatement, sourceFile: ts.SourceFile): LoopShape | undefined {
  const list = loop.initializer;
  if (loop.awaitModifier || !ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !(list.flags & ts.NodeFlags.BlockScoped)) return undefined;
  return { items: loop.expression.getText(sourceFile), parameter: list.declarations[0].name.getText(sourceFile), replacements: [] };
}

/**
 * `for (let i = 0; i < calls.length; i++) { const call = calls[i]; … }`, where `i` is only ever used
 * to index `calls`: the same walk as `for (const call of calls)`.
 */
function indexedForShape(loop: ts.ForStatement, context: TypeScriptFixContext): LoopShape | undefined {
  const { sourceFile } = context;
  const init = loop.initializer;
  const declaration = init && ts.isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0] : undefined;
  if (!declaration || !ts.isIdentifier(declaration.name) || declaration.initializer?.getText(sourceFile) !== "0") return undefined;
  const index = declaration.name.text;
  const condition = loop.condition && unwrap(loop.condition);
  if (!condition || !ts.isBinaryExpression(condition) || condition.operatorToken.kind !== ts.SyntaxKind.LessThanToken) return undefined;
  const bound = unwrap(condition.right);
  if (condition.left.getText(sourceFile) !== index || !ts.isPropertyAccessExpression(bound) || bound.name.text !== "length") return undefined;
  const items = bound.expression.getText(sourceFile);
  const step = loop.incrementor?.getText(sourceFile).replace(/\s/g, "");
  if (step !== `${index}++` && step !== `++${index}` && step !== `${index}+=1`) return undefined;
  if (!ts.isBlock(loop.statement)) return undefined;

  const indexed: ts.ElementAccessExpression[] = [];
  let onlyIndexing = true;
  forEachDescendant(loop.statement, (node) => {
    if (!ts.isIdentifier(node) || node.text !== index) return;
    const access = node.parent;
    if (ts.isElementAccessExpression(access) && access.argumentExpression === node && access.expression.getText(sourceFile) === items && !isAssigned(access)) indexed.push(access);
    else onlyIndexing = false;
  });
  if (!onlyIndexing) return undefined;

  const first = loop.statement.statements[0];
  const firstDeclaration = first && ts.isVariableStatement(first) && first.declarationList.declarations.length === 1 ? first.declarationList.declarations[0] : undefined;
  const takesItem = firstDeclaration && firstDeclaration.initializer && indexed.includes(unwrap(firstDeclaration.initializer) as ts.ElementAccessExpression);
  if (takesItem && firstDeclaration && first) {
    const replacements: TextEdit[] = [deleteStatement(first, context.text)];
    const others = indexed.filter((access) => access !== unwrap(firstDeclaration.initializer!));
    const parameter = firstDeclaration.name.getText(sourceFile);
    if (!ts.isIdentifier(firstDeclaration.name) && others.length > 0) return undefined;
    replacements.push(...others.map((access) => ({ range: { start: access.getStart(sourceFile), end: access.getEnd() }, newText: parameter })));
    return { items, parameter, replacements };
  }
  const parameter = uniqueName("call", loop.statement);
  return { items, parameter, replacements: indexed.map((access) => ({ range: { start: access.getStart(sourceFile), end: access.getEnd() }, newText: parameter })) };
}

function isAssigned(node: ts.Expression): boolean {
  const parent = node.parent;
  return (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent);
}

function uniqueName(base: string, scope: ts.Node): string {
  const used = new Set<string>();
  forEachDescendant(scope, (node) => {
    if (ts.isIdentifier(node)) used.add(node.text);
  });
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * The `continue`s that move this loop on (they become `return`), or undefined when the body leaves
 * the loop some other way (`break`, `return`, `yield`, a label outside it, `var`) and cannot become a callback.
 */
function continuesOf(loop: ts.IterationStatement): ts.ContinueStatement[] | undefined {
  const labelsInside = new Set<string>();
  forEachDescendant(loop.statement, (node) => {
    if (isFunctionLike(node)) return false;
    if (ts.isLabeledStatement(node)) labelsInside.add(node.label.text);
  });
  const continues: ts.ContinueStatement[] = [];
  let movable = true;
  forEachDescendant(loop.statement, (node) => {
    if (!movable || isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isReturnStatement(node) || ts.isYieldExpression(node)) movable = false;
    else if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) movable = false;
    else if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && node.label) movable = labelsInside.has(node.label.text);
    else if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
      const target = innermostTarget(node, loop, ts.isBreakStatement(node));
      if (target === loop && ts.isContinueStatement(node)) continues.push(node);
      else if (target === loop) movable = false;
    }
    return movable;
  });
  return movable ? continues : undefined;
}

/** The loop (or, for `break`, switch) an unlabeled jump targets, searching out to `loop`. */
function innermostTarget(jump: ts.Node, loop: ts.IterationStatement, isBreak: boolean): ts.Node {
  for (let node = jump.parent; node !== loop; node = node.parent) {
    if (ts.isIterationStatement(node, false) || (isBreak && ts.isSwitchStatement(node))) return node;
  }
  return loop;
}

/**
 * `const outputs = [];` (TypeScript's evolving array) stops compiling once the loop body that pushes
 * to it becomes a callback: closures cannot see how the array evolves (TS7034). Such a declaration
 * gets the annotation it implicitly had: Responses input items when every push is a
 * `function_call_output` item, else `any[]`, which is what the empty literal started as.
 */
function evolvingArrayAnnotations(loop: ts.IterationStatement, context: TypeScriptFixContext): TextEdit[] {
  const { sourceFile } = context;
  if (context.style.isJavaScript) return [];
  const pushes = new Map<string, ts.Expression[]>();
  forEachDescendant(loop.statement, (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "push" && ts.isIdentifier(node.expression.expression)) {
      const name = node.expression.expression.text;
      pushes.set(name, [...(pushes.get(name) ?? []), ...node.arguments]);
    }
  });
  const edits: TextEdit[] = [];
  for (let scope: ts.Node = loop; !ts.isSourceFile(scope) && !isFunctionLike(scope); ) {
    scope = scope.parent;
    const statements = ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : [];
    for (const statement of statements) {
      if (statement.getStart(sourceFile) >= loop.getStart(sourceFile) || !ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer && unwrap(declaration.initializer);
        if (!ts.isIdentifier(declaration.name) || declaration.type || !init || !ts.isArrayLiteralExpression(init) || init.elements.length > 0) continue;
        const pushed = pushes.get(declaration.name.text);
        if (!pushed) continue;
        const items = pushed.every((value) => ts.isObjectLiteralExpression(value) && isFunctionCallOutput(value));
        const className = openAIClassName(sourceFile);
        const itemType = className ? `${className}.Responses.ResponseInputItem` : `import(${context.style.string("openai/resources/responses/responses")}).ResponseInputItem`;
        edits.push({ range: { start: declaration.name.getEnd(), end: declaration.name.getEnd() }, newText: `: ${items ? itemType : "any"}[]` });
      }
    }
  }
  return edits;
}

function isFunctionCallOutput(object: ts.ObjectLiteralExpression): boolean {
  const type = findProperty(object, "type");
  return type !== undefined && ts.isPropertyAssignment(type) && isStringLiteralWithText(unwrap(type.initializer), "function_call_output");
}

export const sequentialLoopFixes: FixProvider = (finding, context) => {
  const { sourceFile, text, style } = context;
  const loop = loopAt(sourceFile, finding.range.start);
  if (!loop || ts.isLabeledStatement(loop.parent)) return [];
  const shape = ts.isForOfStatement(loop) ? forOfShape(loop, sourceFile) : indexedForShape(loop, context);
  if (!shape) return [];
  const continues = continuesOf(loop);
  if (!continues) return [];

  // The body keeps its bytes; only each `continue` keyword becomes `return`, and an indexed loop's
  // `calls[i]` becomes the callback's parameter.
  const indent = style.indentAt(loop.getStart(sourceFile));
  const bodyStart = loop.statement.getStart(sourceFile);
  let body = text.slice(bodyStart, loop.statement.getEnd());
  const bodyEdits: TextEdit[] = [
    ...continues.map((jump) => ({ range: { start: jump.getStart(sourceFile), end: jump.getStart(sourceFile) + "continue".length }, newText: "return" })),
    ...shape.replacements,
  ];
  for (const edit of bodyEdits.sort((a, b) => b.range.start - a.range.start)) {
    body = body.slice(0, edit.range.start - bodyStart) + edit.newText + body.slice(edit.range.end - bodyStart);
  }
  if (!ts.isBlock(loop.statement)) body = `{${style.newline}${indent}${style.indentUnit}${body}${style.newline}${indent}}`;

  const parameter = shape.parameter;
  const items = shape.items;
  const cap = concurrencyCap(context);
  const limiter = chooseLimiter(context);
  let replacement: string;
  if (limiter.kind === "p-limit") {
    if (!statementInList(loop) || statementInList(loop) !== loop) return [];
    const name = limiterName(context, finding, loop);
    replacement =
      limiterDeclaration(context, name, limiter.factory) + style.newline + indent +
      `await Promise.all(Array.from(${items}, (${parameter}) => ${name}(async () => ${body})))${style.semicolon}`;
  } else {
    replacement = `await ${HELPER_NAME}(${items}, ${cap}, async (${parameter}) => ${body})${style.semicolon}`;
  }
  const edits: TextEdit[] = [...limiter.setup, ...evolvingArrayAnnotations(loop, context), { range: { start: loop.getStart(sourceFile), end: loop.getEnd() }, newText: replacement }];
  const fix: Fix = { title: `Run the tool calls concurrently, at most ${cap} at a time`, edits: mergeInsertions(edits), safe: false, preferred: true };
  return [fix];
};

/**
 * Folds edits that start at one point into one edit (insertions in order, then what the replacing edit
 * puts there), so no two edits of a fix touch the same position.
 */
function mergeInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const byStart = new Map<number, TextEdit>();
  for (const edit of edits) {
    const host = byStart.get(edit.range.start);
    if (!host) byStart.set(edit.range.start, { range: { ...edit.range }, newText: edit.newText });
    else {
      // An insertion goes before text that replaces from the same point; insertions keep their order.
      const insertFirst = edit.range.start === edit.range.end && host.range.end > host.range.start;
      const newText = insertFirst ? edit.newText + host.newText : host.newText + edit.newText;
      byStart.set(edit.range.start, { range: { start: edit.range.start, end: Math.max(host.range.end, edit.range.end) }, newText });
    }
  }
  return [...byStart.values()];
}

// ---------------------------------------------------------------------------------------------
// unbounded-tool-concurrency

/** Edits turning `(call) => BODY` / `async (call) => BODY` into `(call) => limit(async () => BODY)`. */
function wrapCallbackEdits(callback: ts.ArrowFunction, name: string, sourceFile: ts.SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  const asyncModifier = ts.getModifiers(callback)?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (asyncModifier) {
    // `async` moves to the inner function, which is where any `await` in the body now lives.
    const end = asyncModifier.getEnd() + /^\s*/.exec(sourceFile.text.slice(asyncModifier.getEnd()))![0].length;
    edits.push({ range: { start: asyncModifier.getStart(sourceFile), end }, newText: "" });
  }
  const body = callback.body;
  edits.push({ range: { start: body.getStart(sourceFile), end: body.getStart(sourceFile) }, newText: `${name}(${asyncModifier ? "async " : ""}() => ` });
  edits.push({ range: { start: body.getEnd(), end: body.getEnd() }, newText: ")" });
  return edits;
}

function limiterSetupEdits(context: TypeScriptFixContext, limiter: Limiter & { kind: "p-limit" }, name: string, statement: ts.Statement): TextEdit[] {
  const at = statement.getStart(context.sourceFile);
  const indent = context.style.indentAt(at);
  return [...limiter.setup, { range: { start: at, end: at }, newText: limiterDeclaration(context, name, limiter.factory) + context.style.newline + indent }];
}

function promiseAllFix(call: ts.CallExpression, finding: Finding, context: TypeScriptFixContext): Fix[] {
  const { sourceFile } = context;
  if (call.arguments.length !== 1) return [];
  const direct = unwrap(call.arguments[0]);
  // The mapped calls, inline or through `const pending = calls.map(…)`.
  const mapCall = ts.isIdentifier(direct) ? context.bindings.initializerOf(direct) : direct;
  if (!mapCall || !ts.isCallExpression(unwrap(mapCall))) return [];
  const map = unwrap(mapCall) as ts.CallExpression;
  if (accessedName(map.expression) !== "map" || !ts.isPropertyAccessExpression(map.expression) || map.arguments.length !== 1) return [];
  const callback = map.arguments[0];
  if (!ts.isArrowFunction(callback)) return [];
  const cap = concurrencyCap(context);
  const limiter = chooseLimiter(context);
  const title = `Cap the tool calls at ${cap} at a time`;
  if (limiter.kind === "p-limit") {
    const statement = statementInList(map);
    if (!statement) return [];
    const name = limiterName(context, finding, statement);
    const edits = [...limiterSetupEdits(context, limiter, name, statement), ...wrapCallbackEdits(callback, name, sourceFile)];
    return [{ title, edits: mergeInsertions(edits), safe: true, preferred: true }];
  }
  // The helper replaces `Promise.all(calls.map(cb))` itself, which only works when the map is inline
  // and the result is all-or-nothing (`allSettled` reports rejections differently).
  if (map !== direct || accessedName(call.expression) !== "all" || callback.parameters.length > 2) return [];
  const receiver = map.expression.expression.getText(sourceFile);
  const isAsync = isAsyncFunction(callback);
  // `Promise.all(\n  calls.map(…),\n)` collapses onto the first line: the callback moves out one level.
  const extra = context.style.indentAt(map.getStart(sourceFile)).length - context.style.indentAt(call.getStart(sourceFile)).length;
  const callbackText = reindent(callback.getText(sourceFile), callback.getStart(sourceFile), Math.max(0, extra), "", literalRanges(callback, sourceFile));
  const newText = `${HELPER_NAME}(${receiver}, ${cap}, ${isAsync ? "" : "async "}${callbackText})`;
  const edits = [...limiter.setup, { range: { start: call.getStart(sourceFile), end: call.getEnd() }, newText }];
  return [{ title, edits, safe: true, preferred: true }];
}

/** `await` is allowed where the statement is: inside an async function, or at the top of an ES module. */
function canAwaitAt(node: ts.Node, context: TypeScriptFixContext): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return isAsyncFunction(current);
    if (ts.isClassStaticBlockDeclaration(current)) return false;
  }
  return ts.isExternalModule(context.sourceFile) && !isCommonJs(context);
}

function forEachFix(call: ts.CallExpression, finding: Finding, context: TypeScriptFixContext): Fix[] {
  const { sourceFile } = context;
  const callee = call.expression;
  const callback = call.arguments[0];
  if (call.arguments.length !== 1 || !ts.isPropertyAccessExpression(callee) || !callback) return [];
  if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || callback.parameters.length > 2) return [];
  // Only a statement of its own can start with `await`, and only where awaiting is allowed.
  if (!ts.isExpressionStatement(call.parent) || !canAwaitAt(call, context)) return [];
  const cap = concurrencyCap(context);
  const limiter = chooseLimiter(context);
  const title = `Await the tool calls, at most ${cap} at a time`;
  const receiverEnd = callee.expression.getEnd();
  let edits: TextEdit[];
  if (limiter.kind === "p-limit") {
    if (!ts.isArrowFunction(callback)) return [];
    const name = limiterName(context, finding, call.parent);
    edits = [
      ...limiterSetupEdits(context, limiter, name, call.parent),
      { range: { start: call.getStart(sourceFile), end: call.getStart(sourceFile) }, newText: "await Promise.all(" },
      { range: { start: callee.name.getStart(sourceFile), end: callee.name.getEnd() }, newText: "map" },
      ...wrapCallbackEdits(callback, name, sourceFile),
      { range: { start: call.getEnd(), end: call.getEnd() }, newText: ")" },
    ];
  } else {
    // `calls.forEach(` becomes `await mapWithConcurrency(calls, N, `; the callback keeps its text.
    const receiver = sourceFile.text.slice(call.getStart(sourceFile), receiverEnd);
    edits = [...limiter.setup, { range: { start: call.getStart(sourceFile), end: callback.getStart(sourceFile) }, newText: `await ${HELPER_NAME}(${receiver}, ${cap}, ` }];
  }
  return [{ title, edits: mergeInsertions(edits), safe: false, preferred: true }];
}

export const unboundedConcurrencyFixes: FixProvider = (finding, context) => {
  const call = callAtCalleeRange(context.sourceFile, finding.range);
  if (!call) return [];
  const method = accessedName(call.expression);
  if (method === "all" || method === "allSettled") return promiseAllFix(call, finding, context);
  if (method === "forEach") return forEachFix(call, finding, context);
  return [];
};
