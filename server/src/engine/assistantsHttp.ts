// The Assistants API as plain HTTP: which URLs reach the OpenAI REST API, which of its endpoints were
// the Assistants API, and what replaces each. Language-neutral: every front end describes a request
// URL as UrlParts and reads the same answers. Source: the OpenAI API reference (Assistants v2,
// Responses, Conversations) and OpenAI's Assistants migration guide.

/** A piece of a URL a front end could not evaluate, with the source text it came from. */
export interface UnknownUrlPart {
  unknown: string;
}

/** A request URL as far as it could be evaluated: literal text and unknown pieces, in order. */
export type UrlPart = string | UnknownUrlPart;

/** What a path parameter that could not be evaluated is written as in facts. */
export const UNKNOWN_SEGMENT = "{}";

const OPENAI_BASE = /^https?:\/\/api\.openai\.com(?::443)?\/v1(?=\/|$)/i;
const AZURE_BASE = /^https?:\/\/[^/\s]+\.openai\.azure\.com(?::443)?\/openai(?=\/|$)/i;
/** An unknown base counts as OpenAI's only when its own name says so (`OPENAI_BASE_URL`, `openaiApi`). */
const NAMES_OPENAI = /openai/i;
/** Before an Azure `/openai/` path, an unknown base must at least be named like an endpoint (not `location.origin`). */
const NAMES_AZURE_ENDPOINT = /openai|azure|endpoint/i;

/**
 * The path after the OpenAI API base (`https://api.openai.com/v1`, an Azure OpenAI endpoint's
 * `/openai`), with unknown pieces written `{}`, and the query; undefined when the URL is not known to
 * reach the OpenAI API (another host, or a base whose value and name say nothing).
 */
export function openAIPathOf(parts: readonly UrlPart[]): { path: string; query?: string } | undefined {
  const [first, ...rest] = merged(parts);
  if (first === undefined) return undefined;
  let remainder: UrlPart[];
  if (typeof first === "string") {
    const base = OPENAI_BASE.exec(first) ?? AZURE_BASE.exec(first);
    if (!base) return undefined;
    remainder = [first.slice(base[0].length), ...rest];
  } else {
    // `${OPENAI_BASE_URL}/threads`, `${endpoint}/openai/threads` (Azure endpoints are bare hosts).
    const text = joined(rest);
    const azure = /^\/openai(?=\/)/.exec(text);
    if (azure && NAMES_AZURE_ENDPOINT.test(first.unknown)) return splitQuery(text.slice(azure[0].length));
    if (!NAMES_OPENAI.test(first.unknown)) return undefined;
    return splitQuery(text.replace(/^\/v1(?=\/)/, ""));
  }
  return splitQuery(joined(remainder));
}

/** Adjacent literal pieces as one, empty ones dropped (`${BASE}${path}` starts with an empty head). */
function merged(parts: readonly UrlPart[]): UrlPart[] {
  const result: UrlPart[] = [];
  for (const part of parts) {
    const last = result[result.length - 1];
    if (typeof part === "string" && typeof last === "string") result[result.length - 1] = last + part;
    else if (part !== "") result.push(part);
  }
  return result;
}

function joined(parts: readonly UrlPart[]): string {
  return parts.map((part) => (typeof part === "string" ? part : UNKNOWN_SEGMENT)).join("");
}

