/**
 * The migration model: per file, what each Assistants thread is and what the code does with it.
 *
 * Language-neutral on purpose. A front end (TypeScript today, Python next) fills it from its own syntax
 * tree; the planner (plan.ts) reads only this and decides, per thread, a strategy and a replacement for
 * every call and read, or refuses the whole thread; an emitter per language renders the plan as edits.
 * Nothing here names an AST type: positions are UTF-16 offsets into the analysed text (`TextRange`),
 * and cross-references are ids (`CallId`, `RunId`, `ThreadId`) that are stable within one analysis.
 *
 * How a front end fills it:
 * - every Assistants call (`beta.threads.*`, `beta.assistants.*`) becomes one `AssistantsCall`, with
 *   `surface` the path after `beta` in the SDK's JavaScript spelling (`threads.runs.createAndPoll`;
 *   Python front ends map `create_and_poll` to `createAndPoll`, `delete` and `del` both to `delete`);
 * - calls on one thread id (the same variable, `thread.id` of one created thread, `run.thread_id` of
 *   one run, one field such as `this.threadId`) share one `Thread`; a call whose thread id the front end
 *   cannot follow gets a thread of its own with origin `unknown`;
 * - every run (a call that starts one) is a `Run` on its thread; calls naming that run's id
 *   (`runs.retrieve(run.id, …)`, `submitToolOutputs`, `cancel`, `steps.list`) are its follow-ups;
 * - reads of the result (`run.status`, `messages.data[0].content[0].text.value`) are `FieldRead`s and
 *   `ReplyRead`s; every use that is not a call or a read the front end understands is an `Escape`.
 */
import type { TextRange } from "../types";

export type CallId = string;
export type ThreadId = string;
export type RunId = string;

/** What a call does, by its surface; the planner maps kinds, never spellings. */
export type AssistantsCallKind =
  | "thread.create"
  | "thread.retrieve"
  | "thread.update"
  | "thread.delete"
  | "thread.createAndRun"
  | "thread.createAndRunStream"
  | "message.create"
  | "message.list"
  | "message.retrieve"
  | "message.update"
  | "message.delete"
  | "run.create"
  | "run.createAndPoll"
  | "run.stream"
  | "run.retrieve"
  | "run.poll"
  | "run.cancel"
  | "run.list"
  | "run.update"
  | "run.submitToolOutputs"
  | "run.submitToolOutputsAndPoll"
  | "run.submitToolOutputsStream"
  | "step.list"
  | "step.retrieve"
  | "assistant.create"
  | "assistant.retrieve"
  | "assistant.update"
  | "assistant.list"
  | "assistant.delete"
  | "other";

export interface AssistantsCall {
  id: CallId;
  /** The path after `beta`, JavaScript spelling: `threads.runs.createAndPoll`. */
  surface: string;
  /** The path after `beta` as the source spells it (`threads.runs.create_and_poll`), for messages. */
  spelling: string;
  kind: AssistantsCallKind;
  calleeRange: TextRange;
  callRange: TextRange;
  /** The statement the call is (`await x()`, `const r = await x()`), when it is one. */
  statementRange?: TextRange;
  /** The innermost function holding the call; undefined at module level. */
  functionRange?: TextRange;
  /** The name the awaited result is bound to, when it is. */
  result?: { name: string; declared: boolean; range: TextRange };
  /** The thread this call acts on (none for `assistants.*`). */
  threadId?: ThreadId;
  /** The run this call starts or acts on. */
  runId?: RunId;
  /** The SDK signature: v4 passes the thread id first, v5+ as `{ thread_id }` last. */
  signature?: "v4" | "v5";
}

/** Where a thread id is born. */
export type ThreadOriginKind =
  /** `threads.create()` in this file. */
  | "created"
  /** `createAndRun(...)`: the id is `run.thread_id`. */
  | "created-with-run"
  /** A function parameter (handed in by a caller). */
  | "parameter"
  /** A field of an object or class (`this.threadId`, `session.threadId`). */
  | "field"
  /** Read back from storage (a database, a map, a cache, a cookie). */
  | "storage"
  | "unknown";

