import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ruleTester, type InvalidCase } from "./support/ruleTester";
import { inv, invIn } from "./support/cases";
import { on } from "./support/ranges";
import { analyzeText, fixAll } from "../../server/src/engine/index";

const BASE = 'const BASE = "https://api.openai.com/v1";\n';
const SHUT = "(Assistants API over HTTP, shut down 2026-08-26) no longer works";
const HEADER = "`OpenAI-Beta: assistants=v2` selected the Assistants API, shut down 2026-08-26: the header does nothing now; delete it";

/** A header finding on [line, flagged text, message?] whose fix gives `output`. */
function headerFix(code: string, [line, snippet, message = HEADER]: [number, string, string?], output: string): InvalidCase {
  return { code, errors: [on(code, line, snippet, { message })], output };
}

ruleTester.run("no-assistants-http", {
  valid: [
    // Other hosts' threads: a forum, Gmail's REST API, Slack, Discourse.
    'const FORUM = "https://forum.example.com/api";\nawait fetch(`${FORUM}/threads`, { method: "POST", body });',
    "await fetch(`https://gmail.googleapis.com/gmail/v1/users/me/threads?maxResults=25`);",
    'await axios.get("https://slack.com/api/conversations.replies", { params: { channel, ts } });',
    'await fetch("https://discourse.example.com/t/threads.json");',
    // A base that neither resolves nor says OpenAI.
    "await fetch(`${process.env.API_BASE}/threads/${id}`);",
    // The endpoints that replace it.
    `${BASE}await fetch(\`\${BASE}/responses\`, { method: "POST", body });\nawait fetch(\`\${BASE}/conversations/\${id}/items\`);`,
    // URLs that are no request: docs, logs, comments.
    'const DOCS = "https://api.openai.com/v1/threads";\nconsole.log(`see ${DOCS}`);',
    '// await fetch("https://api.openai.com/v1/threads", { method: "POST" });',
    "/** POST https://api.openai.com/v1/threads/{thread_id}/runs */\nexport const runs = 1;",
    // Other OpenAI betas, and a header that is only mentioned.
    'const headers = { "OpenAI-Beta": "realtime=v1" };',
    'const name = "OpenAI-Beta";\nlog(name, "assistants=v2");',
    // The app's own proxy route, under whatever origin it is served from.
    "await fetch(`${window.location.origin}/openai/threads`, { method: 'POST' });",
    'await fetch("/api/openai/threads", { method: "POST" });',
    // Imported helpers that do not say OpenAI, and OpenAI helpers called with other endpoints.
    'import { forumRequest } from "./forum";\nawait forumRequest("threads", { method: "POST" });',
    'import { openaiRequest } from "./openai";\nawait openaiRequest("responses", { method: "POST", body });',
    // A URL parameter with nothing known about it.
    "export async function get(url: string) {\n  return fetch(url);\n}",
    // A wrapper around a forum client is still a forum.
    'const FORUM = "https://forum.example.com";\nasync function forum(path, init) {\n  return fetch(FORUM + path, init);\n}\nawait forum("/threads", { method: "POST" });',
  ],
  invalid: [
    // fetch, the URL literal, a const base, a template, concatenation.
    inv('await fetch("https://api.openai.com/v1/threads", { method: "POST", body: "{}" });', [1, "fetch", `\`POST /threads\` ${SHUT}: use \`POST /conversations\``]),
    inv(`${BASE}const run = await fetch(\`\${BASE}/threads/\${threadId}/runs/\${runId}\`);`, [2, "fetch", `\`GET /threads/{thread_id}/runs/{run_id}\` ${SHUT}: use \`GET /responses/{response_id}\``]),
    inv(`${BASE}await fetch(BASE + "/threads/" + threadId + "/messages", { method: "post", body });`, [2, "fetch", "`POST /threads/{thread_id}/messages`"]),
    inv(`${BASE}await fetch(\`\${BASE}/threads/\${threadId}/messages?limit=1&order=desc\`);`, [2, "fetch", "`GET /threads/{thread_id}/messages` (Assistants API over HTTP, shut down 2026-08-26) no longer works: The latest message is the reply: read `output_text`"]),
    inv(`${BASE}await fetch(\`\${BASE}/threads/\${threadId}/messages?limit=10\`);`, [2, "fetch", "no longer works: use `GET /conversations/{conversation_id}/items`"]),
    inv(`${BASE}const url = \`\${BASE}/threads/\${t}/runs/\${r}/submit_tool_outputs\`;\nawait fetch(url as string, { method: "POST", body });`, [3, "fetch", "`POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs` (Assistants API over HTTP, shut down 2026-08-26) no longer works: use `POST /responses` with `previous_response_id`"]),
    inv('await fetch(new URL(`/v1/threads/${t}/runs`, "https://api.openai.com"), { method: "POST" });', [1, "fetch", "`POST /threads/{thread_id}/runs`"]),
    inv('await globalThis.fetch("https://api.openai.com/v1/threads/runs", { method: "POST", body });', [1, "globalThis.fetch", "`POST /threads/runs`"]),
    inv('await fetch(`https://api.openai.com/v1/assistants`, { method: "POST", body });', [1, "fetch", "`POST /assistants`"]),
    inv('await fetch(`https://api.openai.com/v1/assistants/${id}`, { method: "DELETE" });', [1, "fetch", "`DELETE /assistants/{assistant_id}`"]),
    inv('await fetch(`https://api.openai.com/v1/threads/${t}/runs/${r}/cancel`, { method: "POST" });', [1, "fetch", "`POST /threads/{thread_id}/runs/{run_id}/cancel`"]),
    inv('await fetch(`https://api.openai.com/v1/threads/${t}/runs/${r}/steps`);', [1, "fetch", "`GET /threads/{thread_id}/runs/{run_id}/steps`"]),
    inv('await fetch(`https://api.openai.com/v1/threads/${t}`, { method: "DELETE" });', [1, "fetch", "`DELETE /threads/{thread_id}` (Assistants API over HTTP, shut down 2026-08-26) no longer works: use `DELETE /conversations/{conversation_id}`"]),
    // A base from the environment whose name says OpenAI, or a fallback to the public one.
    inv("await fetch(`${process.env.OPENAI_BASE_URL}/threads`, { method: 'POST' });", [1, "fetch", "`POST /threads`"]),
    inv("const API = process.env.API_BASE ?? 'https://api.openai.com/v1';\nawait fetch(`${API}/threads/${id}/messages`);", [2, "fetch", "`GET /threads/{thread_id}/messages`"]),
    // Azure OpenAI endpoints.
    inv('await fetch(`${endpoint}/openai/threads?api-version=2024-05-01-preview`, { method: "POST", headers: { "api-key": key } });', [1, "fetch", "`POST /threads`"]),
    inv('await fetch("https://contoso.openai.azure.com/openai/assistants?api-version=2024-05-01-preview");', [1, "fetch", "`GET /assistants`"]),
    // axios: methods, config calls, instances with a baseURL.
    inv(`${BASE}await axios.post(\`\${BASE}/threads/runs\`, { assistant_id });`, [2, "axios.post", "`POST /threads/runs`"]),
    inv(`${BASE}const { data } = await axios.get(\`\${BASE}/threads/\${t}/messages\`, { params: { limit: 1 } });`, [2, "axios.get", "`GET /threads/{thread_id}/messages`"]),
    inv(`${BASE}await axios({ method: "post", url: \`\${BASE}/threads\`, data: {} });`, [2, "axios", "`POST /threads`"]),
    inv(`${BASE}await axios.request({ url: \`\${BASE}/threads/\${t}\` });`, [2, "axios.request", "`GET /threads/{thread_id}`"]),
    inv('import axios from "axios";\nconst openai = axios.create({ baseURL: "https://api.openai.com/v1", headers: { Authorization } });\nawait openai.post(`/threads/${t}/runs`, { assistant_id });', [3, "openai.post", "`POST /threads/{thread_id}/runs`"]),
    // got, ky, undici, node-fetch.
    inv('import got from "got";\nawait got.post("https://api.openai.com/v1/threads", { json: {} }).json();', [2, "got.post", "`POST /threads`"]),
    inv('import got from "got";\nconst api = got.extend({ prefixUrl: "https://api.openai.com/v1" });\nawait api.get(`threads/${t}/runs/${r}`).json();', [3, "api.get", "`GET /threads/{thread_id}/runs/{run_id}`"]),
    inv('import ky from "ky";\nawait ky.post(`https://api.openai.com/v1/threads/${t}/messages`, { json }).json();', [2, "ky.post", "`POST /threads/{thread_id}/messages`"]),
    inv('import ky from "ky";\nawait ky(`https://api.openai.com/v1/threads/${t}/runs`, { method: "post", json });', [2, "ky", "`POST /threads/{thread_id}/runs`"]),
    inv('import { request } from "undici";\nawait request("https://api.openai.com/v1/threads", { method: "POST", body });', [2, "request", "`POST /threads`"]),
    inv('import { fetch as undiciFetch } from "undici";\nawait undiciFetch(`https://api.openai.com/v1/threads/${t}`);', [2, "undiciFetch", "`GET /threads/{thread_id}`"]),
    inv('import * as undici from "undici";\nawait undici.request(`https://api.openai.com/v1/threads/${t}/runs`, { method: "POST" });', [2, "undici.request", "`POST /threads/{thread_id}/runs`"]),
    invIn("client.cjs", 'const fetch = require("node-fetch");\nfetch("https://api.openai.com/v1/threads", { method: "POST" });', [2, "fetch", "`POST /threads`"]),
    // Local wrappers: the finding is on each call of the wrapper, with the wrapper's method.
    inv(
      `${BASE}async function openai(path: string, init: RequestInit = {}) {\n  const res = await fetch(\`\${BASE}\${path}\`, { ...init, headers: { Authorization: key } });\n  return res.json();\n}\nconst thread = await openai("/threads", { method: "POST" });\nawait openai(\`/threads/\${thread.id}/messages?limit=1\`);`,
      [6, "openai", "`POST /threads`"],
      [7, "openai", "`GET /threads/{thread_id}/messages`"],
    ),
    inv(
      `${BASE}const call = (method, path, body) => fetch(BASE + path, { method, body: JSON.stringify(body) });\nawait call("POST", \`/threads/\${t}/runs\`, { assistant_id });`,
      [3, "call", "`POST /threads/{thread_id}/runs`"],
    ),
    inv(
      `${BASE}class Api {\n  private async request(path, method = "GET") {\n    return axios({ url: BASE + path, method });\n  }\n  createThread() {\n    return this.request("/threads", "POST");\n  }\n}`,
      [7, "this.request", "`POST /threads`"],
    ),
    inv(
      `${BASE}async function send(path, init) {\n  return fetch(BASE + path, init);\n}\nasync function post(path, body) {\n  return send(path, { method: "POST", body: JSON.stringify(body) });\n}\nawait post("/threads", {});`,
      [8, "post", "`POST /threads`"],
    ),
    // Headers: in an object, a Headers, a pair list, set on one, axios defaults.
    headerFix(
      'await fetch(url, {\n  headers: {\n    Authorization: `Bearer ${key}`,\n    "OpenAI-Beta": "assistants=v2",\n    "Content-Type": "application/json",\n  },\n});',
      [4, '"OpenAI-Beta": "assistants=v2"'],
      'await fetch(url, {\n  headers: {\n    Authorization: `Bearer ${key}`,\n    "Content-Type": "application/json",\n  },\n});',
    ),
    headerFix('const headers = { Authorization: `Bearer ${key}`, "OpenAI-Beta": "assistants=v2" };', [1, '"OpenAI-Beta": "assistants=v2"'], "const headers = { Authorization: `Bearer ${key}` };"),
    headerFix(
      'const headers = new Headers({ "openai-beta": "assistants=v1", Accept: "application/json" });',
      [1, '"openai-beta": "assistants=v1"', HEADER.replace("v2", "v1")],
      'const headers = new Headers({ Accept: "application/json" });',
    ),
    headerFix('const BETA = "assistants=v2";\nconst headers = { "OpenAI-Beta": BETA };', [2, '"OpenAI-Beta": BETA'], 'const BETA = "assistants=v2";\nconst headers = {};'),
    headerFix(
      'const headers = new Headers();\nheaders.set("Authorization", auth);\nheaders.set("OpenAI-Beta", "assistants=v2");\nawait fetch(url, { headers });',
      [3, 'headers.set("OpenAI-Beta", "assistants=v2");'],
      'const headers = new Headers();\nheaders.set("Authorization", auth);\nawait fetch(url, { headers });',
    ),
    headerFix(
      'const headers = new Headers([\n  ["Authorization", auth],\n  ["OpenAI-Beta", "assistants=v2"], // v2 of the beta\n]);',
      [3, '["OpenAI-Beta", "assistants=v2"]'],
      'const headers = new Headers([\n  ["Authorization", auth],\n  // v2 of the beta\n]);',
    ),
    headerFix(
      'axios.defaults.headers.common["OpenAI-Beta"] = "assistants=v2";\naxios.defaults.headers.common.Authorization = auth;',
      [1, 'axios.defaults.headers.common["OpenAI-Beta"] = "assistants=v2";'],
      "axios.defaults.headers.common.Authorization = auth;",
    ),
    // A wrapper inside a wrapper: reported at the outer calls only.
    inv(
      `${BASE}async function send(path, init) {\n  return fetch(BASE + path, init);\n}\nasync function runs(threadId, body) {\n  return send(\`/threads/\${threadId}/runs\`, { method: "POST", body });\n}\nawait runs(a, {});\nawait runs(b, {});`,
      [8, "runs", "`POST /threads/{thread_id}/runs`"],
      [9, "runs", "`POST /threads/{thread_id}/runs`"],
    ),
    // A wrapper imported from another file, named for OpenAI: the path is followed, the method only when spelt out.
    inv(
      'import { openaiRequest } from "@/lib/openai";\nawait openaiRequest(`threads/${threadId}/runs`, { method: "POST", body });\nawait openaiRequest("threads", {});',
      [2, "openaiRequest", "`POST /threads/{thread_id}/runs`"],
      [3, "openaiRequest", "`/threads` (Assistants API over HTTP"],
    ),
    // A method that cannot be followed is not guessed.
    inv("export async function call(init: RequestInit) {\n  return fetch(`https://api.openai.com/v1/threads/${id}/messages`, init);\n}", [2, "fetch", "`/threads/{thread_id}/messages` (Assistants API over HTTP"]),
    // One finding per request and one for its header.
    inv(
      'await fetch("https://api.openai.com/v1/threads", { method: "POST", headers: { "OpenAI-Beta": "assistants=v2" } });',
      [1, "fetch", "`POST /threads`"],
      [1, '"OpenAI-Beta": "assistants=v2"', "does nothing now"],
    ),
  ],
});

