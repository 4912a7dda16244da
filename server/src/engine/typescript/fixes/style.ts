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
    const lineStart = this.lineStartAt(offset);
    let end = lineStart;
    while (end < this.text.length && (this.text.charCodeAt(end) === 32 || this.text.charCodeAt(end) === 9)) end++;
    return this.text.slice(lineStart, end);
  }

  private lineStarts?: number[];

  /** Start of the line holding `offset`: line starts are found once per file, then searched. */
  private lineStartAt(offset: number): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let at = this.text.indexOf("\n"); at !== -1; at = this.text.indexOf("\n", at + 1)) this.lineStarts.push(at + 1);
    }
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return starts[low];
  }

  /** Turns "\n"-joined lines into the file's line ending, indenting every line after the first by `indent`. */
  lines(lines: readonly string[], indent: string): string {
    return lines.map((line, i) => (i === 0 || line === "" ? line : indent + line)).join(this.newline);
  }
}
