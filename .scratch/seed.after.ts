
const client = new OpenAI();
const ASSISTANT_ID = process.env.ASSISTANT_ID!;

export async function answer(userMessage: string): Promise<string> {
  console.log("asking the assistant");
  try {
    const response = await client.responses.create({
      model: assistantDefinition.model,
      instructions: assistantDefinition.instructions,
      tools: assistantDefinition.tools,
      input: userMessage,
    });
    if (response.status !== "completed") throw new Error(`Run ended with status ${response.status}`);
    return response.output_text;
  } catch (error) {
    console.error(error);
    throw error;
  }
}
