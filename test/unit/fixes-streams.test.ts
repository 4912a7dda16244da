// Streaming runs -> responses.stream, and Assistants type imports -> Responses/Conversations types:
// what is offered (and compiles against openai 7.57), and what is refused and left to a person.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeText, fixAll, type Fix, type StateStrategy } from "../../server/src/engine";
import { applyNonOverlapping } from "../../server/src/engine/fixes/applyFixes";
import { typecheck } from "./support/typecheck";

const HEAD = `import OpenAI from "openai";

const client = new OpenAI();

const tutorAssistant = {
  model: "gpt-4.1",
  instructions: "You are a patient math tutor.",
  tools: [],
};
`;

/** The fixes of the finding whose flagged text ends with `method` (e.g. ".stream"). */
function fixesAt(code: string, method: string, stateStrategy: StateStrategy = "auto", fileName = "app.ts"): Fix[] {
  const findings = analyzeText(fileName, code, { onlyRules: ["no-assistants-api"], fix: { stateStrategy } }).findings;
  const finding = findings.find((f) => code.slice(f.range.start, f.range.end).endsWith(method));
  assert.ok(finding, `no finding ending with ${method}`);
  return finding.fixes;
}

function applied(code: string, fix: Fix): string {
  return applyNonOverlapping(code, [fix]).text;
}

const fn = (body: string) => `${HEAD}\nexport async function turn(threadId: string): Promise<string> {\n${body}\n}\n`;

