// Tools the support assistant may call. Plain functions; nothing here talks to OpenAI.
export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

const orders = new Map<string, { status: string; eta: string }>([
  ["A-1001", { status: "shipped", eta: "2026-09-02" }],
  ["A-1002", { status: "processing", eta: "2026-09-05" }],
]);

export async function lookupOrder(orderId: string) {
  return orders.get(orderId) ?? { status: "unknown", eta: "n/a" };
}

export async function escalate(ticketId: string, reason: string) {
  console.log(`escalating ${ticketId}: ${reason}`);
  return { escalated: true, ticketId };
}

export async function runTool(call: ToolCall): Promise<string> {
  const args = JSON.parse(call.function.arguments || "{}");
  switch (call.function.name) {
    case "lookup_order":
      return JSON.stringify(await lookupOrder(args.order_id));
    case "escalate":
      return JSON.stringify(await escalate(args.ticket_id, args.reason));
    default:
      return JSON.stringify({ error: `unknown tool ${call.function.name}` });
  }
}
