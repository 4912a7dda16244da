// The language-neutral planner, fed models by hand (as any front end, TypeScript or Python, fills
// them): which strategy each thread gets, what each call becomes, and which call blocks a refusal.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AssistantsCall, AssistantsCallKind, MigrationModel, Run, Thread, ThreadOriginKind } from "../../server/src/engine/migration/model";
import { decideThread, planThread, refusalMessage } from "../../server/src/engine/migration/plan";
import { threadsLeftMixing } from "../../server/src/engine/migration/verify";

const SURFACES: Partial<Record<AssistantsCallKind, string>> = {
  "thread.create": "threads.create",
  "message.create": "threads.messages.create",
  "message.list": "threads.messages.list",
  "run.create": "threads.runs.create",
  "run.createAndPoll": "threads.runs.createAndPoll",
  "run.retrieve": "threads.runs.retrieve",
  "run.cancel": "threads.runs.cancel",
  "run.list": "threads.runs.list",
  "step.list": "threads.runs.steps.list",
};

interface ThreadSpec {
  origin: ThreadOriginKind;
  calls: AssistantsCallKind[];
  /** Which function (index) each call is in; all in function 0 when absent. */
  functions?: number[];
  threadEscapes?: boolean;
  runEscapes?: boolean;
  /** The run's follow-ups sit in its own poll loop. */
  polled?: boolean;
}

function modelOf(...specs: ThreadSpec[]): MigrationModel {
  const calls = new Map<string, AssistantsCall>();
  const runs = new Map<string, Run>();
  const threads: Thread[] = [];
  let offset = 0;
  specs.forEach((spec, index) => {
    const thread: Thread = { id: `t${index}`, origin: { kind: spec.origin, range: { start: offset, end: offset + 1 }, name: "thread" }, callIds: [], runIds: [], replyReads: [], escapes: spec.threadEscapes ? [{ kind: "returned", of: "thread", range: { start: 0, end: 1 } }] : [], functionRanges: [] };
    let run: Run | undefined;
    spec.calls.forEach((kind, position) => {
      const fn = spec.functions?.[position] ?? 0;
      const functionRange = { start: fn * 1000, end: fn * 1000 + 999 };
      if (!thread.functionRanges.some((range) => range.start === functionRange.start)) thread.functionRanges.push(functionRange);
      const id = `c${index}.${position}`;
      offset = fn * 1000 + index * 100 + position * 10;
      const call: AssistantsCall = { id, surface: SURFACES[kind] ?? kind, spelling: SURFACES[kind] ?? kind, kind, calleeRange: { start: offset, end: offset + 5 }, callRange: { start: offset, end: offset + 8 }, functionRange, threadId: thread.id };
      calls.set(id, call);
      thread.callIds.push(id);
      if (kind === "run.create" || kind === "run.createAndPoll") {
        run = { id: `r${index}`, threadId: thread.id, startCallId: id, mode: kind === "run.create" ? "created" : "polled", followUpCallIds: [], fieldReads: [], escapes: spec.runEscapes ? [{ kind: "returned", of: "run", range: { start: offset + 70, end: offset + 71 } }] : [] };
        if (spec.polled) run.pollLoop = { start: offset, end: offset + 60 };
        runs.set(run.id, run);
        thread.runIds.push(run.id);
        call.runId = run.id;
      } else if (kind.startsWith("run.") || kind.startsWith("step.")) {
        if (!run) {
          run = { id: `r${index}`, threadId: thread.id, startCallId: id, mode: "handed-in", followUpCallIds: [], fieldReads: [], escapes: [] };
          runs.set(run.id, run);
          thread.runIds.push(run.id);
        }
        run.followUpCallIds.push(id);
        call.runId = run.id;
      }
    });
    threads.push(thread);
  });
  return { fileName: "app.ts", language: "typescript", calls, threads, runs, definitions: [] };
}

function decided(model: MigrationModel, setting: "auto" | "conversation" | "previous-response-id" = "auto") {
  const decision = planThread(model, model.threads[0], setting);
  return decision.plan ? { strategy: decision.plan.strategy, kinds: decision.plan.replacements.map((r) => r.kind), preferred: decision.plan.preferred } : { refused: decision.refusal.blockingCallId, reason: decision.refusal.reason };
}

