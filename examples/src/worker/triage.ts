import OpenAI from "openai";
import { runTool } from "../lib/tools";

const client = new OpenAI();
const ASSISTANT_ID = process.env.TRIAGE_ASSISTANT_ID!;

// Triage one incoming ticket: the assistant may look up orders or escalate.
export async function triageTicket(ticketId: string, body: string) {
  const thread = await client.beta.threads.create({
    messages: [{ role: "user", content: `Ticket ${ticketId}:\n${body}` }],
    metadata: { ticketId },
  });

  let run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: ASSISTANT_ID });

  while (run.status === "requires_action" && run.required_action) {
    const toolOutputs = [];
    for (const call of run.required_action.submit_tool_outputs.tool_calls) {
      const out = await runTool(call);
      toolOutputs.push({ tool_call_id: call.id, output: out });
    }
    run = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
      thread_id: thread.id,
      tool_outputs: toolOutputs,
    });
  }

  const messages = await client.beta.threads.messages.list(thread.id);
  return messages.data
    .filter((m) => m.role === "assistant")
    .flatMap((m) => m.content)
    .map((c) => (c.type === "text" ? c.text.value : ""))
    .join("\n");
}

if (process.argv[2]) {
  triageTicket(process.argv[2], process.argv.slice(3).join(" ")).then(console.log);
}
