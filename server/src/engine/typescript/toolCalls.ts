// Finds where code walks the tool calls a model asked for: loops that await each one (sequential),
// and batches that start them together (`Promise.all(calls.map(…))`, `calls.forEach(async …)`).
import ts from "typescript";
import type { ToolBatch, ToolCallSource, ToolLoop } from "../facts";
import type { OpenAIBindings } from "./bindings";
import { accessedName, containsNode, containsOutsideFunctions, forEachDescendant, rangeOf, unwrap, type SyntaxIndex } from "./syntax";
import { possibleValues } from "./valueFlow";

const LIMITER_NAME = /limit|throttle|semaphore|mutex|queue|schedule|pool|bottleneck|concurren/i;
const TYPE_SOURCES: Array<[RegExp, ToolCallSource]> = [
  [/RequiredActionFunctionToolCall/, "assistants-required-action"],
  [/ResponseFunctionToolCall/, "responses-function-call"],
  [/ChatCompletion\w*ToolCall/, "chat-tool-calls"],
];

const COLLECTION_METHODS = new Set(["filter", "slice", "entries", "values", "concat", "toSorted", "toReversed"]);
const TOOL_CALLS_NAME = /^(tool_?calls|function_?calls)$/i;
const ASSISTANTS_HINT = /required_action|submit_tool_outputs|submitToolOutputs|requiredAction/;

function mentionsFunctionCallType(node: ts.Node): boolean {
  return containsNode(node, (child) => ts.isStringLiteralLike(child) && child.text === "function_call");
}

function sourceOfToolCallsChain(expression: ts.Expression): ToolCallSource {
  const text = expression.getText();
  return /submit_tool_outputs|required_action|submitToolOutputs|requiredAction/.test(text) ? "assistants-required-action" : "chat-tool-calls";
}

class ToolCallCollections {
  private readonly parameterSources = new Map<string, ToolCallSource>();
  /** Collections being asked about, so `calls = calls.filter(…)` cannot loop. */
  private readonly visiting = new Set<ts.Node>();

  constructor(
    sourceFile: ts.SourceFile,
    private readonly bindings: OpenAIBindings,
    typedParameters: readonly ts.ParameterDeclaration[],
  ) {
    for (const node of typedParameters) {
      const typeText = node.type!.getText(sourceFile);
      const match = TYPE_SOURCES.find(([pattern]) => pattern.test(typeText));
      if (match) this.parameterSources.set((node.name as ts.Identifier).text, match[1]);
    }
  }

  /** Which tool calls `expression` holds, if it is a collection of them (any of the values it may have). */
  sourceOf(expression: ts.Expression): ToolCallSource | undefined {
    if (this.visiting.has(expression)) return undefined;
    this.visiting.add(expression);
    try {
      for (const value of possibleValues(expression, this.bindings)) {
        const source = this.sourceOfValue(value);
        if (source) return source;
      }
      return undefined;
    } finally {
      this.visiting.delete(expression);
    }
  }

  private sourceOfValue(value: ts.Expression): ToolCallSource | undefined {
    const name = accessedName(value);
    if (name === "tool_calls" || name === "toolCalls") return sourceOfToolCallsChain(value);
    if (ts.isArrayLiteralExpression(value)) {
      for (const element of value.elements) {
        const source = ts.isSpreadElement(element) ? this.sourceOf(element.expression) : undefined;
        if (source) return source;
      }
      return undefined;
    }
    if (ts.isCallExpression(value)) {
      const method = accessedName(value.expression);
      const receiver = ts.isPropertyAccessExpression(value.expression) ? value.expression.expression : undefined;
      if (!receiver || !COLLECTION_METHODS.has(method!)) return undefined;
      if (method === "filter" && value.arguments.some(mentionsFunctionCallType)) return "responses-function-call";
      const fromReceiver = this.sourceOf(receiver);
      if (fromReceiver || method !== "concat") return fromReceiver;
      for (const argument of value.arguments) {
        const source = this.sourceOf(ts.isSpreadElement(argument) ? argument.expression : argument);
        if (source) return source;
      }
      return undefined;
    }
    if (ts.isIdentifier(value)) {
      // A name with no value to follow: a parameter, typed or named for tool calls.
      const parameterSource = this.parameterSources.get(value.text);
      if (parameterSource) return parameterSource;
      // An untyped parameter or loose variable named for tool calls (`async function run(toolCalls)`)
      // holds them in practice; which kind is read from what else the file talks about.
      if (TOOL_CALLS_NAME.test(value.text)) {
        if (/^function_?calls$/i.test(value.text)) return "responses-function-call";
        return ASSISTANTS_HINT.test(value.getSourceFile().text) ? "assistants-required-action" : "chat-tool-calls";
      }
    }
    return undefined;
  }

  /** `response.output` walked with a `type === "function_call"` check in the body also walks function calls. */
  isResponseOutput(expression: ts.Expression): boolean {
    return possibleValues(expression, this.bindings).some((value) => accessedName(value) === "output");
  }
}

