// Where Python code walks the tool calls a model asked for: loops that await each one or call a tool
// for each in turn (sequential), and `asyncio.gather` over them (together, capped or not).
import type { ToolBatch, ToolCallSource, ToolLoop } from "../facts";
import type { PythonBindings } from "./bindings";
import { alternatives, attributeName, callArguments, containsNode, containsOutsideFunctions, field, hasChildToken, namedChildren, rangeOf, stringValue, unwrap, type PyNode, type SourceText } from "./syntax";

const TYPE_SOURCES: Array<[RegExp, ToolCallSource]> = [
  [/RequiredActionFunctionToolCall/, "assistants-required-action"],
  [/ResponseFunctionToolCall/, "responses-function-call"],
  [/ChatCompletion\w*ToolCall/, "chat-tool-calls"],
];
const TOOL_CALLS_NAME = /^(tool_?calls|function_?calls)$/i;
const ASSISTANTS_HINT = /required_action|submit_tool_outputs/;
const LIMITER = /sem(aphore)?\b|semaphore|limit|throttle|bounded|capped|pool/i;
/** Calls that do no tool work: building outputs, parsing arguments, logging. */
const PURE_FUNCTIONS = new Set(["print", "len", "str", "int", "float", "bool", "dict", "list", "tuple", "set", "repr", "isinstance", "getattr", "hasattr", "range", "enumerate", "zip", "sorted", "min", "max", "any", "all", "type", "format", "cast"]);
const PURE_METHODS = new Set(["append", "extend", "insert", "get", "items", "keys", "values", "format", "strip", "lower", "upper", "split", "join", "loads", "dumps", "debug", "info", "warning", "warn", "error", "exception", "update", "pop", "setdefault", "startswith", "endswith", "replace", "encode", "decode", "copy", "model_dump", "model_dump_json", "to_dict", "to_json"]);
const PURE_RECEIVERS = new Set(["json", "logging", "logger", "log", "LOGGER", "re", "math", "os", "st"]);
const SEQUENCE_WRAPPERS = new Set(["list", "enumerate", "sorted", "reversed", "tuple", "iter"]);

class ToolCallCollections {
  private readonly parameterSources = new Map<string, ToolCallSource>();
  private readonly visiting = new Set<PyNode>();

  constructor(
    private readonly bindings: PythonBindings,
    private readonly source: SourceText,
  ) {
    for (const parameter of bindings.typedParameters) {
      const type = field(parameter, "type");
      const name = parameter.type === "typed_parameter" ? namedChildren(parameter).find((child) => child.type === "identifier") : field(parameter, "name");
      const match = type && TYPE_SOURCES.find(([pattern]) => pattern.test(source.of(type)));
      if (match && name) this.parameterSources.set(source.of(name), match[1]);
    }
  }

  /** Which tool calls `node` holds, if it is a collection of them. */
  sourceOf(node: PyNode): ToolCallSource | undefined {
    for (const value of alternatives(node, this.source)) {
      const found = this.sourceOfValue(value);
      if (found) return found;
    }
    return undefined;
  }

  private sourceOfValue(inner: PyNode): ToolCallSource | undefined {
    if (this.visiting.has(inner)) return undefined;
    this.visiting.add(inner);
    try {
      return this.sourceOfUnvisited(inner);
    } finally {
      this.visiting.delete(inner);
    }
  }

  private sourceOfUnvisited(inner: PyNode): ToolCallSource | undefined {
    if (attributeName(inner, this.source) === "tool_calls") return ASSISTANTS_HINT.test(this.source.of(inner)) ? "assistants-required-action" : "chat-tool-calls";
    if (inner.type === "subscript") return this.sourceOf(field(inner, "value")!);
    if (inner.type === "call") {
      const callee = field(inner, "function")!;
      const { positional } = callArguments(inner, this.source);
      if (callee.type === "identifier" && (SEQUENCE_WRAPPERS.has(this.source.of(callee)) || this.source.of(callee) === "filter") && positional.length > 0) {
        return this.sourceOf(positional[positional.length - 1]);
      }
      if (attributeName(callee, this.source) === "copy") return this.sourceOf(field(callee, "object")!);
      return undefined;
    }
    if (inner.type === "list_comprehension" || inner.type === "generator_expression") {
      const clause = namedChildren(inner).find((child) => child.type === "for_in_clause");
      const iterable = clause && field(clause, "right");
      if (!iterable) return undefined;
      const filters = namedChildren(inner).filter((child) => child.type === "if_clause");
      if (filters.some((filter) => mentionsFunctionCall(filter, this.source)) && this.isResponseOutput(iterable)) return "responses-function-call";
      return this.sourceOf(iterable);
    }
    if (inner.type === "identifier") {
      const name = this.source.of(inner);
      const parameterSource = this.parameterSources.get(name);
      if (parameterSource) return parameterSource;
      const values = this.bindings.valuesOf(inner);
      for (const value of values) {
        const found = this.sourceOf(value);
        if (found) return found;
      }
      if (values.length === 0 && TOOL_CALLS_NAME.test(name)) {
        if (/^function_?calls$/i.test(name)) return "responses-function-call";
        return ASSISTANTS_HINT.test(this.source.text) ? "assistants-required-action" : "chat-tool-calls";
      }
    }
    return undefined;
  }

  /** `response.output`, directly or through a name. */
  isResponseOutput(node: PyNode): boolean {
    return alternatives(node, this.source).some((inner) => {
      if (attributeName(inner, this.source) === "output") return true;
      return inner.type === "identifier" && this.bindings.valuesOf(inner).some((value) => attributeName(unwrap(value, this.source), this.source) === "output");
    });
  }
}

