// The TypeScript/JavaScript front end: parses a file (syntax only, no type checker) and extracts the
// language-neutral facts the rules read.
import ts from "typescript";
import type { ApiCall, MigrationTodo, SourceFacts } from "../facts";
import { DEFINITION_STUB_MARKER } from "./fixes/assistantDefinition";
import { OpenAIBindings } from "./bindings";
import { findResponseRequests } from "./responseRequests";
import { findToolCallUsage } from "./toolCalls";
import { HttpRequestFinder } from "./httpRequests";
import { findBetaHeaders } from "./betaHeaders";
import { newSyntaxIndex, rangeOf, scriptKindFor } from "./syntax";
import { reparseTypeScript } from "./reparse";

export function parseTypeScript(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindFor(fileName));
}

const TODO_MARKER = "TODO(responses-migrate):";

/** The TODOs fixes leave are comments, whatever the language, so plain text search is enough. */
export function findMigrationTodos(text: string): MigrationTodo[] {
  const todos: MigrationTodo[] = [];
  for (let at = text.indexOf(TODO_MARKER); at !== -1; at = text.indexOf(TODO_MARKER, at + 1)) {
    const lineEnd = text.slice(at).search(/\r?\n|$/) + at;
    const isDefinitionStub = text.startsWith(DEFINITION_STUB_MARKER, at);
    const end = isDefinitionStub ? at + DEFINITION_STUB_MARKER.length : lineEnd;
    todos.push({ range: { start: at, end }, text: text.slice(at + TODO_MARKER.length, lineEnd).trim(), isDefinitionStub });
  }
  return todos;
}

const TOOL_CALL_WORDS = /tool_calls|function_call|ToolCall|toolCalls|functionCalls/;
/** Files that could send an Assistants request over HTTP or set its beta header; the rest skip those passes. */
const ASSISTANTS_HTTP_WORDS = /\b(?:threads|assistants)\b|openai-beta/i;

function isWorthReporting(path: readonly string[], known: boolean): boolean {
  return known || path.includes("beta") || path.includes("responses");
}

export interface ParsedTypeScript {
  sourceFile: ts.SourceFile;
  bindings: OpenAIBindings;
  facts: SourceFacts;
}

/** `previous`: this file's tree before an edit, reparsed incrementally (and unusable afterwards). */
export function parseAndExtract(fileName: string, text: string, previous?: ts.SourceFile): ParsedTypeScript {
  const sourceFile = previous && previous.fileName === fileName ? reparseTypeScript(previous, text) : parseTypeScript(fileName, text);
  // One walk: the bindings' own, which also gathers what the extractors below need.
  const index = newSyntaxIndex();
  const bindings = new OpenAIBindings(sourceFile, index.add);
  const apiCalls: ApiCall[] = [];
  const apiCallNodes = new Map<ApiCall, ts.CallExpression>();
  for (const node of index.calls) {
    const target = bindings.resolve(node.expression);
    if (!target || target.path.length === 0 || !isWorthReporting(target.path, target.known)) continue;
    const call: ApiCall = {
      path: target.path,
      calleeRange: rangeOf(node.expression, sourceFile),
      callRange: rangeOf(node, sourceFile),
      argumentCount: node.arguments.length,
    };
    apiCalls.push(call);
    apiCallNodes.set(call, node);
  }
  // Files that never name tool calls skip the tool-call pass.
  const { toolLoops, toolBatches } = TOOL_CALL_WORDS.test(text) ? findToolCallUsage(sourceFile, bindings, index) : { toolLoops: [], toolBatches: [] };
  const facts: SourceFacts = {
    apiCalls,
    migrationTodos: findMigrationTodos(text),
    betaImports: bindings.betaImports,
    toolLoops,
    toolBatches,
    responseRequests: findResponseRequests(sourceFile, bindings, apiCalls, apiCallNodes, index),
  };
  if (ASSISTANTS_HTTP_WORDS.test(text) && /openai/i.test(text)) {
    facts.httpRequests = new HttpRequestFinder(sourceFile, bindings, index.calls).find();
    facts.betaHeaders = /openai-beta/i.test(text) ? findBetaHeaders(sourceFile, bindings) : [];
  }
  return { sourceFile, bindings, facts };
}