function splitQuery(text: string): { path: string; query?: string } | undefined {
  const at = text.search(/[?#]/);
  const path = (at < 0 ? text : text.slice(0, at)).replace(/\/+$/, "");
  if (!path.startsWith("/")) return undefined;
  const query = at < 0 || text[at] !== "?" ? undefined : text.slice(at + 1).replace(/#.*$/, "");
  return query ? { path, query } : { path };
}

/** What an Assistants endpoint maps to. */
export interface HttpReplacement {
  /** The request to make instead, e.g. "POST /responses"; empty when nothing is requested instead. */
  use: string;
  /** Markdown qualifying `use` or saying what to do when nothing is requested. */
  detail?: string;
  before: string;
  after: string;
}

export interface AssistantsEndpoint {
  /** The endpoint with its path parameters named: "/threads/{thread_id}/runs". */
  template: string;
  /** The method as given, or the endpoint's usual one when the request's method was not visible. */
  method: string;
  replacement: HttpReplacement;
}

const BASE = "https://api.openai.com/v1";
const BETA = "OpenAI-Beta: assistants=v2";
const RESPONSES: HttpReplacement = {
  use: "POST /responses",
  detail: "with `model`, `instructions` and `input` (and `conversation` where the thread is kept)",
  before: `POST ${BASE}/threads/{thread_id}/runs\n${BETA}\n{ "assistant_id": "asst_…" }`,
  after: `POST ${BASE}/responses\n{ "model": "gpt-4.1", "instructions": "…", "conversation": "{conversation_id}", "input": "…" }`,
};
const DEFINITION = (what: string): HttpReplacement => ({
  use: "",
  detail: `${what}: keep the assistant as an in-repo definition (model, instructions, tools) sent with each \`POST /responses\``,
  before: `POST ${BASE}/assistants\n${BETA}\n{ "model": "gpt-4.1", "instructions": "…", "tools": […] }`,
  after: `const assistant = { model: "gpt-4.1", instructions: "…", tools: […] }; // in your repo\nPOST ${BASE}/responses\n{ ...assistant, "input": "…" }`,
});
const CONVERSATION = (method: string, suffix = ""): HttpReplacement => ({
  use: `${method} /conversations${suffix}`,
  before: `${method} ${BASE}/threads${suffix ? "/{thread_id}" : ""}\n${BETA}`,
  after: `${method} ${BASE}/conversations${suffix}`,
});
const ITEMS = (method: string, suffix = ""): HttpReplacement => ({
  use: `${method} /conversations/{conversation_id}/items${suffix}`,
  before: `${method} ${BASE}/threads/{thread_id}/messages${suffix ? "/{message_id}" : ""}\n${BETA}`,
  after: `${method} ${BASE}/conversations/{conversation_id}/items${suffix}`,
});

const ENDPOINTS: ReadonlyArray<{ template: string; methods: Record<string, HttpReplacement> }> = [
  { template: "/assistants", methods: { POST: DEFINITION("Nothing replaces it"), GET: DEFINITION("Nothing lists assistants now") } },
  {
    template: "/assistants/{assistant_id}",
    methods: { GET: DEFINITION("Nothing stores assistants now"), POST: DEFINITION("Nothing stores assistants now"), DELETE: DEFINITION("Nothing stores assistants now") },
  },
  { template: "/threads/runs", methods: { POST: { ...RESPONSES, before: `POST ${BASE}/threads/runs\n${BETA}\n{ "assistant_id": "asst_…", "thread": { "messages": […] } }` } } },
  {
    template: "/threads",
    methods: { POST: { ...CONVERSATION("POST"), detail: "(or nothing for a one-turn thread: send its messages as the `input` of `POST /responses`)" } },
  },
  {
    template: "/threads/{thread_id}",
    methods: { GET: CONVERSATION("GET", "/{conversation_id}"), POST: CONVERSATION("POST", "/{conversation_id}"), DELETE: CONVERSATION("DELETE", "/{conversation_id}") },
  },
  {
    template: "/threads/{thread_id}/messages",
    methods: {
      POST: { ...ITEMS("POST"), detail: "(`{ \"items\": [{ \"type\": \"message\", \"role\": \"user\", \"content\": … }] }`), or the next `POST /responses` `input`" },
      GET: { ...ITEMS("GET"), detail: "(or the reply's `output_text` from `POST /responses`)" },
    },
  },
  {
    template: "/threads/{thread_id}/messages/{message_id}",
    methods: {
      GET: ITEMS("GET", "/{item_id}"),
      DELETE: ITEMS("DELETE", "/{item_id}"),
      POST: { ...ITEMS("DELETE", "/{item_id}"), use: "", detail: "Conversation items cannot be modified: delete the item and add a new one" },
    },
  },
  {
    template: "/threads/{thread_id}/runs",
    methods: { POST: RESPONSES, GET: { ...RESPONSES, use: "", detail: "Nothing lists a conversation's responses: keep the response ids you need" } },
  },
  {
    template: "/threads/{thread_id}/runs/{run_id}",
    methods: {
      GET: {
        use: "GET /responses/{response_id}",
        detail: "(or nothing: `POST /responses` returns the finished response, so polling goes away)",
        before: `GET ${BASE}/threads/{thread_id}/runs/{run_id}\n${BETA}`,
        after: `GET ${BASE}/responses/{response_id}`,
      },
      POST: { ...RESPONSES, use: "", detail: "Responses are not modified after the fact: send `metadata` with `POST /responses`" },
    },
  },
  {
    template: "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
    methods: {
      POST: {
        use: "POST /responses",
        detail: "with `previous_response_id` and `function_call_output` items as `input`",
        before: `POST ${BASE}/threads/{thread_id}/runs/{run_id}/submit_tool_outputs\n${BETA}\n{ "tool_outputs": [{ "tool_call_id": "call_…", "output": "…" }] }`,
        after: `POST ${BASE}/responses\n{ "model": "gpt-4.1", "previous_response_id": "{response_id}", "input": [{ "type": "function_call_output", "call_id": "call_…", "output": "…" }] }`,
      },
    },
  },
  {
    template: "/threads/{thread_id}/runs/{run_id}/cancel",
    methods: {
      POST: { use: "POST /responses/{response_id}/cancel", detail: "(background responses only)", before: `POST ${BASE}/threads/{thread_id}/runs/{run_id}/cancel\n${BETA}`, after: `POST ${BASE}/responses/{response_id}/cancel` },
    },
  },
  ...["/threads/{thread_id}/runs/{run_id}/steps", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}"].map((template) => ({
    template,
    methods: {
      GET: { use: "GET /responses/{response_id}", detail: "(its `output` items are the steps)", before: `GET ${BASE}${template}\n${BETA}`, after: `GET ${BASE}/responses/{response_id}\n// response.output: messages, tool calls, …` },
    },
  })),
];