export interface ThreadOrigin {
  kind: ThreadOriginKind;
  /** The declaration or expression the id comes from. */
  range: TextRange;
  /** The name it goes by in code (`thread`, `threadId`, `this.threadId`). */
  name: string;
  /** The creating call (`created`, `created-with-run`). */
  callId?: CallId;
}

/** A use of a thread id or a run that leaves what the planner can see. */
export interface Escape {
  kind: "returned" | "stored" | "passed" | "captured" | "exported";
  /** Whose value escapes. */
  of: "thread" | "run";
  range: TextRange;
}

/** A read of a run's (or a created thread's) field: `run.status`, `run.last_error`, `run.thread_id`. */
export interface FieldRead {
  field: string;
  range: TextRange;
  /** `status` compared to a literal: the literal, so the planner can map run statuses. */
  comparedTo?: string;
}

/** How the reply is read off the listed messages. */
export type ReplyShape =
  /** `messages.data[0].content[0].text.value` and casts of it. */
  | "first-text"
  /** A type guard on the part: `part.type === "text" ? part.text.value : ""`. */
  | "guarded-first-text"
  /** `messages.data.find((m) => m.role === "assistant")`. */
  | "find-by-role"
  /** A loop over messages or content parts. */
  | "loop"
  /** The whole list kept as history (rendered, returned, paged). */
  | "history"
  | "unknown";

export interface ReplyRead {
  /** The `messages.list` call the read depends on. */
  listCallId: CallId;
  shape: ReplyShape;
  range: TextRange;
}

/** `handed-in`: a run id this file did not start (a parameter, a field); its calls are all follow-ups. */
export type RunMode = "polled" | "created" | "streamed" | "created-with-thread" | "handed-in";

export interface Run {
  id: RunId;
  threadId: ThreadId;
  startCallId: CallId;
  mode: RunMode;
  /** The name the run goes by, when bound. */
  name?: string;
  /** A loop that waits on `runs.retrieve` / `runs.poll` until the status settles. */
  pollLoop?: TextRange;
  /** A `requires_action` loop submitting tool outputs. */
  toolLoop?: TextRange;
  /** Calls naming this run's id: retrieve, poll, cancel, submit, steps. */
  followUpCallIds: CallId[];
  fieldReads: FieldRead[];
  escapes: Escape[];
}

export interface Thread {
  id: ThreadId;
  origin: ThreadOrigin;
  /** Every Assistants call on this thread id, in source order. */
  callIds: CallId[];
  runIds: RunId[];
  replyReads: ReplyRead[];
  escapes: Escape[];
  /** Functions holding a call on it: more than one means the thread lives beyond one function. */
  functionRanges: TextRange[];
}

export interface AssistantDefinition {
  /** `assistants.create` in this file, when there is one. */
  createCallId?: CallId;
  /** The exported name it goes by, in this file or another one of the workspace. */
  name?: string;
  /** Absolute path of the workspace file exporting it, when not this one. */
  fileName?: string;
  /** The assistant id expression a run names (`process.env.ASSISTANT_ID`), when not a definition. */
  assistantIdText?: string;
}

export interface MigrationModel {
  fileName: string;
  language: "typescript" | "javascript" | "python";
  calls: ReadonlyMap<CallId, AssistantsCall>;
  threads: Thread[];
  runs: ReadonlyMap<RunId, Run>;
  definitions: AssistantDefinition[];
}

/** The calls of a thread, in source order. */
export function callsOf(model: MigrationModel, thread: Thread): AssistantsCall[] {
  return thread.callIds.map((id) => model.calls.get(id)).filter((call): call is AssistantsCall => call !== undefined);
}

export function runsOf(model: MigrationModel, thread: Thread): Run[] {
  return thread.runIds.map((id) => model.runs.get(id)).filter((run): run is Run => run !== undefined);
}
