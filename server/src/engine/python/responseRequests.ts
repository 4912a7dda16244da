// Reads what a Python `responses.create` / `responses.stream` call asks for: keyword arguments (and a
// `**params` dict in the same file), chaining options, tool shapes and chat-style messages in `input`,
// following names, `+`, `[*a, b]`, `.append(...)`, `cast(...)`, conditionals and `or`.
import type { ApiCall, ChatShapedTool, ChatToolMessage, ResponseRequest } from "../facts";
import type { TextRange } from "../types";
import type { PythonBindings } from "./bindings";
import { alternatives, attributeName, callArguments, field, isFunction, namedChildren, rangeOf, stringValue, unwrap, type PyNode, type SourceText } from "./syntax";

const REQUEST_METHODS = new Set(["create", "stream", "parse"]);
const EXPIRED_CHAIN_HANDLING = /NotFoundError|\b404\b|previous_response_not_found/;

/** One option of the request: its value and the range a finding points at (`store=False`). */
interface Option {
  value: PyNode;
  range: TextRange;
}

/** `"key": value` pairs of a dict literal by key. */
function dictionaryPairs(dictionary: PyNode, source: SourceText): Map<string, PyNode> {
  const pairs = new Map<string, PyNode>();
  for (const pair of namedChildren(dictionary)) {
    const key = pair.type === "pair" ? stringValue(field(pair, "key"), source) : undefined;
    if (key !== undefined) pairs.set(key, pair);
  }
  return pairs;
}

class RequestReader {
  private readonly appends = new Map<string, PyNode[]>();

  constructor(
    private readonly bindings: PythonBindings,
    private readonly source: SourceText,
  ) {
    for (const call of bindings.calls) {
      const callee = field(call, "function")!;
      const object = field(callee, "object");
      if ((attributeName(callee, source) === "append" || attributeName(callee, source) === "extend") && object?.type === "identifier") {
        const name = source.of(object);
        const list = this.appends.get(name) ?? [];
        for (const arg of callArguments(call, source).positional) list.push(attributeName(callee, source) === "extend" ? arg : wrapAsList(arg));
        this.appends.set(name, list);
      }
    }
  }

  /** The dict literals `node` may be, following names. */
  dictionariesOf(node: PyNode, seen = new Set<PyNode>()): PyNode[] {
    return alternatives(node, this.source).flatMap((inner) => {
      if (inner.type === "dictionary") return [inner];
      if (inner.type !== "identifier" || seen.has(inner)) return [];
      seen.add(inner);
      return this.bindings.valuesOf(inner).flatMap((value) => this.dictionariesOf(value, seen));
    });
  }

  options(call: PyNode): Map<string, Option> {
    const options = new Map<string, Option>();
    const { keywords, splats } = callArguments(call, this.source);
    for (const splat of splats) {
      for (const dictionary of this.dictionariesOf(splat)) {
        for (const [key, pair] of dictionaryPairs(dictionary, this.source)) options.set(key, { value: field(pair, "value")!, range: rangeOf(pair) });
      }
    }
    for (const [name, argument] of keywords) options.set(name, { value: field(argument, "value")!, range: rangeOf(argument) });
    return options;
  }

  /** The elements a list expression may hold, following names, `+`, splats and appends. */
  elements(node: PyNode | undefined, seen = new Set<string>()): PyNode[] {
    if (!node) return [];
    return alternatives(node, this.source).flatMap((inner): PyNode[] => {
      if (inner.type === "list" || inner.type === "tuple") {
        return namedChildren(inner).flatMap((element) => (element.type === "list_splat" ? this.elements(namedChildren(element)[0], seen) : [element]));
      }
      if (inner.type === "binary_operator") return [...this.elements(field(inner, "left"), seen), ...this.elements(field(inner, "right"), seen)];
      if (inner.type === "call" && this.source.of(field(inner, "function")!) === "list") return this.elements(callArguments(inner, this.source).positional[0], seen);
      if (inner.type !== "identifier") return [];
      const name = this.source.of(inner);
      if (seen.has(name)) return [];
      seen.add(name);
      return [...this.bindings.valuesOf(inner).flatMap((value) => this.elements(value, seen)), ...(this.appends.get(name) ?? []).flatMap((value) => this.elements(value, seen))];
    });
  }

