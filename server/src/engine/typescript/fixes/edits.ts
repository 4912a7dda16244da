// Text-level building blocks shared by the pitfall fixes: deleting an object property cleanly,
// re-indenting a moved block without touching multi-line strings, and appending a helper once.
import ts from "typescript";
import type { TextEdit, TextRange } from "../../types";
import { forEachDescendant, unwrap } from "../syntax";
import type { TypeScriptFixContext } from "./context";

/** Spans inside `root` whose text is string content (multi-line templates and strings): never re-indent these. */
export function literalRanges(root: ts.Node, sourceFile: ts.SourceFile): TextRange[] {
  const ranges: TextRange[] = [];
  const add = (node: ts.Node) => ranges.push({ start: node.getStart(sourceFile), end: node.getEnd() });
  if (ts.isStringLiteralLike(root) || ts.isTemplateExpression(root)) add(root);
  forEachDescendant(root, (node) => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) add(node);
  });
  return ranges;
}

/**
 * Re-indents `text` (which starts at offset `start` of the file) line by line: every line after the
 * first loses up to `remove` leading whitespace characters and then gains `add`. Lines that begin
 * inside a string or template literal are left exactly as they are, since their whitespace is data.
 */
export function reindent(text: string, start: number, remove: number, add: string, literals: readonly TextRange[]): string {
  let offset = start;
  return text
    .split("\n")
    .map((line, i) => {
      const lineStart = offset;
      offset += line.length + 1;
      if (i === 0 || literals.some((r) => r.start < lineStart && lineStart < r.end)) return line;
      const leading = /^[ \t]*/.exec(line)![0];
      const rest = line.slice(leading.length);
      if (rest === "" || rest === "\r") return rest; // a blank line stays blank
      return add + line.slice(Math.min(remove, leading.length));
    })
    .join("\n");
}

/**
 * Deletes `element` from a comma-separated list (object literal properties): the whole line when the
 * element sits alone on it, otherwise the element and the separator next to it.
 */
export function deleteListElementEdit(element: ts.Node, list: ts.NodeArray<ts.Node>, sourceFile: ts.SourceFile): TextEdit {
  const text = sourceFile.text;
  const start = element.getStart(sourceFile);
  let end = element.getEnd();
  const index = list.indexOf(element);
  // Only the whitespace around the element is looked at (never the rest of a long line).
  const skipSpace = (from: number, newlines: boolean) => {
    let at = from;
    for (let code = text.charCodeAt(at); code === 32 || code === 9 || (newlines && (code === 10 || code === 13)); code = text.charCodeAt(++at));
    return at;
  };
  const afterSpace = skipSpace(end, true);
  const commaAfter = text.charCodeAt(afterSpace) === 44;
  if (commaAfter) end = afterSpace + 1;
  let lineStart = start;
  while (lineStart > 0 && (text.charCodeAt(lineStart - 1) === 32 || text.charCodeAt(lineStart - 1) === 9)) lineStart--;
  const aloneBefore = lineStart === 0 || text.charCodeAt(lineStart - 1) === 10;
  let restEnd = skipSpace(end, false);
  if (text.charCodeAt(restEnd) === 13 && text.charCodeAt(restEnd + 1) === 10) restEnd++;
  const restOfLine = restEnd >= text.length || text.charCodeAt(restEnd) === 10;
  if (aloneBefore && restOfLine) {
    // Alone on its line(s): remove the line, newline included.
    return { range: { start: lineStart, end: Math.min(text.length, restEnd + 1) }, newText: "" };
  }
  if (commaAfter) return { range: { start, end: skipSpace(end, false) }, newText: "" };
  // The last element without a trailing comma: take the comma before it instead.
  const previous = index > 0 ? list[index - 1] : undefined;
  if (previous) return { range: { start: previous.getEnd(), end: element.getEnd() }, newText: "" };
  return { range: { start, end: element.getEnd() }, newText: "" };
}

/** True when the file already declares `name` at its top level (function, class or variable). */
export function declaresTopLevel(sourceFile: ts.SourceFile, name: string): boolean {
  return sourceFile.statements.some((statement) => {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return true;
    return ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name);
  });
}

/**
 * An edit appending `lines` (a declaration) at the end of the file after one blank line. Every fix that
 * needs the same helper produces this identical edit, so fix-all applies it once per pass; and the
 * caller skips it when the helper is already declared, so later runs add nothing.
 */
export function appendAtEndEdit(context: TypeScriptFixContext, lines: readonly string[]): TextEdit {
  const { text, style } = context;
  const end = text.length;
  const trailing = /(\r?\n)*$/.exec(text)![0];
  const lead = text.length === 0 ? "" : trailing.length === 0 ? style.newline + style.newline : trailing === style.newline ? style.newline : "";
  return { range: { start: end, end }, newText: lead + style.lines(lines, "") + style.newline };
}

/** Whether the file is CommonJS: `.cjs`/`.cts`, or script code using `require` with no ES module syntax. */
export function isCommonJs(context: TypeScriptFixContext): boolean {
  if (/\.c[jt]s$/i.test(context.fileName)) return true;
  const sourceFile = context.sourceFile;
  const esm = sourceFile.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
  if (esm) return false;
  return /\brequire\s*\(/.test(context.text) || sourceFile.statements.some((s) => ts.isImportEqualsDeclaration(s));
}

/** The name the OpenAI class is imported under (default import, `{ OpenAI }`, or `require`), if any. */
export function openAIClassName(sourceFile: ts.SourceFile): string | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === "openai") {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      if (clause?.name) return clause.name.text;
      if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        const named = clause.namedBindings.elements.find((e) => !e.isTypeOnly && (e.propertyName ?? e.name).text === "OpenAI");
        if (named) return named.name.text;
      }
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer && unwrap(declaration.initializer);
        const isRequire = init && ts.isCallExpression(init) && init.expression.getText(sourceFile) === "require" && init.arguments[0] && ts.isStringLiteralLike(init.arguments[0]) && init.arguments[0].text === "openai";
        if (isRequire && ts.isIdentifier(declaration.name)) return declaration.name.text;
      }
    }
  }
  return undefined;
}

