// A stream the function returns (`return stream`, `() => client.beta.threads.runs.stream(…)`): its
// caller reads the events, so after the rewrite the caller gets a ResponseStream. The rewrite goes on
// only where no caller is in sight that would still read Assistants events: the function is named,
// and nothing else in this file calls it (callers in other files are the TODO's, and the type check
// of theirs). The TODO above the return says what the callers must change.
import ts from "typescript";
import type { TextEdit } from "../../types";
import type { TypeScriptFixContext } from "./context";
import { enclosingScope, referencesTo } from "./statements";

const NOTE = "// TODO(responses-migrate): this now returns a Responses stream (ResponseStream): its callers must read Responses events (`event.type`, `response.output_text.delta`, `finalResponse()`).";

/** Whether `end` (the stream) is what its function returns. */
export function isReturned(end: ts.Expression): boolean {
  const parent = end.parent;
  return ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === end);
}

/** The name the function holding `node` is called by, when it has one. */
function functionName(fn: ts.Node): ts.Identifier | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name;
  const holder = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(holder) && holder.initializer === fn && ts.isIdentifier(holder.name)) return holder.name;
  return undefined;
}

/** The TODO above the return, or why the returned stream cannot be rewritten. */
export function returnedStreamNote(end: ts.Expression, context: TypeScriptFixContext): TextEdit | string {
  const fn = enclosingScope(end);
  const name = functionName(fn);
  if (!name) return "the stream is returned, so its caller reads Assistants events";
  const calledHere = referencesTo(name.text, context.sourceFile).some((reference) => reference !== name);
  if (calledHere) return `the stream is returned, and \`${name.text}\` is called in this file, where its events are read as Assistants events`;
  let statement: ts.Node = end;
  while (!ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent)) statement = statement.parent;
  const at = statement.getStart(context.sourceFile);
  return { range: { start: at, end: at }, newText: `${NOTE}${context.style.newline}${context.style.indentAt(at)}` };
}