  chatShapedTools(tools: PyNode | undefined): ChatShapedTool[] {
    return this.elements(tools).flatMap((element) =>
      this.dictionariesOf(element).flatMap((tool) => {
        const pairs = dictionaryPairs(tool, this.source);
        const type = pairs.get("type");
        if (!type || stringValue(unwrap(field(type, "value")!, this.source), this.source) !== "function" || !pairs.has("function")) return [];
        const inner = this.dictionariesOf(field(pairs.get("function")!, "value")!)[0];
        const nameValue = inner && dictionaryPairs(inner, this.source).get("name");
        return [{ range: rangeOf(tool), name: nameValue ? stringValue(field(nameValue, "value"), this.source) : undefined }];
      }),
    );
  }

  chatToolMessages(input: PyNode | undefined): ChatToolMessage[] {
    return this.elements(input).flatMap((element) =>
      this.dictionariesOf(element).flatMap((message): ChatToolMessage[] => {
        const pairs = dictionaryPairs(message, this.source);
        const role = pairs.get("role");
        if ((role && stringValue(field(role, "value"), this.source) === "tool") || pairs.has("tool_call_id")) return [{ range: rangeOf(message), kind: "tool-role" }];
        if (pairs.has("tool_calls")) return [{ range: rangeOf(message), kind: "tool-calls" }];
        return [];
      }),
    );
  }

  /**
   * `previous_response_id=response.id` where `response` holds a `responses.create` result, or is a
   * stream handler's `self.current_run` (the response its events are streaming now).
   */
  chainsFreshResponse(value: PyNode | undefined): boolean {
    const inner = value && unwrap(value, this.source);
    if (!inner || attributeName(inner, this.source) !== "id") return false;
    const object = field(inner, "object")!;
    if (/^self\s*\.\s*current_run$/.test(this.source.of(object))) return true;
    if (object.type !== "identifier") return false;
    return this.bindings.valuesOf(object).some((created) => {
      const call = unwrap(created, this.source);
      return call.type === "call" && /\bresponses\s*\.\s*(create|parse)$/.test(this.source.of(field(call, "function")!));
    });
  }
}

function wrapAsList(node: PyNode): PyNode {
  return { type: "list", start: node.start, end: node.end, named: true, children: [node], parent: node.parent };
}

/** A try/except naming the expired chain, or a fallback wrapper call, around the request. */
function handlesExpiredChain(call: PyNode, source: SourceText): boolean {
  let child = call;
  for (let node = call.parent; node; child = node, node = node.parent) {
    if (node.type === "try_statement" && child.field === "body") {
      if (node.children.some((clause) => clause.type === "except_clause" && EXPIRED_CHAIN_HANDLING.test(source.of(clause)))) return true;
    }
    if (node.type === "call" && /fallback|with_chain|retry/i.test(source.of(field(node, "function")!))) return true;
    if (isFunction(node) && node.type !== "lambda") break;
  }
  return false;
}

export function findPythonResponseRequests(bindings: PythonBindings, source: SourceText, calls: readonly ApiCall[], nodes: ReadonlyMap<ApiCall, PyNode>): ResponseRequest[] {
  const reader = new RequestReader(bindings, source);
  const seenTools = new Set<number>();
  const seenMessages = new Set<number>();
  const requests: ResponseRequest[] = [];
  for (const call of calls) {
    const method = call.path[call.path.length - 1];
    if (call.path[call.path.length - 2] !== "responses" || !REQUEST_METHODS.has(method)) continue;
    const node = nodes.get(call)!;
    const options = reader.options(node);
    const store = options.get("store");
    const chained = options.get("previous_response_id");
    const previous = chained && unwrap(chained.value, source).type !== "none" ? chained : undefined;
    requests.push({
      method,
      calleeRange: call.calleeRange,
      callRange: call.callRange,
      previousResponseId: previous?.range,
      storeFalse: store && unwrap(store.value, source).type === "false" ? store.range : undefined,
      handlesExpiredChain: handlesExpiredChain(node, source),
      chainsFreshResponse: reader.chainsFreshResponse(previous?.value),
      chatShapedTools: reader.chatShapedTools(options.get("tools")?.value).filter((tool) => !seenTools.has(tool.range.start) && seenTools.add(tool.range.start)),
      chatToolMessages: reader.chatToolMessages(options.get("input")?.value).filter((message) => !seenMessages.has(message.range.start) && seenMessages.add(message.range.start)),
    });
  }
  return requests;
}
