import OpenAI from "openai";

// TODO(responses-migrate): fill in this assistant definition: copy its model, instructions and tools from the OpenAI dashboard, then delete this line. It replaces the assistant `ASSISTANT_ID`.
const assistantDefinition = {
  model: "gpt-4.1",
  instructions: "",
  tools: [],
};

const client = new OpenAI();
const ASSISTANT_ID = process.env.SUPPORT_ASSISTANT_ID!;

// POST /api/chat  { message: string, threadId?: string }
export async function POST(req: Request) {
  const { message, threadId } = (await req.json()) as { message: string; threadId?: string };

  // TODO(responses-migrate): ids stored before the migration are thread_ ids, which no longer exist, so they start a new conversation: persist thread.id where threadId came from.
  const thread = threadId?.startsWith("conv_") ? { id: threadId } : await client.conversations.create();

  await client.conversations.items.create(thread.id, { items: [{ type: "message", role: "user", content: message }] });

  const response = await client.responses.create({
    model: assistantDefinition.model,
    instructions: "Answer as the Acme support desk. Be brief.",
    tools: assistantDefinition.tools,
    conversation: thread.id,
  });

  if (response.status !== "completed") {
    return Response.json({ error: `run ended as ${response.status}` }, { status: 502 });
  }

  const text = response.output_text;

  return Response.json({ threadId: thread.id, reply: text });
}
