// The deprecated Assistants surface of the OpenAI SDKs (Node camelCase, Python snake_case) and what
// replaces each method. Source: openai 7.57 / openai-python 3.3.1, and OpenAI's migration mapping.

export interface Replacement {
  /** What to call instead, e.g. "responses.create"; empty when nothing is called instead. */
  use: string;
  /** Markdown qualifying `use`, e.g. "with `function_call_output` items". */
  detail?: string;
  /** Markdown for what else may replace it, or what replaces it when nothing is called. */
  alternative?: string;
  before: string;
  after: string;
}

const RUN: Replacement = { use: "responses.create", before: "const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id });", after: "const response = await client.responses.create({ model, instructions, input });" };
const RUN_STREAM: Replacement = { use: "responses.stream", before: "client.beta.threads.runs.stream(thread.id, { assistant_id }).on(\"textDelta\", …);", after: "client.responses.stream({ model, input }).on(\"response.output_text.delta\", …);" };
const SUBMIT: Replacement = { use: "responses.create", detail: "with `function_call_output` items", before: "await client.beta.threads.runs.submitToolOutputs(run.id, { thread_id, tool_outputs });", after: "await client.responses.create({ model, previous_response_id: response.id, input: outputs });" };
const THREAD_CREATE: Replacement = { use: "conversations.create", alternative: "nothing at all for a one-turn thread", before: "const thread = await client.beta.threads.create();", after: "const conversation = await client.conversations.create();" };
const MESSAGE_CREATE: Replacement = { use: "conversations.items.create", alternative: "the next request's `input`", before: "await client.beta.threads.messages.create(thread.id, { role: \"user\", content });", after: "await client.conversations.items.create(conversation.id, { items: [{ type: \"message\", role: \"user\", content }] });" };
const MESSAGE_LIST: Replacement = { use: "response.output_text", alternative: "`conversations.items.list`", before: "const messages = await client.beta.threads.messages.list(thread.id);", after: "const reply = response.output_text;" };
const ASSISTANT_DEFINITION: Replacement = { use: "", alternative: "an in-repo definition (model, instructions, tools) passed to `responses.create`", before: "const assistant = await client.beta.assistants.create({ model, instructions, tools });", after: "const assistant = { model, instructions, tools } as const; // in your repo" };
const CONVERSATION = (method: string): Replacement => ({ use: `conversations.${method}`, before: `await client.beta.threads.${method}(thread.id);`, after: `await client.conversations.${method}(conversation.id);` });
const ITEM = (method: string): Replacement => ({ use: `conversations.items.${method}`, before: `await client.beta.threads.messages.${method}(messageId, { thread_id });`, after: `await client.conversations.items.${method}(itemId, { conversation_id });` });
const RUN_STEPS: Replacement = { use: "response.output", before: "const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id });", after: "const items = response.output;" };
const RETRIEVE_RESPONSE: Replacement = { use: "responses.retrieve", alternative: "nothing: `responses.create` returns the finished response", before: "const run = await client.beta.threads.runs.retrieve(run.id, { thread_id });", after: "const response = await client.responses.retrieve(response.id);" };

const BY_RESOURCE: Record<string, Record<string, Replacement>> = {
  "beta.assistants": {
    create: ASSISTANT_DEFINITION,
    retrieve: { ...ASSISTANT_DEFINITION, use: "", alternative: "the in-repo assistant definition" },
    update: { ...ASSISTANT_DEFINITION, use: "", alternative: "an edit to the in-repo assistant definition" },
    list: { ...ASSISTANT_DEFINITION, use: "", alternative: "the in-repo assistant definitions" },
    delete: { ...ASSISTANT_DEFINITION, use: "", alternative: "deleting the in-repo assistant definition" },
  },
  "beta.threads": {
    create: THREAD_CREATE,
    retrieve: CONVERSATION("retrieve"),
    update: CONVERSATION("update"),
    delete: CONVERSATION("delete"),
    createAndRun: RUN,
    createAndRunPoll: RUN,
    createAndRunStream: RUN_STREAM,
  },
  "beta.threads.messages": {
    create: MESSAGE_CREATE,
    list: MESSAGE_LIST,
    retrieve: ITEM("retrieve"),
    update: { ...ITEM("retrieve"), use: "", alternative: "deleting and re-creating the conversation item (items are immutable)" },
    delete: ITEM("delete"),
  },
  "beta.threads.runs": {
    create: RUN,
    createAndPoll: RUN,
    createAndStream: RUN_STREAM,
    stream: RUN_STREAM,
    retrieve: RETRIEVE_RESPONSE,
    poll: RETRIEVE_RESPONSE,
    update: { ...RETRIEVE_RESPONSE, use: "", alternative: "the request's `metadata`" },
    list: { ...RETRIEVE_RESPONSE, use: "", alternative: "your own stored response ids" },
    cancel: { ...RETRIEVE_RESPONSE, use: "responses.cancel", alternative: undefined },
    submitToolOutputs: SUBMIT,
    submitToolOutputsAndPoll: SUBMIT,
    submitToolOutputsStream: { ...SUBMIT, use: "responses.stream" },
  },
  "beta.threads.runs.steps": {
    list: RUN_STEPS,
    retrieve: RUN_STEPS,
  },
};

const SNAKE_TO_CAMEL: Record<string, string> = {
  create_and_run: "createAndRun",
  create_and_run_poll: "createAndRunPoll",
  create_and_run_stream: "createAndRunStream",
  create_and_poll: "createAndPoll",
  create_and_stream: "createAndStream",
  submit_tool_outputs: "submitToolOutputs",
  submit_tool_outputs_and_poll: "submitToolOutputsAndPoll",
  submit_tool_outputs_stream: "submitToolOutputsStream",
  del: "delete",
};

/** The replacement for an Assistants call path like ["beta","threads","runs","createAndPoll"]. */
export function replacementFor(path: readonly string[]): Replacement | undefined {
  const method = path[path.length - 1];
  const resource = path.slice(0, -1).join(".");
  return BY_RESOURCE[resource]?.[SNAKE_TO_CAMEL[method] ?? method];
}

/** Index of "beta" where the path enters the Assistants surface, or -1. */
export function assistantsEntry(path: readonly string[]): number {
  for (let i = 0; i + 1 < path.length; i++) {
    if (path[i] === "beta" && (path[i + 1] === "threads" || path[i + 1] === "assistants")) return i;
  }
  return -1;
}

/** Index of "beta" where the path enters `beta.vectorStores` (Python: `beta.vector_stores`), or -1. */
export function betaVectorStoresEntry(path: readonly string[]): number {
  for (let i = 0; i + 1 < path.length; i++) {
    if (path[i] === "beta" && (path[i + 1] === "vectorStores" || path[i + 1] === "vector_stores")) return i;
  }
  return -1;
}

/** "use `responses.create`, or …" — the part of a message that says what to do instead. */
export function describeReplacement(replacement: Replacement): string {
  const call = replacement.use ? `use \`${replacement.use}\`${replacement.detail ? ` ${replacement.detail}` : ""}` : "";
  if (!replacement.alternative) return call;
  return call ? `${call}, or ${replacement.alternative}` : `use ${replacement.alternative}`;
}
