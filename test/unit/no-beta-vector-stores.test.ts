import { ruleTester } from "./support/ruleTester";
import { IMPORT, inv, invIn } from "./support/cases";

ruleTester.run("no-beta-vector-stores", {
  valid: [
    `${IMPORT}await openai.vectorStores.create({ name: "docs" });`,
    `${IMPORT}await openai.vectorStores.files.create(storeId, { file_id });`,
    "// openai.beta.vectorStores.create({ name })",
    'const s = "openai.beta.vectorStores.create()";',
    "await pinecone.vectorStores.create({ name });",
    "await db.beta.vectors.create({});",
    `${IMPORT}// responses-migrate-disable-next-line no-beta-vector-stores\nawait openai.beta.vectorStores.create({ name });`,
    `// responses-migrate-disable no-beta-vector-stores\n${IMPORT}await openai.beta.vectorStores.create({ name });`,
    // The Assistants surface is another rule's business.
    `${IMPORT}await openai.beta.threads.create();`,
  ],
  invalid: [
    inv(`${IMPORT}const store = await openai.beta.vectorStores.create({ name: "docs" });`, [3, "openai.beta.vectorStores.create", "`beta.vectorStores.create` moved to `vectorStores.create` (openai 4.87.0): drop `beta.`"]),
    inv(`${IMPORT}await openai.beta.vectorStores.files.create(storeId, { file_id });`, [3, "openai.beta.vectorStores.files.create", "moved to `vectorStores.files.create`"]),
    inv(`${IMPORT}await openai.beta.vectorStores.fileBatches.uploadAndPoll(storeId, { files });`, [3, "openai.beta.vectorStores.fileBatches.uploadAndPoll"]),
    inv(`${IMPORT}await openai.beta.vectorStores.del(storeId);\nawait openai.beta.vectorStores.list();`, [3, "openai.beta.vectorStores.del"], [4, "openai.beta.vectorStores.list"]),
    inv("getClient().beta.vectorStores.retrieve(id);", [1, "getClient().beta.vectorStores.retrieve"]),
    inv(`${IMPORT}const { vectorStores } = openai.beta;\nawait vectorStores.create({});`, [4, "vectorStores.create"]),
    inv(`${IMPORT}const stores = openai.beta.vectorStores;\nawait stores.files.list(id);`, [4, "stores.files.list"]),
    inv('import OpenAI from "openai";\nclass Kb {\n  constructor(private ai: OpenAI) {}\n  add() { return this.ai.beta.vectorStores.files.createAndPoll(id, { file_id }); }\n}', [4, "this.ai.beta.vectorStores.files.createAndPoll"]),
    invIn("ingest.cjs", 'const OpenAI = require("openai");\nconst openai = new OpenAI();\nopenai.beta.vectorStores.create({ name });', [3, "openai.beta.vectorStores.create"]),
    inv(`\uFEFF${IMPORT.replace(/\n/g, "\r\n")}await openai?.beta.vectorStores.create({});`, [3, "openai?.beta.vectorStores.create"]),
  ],
});
