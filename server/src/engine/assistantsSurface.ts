// The deprecated Assistants surface of the OpenAI SDKs (Node camelCase, Python snake_case) and what
// replaces each method. Source: openai 7.57 / openai-python 3.3.1, and OpenAI's migration mapping.

export interface Replacement {
  /** What to call instead, e.g. "responses.create". */
  use: string;
  before: string;
  after: string;
}

const RUN = { use: "responses.create", before: "const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id });", after: "const response = await client.responses.create({ model, instructions, input });" };
const RUN_STREAM = { use: "responses.stream", before: "client.beta.threads.runs.stream(thread.id, { assistant_id }).on(\"textDelta\", …);", after: "client.responses.stream({ model, input }).on(\"response.output_text.delta\", …);" };
const SUBMIT = { use: "responses.create with function_call_output items", before: "await client.beta.threads.runs.submitToolOutputs(run.id, { thread_id, tool_outputs });", after: "await client.responses.create({ model, previous_response_id: response.id, input: outputs });" };
const THREAD_CREATE = { use: "conversations.create (or nothing, for a one-turn thread)", before: "const thread = await client.beta.threads.create();", after: "const conversation = await client.conversations.create();" };
const MESSAGE_CREATE = { use: "conversations.items.create (or the next request's input)", before: "await client.beta.threads.messages.create(thread.id, { role: \"user\", content });", after: "await client.conversations.items.create(conversation.id, { items: [{ type: \"message\", role: \"user\", content }] });" };
const MESSAGE_LIST = { use: "response.output_text (or conversations.items.list)", before: "const messages = await client.beta.threads.messages.list(thread.id);", after: "const reply = response.output_text;" };
const ASSISTANT_DEFINITION = { use: "an in-repo definition (model, instructions, tools) passed to responses.create", before: "const assistant = await client.beta.assistants.create({ model, instructions, tools });", after: "const assistant = { model, instructions, tools } as const; // in your repo" };
const CONVERSATION = (method: string) => ({ use: `conversations.${method}`, before: `await client.beta.threads.${method}(thread.id);`, after: `await client.conversations.${method}(conversation.id);` });
const ITEM = (method: string) => ({ use: `conversations.items.${method}`, before: `await client.beta.threads.messages.${method}(messageId, { thread_id });`, after: `await client.conversations.items.${method}(itemId, { conversation_id });` });
const RUN_STEPS = { use: "the response's output items", before: "const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id });", after: "const items = response.output;" };
const RETRIEVE_RESPONSE = { use: "responses.retrieve (or nothing: responses.create returns the finished response)", before: "const run = await client.beta.threads.runs.retrieve(run.id, { thread_id });", after: "const response = await client.responses.retrieve(response.id);" };

const BY_RESOURCE: Record<string, Record<string, Replacement>> = {
  "beta.assistants": {
    create: ASSISTANT_DEFINITION,
    retrieve: { ...ASSISTANT_DEFINITION, use: "the in-repo assistant definition" },
    update: { ...ASSISTANT_DEFINITION, use: "an edit to the in-repo assistant definition" },
    list: { ...ASSISTANT_DEFINITION, use: "the in-repo assistant definitions" },
    delete: { ...ASSISTANT_DEFINITION, use: "deleting the in-repo assistant definition" },
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
    update: { ...ITEM("retrieve"), use: "conversations.items (items are immutable: delete and re-create)" },
    delete: ITEM("delete"),
  },
  "beta.threads.runs": {
    create: RUN,
    createAndPoll: RUN,
    createAndStream: RUN_STREAM,
    stream: RUN_STREAM,
    retrieve: RETRIEVE_RESPONSE,
    poll: RETRIEVE_RESPONSE,
    update: { ...RETRIEVE_RESPONSE, use: "the request's metadata" },
    list: { ...RETRIEVE_RESPONSE, use: "your own stored response ids" },
    cancel: { ...RETRIEVE_RESPONSE, use: "responses.cancel (background responses)" },
    submitToolOutputs: SUBMIT,
    submitToolOutputsAndPoll: SUBMIT,
    submitToolOutputsStream: { ...SUBMIT, use: "responses.stream with function_call_output items" },
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

export const ASSISTANTS_RESOURCES = ["assistants", "threads"] as const;

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
