// Reading and writing the Python calls a thread rewrite replaces: the client the call is reached
// through, its thread and run id arguments, and keyword arguments rendered back as Python.
import type { TextEdit, TextRange } from "../../types";
import { methodPassedTo, type ParsedPython } from "../extract";
import { lineStartOf } from "../emit/nodes";
import { callArguments, field, forEachDescendant, type PyNode } from "../syntax";
import { dictStatementRemovals, keywordsWithSpreads } from "./spreadDicts";

export class PythonCallReader {
  constructor(
    readonly parsed: ParsedPython,
    readonly text: string,
  ) {}

  of(node: PyNode): string {
    return this.parsed.source.of(node);
  }

  /** The client expression in front of `.beta.` (`client`, `self.client`, `openai`), or undefined. */
  receiver(call: PyNode): string | undefined {
    const calleeNode = this.calleeOf(call);
    const callee = this.of(calleeNode);
    const [receiver] = callee.split(/\s*\.\s*beta\s*\./);
    if (receiver === callee) return this.aliasReceiver(calleeNode);
    // `self.beta = self.client.beta`: the `beta` in front is an alias, and its client is the receiver.
    const beta = this.betaAttribute(calleeNode);
    const aliased = beta && this.parsed.bindings.aliasValueOf(beta);
    const client = aliased && /^([\w.]+?)\s*\.\s*beta$/.exec(this.of(aliased).replace(/\s+/g, ""))?.[1];
    if (!aliased) return receiver;
    // Only a client every method reaches (`self.…`, a module-level name); else there is none to name.
    const root = client?.split(".")[0];
    return client && root && (root === "self" || root === "cls" || this.parsed.bindings.isModuleName(root)) ? client : undefined;
  }

  /** The `<receiver>.beta` attribute node of a callee chain, when `beta` is the first `beta` in it. */
  private betaAttribute(callee: PyNode): PyNode | undefined {
    let found: PyNode | undefined;
    for (let node: PyNode | undefined = callee; node?.type === "attribute"; node = field(node, "object")) if (this.of(field(node, "attribute")!) === "beta") found = node;
    return found;
  }

  /** The SDK method a call makes: its callee, or the method it is handed (`asyncio.to_thread(method, …)`). */
  calleeOf(call: PyNode): PyNode {
    return this.passedMethod(call) ?? field(call, "function")!;
  }

  private passedMethod(call: PyNode): PyNode | undefined {
    const callee = field(call, "function")!;
    if (callee.type === "attribute" && this.parsed.bindings.resolve(callee)?.path.includes("beta")) return undefined;
    return methodPassedTo(call, this.parsed.bindings)?.reference;
  }

  /**
   * Through an alias (`g_runs = client.beta.threads.runs`, `self.threads = client.beta.threads`): the
   * client it was taken from, when every method can reach it (`self.…`, a module-level name).
   */
  private aliasReceiver(callee: PyNode): string | undefined {
    const { bindings } = this.parsed;
    for (let node = field(callee, "object"); node; node = node.type === "attribute" ? field(node, "object") : undefined) {
      const value = bindings.aliasValueOf(node);
      if (!value) continue;
      // `(client.beta.threads.runs)` and `cast(OpenAI, client).beta.threads` name their client too.
      const text = this.of(value).trim();
      const match = /^([\w.]+?|cast\([^()]*\))\s*\.\s*beta\b/.exec(/^\((.*)\)$/s.exec(text)?.[1].trim() ?? text);
      if (!match) return undefined;
      const root = match[1].split(".")[0];
      // A local alias is read where the client it was taken from is in scope.
      if (node.type === "identifier") return match[1];
      const global = (bindings.isModuleName(root) || new RegExp(`^(?:from[ \\t]+\\S+[ \\t]+)?import[ \\t][^\\n]*\\b${root}\\b`, "m").test(this.text)) && !match[1].includes("(");
      return root === "self" || root === "cls" || global || bindings.moduleNames.has(root) ? match[1] : undefined;
    }
    return undefined;
  }

  /** The call's keywords by name (their values), `**dict` spreads read as ./spreadDicts.ts reads them. */
  keywords(call: PyNode): Map<string, PyNode> {
    const read = keywordsWithSpreads(call, this.parsed.source);
    const keywords = typeof read === "string" ? callArguments(call, this.parsed.source).keywords : read.keywords;
    return new Map([...keywords].map(([name, argument]) => [name, field(argument, "value")!]));
  }

  positional(call: PyNode): PyNode[] {
    const passed = this.passedMethod(call);
    return callArguments(call, this.parsed.source).positional.filter((argument) => argument !== passed);
  }

  /** Why the call's spread arguments cannot be passed on by name, if it has such. */
  unreadableSpread(call: PyNode): string | undefined {
    const read = keywordsWithSpreads(call, this.parsed.source);
    return typeof read === "string" ? read : undefined;
  }

  /** The edits removing the dicts a call spreads, which its rewrite passes on by name. */
  spreadRemovals(call: PyNode): TextEdit[] {
    const read = keywordsWithSpreads(call, this.parsed.source);
    return typeof read === "string" ? [] : dictStatementRemovals(read.dictStatements, this.text);
  }

  /** The id argument: its keyword, else the first positional argument. */
  idArgument(call: PyNode, keyword: string): PyNode | undefined {
    return this.keywords(call).get(keyword) ?? this.positional(call)[0];
  }

  /** The whole lines of a statement, line break included. */
  lines(range: TextRange): TextRange {
    const start = lineStartOf(this.text, range.start);
    const newline = this.text.indexOf("\n", range.end);
    return { start, end: newline === -1 ? this.text.length : newline + 1 };
  }

  indentOf(node: PyNode): string {
    return this.text.slice(lineStartOf(this.text, node.start), node.start).match(/^[ \t]*/)![0];
  }

  /** Replaces the call (not its `await`), so the statement around it stays as written. */
  replaceCall(call: PyNode, newText: string): TextEdit {
    const passed = this.passedMethod(call);
    if (passed) {
      // `to_thread(method, a=1)`: the new method is handed on the same way, with its own arguments.
      const outer = this.of(field(call, "function")!);
      const open = newText.indexOf("(");
      if (closingParen(newText, open) === newText.length - 1) return { range: { start: call.start, end: call.end }, newText: `${outer}(${[newText.slice(0, open), newText.slice(open + 1, -1)].filter(Boolean).join(", ")})` };
      return { range: { start: call.start, end: call.end }, newText: `${outer}(lambda: ${newText})` };
    }
    return { range: { start: call.start, end: call.end }, newText };
  }

  /** The quote a string written at `node` uses: the other one inside an f-string's `{…}`. */
  quoteAt(node: PyNode): string {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type === "string") return /^[a-zA-Z]*"/.test(this.of(current)) ? "'" : '"';
    }
    return '"';
  }

  /** Identifiers named `name` in `scope` after `from` (attribute names excluded). */
  references(scope: PyNode, name: string, from: number): PyNode[] {
    const found: PyNode[] = [];
    forEachDescendant(scope, (node) => {
      if (node.type === "identifier" && node.start >= from && node.field !== "attribute" && this.of(node) === name) found.push(node);
    });
    return found;
  }
}

/** `name=value, …` from ordered pairs, skipping the undefined ones. */
export function keywordText(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
  return pairs
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
}

/** The index of the parenthesis closing the one at `open`, ignoring brackets inside strings only roughly. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "(") depth++;
    else if (char === ")" && --depth === 0) return i;
  }
  return -1;
}
