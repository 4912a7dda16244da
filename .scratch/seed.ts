import OpenAI from "openai";

const client = new OpenAI();
const ASSISTANT_ID = process.env.ASSISTANT_ID!;

export async function answer(userMessage: string): Promise<string> {
  const thread = await client.beta.threads.create();
  console.log("asking the assistant");
  await client.beta.threads.messages.create(thread.id, {
    role: "user",
    content: userMessage,
  });
  try {
    const run = await client.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: ASSISTANT_ID,
    });
    if (run.status !== "completed") throw new Error(`Run ended with status ${run.status}`);
    const messages = await client.beta.threads.messages.list(thread.id);
    const first = messages.data[0].content[0];
    return first.type === "text" ? first.text.value : "";
  } catch (error) {
    console.error(error);
    throw error;
  }
}
