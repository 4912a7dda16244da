import { ruleTester } from "./support/ruleTester";
import { IMPORT, inv } from "./support/cases";

ruleTester.run("chain-without-fallback", {
  valid: [
    `${IMPORT}await openai.responses.create({ model, input });`,
    `${IMPORT}try {\n  await openai.responses.create({ model, input, previous_response_id: lastId });\n} catch (error) {\n  if (error instanceof OpenAI.NotFoundError) return rebuild();\n  throw error;\n}`,
    `${IMPORT}try {\n  await openai.responses.create({ model, input, previous_response_id: lastId });\n} catch (error: any) {\n  if (error.status === 404) return rebuild();\n}`,
    `${IMPORT}await openai.responses.create({ model, input, previous_response_id: lastId }).catch((e) => {\n  if (e instanceof NotFoundError) return fresh();\n  throw e;\n});`,
    `${IMPORT}const r = await withChainFallback(() => openai.responses.create({ model, input, previous_response_id: lastId }));`,
    `${IMPORT}// responses-migrate-disable-next-line chain-without-fallback\nawait openai.responses.create({ model, input, previous_response_id: lastId });`,
    // A tool round-trip chains to the response it just created, seconds old: it cannot have expired.
    `${IMPORT}const first = await openai.responses.create({ model, input });\nconst second = await openai.responses.create({ model, input: outputs, previous_response_id: first.id });`,
    "// await openai.responses.create({ previous_response_id })",
    // Not a Responses request.
    "await db.responses.insert({ previous_response_id: id });",
    "const row = { previous_response_id: id };",
  ],
  invalid: [
    inv(
      `${IMPORT}const next = await openai.responses.create({ model, input, previous_response_id: lastId });`,
      [3, "previous_response_id: lastId", "`previous_response_id` chains expire after about 30 days and then fail with 404: catch `NotFoundError` and rebuild the input from stored history"],
    ),
    inv(`${IMPORT}const next = await openai.responses.create({\n  model,\n  previous_response_id,\n  input,\n});`, [5, "previous_response_id"]),
    // A catch that does not look at the expired chain is not a fallback.
    inv(`${IMPORT}try {\n  await openai.responses.create({ model, input, previous_response_id: id });\n} catch (e) {\n  console.error(e);\n}`, [4, "previous_response_id: id"]),
    // Options through a const.
    inv(`${IMPORT}const params = { model, input, previous_response_id: id };\nawait openai.responses.create(params);`, [3, "previous_response_id: id"]),
    inv(`${IMPORT}const stream = openai.responses.stream({ model, input, previous_response_id: id });`, [3, "previous_response_id: id"]),
    inv("async function reply(client: OpenAI, id) {\n  return client.responses.create({ model, input, previous_response_id: id });\n}", [2, "previous_response_id: id"]),
  ],
});
