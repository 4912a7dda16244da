// A thread the planner refuses, in TypeScript and in Python: `runs.list` has no Responses mapping, so
// none of the thread's calls is rewritten. Shared by the CLI and LSP tests of the refusal's reason.
export const REFUSED_TS = `import OpenAI from "openai";
const client = new OpenAI();
export async function history(question: string) {
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: "user", content: question });
  return client.beta.threads.runs.list(thread.id);
}
`;

export const REFUSED_PY = `from openai import OpenAI

client = OpenAI()


def history(question: str):
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    return client.beta.threads.runs.list(thread_id=thread.id)
`;

export const REFUSAL_REASON =
  "Not rewritten: this thread migrates whole or not at all, and `threads.runs.list` blocks it: the Responses API keeps no list of a conversation's responses; store the response ids yourself.";
