// The tool-loop fixes, as Python:
// - sequential-tool-loop, sync: the loop body becomes a function run by
//   `concurrent.futures.ThreadPoolExecutor(max_workers=N)`; `executor.map` keeps the calls' order.
// - sequential-tool-loop, async: the body becomes an `async def` guarded by an `asyncio.Semaphore(N)`,
//   awaited together with `asyncio.gather`, which also keeps the order.
// - unbounded-tool-concurrency: each coroutine handed to `asyncio.gather` waits for the semaphore.
// Loop fixes apply to a body that ends by appending one result (`outputs.append(...)`) and has no
// other way out (break, continue, return, yield). They change when tools run, so they are unsafe.
import type { Finding, Fix, TextEdit } from "../../types";
import { attributeName, callArguments, containsOutsideFunctions, enclosingStatement, field, forEachDescendant, hasChildToken, namedChildren, unwrap, type PyNode } from "../syntax";
import type { PythonFixContext } from "./index";
import { freshName, importEdit, indentLines, indentationAt, lineEndingOf, lineStartOf, nodeAt } from "./nodes";

const EXITS = new Set(["break_statement", "continue_statement", "return_statement", "yield", "global_statement", "nonlocal_statement"]);

interface LoopShape {
  loop: PyNode;
  target: string;
  iterable: PyNode;
  /** The statements before the final append, and the appended expression. */
  statements: PyNode[];
  results: string;
  appended: PyNode;
  elementType?: string;
}

function loopShape(loop: PyNode, context: PythonFixContext): LoopShape | undefined {
  const { source } = context.parsed;
  const left = field(loop, "left");
  const iterable = field(loop, "right");
  const body = field(loop, "body");
  if (loop.type !== "for_statement" || !left || !iterable || !body || field(loop, "alternative") || hasChildToken(loop, "async")) return undefined;
  if (left.type !== "identifier" && !(left.type === "pattern_list" && namedChildren(left).every((name) => name.type === "identifier"))) return undefined;
  const statements = namedChildren(body);
  const last = statements[statements.length - 1];
  const call = last?.type === "expression_statement" ? namedChildren(last)[0] : undefined;
  if (call?.type !== "call" || attributeName(field(call, "function"), source) !== "append") return undefined;
  const list = field(field(call, "function")!, "object")!;
  const { positional, keywords, splats } = callArguments(call, source);
  if (list.type !== "identifier" || positional.length !== 1 || keywords.size > 0 || splats.length > 0) return undefined;
  const results = source.of(list);
  const earlier = statements.slice(0, -1);
  // The results list must be touched only by the final append; the body must not leave early.
  if (earlier.some((statement) => containsOutsideFunctions({ ...statement, children: [statement] }, (node) => EXITS.has(node.type) || (node.type === "identifier" && source.of(node) === results)))) return undefined;
  // The body must start on its own line, so it can move as written.
  if (context.text.slice(lineStartOf(context.text, statements[0].start), statements[0].start).trim() !== "") return undefined;
  return { loop, target: source.of(left), iterable, statements: earlier, results, appended: positional[0], elementType: elementTypeOf(loop, results, context) };
}

/** `T` when the results list is declared `results: list[T] = …` in the loop's scope: the helper returns it. */
function elementTypeOf(loop: PyNode, results: string, context: PythonFixContext): string | undefined {
  const { source } = context.parsed;
  let scope = loop.parent;
  while (scope && scope.type !== "function_definition" && scope.type !== "module") scope = scope.parent;
  let found: string | undefined;
  forEachDescendant(scope ?? context.parsed.root, (node) => {
    if (found !== undefined || (node !== scope && node.type === "function_definition")) return false;
    if (node.type !== "assignment" || source.of(field(node, "left") ?? node) !== results) return true;
    const type = field(node, "type");
    const match = type && /^(?:list|List|typing\.List)\[(.+)\]$/s.exec(source.of(type));
    if (match) found = match[1];
    return false;
  });
  return found;
}

/** The body's lines (all but the final append) followed by `return <appended>`, each indented by `extra`. */
function functionBody(shape: LoopShape, context: PythonFixContext, bodyIndent: string, extra: string): string[] {
  const { text } = context;
  const lines: string[] = [];
  // Everything above the final append's line moves, comments included.
  const colon = shape.loop.children.find((child) => child.type === ":")!;
  const from = text.indexOf("\n", colon.end) + 1;
  const to = lineStartOf(text, shape.appended.parent!.parent!.start);
  if (to > from) {
    for (const line of text.slice(from, to).replace(/\r?\n$/, "").split(/\r?\n/)) lines.push(line.trim() === "" ? "" : extra + line);
  }
  const appended = context.parsed.source.of(shape.appended).split(/\r?\n/);
  lines.push(`${bodyIndent}${extra}return ${appended[0]}`, ...appended.slice(1).map((line) => extra + line));
  return lines;
}

