/**
 * no-assistants-api
 *
 * What: every call into the Assistants surface (`beta.assistants.*`, `beta.threads.*`,
 * `beta.threads.messages.*`, `beta.threads.runs.*`, `beta.threads.runs.steps.*`), however the client
 * was reached (import alias, `require`, class field, resource alias), plus imports of Assistants types.
 *
 * Why: the Assistants API was shut down on 2026-08-26. The SDK still has the methods, so the code
 * compiles, but every call now fails at run time.
 *
 * Example:
 *   const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id });
 *
 * Fix: rewrite to the Responses API (`responses.create`), threads to conversations where the thread
 * id is kept, and assistants to in-repo definitions.
 */
import { assistantsEntry, describeReplacement, replacementFor } from "../assistantsSurface";
import type { Rule } from "./rule";
import { BETA_STEP } from "./triggers";
import { beforeAfterHover } from "./hover";

export const noAssistantsApi: Rule = {
  id: "no-assistants-api",
  defaultSeverity: "error",
  summary: "Calls into the Assistants API, which was shut down on 2026-08-26.",
  deprecated: true,
  triggers: ["beta", "AssistantStream", "AssistantEventHandler", "TODO(responses-migrate)"],
  mayFind: (text) =>
    text.includes("AssistantStream") ||
    text.includes("AssistantEventHandler") ||
    text.includes("TODO(responses-migrate)") ||
    ((BETA_STEP.test(text) || text.includes("resources/beta/")) && (text.includes("threads") || text.includes("assistants"))),
  check(facts, report) {
    for (const call of facts.apiCalls) {
      const entry = assistantsEntry(call.path);
      if (entry < 0 || call.path.length < entry + 3) continue;
      const surfacePath = call.path.slice(entry);
      const replacement = replacementFor(surfacePath);
      const name = surfacePath.join(".");
      const instead = replacement ? describeReplacement(replacement) : "use the Responses API";
      report({
        range: call.calleeRange,
        message: `\`${name}\` no longer works (Assistants API shut down 2026-08-26): ${instead}`,
        hover: replacement && beforeAfterHover(`\`${name}\`: ${instead}.`, replacement),
      });
    }
    for (const todo of facts.migrationTodos) {
      report({
        range: todo.range,
        message: todo.isDefinitionStub
          ? "Assistant definition stub: fill in the model, instructions and tools of the assistant it replaces, then delete the TODO line"
          : `Migration left a step to do by hand: ${todo.text} Delete the TODO line when done.`,
      });
    }
    for (const betaImport of facts.betaImports) {
      report({
        range: betaImport.range,
        message: `\`${betaImport.names.join(", ") || betaImport.module}\` from \`${betaImport.module}\` belongs to the Assistants API (shut down 2026-08-26): use the Responses and Conversations types`,
      });
    }
  },
};