describe("stream fixes: offered", () => {
  it("a stream kept in a const: handlers and finalRun in later statements are mapped too, and it compiles", () => {
    const code = fn(`  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "asst_1", temperature: 0.2 });
  stream.on("textDelta", (delta: { value?: string }) => process.stdout.write(delta.value ?? ""));
  const finished = await stream.finalRun();
  return finished.status === "completed" ? finished.id : "";`);
    const [fix] = fixesAt(code, ".stream");
    assert.equal(fix.safe, false);
    assert.equal(fix.preferred, true);
    const after = applied(code, fix);
    assert.match(after, /const stream = client\.responses\.stream\(\{\n {4}model: tutorAssistant\.model,\n {4}instructions: tutorAssistant\.instructions,\n {4}tools: tutorAssistant\.tools,\n {4}temperature: 0\.2,\n {4}conversation: threadId,\n {2}\}\);/);
    assert.match(after, /stream\.on\("response\.output_text\.delta", \(event\) => process\.stdout\.write\(event\.delta \?\? ""\)\);/);
    assert.match(after, /await stream\.finalResponse\(\);/);
    assert.deepEqual(typecheck({ "kept.ts": after }), []);
  });

  it("a bare parameter stays bare; a name the handler already uses is not taken", () => {
    const code = fn(`  const event = "tick";
  await client.beta.threads.runs.stream(threadId, { assistant_id: "asst_1" }).on("textDelta", delta => console.log(event, delta.value)).done();
  return event;`);
    const after = applied(code, fixesAt(code, ".stream")[0]);
    assert.match(after, /\.on\("response\.output_text\.delta", textEvent => console\.log\(event, textEvent\.delta\)\)\.done\(\);/);
    assert.deepEqual(typecheck({ "names.ts": after }), []);
  });

  it("request options (the third argument) carry over", () => {
    const code = fn(`  await client.beta.threads.runs.stream(threadId, { assistant_id: "asst_1" }, { timeout: 5_000 }).done();
  return "";`);
    const after = applied(code, fixesAt(code, ".stream")[0]);
    assert.match(after, /conversation: threadId,\n {2}\}, \{ timeout: 5_000 \}\)\.done\(\);/);
    assert.deepEqual(typecheck({ "options.ts": after }), []);
  });

  it("createAndRunStream with several inline messages becomes a stateless input list", () => {
    const code = fn(`  const run = await client.beta.threads
    .createAndRunStream({ assistant_id: "asst_1", thread: { messages: [{ role: "user", content: "2+2?" }, { role: "assistant", content: "4" }, { role: "user", content: threadId }] } })
    .finalRun();
  return run.id;`);
    const after = applied(code, fixesAt(code, ".createAndRunStream")[0]);
    assert.match(after, /input: \[\{ role: "user", content: "2\+2\?" \}, \{ role: "assistant", content: "4" \}, \{ role: "user", content: threadId \}\],/);
    assert.doesNotMatch(after, /thread:/);
    assert.deepEqual(typecheck({ "inline.ts": after }), []);
  });

  it("createAndRunStream with messages held in a name or mapped: they are the input as they are, and it compiles", () => {
    const code = fn(`  const messages = [{ role: "user" as const, content: threadId }];
  await client.beta.threads.createAndRunStream({ assistant_id: "asst_1", thread: { messages } }).done();
  const history = [{ role: "assistant" as const, text: "4" }];
  await client.beta.threads.createAndRunStream({ assistant_id: "asst_1", thread: { messages: history.map((m) => ({ role: m.role, content: m.text })) } }).done();
  return "";`);
    const fixes = [...fixesAt(code, "createAndRunStream").slice(0, 1)];
    const after = fixAll("app.ts", code, { unsafe: true, onlyRules: ["no-assistants-api"] }).text;
    assert.equal(fixes.length, 1);
    assert.match(after, /input: messages,\n/);
    assert.match(after, /input: history\.map\(\(m\) => \(\{ role: m\.role, content: m\.text \}\)\),\n/);
    assert.doesNotMatch(after, /beta\.threads/);
    assert.deepEqual(typecheck({ "held.ts": after }), []);
  });

  it("follows the state strategy: the conversation rewrite is an alternative under previous-response-id", () => {
    const code = fn(`  await client.beta.threads.runs.stream(threadId, { assistant_id: "asst_1" }).done();
  return "";`);
    assert.equal(fixesAt(code, ".stream", "conversation")[0].preferred, true);
    const alternative = fixesAt(code, ".stream", "previous-response-id");
    assert.equal(alternative.length, 1);
    assert.equal(alternative[0].preferred, false);
    const inline = fn(`  await client.beta.threads.createAndRunStream({ assistant_id: "asst_1", thread: { messages: [{ role: "user", content: threadId }] } }).done();
  return "";`);
    assert.equal(fixesAt(inline, ".createAndRunStream", "auto")[0].preferred, true);
    assert.equal(fixesAt(inline, ".createAndRunStream", "conversation")[0].preferred, false);
  });

  it("a textCreated listener gets the event its guard reads; runStep listeners map to output items", () => {
    const code = fn(`  await client.beta.threads.runs.stream(threadId, { assistant_id: "asst_1" }).on("textCreated", () => console.log("> ")).on("runStepCreated", () => console.log("step")).done();
  return "";`);
    const after = applied(code, fixesAt(code, ".stream")[0]);
    assert.match(after, /\.on\("response\.content_part\.added", \(event\) => \{ if \(event\.part\.type === "output_text"\) console\.log\("> "\); \}\)\.on\("response\.output_item\.added", \(\) => console\.log\("step"\)\)\.done\(\);/);
    assert.deepEqual(typecheck({ "created.ts": after }), []);
  });

  it("a code-interpreter toolCallDelta listener splits into the code-delta and the output-item-done listeners", () => {
    const code = fn(`  await client.beta.threads.runs.stream(threadId, { assistant_id: "asst_1" })
    .on("toolCallDelta", (toolCallDelta, snapshot) => {
      if (toolCallDelta.type === "code_interpreter") {
        if (toolCallDelta?.code_interpreter?.input) {
          process.stdout.write(toolCallDelta.code_interpreter.input);
        }
        if (toolCallDelta.code_interpreter?.outputs) {
          toolCallDelta.code_interpreter.outputs.forEach((output) => {
            if (output.type === "logs") console.log(output.logs);
          });
        }
      }
    })
    .done();
  return "";`);
    const after = applied(code, fixesAt(code, ".stream")[0]);
    assert.ok(
      after.includes(`    .on("response.code_interpreter_call_code.delta", (event) => {
      if (event.delta) {
        process.stdout.write(event.delta);
      }
    }).on("response.output_item.done", (event) => {
      if (event.item.type !== "code_interpreter_call") return;
      if (event.item.outputs) {
        event.item.outputs.forEach((output) => {
          if (output.type === "logs") console.log(output.logs);
        });
      }
    })
    .done();`),
      after,
    );
    assert.deepEqual(typecheck({ "code-deltas.ts": after }), []);
  });

  it("resolve and reject of a promise nobody reads stay listeners; only the event names change", () => {
    const code = fn(`  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "asst_1" });
  await new Promise((resolve, reject) => {
    stream.on("textDone", resolve);
    stream.on("error", reject);
  });
  return "";`);
    const after = applied(code, fixesAt(code, ".stream")[0]);
    assert.ok(after.includes(`    stream.on("response.output_text.done", resolve);\n    stream.on("error", reject);`), after);
    assert.deepEqual(typecheck({ "settled.ts": after }), []);
  });

  it("a stream piped straight into a Response becomes a raw event stream, awaited", () => {
    const code = fn(`  return new Response(client.beta.threads.runs.createAndStream(threadId, { assistant_id: "asst_1" }).toReadableStream()).text();`);
    const after = applied(code, fixesAt(code, ".createAndStream")[0]);
    assert.match(after, /return new Response\(\(await client\.responses\.create\(\{[^]*stream: true,\n {2}\}\)\)\.toReadableStream\(\)\)\.text\(\);/);
    assert.match(after, /TODO\(responses-migrate\): this stream now carries Responses events/);
    assert.deepEqual(typecheck({ "piped.ts": after }), []);
  });

  it("a one-turn streamed tool loop chains its follow-up stream by previous_response_id (v4 submit signature)", () => {
    const code = `${HEAD}\nexport async function ask(question: string, runTool: (name: string, args: string) => Promise<string>): Promise<boolean> {
  const thread = await client.beta.threads.create({ messages: [{ role: "user", content: question }] });
  const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: "asst_1" });
  stream.on("textDelta", (delta) => process.stdout.write(delta.value ?? ""));
  let run = await stream.finalRun();
  while (run.status === "requires_action") {
    const outputs = [];
    for (const call of run.required_action!.submit_tool_outputs.tool_calls) {
      outputs.push({ tool_call_id: call.id, output: await runTool(call.function.name, call.function.arguments) });
    }
    run = await client.beta.threads.runs.submitToolOutputsStream(thread.id, run.id, { tool_outputs: outputs }).finalRun();
  }
  return run.status === "completed";
}\n`;
    const after = fixAll("loop.ts", code, { unsafe: true, onlyRules: ["no-assistants-api"] }).text;
    assert.doesNotMatch(after, /beta\.threads/);
    assert.match(after, /let response: OpenAI\.Responses\.Response = await stream\.finalResponse\(\);/);
    assert.match(after, /response = await client\.responses\.stream\(\{\n[^]*previous_response_id: response\.id,\n {6}input: outputs,\n {4}\}\)\.finalResponse\(\);/);
    assert.match(after, /input: question,/);
    assert.deepEqual(typecheck({ "loop.ts": after }), []);
    assert.equal(fixAll("loop.ts", after, { unsafe: true, onlyRules: ["no-assistants-api"] }).text, after);
  });

  it("fix-all without --unsafe leaves streams alone (the fix is unsafe)", () => {
    const code = fn(`  await client.beta.threads.runs.stream(threadId, { assistant_id: "asst_1" }).done();
  return "";`);
    assert.equal(fixAll("app.ts", code, { onlyRules: ["no-assistants-api"] }).text, code);
  });
});

