// One-off: create the support assistant and print its id for SUPPORT_ASSISTANT_ID.
import OpenAI from "openai";

const client = new OpenAI();

const assistant = await client.beta.assistants.create({
  name: "Acme support desk",
  model: "gpt-4o",
  instructions: "You answer customer questions about Acme orders. Use the tools to look orders up.",
  tools: [
    {
      type: "function",
      function: {
        name: "lookup_order",
        description: "Look up an order by id",
        parameters: {
          type: "object",
          properties: { order_id: { type: "string" } },
          required: ["order_id"],
        },
      },
    },
    {
      type: "function",
      function: {
        name: "escalate",
        description: "Hand the ticket to a human",
        parameters: {
          type: "object",
          properties: { ticket_id: { type: "string" }, reason: { type: "string" } },
          required: ["ticket_id", "reason"],
        },
      },
    },
  ],
});

console.log(`SUPPORT_ASSISTANT_ID=${assistant.id}`);