export function sequentialLoopFixes(finding: Finding, context: PythonFixContext): Fix[] {
  const { text, parsed, settings } = context;
  const loop = nodeAtHead(parsed.root, finding.range.start);
  const shape = loop && loopShape(loop, context);
  const indent = loop && indentationAt(text, loop.start);
  if (!shape || indent === undefined) return [];
  const body = field(loop, "body")!;
  const bodyIndent = indentationAt(text, namedChildren(body)[0].start) ?? `${indent}    `;
  const unit = bodyIndent.slice(indent.length) || "    ";
  const eol = lineEndingOf(text);
  const cap = settings.toolConcurrency;
  const worker = freshName(text, "run_tool_call");
  const iterable = parsed.source.of(shape.iterable);
  const isAsync = finding.message.includes("awaits");
  const lines = isAsync
    ? (() => {
        const semaphore = freshName(text, "semaphore");
        return [
          `${semaphore} = asyncio.Semaphore(${cap})`,
          "",
          `${indent}async def ${worker}(${shape.target})${shape.elementType ? ` -> ${shape.elementType}` : ""}:`,
          `${bodyIndent}async with ${semaphore}:`,
          ...functionBody(shape, context, bodyIndent, unit),
          "",
          `${indent}${shape.results}.extend(await asyncio.gather(*(${worker}(${shape.target}) for ${shape.target} in ${iterable})))`,
        ];
      })()
    : [
        `def ${worker}(${shape.target})${shape.elementType ? ` -> ${shape.elementType}` : ""}:`,
        ...functionBody(shape, context, bodyIndent, ""),
        "",
        `${indent}with concurrent.futures.ThreadPoolExecutor(max_workers=${cap}) as executor:`,
        `${bodyIndent}${shape.results}.extend(executor.map(${worker}, ${iterable}))`,
      ];
  if (shape.target.includes(",") && !isAsync) return [];
  const edits: TextEdit[] = [{ range: { start: loop.start, end: loop.end }, newText: lines.map((line, index) => (index === 0 || line === "" || line.startsWith(indent) ? line : indent + line)).join(eol) }];
  const imported = importEdit(parsed.root, text, isAsync ? "asyncio" : "concurrent.futures");
  if (imported) edits.unshift(imported);
  const how = isAsync ? `asyncio.gather, at most ${cap} at a time (asyncio.Semaphore)` : `a ThreadPoolExecutor with ${cap} workers`;
  return [{ title: `Run the tool calls together with ${how}`, edits, safe: false, preferred: true }];
}

function nodeAtHead(root: PyNode, start: number): PyNode | undefined {
  let found: PyNode | undefined;
  forEachDescendant(root, (node) => {
    if (found || node.end < start || node.start > start) return false;
    if (node.type === "for_statement" && node.start === start) found = node;
    return !found;
  });
  return found;
}

export function unboundedGatherFixes(finding: Finding, context: PythonFixContext): Fix[] {
  const { text, parsed, settings } = context;
  const callee = nodeAt(parsed.root, finding.range);
  const call = callee?.parent;
  if (call?.type !== "call") return [];
  const spread = namedChildren(field(call, "arguments")!).find((arg) => arg.type === "list_splat");
  const comprehension = spread && unwrap(namedChildren(spread)[0], parsed.source);
  const element = comprehension && (comprehension.type === "generator_expression" || comprehension.type === "list_comprehension") ? field(comprehension, "body") : undefined;
  // A task has started already; only a coroutine not yet awaited can wait for the semaphore.
  if (!element || element.type !== "call" || /\b(create_task|ensure_future)$/.test(parsed.source.of(field(element, "function")!))) return [];
  const statement = enclosingStatement(call);
  const indent = indentationAt(text, statement.start);
  if (indent === undefined) return [];
  const eol = lineEndingOf(text);
  const semaphore = freshName(text, "semaphore");
  const limited = freshName(text, "limited");
  const helper = [
    `${semaphore} = asyncio.Semaphore(${settings.toolConcurrency})`,
    "",
    `${indent}async def ${limited}(coroutine):`,
    `${indent}    async with ${semaphore}:`,
    `${indent}        return await coroutine`,
    "",
    indent,
  ];
  const edits: TextEdit[] = [
    { range: { start: statement.start, end: statement.start }, newText: helper.join(eol) },
    { range: { start: element.start, end: element.start }, newText: `${limited}(` },
    { range: { start: element.end, end: element.end }, newText: ")" },
  ];
  const imported = importEdit(parsed.root, text, "asyncio");
  if (imported) edits.unshift(imported);
  return [{ title: `Cap the tool calls at ${settings.toolConcurrency} at a time (asyncio.Semaphore)`, edits, safe: true, preferred: true }];
}