describe("stream fixes: refusals say why", () => {
  const messageAt = (code: string) => analyzeText("app.ts", code, { onlyRules: ["no-assistants-api"] }).findings.find((f) => code.slice(f.range.start, f.range.end).endsWith(".stream"))!.message;

  it("names the listener with no Responses event", () => {
    const code = fn(`  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("toolCallDelta", (delta) => console.log(delta.type)).done();\n  return "";`);
    assert.match(messageAt(code), /`threads\.runs\.stream` blocks it: a `toolCallDelta` listener has no single Responses event/);
  });

  it("names a stream handed back to a caller in the same file", () => {
    const code = `${HEAD}\nexport function open(threadId: string) {\n  return client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n}\n\nexport async function print(threadId: string) {\n  open(threadId).on("textDelta", (delta) => console.log(delta.value));\n}\n`;
    assert.match(messageAt(code), /the stream is returned, and `open` is called in this file, where its events are read as Assistants events/);
  });

  it("names a stream returned from a function with no name", () => {
    const code = `${HEAD}\nexport const handlers = [(threadId: string) => client.beta.threads.runs.stream(threadId, { assistant_id: "a" })];\n`;
    assert.match(messageAt(code), /the stream is returned, so its caller reads Assistants events/);
  });

  it("messageDelta reads its first text part; payloads only logged log what the Responses event carries; it compiles", () => {
    const code = fn(`  await client.beta.threads.runs
    .stream(threadId, { assistant_id: "a" })
    .on("messageDelta", (delta, snapshot) => {
      if (delta.content?.[0]?.type === "text") process.stdout.write(delta.content[0].text?.value ?? "");
      console.log(snapshot);
    })
    .on("textDone", (text) => console.log("done:", text))
    .done();
  return "";`);
    const after = applied(code, fixesAt(code, ".stream")[0]);
    assert.ok(
      after.includes(`    .on("response.output_text.delta", (event) => {
      if (event.type === "response.output_text.delta") process.stdout.write(event.delta ?? "");
      console.log(event.snapshot);
    })
    .on("response.output_text.done", (event) => console.log("done:", event.text))`),
      after,
    );
    assert.deepEqual(typecheck({ "message-delta.ts": after }), []);
  });

  it("a toolCallDelta listener following function arguments reads the arguments delta event; it compiles", () => {
    const code = fn(`  await client.beta.threads.runs
    .stream(threadId, { assistant_id: "a" })
    .on("toolCallDelta", (toolCallDelta, snapshot) => {
      if (toolCallDelta.type === "function") process.stdout.write(toolCallDelta.function?.arguments ?? "");
    })
    .done();
  return "";`);
    const after = applied(code, fixesAt(code, ".stream")[0]);
    assert.ok(
      after.includes(`    .on("response.function_call_arguments.delta", (event) => {
      if (event.type === "response.function_call_arguments.delta") process.stdout.write(event.delta ?? "");
    })`),
      after,
    );
    assert.deepEqual(typecheck({ "arguments-delta.ts": after }), []);
  });

  it("events handed on whole get a TODO for their reader; logged ones carry over as they are; it compiles", () => {
    const code = fn(`  const seen: unknown[] = [];
  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });
  for await (const event of stream) {
    console.log(event, event.event);
    seen.push({ name: event.event, data: JSON.stringify(event.data) });
  }
  return String(seen.length);`);
    const after = applied(code, fixesAt(code, ".stream")[0]);
    assert.ok(
      after.includes(`  for await (const event of stream) {
    console.log(event, event.type);
    // TODO(responses-migrate): this hands on Responses stream events (\`{ type, … }\`, the payload on the event) where Assistants events (\`{ event, data }\`) were: their reader must read the new shape.
    seen.push({ name: event.type, data: JSON.stringify(event) });
  }`),
      after,
    );
    assert.deepEqual(typecheck({ "handed-on.ts": after }), []);
  });

  it("a stream returned to callers elsewhere is rewritten, with a TODO for them, and compiles", () => {
    const code = `${HEAD}\nexport function open(threadId: string) {\n  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  stream.on("textDelta", (delta) => console.log(delta.value));\n  return stream;\n}\n`;
    const [fix] = fixesAt(code, ".stream");
    const after = applied(code, fix);
    assert.match(after, /stream\.on\("response\.output_text\.delta", \(event\) => console\.log\(event\.delta\)\);\n {2}\/\/ TODO\(responses-migrate\): this now returns a Responses stream \(ResponseStream\): its callers must read Responses events \(`event\.type`, `response\.output_text\.delta`, `finalResponse\(\)`\)\.\n {2}return stream;/);
    assert.deepEqual(typecheck({ "returned.ts": after }), []);
  });
});

