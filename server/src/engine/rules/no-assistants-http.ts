/**
 * no-assistants-http
 *
 * What: Assistants API requests sent over plain HTTP (fetch, axios, got, ky, undici, node-fetch;
 * Python's requests, httpx, aiohttp; or a small local wrapper around one), whose URL resolves to the OpenAI API (`https://api.openai.com/v1`,
 * an Azure OpenAI endpoint's `/openai`) followed by `/assistants…`, `/threads…` or `/threads/runs`;
 * and the `OpenAI-Beta: assistants=v2` (or v1) header that selected the API. One finding per request,
 * on the call, naming the endpoint and the one that replaces it.
 *
 * Why: the Assistants API was shut down on 2026-08-26, so these requests now fail, and the beta
 * header does nothing. A rule of its own rather than more of `no-assistants-api`: that rule's table
 * row promises SDK calls, each with a rewrite in place; these findings come from evaluating URLs, name
 * REST endpoints rather than SDK methods, and mostly explain instead of rewriting, so teams that only
 * talk HTTP (or only use the SDK) can see, grade or switch off each kind on its own, and a CI gate on
 * `no-assistants-api` keeps meaning what it meant.
 *
 * Example:
 *   await fetch(`${OPENAI}/threads/${threadId}/runs`, { method: "POST", headers: { "OpenAI-Beta": "assistants=v2" }, body });
 *
 * Fix: send `POST /responses` (with `conversation`, or `previous_response_id`), threads become
 * `/conversations`, messages `/conversations/{id}/items`. The hover shows the request before and
 * after. The header's quick fix deletes it (safe). Requests are not rewritten automatically: a
 * thread migrates whole or not at all, and the thread planner does not cover HTTP requests yet.
 */
import { assistantsEndpointOf, type AssistantsEndpoint } from "../assistantsHttp";
import type { Rule } from "./rule";

function instead(endpoint: AssistantsEndpoint): string {
  const { use, detail } = endpoint.replacement;
  if (!use) return detail ?? "";
  return `use \`${use}\`${detail ? ` ${detail}` : ""}`;
}

function requestHover(endpoint: AssistantsEndpoint, headline: string): string {
  const { before, after } = endpoint.replacement;
  return [headline, "", "```http", "# before (Assistants API)", before, "# after", after, "```"].join("\n");
}

export const noAssistantsHttp: Rule = {
  id: "no-assistants-http",
  defaultSeverity: "error",
  summary: "Assistants API requests over plain HTTP, and the OpenAI-Beta: assistants header.",
  deprecated: true,
  triggers: ["threads", "assistants", "OpenAI-Beta", "openai-beta"],
  mayFind: (text) => /openai/i.test(text),
  check(facts, report) {
    for (const request of facts.httpRequests ?? []) {
      const endpoint = assistantsEndpointOf(request.method, request.path, request.query);
      if (!endpoint) continue;
      // A method that could not be followed is left out rather than guessed.
      const name = request.method ? `${endpoint.method} ${endpoint.template}` : endpoint.template;
      const message = `\`${name}\` (Assistants API over HTTP, shut down 2026-08-26) no longer works: ${instead(endpoint)}`;
      report({ range: request.calleeRange, message, hover: requestHover(endpoint, message) });
    }
    for (const header of facts.betaHeaders ?? []) {
      report({
        range: header.range,
        message: `\`OpenAI-Beta: ${header.value}\` selected the Assistants API, shut down 2026-08-26: the header does nothing now; delete it`,
        fixes: header.removal ? [{ title: "Delete the OpenAI-Beta header", edits: [{ range: header.removal, newText: "" }], safe: true, preferred: true }] : [],
      });
    }
  },
};
