import OpenAI from "openai";

// TODO(responses-migrate): fill in this assistant definition: copy its model, instructions and tools from the OpenAI dashboard, then delete this line. It replaces the assistant `"asst_1"`.
const assistantDefinition = {
  model: "gpt-4.1",
  instructions: "",
  tools: [],
};

const client = new OpenAI();

export async function start(threadId: string, question: string) {
  await client.conversations.items.create(threadId, { items: [{ type: "message", role: "user", content: question }] });
  const run = await client.responses.create({
    model: "gpt-4.1",
    instructions: "Be brief.",
    tools: [],
    conversation: threadId,
    background: true,
  });
  return run.id;
}

export async function status(threadId: string, runId: string) {
  const run = await client.beta.threads.runs.retrieve(runId, { thread_id: threadId });
  if (run.status === "failed") return `failed: ${run.last_error?.message}`;
  return run.status;
}

export async function stop(threadId: string, runId: string) {
  await client.responses.cancel(runId);
}

export async function steps(threadId: string, runId: string) {
  const steps = await client.responses.retrieve(runId).then((response) => ({ data: response.output }));
  return steps.data.map((step) => step.step_details.type);
}