describe("stream fixes: refused", () => {
  const refused: Array<[string, string, string]> = [
    ["finalMessages()", ".stream", `  const messages = await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).finalMessages();\n  return String(messages.length);`],
    ["a messageDone handler", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("messageDone", (message) => console.log(message.id)).done();\n  return "";`],
    ["a textCreated handler reading the text", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("textCreated", (text) => console.log(text.value)).done();\n  return "";`],
    ["a toolCallDelta handler reading a function's name", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("toolCallDelta", (delta) => { if (delta.type === "function") console.log(delta.function?.name, delta.function?.arguments); }).done();\n  return "";`],
    ["a toolCallDelta handler that is not the code interpreter's", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("toolCallDelta", (delta) => console.log(delta.type)).done();\n  return "";`],
    ["a requires_action event", ".stream", `  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  stream.on("event", (e) => { if (e.event === "thread.run.requires_action") console.log(e.data.id); });\n  return "";`],
    ["a stream passed to other code", ".stream", `  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  console.log(stream);\n  return "";`],
    ["a raw event handler reading the name with another method", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("event", (e) => console.log(e.event.toUpperCase())).done();\n  return "";`],
    ["an event's data field read outside a branch on its name", ".stream", `  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  for await (const event of stream) console.log(event.data.id);\n  return "";`],
    ["an event name prefix with no Responses event", ".stream", `  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  for await (const event of stream) {\n    if (event.event.startsWith("thread.run.step")) console.log("step");\n  }\n  return "";`],
    ["a message delta part of another type", ".stream", `  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  for await (const event of stream) {\n    if (event.event === "thread.message.delta" && event.data.delta.content?.[0]?.type === "image_file") console.log("image");\n  }\n  return "";`],
    ["a message delta part handed on", ".stream", `  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  for await (const event of stream) {\n    if (event.event === "thread.message.delta") {\n      const part = event.data.delta.content?.[0];\n      console.log(part);\n    }\n  }\n  return "";`],
    ["delta.annotations", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("textDelta", (delta) => console.log(delta.value, delta.annotations)).done();\n  return "";`],
    ["the delta passed on whole", ".stream", `  const seen: unknown[] = [];\n  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("textDelta", (delta) => seen.push(delta)).done();\n  return String(seen.length);`],
    ["a message delta's parts read in a loop", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("messageDelta", (delta) => delta.content?.forEach((part) => console.log(part))).done();\n  return "";`],
    ["a destructured delta", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("textDelta", ({ value }) => console.log(value)).done();\n  return "";`],
    ["a promise's resolve whose value is read", ".stream", `  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  const text = await new Promise((resolve) => stream.on("textDone", resolve));\n  return String(text);`],
    ["a named handler", ".stream", `  const onDelta = (delta: { value?: string }) => console.log(delta.value);\n  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("textDelta", onDelta).done();\n  return "";`],
    ["the textDone message snapshot", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("textDone", (text, message) => console.log(text.value, message.id)).done();\n  return "";`],
    ["a function handler using this", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).on("textDelta", function (delta) { console.log(this, delta.value); }).done();\n  return "";`],
    ["for await over Assistants events", ".stream", `  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: "a" });\n  for await (const event of stream) {\n    if (event.event === "thread.message.delta") console.log(event.data.delta);\n  }\n  return "";`],
    ["a returned stream", ".stream", `  return client.beta.threads.runs.stream(threadId, { assistant_id: "a" }) as unknown as string;`],
    ["run.thread_id after finalRun", ".stream", `  const run = await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).finalRun();\n  return run.thread_id;`],
    ["run.status returned (optional on a Response)", ".stream", `  const run = await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).finalRun();\n  return run.status;`],
    ["a requires_action check", ".stream", `  const run = await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).finalRun();\n  return run.status === "requires_action" ? run.id : "";`],
    ["finalRun().then", ".stream", `  return client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).finalRun().then((run) => run.id);`],
    ["an option the rewrite does not know", ".stream", `  await client.beta.threads.runs.stream(threadId, { assistant_id: "a", truncation_strategy: { type: "auto" } }).done();\n  return "";`],
    ["a streamed tool loop whose follow-up stream has an unmapped listener", ".stream", `  let run = await client.beta.threads.runs.stream(threadId, { assistant_id: "a" }).finalRun();\n  while (run.status === "requires_action") {\n    run = await client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: threadId, tool_outputs: [] }).on("runStepDelta", () => {}).finalRun();\n  }\n  return run.id;`],
    ["submitToolOutputsStream", ".submitToolOutputsStream", `  await client.beta.threads.runs.submitToolOutputsStream("run_1", { thread_id: threadId, tool_outputs: [] }).done();\n  return "";`],
    ["an inline thread with content parts", ".createAndRunStream", `  await client.beta.threads.createAndRunStream({ assistant_id: "a", thread: { messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] } }).done();\n  return "";`],
    ["an inline thread with tool_resources", ".createAndRunStream", `  await client.beta.threads.createAndRunStream({ assistant_id: "a", thread: { messages: [{ role: "user", content: "hi" }], tool_resources: {} } }).done();\n  return "";`],
    ["an inline thread whose messages are a literal", ".createAndRunStream", `  await client.beta.threads.createAndRunStream({ assistant_id: "a", thread: { messages: "hi" as never } }).done();\n  return "";`],
    ["no thread at all", ".createAndRunStream", `  await client.beta.threads.createAndRunStream({ assistant_id: "a" }).done();\n  return "";`],
  ];
  for (const [what, method, body] of refused) {
    it(`offers nothing for ${what}`, () => assert.deepEqual(fixesAt(fn(body), method), []));
  }
});

