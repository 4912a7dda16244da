// `OpenAI-Beta: assistants=v2` headers: a property of an object (`headers: {…}`, `new Headers({…})`,
// axios defaults), a `[name, value]` pair, `headers.set/append(…)`, or `h["OpenAI-Beta"] = …`. Each
// comes with what deleting it removes, so the fix keeps the rest of the object and its formatting.
import ts from "typescript";
import { ASSISTANTS_BETA_VALUE, OPENAI_BETA_HEADER } from "../assistantsHttp";
import type { BetaHeader } from "../facts";
import type { TextRange } from "../types";
import type { OpenAIBindings } from "./bindings";
import { forEachDescendant, rangeOf } from "./syntax";
import { possibleValues } from "./valueFlow";

export function findBetaHeaders(sourceFile: ts.SourceFile, bindings: OpenAIBindings): BetaHeader[] {
  const headers: BetaHeader[] = [];
  const text = sourceFile.text;
  const valueOf = (expression: ts.Expression | undefined): string | undefined => {
    const literal = expression && possibleValues(expression, bindings).find(ts.isStringLiteralLike);
    return literal && ASSISTANTS_BETA_VALUE.test(literal.text) ? literal.text : undefined;
  };
  forEachDescendant(sourceFile, (node) => {
    if (!ts.isStringLiteralLike(node) || !OPENAI_BETA_HEADER.test(node.text)) return;
    const parent = node.parent;
    // { "OpenAI-Beta": "assistants=v2" }
    if (ts.isPropertyAssignment(parent) && parent.name === node && ts.isObjectLiteralExpression(parent.parent)) {
      const value = valueOf(parent.initializer);
      if (value) headers.push({ value, range: rangeOf(parent, sourceFile), removal: listEntryRemoval(parent, parent.parent.properties, parent.parent, text) });
      return;
    }
    // [["OpenAI-Beta", "assistants=v2"], …]
    if (ts.isArrayLiteralExpression(parent) && parent.elements.length === 2 && parent.elements[0] === node && ts.isArrayLiteralExpression(parent.parent)) {
      const value = valueOf(parent.elements[1]);
      if (value) headers.push({ value, range: rangeOf(parent, sourceFile), removal: listEntryRemoval(parent, parent.parent.elements, parent.parent, text) });
      return;
    }
    // headers.set("OpenAI-Beta", "assistants=v2");
    if (ts.isCallExpression(parent) && parent.arguments[0] === node && ts.isPropertyAccessExpression(parent.expression) && ["set", "append"].includes(parent.expression.name.text)) {
      const value = valueOf(parent.arguments[1]);
      if (value && ts.isExpressionStatement(parent.parent)) headers.push({ value, range: rangeOf(parent.parent, sourceFile), removal: statementRemoval(parent.parent, text) });
      return;
    }
    // instance.defaults.headers.common["OpenAI-Beta"] = "assistants=v2";
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) {
      const assignment = parent.parent;
      if (!ts.isBinaryExpression(assignment) || assignment.left !== parent || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const value = valueOf(assignment.right);
      if (value && ts.isExpressionStatement(assignment.parent)) headers.push({ value, range: rangeOf(assignment.parent, sourceFile), removal: statementRemoval(assignment.parent, text) });
    }
  });
  return headers;
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

function skipBlanks(text: string, at: number): number {
  while (at < text.length && (text[at] === " " || text[at] === "\t")) at++;
  return at;
}

function lineBreakLength(text: string, at: number): number {
  if (text.startsWith("\r\n", at)) return 2;
  return text[at] === "\n" || text[at] === "\r" ? 1 : 0;
}

/**
 * What deleting one entry of a comma-separated list removes: its whole line when it stands alone
 * there; otherwise the entry and one comma, so neither a double comma nor a gap is left.
 */
function listEntryRemoval(entry: ts.Node, list: ts.NodeArray<ts.Node>, container: ts.Node, text: string): TextRange {
  const start = entry.getStart();
  const end = entry.getEnd();
  const index = list.indexOf(entry);
  const lineStart = lineStartOf(text, start);
  let after = skipBlanks(text, end);
  const hasComma = text[after] === ",";
  if (hasComma) after = skipBlanks(text, after + 1);
  const startsLine = text.slice(lineStart, start).trim() === "";
  if (startsLine && (lineBreakLength(text, after) > 0 || after === text.length)) return { start: lineStart, end: after + lineBreakLength(text, after) };
  // On its own line but for a comment after it: the comment stays where it was.
  if (startsLine && hasComma && /^\/[/*]/.test(text.slice(after, after + 2))) return { start, end: after };
  const next = list[index + 1];
  if (next) {
    const nextStart = next.getStart();
    // The next entry on the same line moves up to where this one began; on a later line, the comment
    // or line break after the comma stays.
    return text.slice(end, nextStart).includes("\n") ? { start, end: hasComma ? text.indexOf(",", end) + 1 : end } : { start, end: nextStart };
  }
  const previous = list[index - 1];
  if (previous) return { start: previous.getEnd(), end: hasComma ? text.indexOf(",", end) + 1 : end };
  // The only entry: `{ "OpenAI-Beta": "assistants=v2" }` becomes `{}` unless a comment sits inside.
  const inside = { start: container.getStart() + 1, end: container.getEnd() - 1 };
  const rest = text.slice(inside.start, start) + text.slice(end, inside.end);
  return /\/[/*]/.test(rest) ? { start, end: hasComma ? text.indexOf(",", end) + 1 : end } : inside;
}

/** A statement's whole line when it stands alone there, else just the statement. */
function statementRemoval(statement: ts.Statement, text: string): TextRange {
  const start = statement.getStart();
  const end = statement.getEnd();
  const lineStart = lineStartOf(text, start);
  const after = skipBlanks(text, end);
  if (text.slice(lineStart, start).trim() === "" && (lineBreakLength(text, after) > 0 || after === text.length)) return { start: lineStart, end: after + lineBreakLength(text, after) };
  return { start, end };
}