/** `GET …/messages?limit=1` reads the latest reply, which the response itself carries now. */
const LATEST_REPLY: HttpReplacement = {
  use: "",
  detail: "The latest message is the reply: read `output_text` from the `POST /responses` result (or `GET /conversations/{conversation_id}/items?limit=1&order=desc`)",
  before: `GET ${BASE}/threads/{thread_id}/messages?limit=1\n${BETA}\n// reply = data[0].content[0].text.value`,
  after: `POST ${BASE}/responses\n{ "model": "gpt-4.1", "conversation": "{conversation_id}", "input": "…" }\n// reply = output_text`,
};

/** The Assistants endpoint a request path (from openAIPathOf) is, or undefined for any other endpoint. */
export function assistantsEndpointOf(method: string | undefined, path: string, query?: string): AssistantsEndpoint | undefined {
  const segments = path.split("/").slice(1);
  for (const endpoint of ENDPOINTS) {
    const pattern = endpoint.template.split("/").slice(1);
    if (pattern.length !== segments.length || !pattern.every((part, i) => (part.startsWith("{") ? segments[i] !== "" : part === segments[i]))) continue;
    const known = method && endpoint.methods[method] ? method : undefined;
    const chosen = known ?? Object.keys(endpoint.methods)[0];
    const latestReply = known === "GET" && endpoint.template === "/threads/{thread_id}/messages" && /(?:^|&)limit=1(?:&|$)/.test(query ?? "");
    return { template: endpoint.template, method: chosen, replacement: latestReply ? LATEST_REPLY : endpoint.methods[chosen] };
  }
  return undefined;
}

/** A header value that selects the Assistants beta: `assistants=v2`, `assistants=v1`. */
export const ASSISTANTS_BETA_VALUE = /^\s*assistants\s*=\s*v[12]\s*$/i;
export const OPENAI_BETA_HEADER = /^openai-beta$/i;