describe("type import fixes", () => {
  const importFixes = (code: string, fileName = "types.ts") => {
    const finding = analyzeText(fileName, code, { onlyRules: ["no-assistants-api"] }).findings[0];
    assert.ok(finding);
    return finding.fixes;
  };

  it("keeps aliases, single quotes, a missing semicolon and the .js extension", () => {
    const code = "import type { Run as OpenAIRun } from 'openai/resources/beta/threads/runs/runs.js'\nexport const id = (run: OpenAIRun) => run.id\n";
    const [fix] = importFixes(code);
    assert.equal(fix.safe, false);
    assert.equal(fix.preferred, true);
    assert.equal(applied(code, fix), "import type { Response as OpenAIRun } from 'openai/resources/responses/responses.js'\nexport const id = (run: OpenAIRun) => run.id\n");
  });

  it("keeps per-name `type` and drops an alias that becomes the new name", () => {
    const code = 'import { type Thread as Conversation } from "openai/resources/beta/threads";\nexport const label = (c: Conversation) => c.id;\n';
    const after = applied(code, importFixes(code)[0]);
    assert.equal(after, 'import { type Conversation } from "openai/resources/conversations/conversations";\nexport const label = (c: Conversation) => c.id;\n');
    assert.deepEqual(typecheck({ "alias.ts": after }), []);
  });

  it("splits an import whose names go to different modules, keeping `import type`", () => {
    const code = 'import type { Message, Run } from "openai/resources/beta/threads";\nexport const role = (m: Message, r: Run) => `${m.role} ${r.id}`;\n';
    const after = applied(code, importFixes(code)[0]);
    assert.equal(after.split("\n").slice(0, 2).join("\n"), 'import type { Message } from "openai/resources/conversations/conversations";\nimport type { Response as Run } from "openai/resources/responses/responses";');
    assert.deepEqual(typecheck({ "split.ts": after }), []);
  });

  it("offers nothing when one name has no counterpart, or for default and namespace imports", () => {
    assert.deepEqual(importFixes('import type { Run, RunStep } from "openai/resources/beta/threads/runs";\n'), []);
    assert.deepEqual(importFixes('import type { Assistant } from "openai/resources/beta/assistants";\n'), []);
    assert.deepEqual(importFixes('import * as Threads from "openai/resources/beta/threads";\n'), []);
  });

  it("leaves the definition-stub finding alone", () => {
    const code = `${HEAD.replace(/const tutorAssistant[\s\S]*$/, "")}// TODO(responses-migrate): fill in this assistant definition: copy it.\nconst assistantDefinition = { model: "gpt-4.1", instructions: "", tools: [] };\n`;
    const findings = analyzeText("stub.ts", code, { onlyRules: ["no-assistants-api"] }).findings;
    assert.ok(findings.length > 0);
    assert.deepEqual(findings.flatMap((f) => f.fixes), []);
  });
});
