// chain-without-fallback and store-false-chain: offered, never forced (neither fix is preferred, both
// are unsafe), because what "the history" is lives in the user's own storage.
//
// chain-without-fallback: append `.catch(…)` to the `responses.create` call. On `NotFoundError` (the
// stored response expired after ~30 days) it repeats the request without `previous_response_id`, with
// the input passed through `rebuildInputFromHistory(…)`, a stub added once at the end of the file that
// compiles and, until someone fills in its TODO, restarts the conversation from the latest input.
// `.catch` keeps the statement as it was (`const response = await …` stays a const with its type).
//
// store-false-chain: two alternatives, remove `store: false` (the chain works; responses are kept for
// ~30 days, which may matter for data retention) or remove `previous_response_id` (nothing is stored;
// the input must then carry the whole history).
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { findProperty, unwrap } from "../syntax";
import type { FixProvider, TypeScriptFixContext } from "./context";
import { appendAtEndEdit, declaresTopLevel, deleteListElementEdit, literalRanges, openAIClassName } from "./edits";
import { nodeAtRange } from "./nodes";

const STUB_NAME = "rebuildInputFromHistory";

function stubLines(context: TypeScriptFixContext, className: string | undefined): string[] {
  const { style } = context;
  const inputType = className ? `${className}.Responses.ResponseInput` : `import(${style.string("openai/resources/responses/responses")}).ResponseInput`;
  const signature = style.isJavaScript
    ? `function ${STUB_NAME}(latest, expiredResponseId) {`
    : `function ${STUB_NAME}(latest: string | ${inputType}, expiredResponseId: string | null | undefined): string | ${inputType} {`;
  return [
    "/**",
    " * TODO(responses-migrate): return this conversation's earlier turns from your own store (the chain",
    " * ended at `expiredResponseId`), followed by `latest`. Called when a `previous_response_id` chain has",
    " * expired (404 after about 30 days); until filled in, the conversation restarts from `latest` alone.",
    " */",
    signature,
    `${style.indentUnit}return latest${style.semicolon}`,
    "}",
  ];
}

export const chainFallbackFixes: FixProvider = (finding, context) => {
  const { sourceFile, text, style } = context;
  const request = context.facts.responseRequests.find((r) => r.previousResponseId?.start === finding.range.start);
  if (!request || (request.method !== "create" && request.method !== "parse")) return [];
  const call = nodeAtRange(sourceFile, request.callRange);
  if (!call || !ts.isCallExpression(call) || call.arguments.length !== 1) return [];
  const options = unwrap(call.arguments[0]);
  if (!ts.isObjectLiteralExpression(options)) return [];
  const chain = findProperty(options, "previous_response_id");
  const input = findProperty(options, "input");
  if (!chain || !input || !(ts.isPropertyAssignment(input) || ts.isShorthandPropertyAssignment(input))) return [];
  if (!(ts.isPropertyAssignment(chain) || ts.isShorthandPropertyAssignment(chain))) return [];
  // The expired id tells the stub which conversation to load.
  const expiredId = (ts.isPropertyAssignment(chain) ? chain.initializer : chain.name).getText(sourceFile);

  // The retry's options: the same object, without the chain, with the input rebuilt from history, and
  // one level further in (it moves into the catch callback). All three are edits on the object's own
  // text, so what is not touched (comments, string contents) stays as it was.
  const start = options.getStart(sourceFile);
  const removal = deleteListElementEdit(chain, options.properties, sourceFile);
  const edits: TextEdit[] = [removal];
  if (ts.isPropertyAssignment(input)) {
    edits.push({ range: { start: input.initializer.getStart(sourceFile), end: input.initializer.getStart(sourceFile) }, newText: `${STUB_NAME}(` });
    edits.push({ range: { start: input.initializer.getEnd(), end: input.initializer.getEnd() }, newText: `, ${expiredId})` });
  } else {
    edits.push({ range: { start: input.getStart(sourceFile), end: input.getEnd() }, newText: `input: ${STUB_NAME}(input, ${expiredId})` });
  }
  const literals = literalRanges(options, sourceFile);
  for (let at = text.indexOf("\n", start); at >= 0 && at < options.getEnd(); at = text.indexOf("\n", at + 1)) {
    const lineStart = at + 1;
    const blank = /^[ \t]*\r?(\n|$)/.test(text.slice(lineStart));
    const inLiteral = literals.some((r) => r.start < lineStart && lineStart < r.end);
    const removed = removal.range.start <= lineStart && lineStart < removal.range.end;
    if (!blank && !inLiteral && !removed) edits.push({ range: { start: lineStart, end: lineStart }, newText: style.indentUnit });
  }
  let retryOptions = text.slice(start, options.getEnd());
  for (const edit of edits.sort((x, y) => y.range.start - x.range.start || y.range.end - x.range.end)) {
    retryOptions = retryOptions.slice(0, edit.range.start - start) + edit.newText + retryOptions.slice(edit.range.end - start);
  }

  const className = openAIClassName(sourceFile);
  const indent = style.indentAt(start);
  const inner = indent + style.indentUnit;
  const isNotFound = className ? `error instanceof ${className}.NotFoundError` : "error?.status === 404";
  const handler = [
    `.catch((error) => {`,
    `${inner}// The stored chain expired (kept about 30 days): start again from the history you keep.`,
    `${inner}if (!(${isNotFound})) throw error${style.semicolon}`,
    `${inner}return ${call.expression.getText(sourceFile)}(${retryOptions})${style.semicolon}`,
    `${indent}})`,
  ].join(style.newline);

  const fixEdits: TextEdit[] = [{ range: { start: call.getEnd(), end: call.getEnd() }, newText: handler }];
  if (!declaresTopLevel(sourceFile, STUB_NAME)) fixEdits.push(appendAtEndEdit(context, stubLines(context, className)));
  const fix: Fix = { title: "Retry without the chain when it has expired (NotFoundError), rebuilding the input from history", edits: fixEdits, safe: false, preferred: false };
  return [fix];
};

export const storeFalseChainFixes: FixProvider = (finding, context) => {
  const { sourceFile } = context;
  const store = nodeAtRange(sourceFile, finding.range);
  if (!store || !ts.isObjectLiteralElementLike(store) || !ts.isObjectLiteralExpression(store.parent)) return [];
  const options = store.parent;
  const chain = findProperty(options, "previous_response_id");
  if (!chain) return [];
  return [
    { title: "Remove `store: false` so the chained response is kept", edits: [deleteListElementEdit(store, options.properties, sourceFile)], safe: false, preferred: false },
    { title: "Remove `previous_response_id` and send the full history as `input`", edits: [deleteListElementEdit(chain, options.properties, sourceFile)], safe: false, preferred: false },
  ];
};