describe("migration planner", () => {
  it("a created thread run once in one function is a stateless turn: messages go into the input, the rest goes", () => {
    const model = modelOf({ origin: "created", calls: ["thread.create", "message.create", "run.createAndPoll", "message.list"] });
    assert.deepEqual(decided(model), { strategy: "stateless-turn", kinds: ["remove", "into-input", "responses.create", "remove"], preferred: true });
  });

  it("a thread whose id is returned keeps a conversation", () => {
    const model = modelOf({ origin: "created", calls: ["thread.create", "message.create", "run.createAndPoll"], threadEscapes: true });
    assert.deepEqual(decided(model), { strategy: "conversation", kinds: ["conversations.create", "conversations.items.create", "responses.create"], preferred: true });
  });

  it("a run started without waiting whose id is handed on maps to background mode", () => {
    const model = modelOf({ origin: "parameter", calls: ["message.create", "run.create"], runEscapes: true });
    assert.deepEqual(decided(model), { strategy: "background-run", kinds: ["conversations.items.create", "responses.create.background"], preferred: true });
  });

  it("a run polled in its own loop and then returned is finished: no background mode", () => {
    const model = modelOf({ origin: "parameter", calls: ["message.create", "run.create", "run.retrieve"], runEscapes: true, polled: true });
    assert.equal(decided(model).strategy, "conversation");
  });

  it("retrieving and cancelling a run handed in are responses.retrieve and responses.cancel", () => {
    const model = modelOf({ origin: "parameter", calls: ["run.retrieve", "run.cancel", "step.list"] });
    assert.deepEqual(decided(model), { strategy: "background-run", kinds: ["responses.retrieve", "responses.cancel", "response.output"], preferred: true });
  });

  it("a call with no Responses counterpart is a TODO on the conversation, not a refusal", () => {
    const model = modelOf({ origin: "parameter", calls: ["message.create", "run.createAndPoll", "run.list"] });
    assert.deepEqual(decided(model), { strategy: "conversation", kinds: ["conversations.items.create", "responses.create", "unmapped-todo"], preferred: true });
  });

  it("refuses the whole thread when one call is of a surface the planner does not know, naming it and why", () => {
    const model = modelOf({ origin: "parameter", calls: ["message.create", "run.createAndPoll", "other"] });
    const decision = planThread(model, model.threads[0], "auto");
    assert.equal(decision.refusal?.blockingCallId, "c0.2");
    assert.equal(refusalMessage(model, decision.refusal!), "Not rewritten: this thread migrates whole or not at all, and `other` blocks it: this call has no Responses counterpart.");
  });

  it("under the conversation setting a one-turn thread still gets a conversation, the turn only as an alternative", () => {
    const model = modelOf({ origin: "created", calls: ["thread.create", "message.create", "run.createAndPoll"] });
    const decision = planThread(model, model.threads[0], "conversation");
    assert.equal(decision.plan?.strategy, "conversation");
    assert.deepEqual(decision.plan?.alternatives, ["stateless-turn"]);
  });

  it("when the emitter cannot render the planned strategy, the next one that takes the thread is used; when none renders, the thread is refused", () => {
    const model = modelOf({ origin: "created", calls: ["thread.create", "message.create", "run.createAndPoll"] });
    const fallback = decideThread(model, model.threads[0], "auto", (plan) => (plan.strategy === "stateless-turn" ? { callId: "c0.1", reason: "cannot" } : plan.strategy));
    assert.ok("plan" in fallback && fallback.plan.strategy === "conversation");
    const none = decideThread(model, model.threads[0], "auto", () => ({ callId: "c0.2", reason: "the emitter knows no such call" }));
    assert.deepEqual(none, { refusal: { threadId: "t0", blockingCallId: "c0.2", reason: "the emitter knows no such call" } });
  });

  it("a migrating thread sharing a function with a call that stays is held back, so no function mixes the APIs", () => {
    const model = modelOf({ origin: "created", calls: ["thread.create", "message.create", "run.createAndPoll"] }, { origin: "parameter", calls: ["run.list"] }, { origin: "parameter", calls: ["message.create"], functions: [1] });
    const functions = [{ start: 0, end: 999 }, { start: 1000, end: 1999 }];
    const held = threadsLeftMixing(model, new Set(["t0", "t2"]), new Set(), functions);
    assert.deepEqual([...held], [["t0", "c1.0"]]);
  });
});
