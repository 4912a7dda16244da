// chat-tool-shape: `{ type: "function", function: { name, description, parameters } }` becomes the flat
// Responses FunctionTool `{ type: "function", name, description, parameters, strict }`. The moved
// properties keep their own text (comments, formatting), re-indented one level out.
//
// openai 7.57's FunctionTool requires `parameters` and `strict` (`boolean | null`). Chat tools default
// to non-strict while Responses defaults to strict, which would reject most hand-written Chat schemas,
// so a missing `strict` becomes `strict: false` (the old behaviour) and a missing `parameters` becomes
// `parameters: null` (no arguments, as the Chat tool had). Safe: the request means what it meant.
import ts from "typescript";
import type { Fix } from "../../types";
import { findProperty, propertyNameText } from "../syntax";
import type { FixProvider } from "./context";
import { literalRanges, reindent } from "./edits";
import { nodeAtRange } from "./nodes";

export const chatToolShapeFixes: FixProvider = (finding, context) => {
  const { sourceFile, text, style } = context;
  const tool = nodeAtRange(sourceFile, finding.range);
  if (!tool || !ts.isObjectLiteralExpression(tool)) return [];
  const fnProperty = findProperty(tool, "function");
  if (!fnProperty || !ts.isPropertyAssignment(fnProperty) || !ts.isObjectLiteralExpression(fnProperty.initializer)) return [];
  const fn = fnProperty.initializer;
  // Only plain `key: value` / shorthand properties move; spreads, methods and computed keys stay put (no fix).
  const moved = fn.properties.filter((p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p));
  if (moved.length === 0 || moved.length !== fn.properties.length) return [];
  const movedNames = moved.map((p) => propertyNameText(p.name!));
  if (movedNames.some((name) => name === undefined || name === "type" || (name !== "function" && findProperty(tool, name)))) return [];

  // What sits between `{` and the last property keeps its text; what follows the last property (a
  // trailing comma, comments) is handled separately so commas never double up.
  const innerStart = fn.getStart(sourceFile) + 1;
  const closeBrace = fn.getEnd() - 1;
  const last = moved[moved.length - 1];
  const leadingWhitespace = /^\s*/.exec(text.slice(innerStart, closeBrace))![0].length;
  const body = text.slice(innerStart + leadingWhitespace, last.getEnd());
  const tail = text.slice(last.getEnd(), closeBrace).replace(/^\s*,/, "").trimEnd();

  const multiline = /\n/.test(text.slice(fn.getStart(sourceFile), fn.getEnd()));
  const propertyIndent = style.indentAt(fnProperty.getStart(sourceFile));
  const innerIndent = multiline ? style.indentAt(moved[0].getStart(sourceFile)) : propertyIndent;
  const dedent = Math.max(0, innerIndent.length - propertyIndent.length);
  const literals = literalRanges(fn, sourceFile);
  const separator = multiline ? style.newline + propertyIndent : " ";

  let replacement = reindent(body, innerStart + leadingWhitespace, dedent, "", literals);
  const defaults: string[] = [];
  if (!movedNames.includes("parameters")) defaults.push("parameters: null");
  if (!movedNames.includes("strict") && !findProperty(tool, "strict")) defaults.push("strict: false");
  for (const line of defaults) replacement += `,${separator}${line}`;

  let end = fnProperty.getEnd();
  if (tail !== "") {
    // Comments after the last moved property: keep them, after a comma of their own, and take over
    // the outer comma so a `// comment` never swallows it.
    const outerComma = /^\s*,/.exec(text.slice(end));
    const afterComma = text.slice(end).replace(/^\s*,?/, "");
    if (!outerComma && !/^\s*}/.test(afterComma)) return [];
    if (outerComma) end += outerComma[0].length;
    if (/\/\//.test(tail.split("\n").pop()!) && !/^[ \t]*(\r?\n|$)/.test(text.slice(end))) return [];
    replacement += "," + reindent(tail, last.getEnd(), dedent, "", literals);
  }
  const fix: Fix = {
    title: "Flatten the function tool to the Responses shape",
    edits: [{ range: { start: fnProperty.getStart(sourceFile), end }, newText: replacement }],
    safe: true,
    preferred: true,
  };
  return [fix];
};
