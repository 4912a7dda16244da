// Jupyter notebooks: the code cells of an .ipynb, joined into one Python text (cells share their
// names, as the kernel does), with a map from every offset in it back to the notebook's JSON, so
// findings point into the cell and fixes edit it there.
import { findNodeAtLocation, parseTree, type Node as JsonNode } from "jsonc-parser/lib/esm/main.js";
import type { TextEdit, TextRange } from "../types";

export interface NotebookCode {
  /** The code cells, each ending in a line break; IPython magics (`%pip`, `!ls`) blanked to spaces. */
  python: string;
  /** JSON offset where each Python character starts, and where it ends. */
  map: { starts: Int32Array; ends: Int32Array; cells: Int32Array };
}

/** The code cells of a notebook, or undefined when the text is not a notebook. */
export function notebookCode(json: string): NotebookCode | undefined {
  let root: JsonNode | undefined;
  try {
    root = parseTree(json, [], { allowTrailingComma: true });
  } catch {
    return undefined;
  }
  const cells = root && findNodeAtLocation(root, ["cells"]);
  if (!cells || cells.type !== "array") return undefined;
  const language = root && findNodeAtLocation(root, ["metadata", "kernelspec", "language"]);
  if (language?.type === "string" && typeof language.value === "string" && language.value.toLowerCase() !== "python") return undefined;
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const cellOf: number[] = [];
  (cells.children ?? []).forEach((cell, index) => {
    const type = findNodeAtLocation(cell, ["cell_type"]);
    const source = findNodeAtLocation(cell, ["source"]);
    if (type?.value !== "code" || !source) return;
    const strings = source.type === "array" ? (source.children ?? []).filter((item) => item.type === "string") : source.type === "string" ? [source] : [];
    let cellText = "";
    for (const string of strings) cellText += decodeWithOffsets(json, string, starts, ends);
    for (let i = 0; i < cellText.length; i++) cellOf.push(index);
    // Each cell ends its last line; the separator belongs to no cell.
    parts.push(cellText, "\n");
    starts.push(-1);
    ends.push(-1);
    cellOf.push(-1);
  });
  const python = blankMagics(parts.join(""));
  return { python, map: { starts: Int32Array.from(starts), ends: Int32Array.from(ends), cells: Int32Array.from(cellOf) } };
}

/** Decodes one JSON string literal, recording each decoded character's JSON span. */
function decodeWithOffsets(json: string, node: JsonNode, starts: number[], ends: number[]): string {
  let out = "";
  const last = node.offset + node.length - 1;
  for (let i = node.offset + 1; i < last; ) {
    const at = i;
    let decoded: string;
    if (json[i] === "\\") {
      const escape = json[i + 1];
      if (escape === "u") {
        decoded = String.fromCharCode(parseInt(json.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        decoded = ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[escape] ?? escape;
        i += 2;
      }
    } else {
      decoded = json[i];
      i += 1;
    }
    out += decoded;
    starts.push(at);
    ends.push(i);
  }
  return out;
}

/** IPython line magics and shell escapes are not Python: blank them, keeping every offset. */
function blankMagics(text: string): string {
  return text.replace(/^([ \t]*)([%!][^\r\n]*)/gm, (_match, indent: string, magic: string) => indent + " ".repeat(magic.length));
}

/** The JSON range of a Python range, or undefined when it leaves its cell. */
export function toNotebookRange(code: NotebookCode, range: TextRange): TextRange | undefined {
  const { starts, ends, cells } = code.map;
  if (range.start === range.end) {
    const at = range.start;
    if (at < cells.length && cells[at] >= 0) return { start: starts[at], end: starts[at] };
    if (at > 0 && cells[at - 1] >= 0) return { start: ends[at - 1], end: ends[at - 1] };
    return undefined;
  }
  const first = range.start;
  const last = range.end - 1;
  // A range that ends on a cell's closing line break ends at that break.
  if (first >= cells.length || last >= cells.length || cells[first] < 0 || cells[first] !== cells[last]) {
    if (cells[first] >= 0 && last < cells.length && cells[last] < 0 && cells[last - 1] === cells[first]) return { start: starts[first], end: ends[last - 1] };
    return undefined;
  }
  return { start: starts[first], end: ends[last] };
}

/** The same edit on the notebook's JSON text, or undefined when it cannot be expressed inside one cell. */
export function toNotebookEdit(code: NotebookCode, edit: TextEdit): TextEdit | undefined {
  const range = toNotebookRange(code, edit.range);
  return range && { range, newText: JSON.stringify(edit.newText).slice(1, -1) };
}
