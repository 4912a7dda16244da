// The language-neutral facts a parser front end extracts from one file. Rules read only these, so a
// new language joins by writing an extractor, not by copying rules.
import type { LanguageId, TextRange } from "./types";

/** A call whose callee resolves to a path in the OpenAI client, e.g. ["beta","threads","runs","createAndPoll"]. */
export interface ApiCall {
  path: readonly string[];
  /** From the receiver through the method name. */
  calleeRange: TextRange;
  callRange: TextRange;
  /** Number of positional arguments (v4 vs v5+ signatures differ). */
  argumentCount: number;
}

/** An import of a type or helper from the Assistants part of the SDK. */
export interface BetaImport {
  module: string;
  names: readonly string[];
  range: TextRange;
}

export type ToolCallSource = "assistants-required-action" | "responses-function-call" | "chat-tool-calls";

/** A loop whose iterations walk the tool calls a model asked for. */
export interface ToolLoop {
  source: ToolCallSource;
  /** The loop head: `for (const call of calls)`, `while (...)`, or `do`. */
  headRange: TextRange;
  /** The body awaits something on every iteration (outside nested functions). */
  awaitsInBody: boolean;
  /** No await, but the body calls a tool per iteration, which blocks the next (Python's sync clients). */
  callsToolInBody?: boolean;
}

/** Tool calls started together: `Promise.all(calls.map(...))` or `calls.forEach(async ...)`. */
export interface ToolBatch {
  kind: "promise-all" | "for-each-async" | "asyncio-gather";
  source: ToolCallSource;
  range: TextRange;
  /** A concurrency cap (p-limit, p-map's concurrency, a semaphore) guards each call. */
  capped: boolean;
}

export interface ChatShapedTool {
  /** The tool object literal `{ type: "function", function: {...} }`. */
  range: TextRange;
  name?: string;
}

export interface ChatToolMessage {
  range: TextRange;
  kind: "tool-role" | "tool-calls";
}

/** A `responses.create` / `responses.stream` call and what its options say. */
export interface ResponseRequest {
  method: string;
  calleeRange: TextRange;
  callRange: TextRange;
  previousResponseId?: TextRange;
  storeFalse?: TextRange;
  /** A try/catch or `.catch` around the call handles an expired chain (404 / NotFoundError). */
  handlesExpiredChain: boolean;
  /**
   * `previous_response_id` names a response this code just created (`response.id` where `response`
   * holds a `responses.create` result), as tool loops do: seconds old, it cannot have expired.
   */
  chainsFreshResponse: boolean;
  chatShapedTools: ChatShapedTool[];
  chatToolMessages: ChatToolMessage[];
}

export interface MigrationTodo {
  range: TextRange;
  /** What the TODO asks, after the marker. */
  text: string;
  isDefinitionStub: boolean;
}

/**
 * An HTTP request (not through the SDK) whose URL resolves to the OpenAI REST API: `fetch`, axios,
 * got, ky, undici, node-fetch, Python's requests, httpx, aiohttp, or a local wrapper around one. Which
 * of these are Assistants endpoints is the rule's business (assistantsHttp.ts), not the front end's.
 */
export interface OpenAIHttpRequest {
  /** Upper case ("GET", "POST"); the client's default when none is given; undefined when it is computed and could not be followed. */
  method?: string;
  /**
   * The path after the API base (`https://api.openai.com/v1`, or an Azure OpenAI endpoint's
   * `/openai`), from openAIPathOf: "/threads/{}/runs", each piece that could not be evaluated written `{}`.
   */
  path: string;
  /** The query string, without `?`: "limit=1&order=desc". */
  query?: string;
  /** What sends it: "fetch", "axios", "got", "ky", "undici", "requests", "httpx", "aiohttp", or a local wrapper's name. */
  client: string;
  /** The callee of the call that sends it (for a wrapper, the wrapper call in this file). */
  calleeRange: TextRange;
  callRange: TextRange;
  /** The URL (or path) argument as written at the call. */
  urlRange: TextRange;
}

/** An `OpenAI-Beta: assistants=v2` (or v1) header, in an object, a dict, a `Headers`, or set on one. */
export interface BetaHeader {
  /** The header's value as written, e.g. "assistants=v2". */
  value: string;
  /** The header entry: the property, the pair, or the `.set(…)` statement. */
  range: TextRange;
  /**
   * What deleting it removes: the entry with its separator, and its line when it stands alone there;
   * undefined when deleting it would not leave valid code (the only statement of a Python block).
   */
  removal?: TextRange;
}

export interface SourceFacts {
  /** Which language's idioms a message should name (a cap is p-limit in JS, a Semaphore in Python); default JS/TS. */
  language?: LanguageId;
  apiCalls: ApiCall[];
  /** `TODO(responses-migrate): …` lines a fix left for a human (a definition stub, where to keep an id). */
  migrationTodos: MigrationTodo[];
  betaImports: BetaImport[];
  toolLoops: ToolLoop[];
  toolBatches: ToolBatch[];
  responseRequests: ResponseRequest[];
  /** Optional so a front end that does not look for HTTP requests yet needs no change. */
  httpRequests?: OpenAIHttpRequest[];
  betaHeaders?: BetaHeader[];
}