function awaitsOutsideFunctions(body: ts.Node): boolean {
  return containsOutsideFunctions(body, (node) => ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined));
}

function loopHeadRange(loop: ts.IterationStatement, sourceFile: ts.SourceFile) {
  const start = loop.getStart(sourceFile);
  if (ts.isDoStatement(loop)) return { start, end: start + 2 };
  const closeParen = loop.statement.getFullStart();
  const headText = sourceFile.text.slice(start, closeParen).trimEnd();
  return { start, end: start + headText.length };
}

function loopSource(loop: ts.IterationStatement, collections: ToolCallCollections): ToolCallSource | undefined {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) {
    const source = collections.sourceOf(loop.expression);
    if (source) return source;
    if (collections.isResponseOutput(loop.expression) && mentionsFunctionCallType(loop.statement)) return "responses-function-call";
    return undefined;
  }
  const condition = ts.isForStatement(loop) ? loop.condition : (loop as ts.WhileStatement | ts.DoStatement).expression;
  if (!condition) return undefined;
  let found: ToolCallSource | undefined;
  forEachDescendant(condition, (node) => {
    if (found) return false;
    if (ts.isExpression(node) && (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node))) found = collections.sourceOf(node);
    return found === undefined;
  });
  return found;
}

function callbackOf(call: ts.CallExpression): ts.Expression | undefined {
  const callback = call.arguments[0];
  return callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) ? callback : undefined;
}

function isCapped(callback: ts.Node, limiterNames: ReadonlySet<string>): boolean {
  return containsNode(callback, (node) => {
    if (!ts.isCallExpression(node)) return false;
    const callee = unwrap(node.expression);
    if (ts.isIdentifier(callee)) return limiterNames.has(callee.text) || LIMITER_NAME.test(callee.text);
    if (ts.isPropertyAccessExpression(callee)) {
      return LIMITER_NAME.test(callee.name.text) || callee.name.text === "acquire" || (ts.isIdentifier(callee.expression) && (limiterNames.has(callee.expression.text) || LIMITER_NAME.test(callee.expression.text)));
    }
    return false;
  });
}

function limiterNamesOf(bindings: OpenAIBindings): Set<string> {
  const names = new Set<string>();
  for (const [name, initializer] of bindings.allInitializers()) {
    const inner = unwrap(initializer);
    if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) {
      const callee = unwrap(inner.expression).getText();
      if (/^(pLimit|plimit|limit|createLimiter|Bottleneck|PQueue|Semaphore|Sema|Mutex)\b|limit/i.test(callee)) names.add(name);
    }
  }
  return names;
}

/** `Promise.all(X)` where X maps tool calls, directly or through a const. */
function mappedToolCalls(argument: ts.Expression, collections: ToolCallCollections, bindings: OpenAIBindings): { source: ToolCallSource; callback: ts.Expression } | undefined {
  for (const value of possibleValues(argument, bindings)) {
    if (!ts.isCallExpression(value) || accessedName(value.expression) !== "map" || !ts.isPropertyAccessExpression(value.expression)) continue;
    const source = collections.sourceOf(value.expression.expression);
    const callback = value.arguments[0];
    if (source && callback) return { source, callback };
  }
  return undefined;
}

export function findToolCallUsage(sourceFile: ts.SourceFile, bindings: OpenAIBindings, index: SyntaxIndex): { toolLoops: ToolLoop[]; toolBatches: ToolBatch[] } {
  const collections = new ToolCallCollections(sourceFile, bindings, index.typedParameters);
  const limiterNames = limiterNamesOf(bindings);
  const toolLoops: ToolLoop[] = [];
  const toolBatches: ToolBatch[] = [];
  for (const node of index.iterations) {
    const source = loopSource(node, collections);
    if (source) toolLoops.push({ source, headRange: loopHeadRange(node, sourceFile), awaitsInBody: awaitsOutsideFunctions(node.statement) });
  }
  for (const node of index.calls) {
    const callee = unwrap(node.expression);
    const method = accessedName(callee);
    if (!ts.isPropertyAccessExpression(callee)) continue;
    if ((method === "all" || method === "allSettled") && ts.isIdentifier(callee.expression) && callee.expression.text === "Promise" && node.arguments[0]) {
      const mapped = mappedToolCalls(node.arguments[0], collections, bindings);
      if (mapped) toolBatches.push({ kind: "promise-all", source: mapped.source, range: rangeOf(callee, sourceFile), capped: isCapped(mapped.callback, limiterNames) });
    } else if (method === "forEach") {
      const callback = callbackOf(node);
      const source = collections.sourceOf(callee.expression);
      const isAsync = callback && ts.getModifiers(callback as ts.ArrowFunction)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
      if (source && isAsync) toolBatches.push({ kind: "for-each-async", source, range: rangeOf(callee, sourceFile), capped: false });
    }
  }
  return { toolLoops, toolBatches };
}

