// A thread that is refused, in TypeScript (a `toolCallDelta` stream listener has no single Responses
// event) and in Python (`runs.list` returned to the caller: its stand-in, a list of responses, cannot follow the page out of the function), so none of the
// thread's calls is rewritten. Shared by the CLI and LSP tests of the refusal's reason.
export const REFUSED_TS = `import OpenAI from "openai";
const client = new OpenAI();
export async function history(question: string) {
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: "user", content: question });
  client.beta.threads.runs.stream(thread.id, { assistant_id: "asst_1" }).on("toolCallDelta", (delta) => console.log(delta.type));
}
`;

export const REFUSED_PY = `from openai import OpenAI

client = OpenAI()


def history(question: str):
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    return client.beta.threads.runs.list(thread_id=thread.id)
`;

export const REFUSAL_REASON_TS =
  "Not rewritten: this thread migrates whole or not at all, and `threads.create` blocks it: the stream on it stays: a `toolCallDelta` listener has no single Responses event (argument, code and output deltas arrive as separate events).";

export const REFUSAL_REASON_PY =
  "Not rewritten: this thread migrates whole or not at all, and `threads.runs.list` blocks it: the listed runs are used where a list of responses cannot stand in.";
