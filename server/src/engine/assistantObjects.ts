// What becomes of `beta.assistants.*` calls, whatever the language. Assistants are in-repo definitions
// now (model, instructions, tools; prompt objects shut down 2026-11-30), so each method maps to
// something done with those definitions, and each emitter (TypeScript, Python) renders the same
// decision in its own syntax:
//
//   create    -> the definition itself, in place of the created object
//   retrieve  -> the definition, with the id the code asked for (reads of `.id` keep their value)
//   update    -> the definition with the patch applied, plus a TODO to move the change into it
//   list      -> the in-repo definitions, in the page shape the code reads (`{ data: [...] }`)
//   delete    -> nothing (a statement goes) or a neutral `{ id, deleted: true }`, plus a TODO
//
// All but `create` are unsafe: the definition the code gets may not be the assistant the id named.
export type AssistantsMethod = "create" | "retrieve" | "update" | "list" | "delete";

export type AssistantsRewrite = "definition" | "definition-with-id" | "patched-definition" | "definition-list" | "dropped";

const REWRITES: Record<AssistantsMethod, AssistantsRewrite> = {
  create: "definition",
  retrieve: "definition-with-id",
  update: "patched-definition",
  list: "definition-list",
  delete: "dropped",
};

/** The method of an Assistants call's last path segment (`del` is v4's `delete`); undefined for others. */
export function assistantsMethodOf(name: string): AssistantsMethod | undefined {
  if (name === "del") return "delete";
  return Object.prototype.hasOwnProperty.call(REWRITES, name) ? (name as AssistantsMethod) : undefined;
}

export function assistantsRewriteFor(method: AssistantsMethod): AssistantsRewrite {
  return REWRITES[method];
}

/** Text after `TODO(responses-migrate): ` for what is left to a human. */
export const ASSISTANTS_TODOS: Readonly<Partial<Record<AssistantsRewrite, string>>> = {
  "patched-definition": "this updated the assistant; move the change into its in-repo definition, then delete this line.",
  dropped: "this deleted the assistant; delete its in-repo definition instead, then delete this line.",
};

/** The options an in-repo definition keeps from `assistants.create`/`update`; the rest have no Responses counterpart. */
export const DEFINITION_KEYS: ReadonlySet<string> = new Set(["name", "model", "instructions", "tools", "description", "metadata", "temperature", "top_p"]);

/** Where a type's counterpart lives, by API; each language names its own module for these. */
export type CounterpartHome = "responses" | "conversations" | "response-stream" | "definition";

/**
 * Assistants types and their Responses/Conversations counterparts, by the name the SDKs export
 * (Node and Python agree on most). `Assistant` becomes the type of what the rewrites hand out for an
 * assistant (Python: the `SimpleNamespace` over its definition); TypeScript has no named type for
 * that, so it leaves `Assistant` alone.
 */
export const TYPE_COUNTERPARTS: Readonly<Record<string, { name: string; home: CounterpartHome }>> = {
  Run: { name: "Response", home: "responses" },
  RunStatus: { name: "ResponseStatus", home: "responses" },
  RequiredActionFunctionToolCall: { name: "ResponseFunctionToolCall", home: "responses" },
  // A run step's tool calls are output items of the response now, as its text parts are output_text parts.
  FunctionToolCall: { name: "ResponseFunctionToolCall", home: "responses" },
  CodeInterpreterToolCall: { name: "ResponseCodeInterpreterToolCall", home: "responses" },
  TextContentBlock: { name: "ResponseOutputText", home: "responses" },
  Text: { name: "ResponseOutputText", home: "responses" },
  MessageCreateParams: { name: "EasyInputMessage", home: "responses" },
  Thread: { name: "Conversation", home: "conversations" },
  Message: { name: "Message", home: "conversations" },
  ThreadMessage: { name: "Message", home: "conversations" },
  AssistantStream: { name: "ResponseStream", home: "response-stream" },
  Assistant: { name: "SimpleNamespace", home: "definition" },
};

export function typeCounterpart(name: string): { name: string; home: CounterpartHome } | undefined {
  return Object.prototype.hasOwnProperty.call(TYPE_COUNTERPARTS, name) ? TYPE_COUNTERPARTS[name] : undefined;
}
