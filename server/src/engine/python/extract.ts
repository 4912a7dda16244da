// The Python front end: parses a file with tree-sitter and extracts the same language-neutral facts
// the TypeScript front end does, so every rule runs on Python unchanged.
import type { ApiCall, SourceFacts } from "../facts";
import { findMigrationTodos } from "../typescript/extract";
import { PythonBindings } from "./bindings";
import { findPythonBetaHeaders } from "./betaHeaders";
import { findPythonHttpRequests } from "./httpRequests";
import { parsePython } from "./parser";
import { findPythonResponseRequests } from "./responseRequests";
import { field, rangeOf, SourceText, type PyNode } from "./syntax";
import { findPythonToolCallUsage } from "./toolCalls";

const TOOL_CALL_WORDS = /tool_calls|function_call|ToolCall|toolCalls|functionCalls/;

export interface ParsedPython {
  root: PyNode;
  source: SourceText;
  bindings: PythonBindings;
  facts: SourceFacts;
  /** The ApiCall each call node became. */
  apiCallNodes: ReadonlyMap<ApiCall, PyNode>;
  hasErrors: boolean;
}

/** The first positional argument of `call`, when it is an Assistants method of a client (not called there). */
export function methodPassedTo(call: PyNode, bindings: PythonBindings): { reference: PyNode; target: NonNullable<ReturnType<PythonBindings["resolve"]>> } | undefined {
  const args = field(call, "arguments");
  const first = args?.type === "argument_list" ? args.children.find((child) => child.named && child.type !== "comment") : undefined;
  if (first?.type !== "attribute") return undefined;
  const target = bindings.resolve(first);
  if (!target || !target.path.includes("beta") || !(target.path.includes("threads") || target.path.includes("assistants"))) return undefined;
  return { reference: first, target };
}

/** Undefined while the parser is not loaded (see ensurePythonParser). */
export function parseAndExtractPython(text: string): ParsedPython | undefined {
  const parsed = parsePython(text);
  if (!parsed) return undefined;
  const source = new SourceText(text);
  const bindings = new PythonBindings(parsed.root, source);
  const apiCalls: ApiCall[] = [];
  const apiCallNodes = new Map<ApiCall, PyNode>();
  for (const node of bindings.calls) {
    let callee = field(node, "function");
    if (!callee) continue;
    let target = callee.type === "attribute" ? bindings.resolve(callee) : undefined;
    // An SDK method passed by reference (`asyncio.to_thread(client.beta.threads.runs.retrieve, …)`) is the call.
    const passed = !target || target.path.length === 0 || !(target.known || target.path.includes("beta")) ? methodPassedTo(node, bindings) : undefined;
    if (passed) [callee, target] = [passed.reference, passed.target];
    if (!target) continue;
    if (!target || target.path.length === 0 || !(target.known || target.path.includes("beta") || target.path.includes("responses"))) continue;
    const args = field(node, "arguments");
    const call: ApiCall = {
      path: target.path,
      calleeRange: rangeOf(callee),
      callRange: rangeOf(node),
      argumentCount: args ? args.children.filter((child) => child.named && child.type !== "keyword_argument" && child.type !== "comment").length : 0,
    };
    apiCalls.push(call);
    apiCallNodes.set(call, node);
  }
  const { toolLoops, toolBatches } = TOOL_CALL_WORDS.test(text) ? findPythonToolCallUsage(bindings, source) : { toolLoops: [], toolBatches: [] };
  const facts: SourceFacts = {
    language: "python",
    apiCalls,
    migrationTodos: findMigrationTodos(text),
    betaImports: bindings.betaImports,
    toolLoops,
    toolBatches,
    responseRequests: findPythonResponseRequests(bindings, source, apiCalls, apiCallNodes),
    httpRequests: findPythonHttpRequests(parsed.root, bindings, source),
    betaHeaders: findPythonBetaHeaders(parsed.root, source),
  };
  return { root: parsed.root, source, bindings, facts, apiCallNodes, hasErrors: parsed.hasErrors };
}
