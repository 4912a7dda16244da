/**
 * no-beta-vector-stores
 *
 * What: calls through `beta.vectorStores` (Python: `beta.vector_stores`).
 *
 * Why: vector stores left beta in openai 4.87.0 (Python 1.66.0); newer SDKs only have the top-level
 * `vectorStores`, and the beta alias goes with the rest of `beta`.
 *
 * Example:
 *   await client.beta.vectorStores.files.create(storeId, { file_id });
 *
 * Fix: drop `beta.`: `client.vectorStores.files.create(storeId, { file_id })`. Same methods.
 */
import { betaVectorStoresEntry } from "../assistantsSurface";
import type { Rule } from "./rule";
import { BETA_STEP } from "./triggers";
import { beforeAfterHover } from "./hover";

export const noBetaVectorStores: Rule = {
  id: "no-beta-vector-stores",
  defaultSeverity: "warning",
  summary: "`beta.vectorStores` moved to the top-level `vectorStores`.",
  deprecated: true,
  triggers: ["beta"],
  mayFind: (text) => (text.includes("vectorStores") || text.includes("vector_stores")) && BETA_STEP.test(text),
  check(facts, report) {
    for (const call of facts.apiCalls) {
      const entry = betaVectorStoresEntry(call.path);
      if (entry < 0 || call.path.length < entry + 3) continue;
      const oldName = call.path.slice(entry).join(".");
      const newName = call.path.slice(entry + 1).join(".");
      report({
        range: call.calleeRange,
        message: `\`${oldName}\` moved to \`${newName}\` (openai 4.87.0): drop \`beta.\``,
        hover: beforeAfterHover(`\`${oldName}\` is now \`${newName}\`.`, {
          before: `await client.${oldName}(…);`,
          after: `await client.${newName}(…);`,
        }),
      });
    }
  },
};
