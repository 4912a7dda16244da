import OpenAI from "openai";

const client = new OpenAI();
const ASSISTANT_ID = process.env.SUPPORT_ASSISTANT_ID!;

// POST /api/chat  { message: string, threadId?: string }
export async function POST(req: Request) {
  const { message, threadId } = (await req.json()) as { message: string; threadId?: string };

  const thread = threadId ? { id: threadId } : await client.beta.threads.create();

  await client.beta.threads.messages.create(thread.id, {
    role: "user",
    content: message,
  });

  const run = await client.beta.threads.runs.createAndPoll(thread.id, {
    assistant_id: ASSISTANT_ID,
    instructions: "Answer as the Acme support desk. Be brief.",
  });

  if (run.status !== "completed") {
    return Response.json({ error: `run ended as ${run.status}` }, { status: 502 });
  }

  const messages = await client.beta.threads.messages.list(thread.id, { run_id: run.id });
  const reply = messages.data[0]?.content[0];
  const text = reply?.type === "text" ? reply.text.value : "";

  return Response.json({ threadId: thread.id, reply: text });
}