describe("no-assistants-http hover", () => {
  it("shows the request before and after", () => {
    const code = 'await fetch(`https://api.openai.com/v1/threads/${t}/runs/${r}/submit_tool_outputs`, { method: "POST", body });';
    const [finding] = analyzeText("file.ts", code, { onlyRules: ["no-assistants-http"] }).findings;
    assert.equal(
      finding.hover,
      [
        "`POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs` (Assistants API over HTTP, shut down 2026-08-26) no longer works: use `POST /responses` with `previous_response_id` and `function_call_output` items as `input`",
        "",
        "```http",
        "# before (Assistants API)",
        "POST https://api.openai.com/v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
        "OpenAI-Beta: assistants=v2",
        '{ "tool_outputs": [{ "tool_call_id": "call_…", "output": "…" }] }',
        "# after",
        "POST https://api.openai.com/v1/responses",
        '{ "model": "gpt-4.1", "previous_response_id": "{response_id}", "input": [{ "type": "function_call_output", "call_id": "call_…", "output": "…" }] }',
        "```",
      ].join("\n"),
    );
    assert.equal(finding.deprecated, true);
    assert.deepEqual(finding.fixes, []);
  });

  it("fixes the header idempotently", () => {
    const code = 'const headers = {\n  "OpenAI-Beta": "assistants=v2",\n  Authorization: key,\n};\n';
    const once = fixAll("file.ts", code, { onlyRules: ["no-assistants-http"] }).text;
    assert.equal(once, "const headers = {\n  Authorization: key,\n};\n");
    assert.equal(fixAll("file.ts", once, { onlyRules: ["no-assistants-http"] }).text, once);
  });
});
