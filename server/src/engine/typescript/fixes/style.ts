// Reads the file's own conventions so inserted code looks like its neighbours: quotes, semicolons,
// indentation unit and line endings.
import ts from "typescript";

export class CodeStyle {
  readonly quote: '"' | "'";
  readonly semicolon: ";" | "";
  readonly indentUnit: string;
  readonly newline: "\n" | "\r\n";
  readonly isJavaScript: boolean;

  constructor(
    private readonly text: string,
    sourceFile: ts.SourceFile,
  ) {
    const doubles = (text.match(/"[^"\n]*"/g) ?? []).length;
    const singles = (text.match(/'[^'\n]*'/g) ?? []).length;
    this.quote = singles > doubles ? "'" : '"';
    const statements = sourceFile.statements.filter((s) => !ts.isFunctionDeclaration(s) && !ts.isClassDeclaration(s) && !ts.isInterfaceDeclaration(s) && !ts.isModuleDeclaration(s) && !ts.isBlock(s));
    const withSemicolon = statements.filter((s) => text[s.getEnd() - 1] === ";").length;
    this.semicolon = statements.length === 0 || withSemicolon * 2 >= statements.length ? ";" : "";
    const indents = text.match(/^[ \t]+(?=\S)/gm) ?? [];
    const tab = indents.some((indent) => indent.startsWith("\t"));
    const smallest = indents.filter((indent) => !indent.startsWith("\t")).reduce((min, indent) => Math.min(min, indent.length), Infinity);
    this.indentUnit = tab ? "\t" : " ".repeat(Number.isFinite(smallest) && smallest > 0 ? Math.min(smallest, 8) : 2);
    this.newline = text.includes("\r\n") ? "\r\n" : "\n";
    this.isJavaScript = /\.[cm]?jsx?$/i.test(sourceFile.fileName);
  }

  string(value: string): string {
    const escaped = value.replace(/\\/g, "\\\\").replace(new RegExp(this.quote, "g"), `\\${this.quote}`);
    return `${this.quote}${escaped}${this.quote}`;
  }

  /** Leading whitespace of the line `offset` is on. */
  indentAt(offset: number): string {
    const lineStart = this.text.lastIndexOf("\n", offset - 1) + 1;
    return /^[ \t]*/.exec(this.text.slice(lineStart))![0];
  }

  /** Turns "\n"-joined lines into the file's line ending, indenting every line after the first by `indent`. */
  lines(lines: readonly string[], indent: string): string {
    return lines.map((line, i) => (i === 0 || line === "" ? line : indent + line)).join(this.newline);
  }
}
