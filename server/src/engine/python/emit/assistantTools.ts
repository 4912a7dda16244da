// An assistant's `tools=[…]` in their Responses shapes, with `tool_resources=` folded into the tools
// that use them (the same mapping as assistantsCreate.ts renders for TypeScript):
//
//   {"type": "file_search"}        + tool_resources file_search.vector_store_ids -> {"type": "file_search", "vector_store_ids": ids}
//   {"type": "code_interpreter"}   + tool_resources code_interpreter.file_ids    -> {"type": "code_interpreter", "container": {"type": "auto", "file_ids": ids}}
//   {"type": "function", "function": {…}}                                       -> {"type": "function", …}
//
//   {"type": "retrieval"} (v1)                                                  -> file_search, as above
//   v1 file_ids=[…]                                                             -> code_interpreter's container files;
//                                                                                  file_search gets no ids (a TODO says to
//                                                                                  put the files in a vector store)
//
// Anything else (a tool list that is not a literal, a spread) is not rewritten by rule.
import { field, namedChildren, stringValue, type PyNode, type SourceText } from "../syntax";

function entry(dictionary: PyNode | undefined, key: string, source: SourceText): PyNode | undefined {
  if (dictionary?.type !== "dictionary") return undefined;
  const pair = namedChildren(dictionary).find((candidate) => candidate.type === "pair" && stringValue(field(candidate, "key"), source) === key);
  return pair && field(pair, "value");
}

/** The ids text at `tool_resources[tool][key]`, or `[]`. */
function resourceIds(resources: PyNode | undefined, tool: string, key: string, source: SourceText): string | undefined {
  // v1 `file_ids=[…]` (see responsesTools): the code interpreter's files; file search needs a vector store.
  if (resources?.type === "list" || resources?.type === "identifier") return tool === "code_interpreter" ? source.of(resources) : "[]";
  const section = entry(resources, tool, source);
  const ids = entry(section, key, source);
  if (resources && resources.type !== "dictionary") return undefined;
  return ids ? source.of(ids) : "[]";
}

function responsesTool(tool: PyNode, resources: PyNode | undefined, source: SourceText): string | undefined {
  if (tool.type !== "dictionary" || !namedChildren(tool).every((pair) => pair.type === "pair")) return undefined;
  const kind = stringValue(entry(tool, "type", source), source);
  // `retrieval` is the v1 name of file search; its files now live in vector stores.
  if (kind === "file_search" || kind === "retrieval") {
    const ids = resourceIds(resources, "file_search", "vector_store_ids", source);
    return ids && `{"type": "file_search", "vector_store_ids": ${ids}}`;
  }
  if (kind === "code_interpreter") {
    const ids = resourceIds(resources, "code_interpreter", "file_ids", source);
    return ids && `{"type": "code_interpreter", "container": {"type": "auto", "file_ids": ${ids}}}`;
  }
  const inner = kind === "function" ? entry(tool, "function", source) : undefined;
  if (inner?.type !== "dictionary") return undefined;
  const pairs = namedChildren(inner).map((pair) => source.of(pair));
  // The Responses function tool requires both keys (`FunctionToolParam`), where Assistants had defaults.
  if (!entry(inner, "strict", source)) pairs.push(`"strict": False`);
  if (!entry(inner, "parameters", source)) pairs.push(`"parameters": {}`);
  return `{"type": "function", ${pairs.join(", ")}}`;
}

/**
 * The tools text for a definition; undefined when a tool cannot be rewritten. `resources` is
 * `tool_resources={…}`, or v1's `file_ids=[…]`, which went to code interpreter and retrieval alike.
 */
export function responsesTools(tools: PyNode | undefined, resources: PyNode | undefined, source: SourceText): string | undefined {
  // Resources for tools the assistant does not have were never used.
  if (!tools) return "[]";
  if (tools.type !== "list") return resources ? undefined : source.of(tools);
  const rewritten = namedChildren(tools).map((tool) => responsesTool(tool, resources, source));
  return rewritten.every((tool) => tool !== undefined) ? `[${rewritten.join(", ")}]` : undefined;
}
