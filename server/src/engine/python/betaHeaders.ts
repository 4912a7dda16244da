// `OpenAI-Beta: assistants=v2` in Python: a dict entry (`headers={...}`, a headers constant,
// `session.headers.update({...})`) or an assignment `headers["OpenAI-Beta"] = "assistants=v2"`, with
// what deleting it removes so the quick fix keeps the rest of the formatting.
import { ASSISTANTS_BETA_VALUE, OPENAI_BETA_HEADER } from "../assistantsHttp";
import type { BetaHeader } from "../facts";
import type { TextRange } from "../types";
import { enclosingStatement, field, forEachDescendant, namedChildren, rangeOf, stringValue, type PyNode, type SourceText } from "./syntax";

export function findPythonBetaHeaders(root: PyNode, source: SourceText): BetaHeader[] {
  if (!/openai-beta/i.test(source.text)) return [];
  const headers: BetaHeader[] = [];
  forEachDescendant(root, (node) => {
    if (node.type === "pair") {
      const value = betaValue(field(node, "key"), field(node, "value"), source);
      if (value && node.parent?.type === "dictionary") headers.push({ value, range: rangeOf(node), removal: entryRemoval(node, node.parent, source.text) });
    } else if (node.type === "assignment") {
      const left = field(node, "left");
      const value = left?.type === "subscript" ? betaValue(field(left, "subscript"), field(node, "right"), source) : undefined;
      const statement = enclosingStatement(node);
      if (value && statement.type === "expression_statement" && namedChildren(statement).length === 1) headers.push({ value, range: rangeOf(node), removal: lineRemoval(statement, source.text) });
    }
  });
  return headers;
}

function betaValue(key: PyNode | undefined, value: PyNode | undefined, source: SourceText): string | undefined {
  const name = stringValue(key, source);
  const text = stringValue(value, source);
  return name !== undefined && OPENAI_BETA_HEADER.test(name) && text !== undefined && ASSISTANTS_BETA_VALUE.test(text) ? text : undefined;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf("\n", at);
  return end < 0 ? text.length : end + 1;
}

const onlyBlanks = (text: string) => /^[ \t]*$/.test(text);

/** The entry with one comma; its whole line when it stands alone there (not when a comment shares it). */
function entryRemoval(entry: PyNode, dictionary: PyNode, text: string): TextRange {
  const items = dictionary.children;
  const index = items.indexOf(entry);
  const next = items[index + 1];
  const comma = next && !next.named && next.type === "," ? next : undefined;
  const end = comma ? comma.end : entry.end;
  const start = lineStart(text, entry.start);
  const after = lineEnd(text, end);
  if (onlyBlanks(text.slice(start, entry.start)) && onlyBlanks(text.slice(end, after).replace(/\r?\n$/, ""))) return { start, end: after };
  if (comma) {
    // `{"a": 1, "OpenAI-Beta": "…"}` → also the blanks before the next entry.
    let stop = comma.end;
    while (text[stop] === " ") stop++;
    return { start: entry.start, end: stop };
  }
  const previous = items[index - 1];
  if (previous && !previous.named && previous.type === ",") return { start: previous.start, end: entry.end };
  return rangeOf(entry);
}

function lineRemoval(statement: PyNode, text: string): TextRange | undefined {
  // `if beta:` with nothing left under it would not be Python.
  if (statement.parent?.type === "block" && namedChildren(statement.parent).length === 1) return undefined;
  const start = lineStart(text, statement.start);
  const after = lineEnd(text, statement.end);
  if (onlyBlanks(text.slice(start, statement.start)) && onlyBlanks(text.slice(statement.end, after).replace(/\r?\n$/, ""))) return { start, end: after };
  return rangeOf(statement);
}
