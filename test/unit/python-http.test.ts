// no-assistants-http on Python: requests, httpx and aiohttp (module functions, sessions, clients with
// base_url, async with), URLs followed through constants, f-strings, `+`, environment fallbacks and
// small wrappers; the OpenAI-Beta header and its deletion. Other hosts' threads and docs never count.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { analyzeText, ensurePythonParser } from "../../server/src/engine/index";
import { ruleTester, type InvalidCase } from "./support/ruleTester";
import { invIn } from "./support/cases";
import { on } from "./support/ranges";

before(() => ensurePythonParser());

const py = (code: string) => ({ code, filename: "app.py" });
const REQ = 'import requests\nAPI = "https://api.openai.com/v1"\n';
const SHUT = "(Assistants API over HTTP, shut down 2026-08-26) no longer works";
const HEADER = "`OpenAI-Beta: assistants=v2` selected the Assistants API, shut down 2026-08-26: the header does nothing now; delete it";

function headerFix(code: string, line: number, snippet: string, output: string): InvalidCase {
  return { code, filename: "app.py", errors: [on(code, line, snippet, { message: HEADER })], output };
}

ruleTester.run("no-assistants-http", {
  valid: [
    // Other hosts' threads: a forum, Slack, Gmail's client.
    py('import requests\nFORUM = "https://forum.example.com/api"\nrequests.post(f"{FORUM}/threads", json=body)\n'),
    py('import requests\nrequests.get("https://slack.com/api/conversations.replies", params={"channel": c, "ts": ts})\n'),
    py("service.users().threads().list(userId='me').execute()\n"),
    py('import httpx\nhttpx.get("https://gmail.googleapis.com/gmail/v1/users/me/threads")\n'),
    // A base that neither resolves nor says OpenAI.
    py('import os, requests\nrequests.get(f"{os.environ[\'API_BASE\']}/threads/{tid}")\n'),
    // The endpoints that replace it, and URLs that are no request.
    py(REQ + 'requests.post(f"{API}/responses", json=body)\nrequests.get(f"{API}/conversations/{cid}/items")\n'),
    py(REQ + '# requests.post(f"{API}/threads")\n"""POST https://api.openai.com/v1/threads"""\nDOCS = f"{API}/threads"\nprint(DOCS)\n'),
    // Not an HTTP client: a local object with a get method.
    py(REQ + 'cache.get(f"{API}/threads/{tid}")\n'),
    // A chain of `or` fallbacks doubles the branches at each step: evaluation gives up instead of hanging.
    py(`import requests\nu0 = "https://forum.example.com"\n${Array.from({ length: 40 }, (_, i) => `u${i + 1} = u${i} or u${i}\n`).join("")}requests.get(u40 + "/threads")\n`),
    // Other betas, and a header that is only mentioned.
    py('headers = {"OpenAI-Beta": "realtime=v1"}\nname = "OpenAI-Beta"\n'),
  ],
  invalid: [
    invIn("app.py", REQ + 'r = requests.post(f"{API}/threads", headers=HEADERS, json={})\n', [3, "requests.post", `\`POST /threads\` ${SHUT}: use \`POST /conversations\``]),
    invIn("app.py", REQ + 'requests.post(f"{API}/threads/{tid}/messages", json={"role": "user", "content": text})\n', [3, "requests.post", "`POST /threads/{thread_id}/messages` (Assistants API over HTTP"]),
    invIn("app.py", REQ + 'requests.get(API + "/threads/" + tid + "/runs/" + run_id)\n', [3, "requests.get", "`GET /threads/{thread_id}/runs/{run_id}` (Assistants API over HTTP, shut down 2026-08-26) no longer works: use `GET /responses/{response_id}`"]),
    invIn("app.py", REQ + 'requests.get(f"{API}/threads/{tid}/messages", params={"limit": 1})\n', [3, "requests.get", "The latest message is the reply"]),
    invIn("app.py", REQ + 'requests.request("DELETE", url=f"{API}/threads/{tid}")\n', [3, "requests.request", "`DELETE /threads/{thread_id}`"]),
    invIn("app.py", 'import os\nimport requests\nBASE = os.environ.get("BASE_URL", "https://api.openai.com/v1")\nrequests.post(BASE + "/threads/runs")\n', [4, "requests.post", "`POST /threads/runs`"]),
    invIn("app.py", 'import os\nimport requests\nrequests.get(f"{os.getenv(\'OPENAI_BASE_URL\')}/assistants")\n', [3, "requests.get", "`GET /assistants`"]),
    invIn("app.py", REQ + 's = requests.Session()\ns.post(f"{API}/threads/{tid}/runs", json={"assistant_id": a})\n', [4, "s.post", "`POST /threads/{thread_id}/runs`"]),
    invIn("app.py", 'import httpx\nclient = httpx.Client(base_url="https://api.openai.com/v1")\nclient.post("/threads")\n', [3, "client.post", "`POST /threads`"]),
    invIn(
      "app.py",
      'import httpx\n\nclass Assistants:\n    def __init__(self, key):\n        self.http = httpx.Client(base_url="https://api.openai.com/v1", headers={"Authorization": key})\n\n    def cancel(self, tid, rid):\n        return self.http.post(f"/threads/{tid}/runs/{rid}/cancel")\n',
      [8, "self.http.post", "`POST /threads/{thread_id}/runs/{run_id}/cancel` (Assistants API over HTTP, shut down 2026-08-26) no longer works: use `POST /responses/{response_id}/cancel` (background responses only)"],
    ),
    invIn("app.py", 'from httpx import AsyncClient\n\nasync def go(tid):\n    async with AsyncClient(base_url="https://api.openai.com/v1/") as http:\n        await http.get(f"/threads/{tid}/messages")\n', [5, "http.get", "`GET /threads/{thread_id}/messages`"]),
    invIn(
      "app.py",
      'import aiohttp\nAPI = "https://api.openai.com/v1"\n\nasync def go(tid):\n    async with aiohttp.ClientSession() as session:\n        async with session.post(f"{API}/threads/{tid}/runs") as resp:\n            return await resp.json()\n',
      [6, "session.post", "`POST /threads/{thread_id}/runs`"],
    ),
    invIn("app.py", REQ + 'url = (f"{API}/threads/{t}" if t else None)\nrequests.delete(url)\n', [4, "requests.delete", "`DELETE /threads/{thread_id}`"]),
    // A wrapper whose URL parameter reaches requests, and a wrapper around it.
    invIn(
      "app.py",
      REQ + '\ndef call(method, path, body=None):\n    return requests.request(method, API + path, json=body)\n\ndef create_run(tid):\n    return call("POST", f"/threads/{tid}/runs")\n\ncall("GET", "/threads/t1")\n',
      [8, "call", "`POST /threads/{thread_id}/runs`"],
      [10, "call", "`GET /threads/{thread_id}`"],
    ),
    invIn(
      "app.py",
      REQ + '\ndef post(path):\n    return requests.post(f"{API}{path}")\n\ndef openai_post(path):\n    return post(path)\n\nopenai_post("/threads")\n',
      [10, "openai_post", "`POST /threads`"],
    ),
    headerFix(
      'HEADERS = {\n    "Authorization": f"Bearer {KEY}",\n    "OpenAI-Beta": "assistants=v2",\n    "Content-Type": "application/json",\n}\n',
      3,
      '"OpenAI-Beta": "assistants=v2"',
      'HEADERS = {\n    "Authorization": f"Bearer {KEY}",\n    "Content-Type": "application/json",\n}\n',
    ),
    headerFix('requests.get(url, headers={"Authorization": auth, "OpenAI-Beta": "assistants=v2"})\n', 1, '"OpenAI-Beta": "assistants=v2"', 'requests.get(url, headers={"Authorization": auth})\n'),
    headerFix('h = {"OpenAI-Beta": "assistants=v2", "X": "y"}\n', 1, '"OpenAI-Beta": "assistants=v2"', 'h = {"X": "y"}\n'),
    // The only statement of its block: deleting it would not parse, so no fix is offered.
    headerFix('if beta:\n    headers["OpenAI-Beta"] = "assistants=v2"\n', 2, 'headers["OpenAI-Beta"] = "assistants=v2"', 'if beta:\n    headers["OpenAI-Beta"] = "assistants=v2"\n'),
    headerFix('s.headers.update({"OpenAI-Beta": "assistants=v2"})\n', 1, '"OpenAI-Beta": "assistants=v2"', "s.headers.update({})\n"),
    headerFix('headers = {}\nheaders["OpenAI-Beta"] = "assistants=v2"\nsend(headers)\n', 2, 'headers["OpenAI-Beta"] = "assistants=v2"', "headers = {}\nsend(headers)\n"),
    {
      code: 'h = {\n    "OpenAI-Beta": "assistants=v1",  # beta\n}\n',
      filename: "app.py",
      errors: [on('h = {\n    "OpenAI-Beta": "assistants=v1",  # beta\n}\n', 2, '"OpenAI-Beta": "assistants=v1"', { message: HEADER.replace("v2", "v1") })],
      output: "h = {\n    # beta\n}\n",
    },
  ],
});

describe("the OpenAI-Beta fix on Python", () => {
  it("is offered once, though the Python fixes are computed in a second pass", () => {
    const analysis = analyzeText("app.py", 'h = {"OpenAI-Beta": "assistants=v2"}\n');
    assert.deepEqual(
      analysis.findings.map((finding) => finding.fixes.map((fix) => [fix.title, fix.safe, fix.edits])),
      [[["Delete the OpenAI-Beta header", true, [{ range: { start: 5, end: 35 }, newText: "" }]]]],
    );
  });
});
