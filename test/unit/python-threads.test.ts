// Python thread rewrites beyond one turn (conversation and background-run plans): what the snapshots in
// fixes-python show, asserted as properties. Every Assistants call on a thread moves, or none does;
// no function is left calling both APIs; waited runs lose their polling, kept runs keep it over a
// background response; a thread with a call the rewrite cannot render stays whole, naming that call.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { analyzeText, computeFixes, ensurePythonParser, fixAll } from "../../server/src/engine/index";
import { parseAndExtractPython } from "../../server/src/engine/python/extract";
import { reanalysePython } from "../../server/src/engine/python/migration";
import { mixedFunctions } from "../../server/src/engine/migration/verify";

const FIXTURES = path.join(__dirname, "..", "fixtures", "fixes-python");
const THREAD_FIXTURES = ["kept_threads.py", "async_tool_loop.py", "background_runs.py", "flask_sessions.py", "to_thread_worker.py"];
const read = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const fixed = (name: string) => fixAll(name, read(name), { unsafe: true }).text;
/** The text of the top-level function `name`. */
const functionText = (text: string, name: string) => {
  const start = text.search(new RegExp(`^(async )?def ${name}\\(`, "m"));
  const body = text.indexOf("\n", start) + 1;
  const next = text.slice(body).search(/^\S/m);
  return next === -1 ? text.slice(start) : text.slice(start, body + next);
};

describe("Python thread rewrites", () => {
  before(() => ensurePythonParser());

  for (const name of THREAD_FIXTURES) {
    it(`${name}: no Assistants call is left and no function calls both APIs`, () => {
      const before = reanalysePython(parseAndExtractPython(read(name))!);
      assert.ok(before.assistantsCalls.length >= 4, "the fixture has threads to migrate");
      const after = reanalysePython(parseAndExtractPython(fixed(name))!);
      assert.deepEqual(after.assistantsCalls, []);
      assert.match(fixed(name), /\.(responses|conversations)\./);
      assert.deepEqual(mixedFunctions(after), []);
    });
  }

  it("a run waited for in its function loses its poll loop; the reply is the response's output_text", () => {
    const polled = functionText(fixed("kept_threads.py"), "ask_polling");
    assert.match(polled, /run = client\.responses\.create\(model=ASSISTANT\["model"\], instructions=ASSISTANT\["instructions"\], conversation=thread_id\)\n/);
    assert.doesNotMatch(polled, /sleep|retrieve|while|messages/);
    assert.match(polled, /return run\.output_text/);
    const flask = functionText(fixed("flask_sessions.py"), "chat");
    assert.doesNotMatch(flask, /for _ in range|sleep|retrieve/);
    assert.match(flask, /answer = run\.output_text/);
  });

  it("a kept run runs in background mode and is retrieved and cancelled by response id", () => {
    const text = fixed("background_runs.py");
    assert.match(functionText(text, "start_report"), /client\.responses\.create\(model=ASSISTANT\["model"\], instructions="Write in plain English\.", conversation=thread_id, background=True\)\n    return run\.id/);
    assert.match(functionText(text, "report_status"), /run = client\.responses\.retrieve\(run_id\)\n    if run\.status == "incomplete":/);
    assert.match(functionText(text, "cancel_report"), /client\.responses\.cancel\(run_id\)/);
    // This loop raises on failure, so it stays, over a background response.
    assert.match(functionText(text, "wait_for_report"), /background=True\)\n    while run\.status in \("queued", "in_progress"\):\n        time\.sleep\(2\)\n        run = client\.responses\.retrieve\(run\.id\)/);
  });

  it("a requires_action loop reads function_call items and answers them with function_call_output items on the conversation", () => {
    const triage = functionText(fixed("async_tool_loop.py"), "triage");
    assert.match(triage, /while any\(item\.type == "function_call" for item in run\.output\):/);
    assert.match(triage, /"type": "function_call_output", "call_id": call\.call_id/);
    assert.match(triage, /json\.loads\(call\.arguments\)/);
    assert.match(triage, /run = await client\.responses\.create\(model=ASSISTANT\["model"\], instructions=ASSISTANT\["instructions"\], tools=\[\], conversation=thread_id, input=outputs\)/);
    assert.match(triage, /run\.error/);
    const elsewhere = functionText(fixed("async_tool_loop.py"), "answer_tool_calls");
    assert.match(elsewhere, /outputs: ResponseInputParam = \[\{"type": "function_call_output", "call_id": call_id, "output": answer\}/);
    assert.match(elsewhere, /await client\.responses\.create\(.*conversation=thread_id, input=outputs\)/);
  });

  it("a stored thread id is reused only when it is a conversation id, with a TODO to persist the new one", () => {
    const text = fixed("flask_sessions.py");
    assert.match(text, /# TODO\(responses-migrate\): ids stored before the migration are thread_ ids[^\n]*\n    if not str\(session\.get\("thread_id"\) or ""\)\.startswith\("conv_"\):\n        thread = client\.conversations\.create\(\)/);
    assert.match(functionText(text, "team_thread"), /if thread_id and str\(thread_id\)\.startswith\("conv_"\):\n        return thread_id/);
  });

  it("an SDK method passed by reference is found at the reference and rewritten as one", () => {
    const text = read("to_thread_worker.py");
    const findings = analyzeText("worker.py", text).findings.filter((finding) => finding.ruleId === "no-assistants-api");
    const reference = "client.beta.threads.runs.create";
    assert.ok(findings.some((finding) => finding.range.start === text.indexOf(reference) && finding.range.end === text.indexOf(reference) + reference.length));
    assert.match(fixed("to_thread_worker.py"), /run = await asyncio\.to_thread\(client\.responses\.create, model=ASSISTANT\["model"\], instructions=ASSISTANT\["instructions"\], conversation=thread_id\)\n    return run\.output_text/);
  });

  it("a thread with a call the rewrite cannot render is not rewritten at all, and says which call blocks it", () => {
    const text = [
      "from openai import OpenAI",
      "",
      "client = OpenAI()",
      "",
      "",
      "def ask(thread_id: str, question: str, file_id: str) -> str:",
      '    client.beta.threads.messages.create(thread_id=thread_id, role="user", content=question, metadata={"file": file_id})',
      '    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")',
      "    messages = client.beta.threads.messages.list(thread_id=thread_id)",
      "    return messages.data[0].content[0].text.value",
      "",
    ].join("\n");
    const result = fixAll("ask.py", text, { unsafe: true });
    assert.equal(result.text, text);
    const messages = computeFixes("ask.py", text).filter((finding) => finding.ruleId === "no-assistants-api").map((finding) => finding.message);
    assert.equal(messages.length, 3);
    for (const message of messages) assert.match(message, /Not rewritten: this thread migrates whole or not at all, and `threads\.messages\.create` blocks it: `metadata=` has no conversation item counterpart/);
  });
});
