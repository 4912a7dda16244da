import OpenAI from "openai";

const client = new OpenAI();

// Each customer keeps one support thread; its id lives in the CRM row, so it outlives any request.
export async function openCustomerThread(customerId: string): Promise<string> {
  const thread = await client.beta.threads.create({ metadata: { customerId } });
  return thread.id;
}

export async function addCustomerNote(threadId: string, note: string) {
  await client.beta.threads.messages.create(threadId, { role: "user", content: note });
}

export async function closeCustomerThread(threadId: string) {
  await client.beta.threads.del(threadId);
}

export async function attachHandbook(vectorStoreId: string, fileId: string) {
  await client.beta.vectorStores.files.create(vectorStoreId, { file_id: fileId });
}