function mentionsFunctionCall(node: PyNode, source: SourceText): boolean {
  return containsNode(node, (child) => child.type === "string" && stringValue(child, source) === "function_call");
}

function loopSource(loop: PyNode, collections: ToolCallCollections, source: SourceText): ToolCallSource | undefined {
  if (loop.type === "for_statement") {
    const iterable = field(loop, "right");
    if (!iterable) return undefined;
    const found = collections.sourceOf(iterable);
    if (found) return found;
    if (collections.isResponseOutput(iterable) && mentionsFunctionCall(field(loop, "body") ?? loop, source)) return "responses-function-call";
    return undefined;
  }
  const condition = field(loop, "condition");
  let found: ToolCallSource | undefined;
  if (condition) {
    containsNode(condition, (node) => {
      if (node.type === "identifier" || node.type === "attribute") found = collections.sourceOf(node);
      return found !== undefined;
    });
  }
  return found;
}

function loopHeadRange(loop: PyNode) {
  const last = loop.type === "for_statement" ? field(loop, "right") : field(loop, "condition");
  return { start: loop.start, end: (last ?? loop).end };
}

/** A call that does a tool's work: not a builtin, not building the outputs, not parsing or logging. */
function isToolWork(call: PyNode, source: SourceText): boolean {
  const callee = field(call, "function");
  if (!callee) return false;
  if (callee.type === "identifier") return !PURE_FUNCTIONS.has(source.of(callee));
  if (callee.type === "attribute") {
    const object = field(callee, "object")!;
    if (PURE_METHODS.has(attributeName(callee, source)!)) return false;
    return !(object.type === "identifier" && PURE_RECEIVERS.has(source.of(object)));
  }
  return true;
}

function gatheredToolCalls(call: PyNode, collections: ToolCallCollections, bindings: PythonBindings, source: SourceText): { source: ToolCallSource; element: PyNode } | undefined {
  const args = field(call, "arguments");
  for (const arg of args ? namedChildren(args) : []) {
    let spread = arg.type === "list_splat" ? namedChildren(arg)[0] : undefined;
    if (!spread) continue;
    spread = unwrap(spread, source);
    if (spread.type === "identifier") spread = bindings.valuesOf(spread).map((value) => unwrap(value, source)).find((value) => value.type === "list_comprehension" || value.type === "generator_expression" || value.type === "call") ?? spread;
    if (spread.type === "list_comprehension" || spread.type === "generator_expression") {
      const found = collections.sourceOf(spread);
      const element = field(spread, "body");
      if (found && element) return { source: found, element };
    } else if (spread.type === "call" && source.of(field(spread, "function")!) === "map") {
      const [mapped, iterable] = callArguments(spread, source).positional;
      const found = iterable && collections.sourceOf(iterable);
      if (found && mapped) return { source: found, element: mapped };
    }
  }
  return undefined;
}

/** The element (or a function it calls, defined in this file) holds a semaphore or calls a limiter. */
function isCapped(element: PyNode, functions: readonly PyNode[], source: SourceText): boolean {
  const called = new Set<string>();
  const inspect = (node: PyNode): boolean =>
    containsNode({ ...node, children: [node] }, (child) => {
      if (child.type === "call") {
        const callee = unwrap(field(child, "function")!, source);
        const name = callee.type === "identifier" ? source.of(callee) : attributeName(callee, source);
        if (name && (LIMITER.test(name) || name === "acquire")) return true;
        if (name) called.add(name);
      }
      if (child.type === "identifier") called.add(source.of(child));
      return child.type === "with_item" && LIMITER.test(source.of(child));
    });
  if (inspect(element)) return true;
  return functions.some((fn) => called.has(source.of(field(fn, "name")!)) && inspect(field(fn, "body") ?? fn));
}

function isGather(call: PyNode, source: SourceText): boolean {
  const callee = unwrap(field(call, "function")!, source);
  if (callee.type === "identifier") return source.of(callee) === "gather";
  return attributeName(callee, source) === "gather" && source.of(field(callee, "object")!) === "asyncio";
}

export function findPythonToolCallUsage(bindings: PythonBindings, source: SourceText): { toolLoops: ToolLoop[]; toolBatches: ToolBatch[] } {
  const collections = new ToolCallCollections(bindings, source);
  const toolLoops: ToolLoop[] = [];
  const toolBatches: ToolBatch[] = [];
  for (const loop of bindings.loops) {
    const found = loopSource(loop, collections, source);
    if (!found) continue;
    const body = field(loop, "body") ?? loop;
    const awaitsInBody = containsOutsideFunctions(body, (node) => node.type === "await" || ((node.type === "for_statement" || node.type === "with_statement") && hasChildToken(node, "async")));
    const callsToolInBody = !awaitsInBody && containsOutsideFunctions(body, (node) => node.type === "call" && isToolWork(node, source));
    toolLoops.push({ source: found, headRange: loopHeadRange(loop), awaitsInBody, callsToolInBody });
  }
  for (const call of bindings.calls) {
    if (!isGather(call, source)) continue;
    const gathered = gatheredToolCalls(call, collections, bindings, source);
    if (gathered) toolBatches.push({ kind: "asyncio-gather", source: gathered.source, range: rangeOf(field(call, "function")!), capped: isCapped(gathered.element, bindings.functions, source) });
  }
  return { toolLoops, toolBatches };
}
