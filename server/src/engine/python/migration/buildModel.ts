// The Python front end of the migration model (../../migration/model.ts): groups a file's Assistants
// calls into threads by the thread id they name (`thread_id=thread.id`), finds each thread's runs and
// their follow-ups (`run_id=run.id`), where ids and runs escape, and how the reply is read. Only ranges
// and ids go to the planner; the syntax stays here for the emitter.
import { assistantsEntry } from "../../assistantsSurface";
import type { AssistantsCall, CallId, Escape, MigrationModel, Run, Thread, ThreadOrigin } from "../../migration/model";
import { RUN_STARTS } from "../../migration/shape";
import { KINDS } from "../../typescript/migration/buildModel";
import type { ParsedPython } from "../extract";
import { mergeKeptThreads } from "./fieldThreads";
import { attributeName, callArguments, enclosingFunction, field, forEachDescendant, namedChildren, rangeOf, stringValue, type PyNode } from "../syntax";

const RUN_FOLLOW_UPS = new Set(["run.retrieve", "run.poll", "run.cancel", "run.update", "run.submitToolOutputs", "run.submitToolOutputsAndPoll", "run.submitToolOutputsStream", "step.list", "step.retrieve"]);

/** `create_and_poll` -> `createAndPoll`, `del` -> `delete`: the model speaks the JavaScript spelling. */
function camelSurface(path: readonly string[]): string {
  return path.map((name) => (name === "del" ? "delete" : name.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase()))).join(".");
}

export interface PythonCallSyntax {
  call: PyNode;
  /** The statement that is the call (`x = client.beta…(…)`, `await …`), when it is one. */
  statement?: PyNode;
  /** The name the result is assigned to. */
  assigned?: PyNode;
}

export interface PythonMigrationModel {
  model: MigrationModel;
  syntax: ReadonlyMap<CallId, PythonCallSyntax>;
}

/** `x = [await] call(...)` or `[await] call(...)` as a whole statement. */
function statementOf(call: PyNode): { statement?: PyNode; assigned?: PyNode } {
  let node = call;
  while (node.parent && (node.parent.type === "await" || node.parent.type === "parenthesized_expression")) node = node.parent;
  const parent = node.parent;
  if (parent?.type === "expression_statement") return { statement: parent };
  if (parent?.type === "assignment" && field(parent, "right") === node && field(parent, "left")?.type === "identifier" && parent.parent?.type === "expression_statement") {
    return { statement: parent.parent, assigned: field(parent, "left") };
  }
  return {};
}

class ModelBuilder {
  readonly calls = new Map<CallId, AssistantsCall>();
  readonly syntax = new Map<CallId, PythonCallSyntax>();
  private readonly threads = new Map<string, Thread>();
  private readonly runs = new Map<string, Run>();
  private callNodes: Set<PyNode> | undefined;

  constructor(
    private readonly parsed: ParsedPython,
    private readonly fileName: string,
  ) {}

  private text(node: PyNode): string {
    return this.parsed.source.of(node);
  }

  build(): MigrationModel {
    for (const [apiCall, node] of this.parsed.apiCallNodes) {
      const entry = assistantsEntry(apiCall.path);
      if (entry < 0 || apiCall.path.length < entry + 3) continue;
      const surface = camelSurface(apiCall.path.slice(entry + 1));
      const id = `${apiCall.calleeRange.start}`;
      const { statement, assigned } = statementOf(node);
      const fn = enclosingFunction(node);
      this.calls.set(id, {
        id,
        surface,
        spelling: apiCall.path.slice(entry + 1).join("."),
        kind: KINDS[surface] ?? "other",
        calleeRange: apiCall.calleeRange,
        callRange: apiCall.callRange,
        statementRange: statement && rangeOf(statement),
        functionRange: fn && rangeOf(fn),
        result: assigned && { name: this.text(assigned), declared: true, range: rangeOf(assigned) },
        signature: "v5",
      });
      this.syntax.set(id, { call: node, statement, assigned });
    }
    const ordered = [...this.calls.values()].sort((a, b) => a.callRange.start - b.callRange.start);
    for (const call of ordered) if (call.kind === "thread.create") this.threadFor(`created:${call.id}`, { kind: "created", range: call.callRange, name: call.result?.name ?? "", callId: call.id });
    for (const call of ordered) if (/^(thread|message|run|step)\./.test(call.kind)) this.attach(call);
    const threads = mergeKeptThreads([...this.threads.values()], this.calls, this.runs, this.syntax, this.parsed);
    for (const thread of threads) this.findThreadEscapes(thread);
    for (const run of this.runs.values()) this.describeRun(run);
    return { fileName: this.fileName, language: "python", calls: this.calls, threads, runs: this.runs, definitions: [] };
  }

  private threadFor(key: string, origin: ThreadOrigin): Thread {
    let thread = this.threads.get(key);
    if (!thread) this.threads.set(key, (thread = { id: key, origin, callIds: [], runIds: [], replyReads: [], escapes: [], functionRanges: [] }));
    return thread;
  }

  /** The argument naming the thread (or run): the keyword, else the first positional argument. */
  private idArgument(call: AssistantsCall, keyword: string): PyNode | undefined {
    const { keywords, positional } = callArguments(this.syntax.get(call.id)!.call, this.parsed.source);
    const value = keywords.get(keyword);
    if (value) return field(value, "value");
    const first = keyword === "run_id" || !RUN_FOLLOW_UPS.has(call.kind) ? positional[0] : undefined;
    return first;
  }

  /** The created thread or run whose `.id` (in the same function) `expression` reads. */
  private createdById(expression: PyNode | undefined, call: AssistantsCall, kinds: (kind: string) => boolean): AssistantsCall | undefined {
    if (!expression || attributeName(expression, this.parsed.source) !== "id") return undefined;
    const object = field(expression, "object")!;
    if (object.type !== "identifier") return undefined;
    const name = this.text(object);
    let found: AssistantsCall | undefined;
    for (const candidate of this.calls.values()) {
      if (!kinds(candidate.kind) || candidate.result?.name !== name || candidate.functionRange?.start !== call.functionRange?.start) continue;
      if (candidate.callRange.start < call.callRange.start) found = candidate;
    }
    return found;
  }

  private attach(call: AssistantsCall): void {
    let thread: Thread;
    if (call.kind === "thread.create") {
      thread = this.threads.get(`created:${call.id}`)!;
    } else if (call.kind === "thread.createAndRun" || call.kind === "thread.createAndRunStream") {
      thread = this.threadFor(`created-with-run:${call.id}`, { kind: "created-with-run", range: call.callRange, name: call.result?.name ?? "", callId: call.id });
    } else {
      const expression = this.idArgument(call, "thread_id");
      const created = this.createdById(expression, call, (kind) => kind === "thread.create");
      const startedWith = this.runThreadOf(expression, call);
      if (created) thread = this.threads.get(`created:${created.id}`)!;
      else if (startedWith) thread = startedWith;
      else {
        const name = expression ? this.text(expression) : "";
        const kind = expression?.type === "identifier" && this.isParameter(expression) ? "parameter" : expression?.type === "attribute" ? "field" : "unknown";
        thread = this.threadFor(`${kind}:${name}@${call.functionRange?.start ?? 0}`, { kind, range: expression ? rangeOf(expression) : call.callRange, name });
      }
    }
    call.threadId = thread.id;
    thread.callIds.push(call.id);
    const owner = call.functionRange ?? { start: 0, end: this.parsed.source.text.length };
    if (!thread.functionRanges.some((range) => range.start === owner.start)) thread.functionRanges.push(owner);
    if (RUN_STARTS.has(call.kind)) {
      const run: Run = { id: `run:${call.id}`, threadId: thread.id, startCallId: call.id, mode: call.kind === "run.createAndPoll" ? "polled" : call.kind === "run.create" ? "created" : call.kind === "thread.createAndRun" ? "created-with-thread" : "streamed", name: call.result?.name, followUpCallIds: [], fieldReads: [], escapes: [] };
      this.runs.set(run.id, run);
      thread.runIds.push(run.id);
      call.runId = run.id;
    } else if (RUN_FOLLOW_UPS.has(call.kind)) {
      const expression = this.idArgument(call, "run_id");
      const start = this.createdById(expression, call, (kind) => RUN_STARTS.has(kind as never));
      let run = start && this.runs.get(`run:${start.id}`);
      if (!run) {
        const key = `run:handed-in:${thread.id}:${expression ? this.text(expression) : call.id}`;
        run = this.runs.get(key) ?? { id: key, threadId: thread.id, startCallId: call.id, mode: "handed-in", followUpCallIds: [], fieldReads: [], escapes: [] };
        if (!this.runs.has(key)) {
          this.runs.set(key, run);
          thread.runIds.push(key);
        }
      }
      call.runId = run.id;
      run.followUpCallIds.push(call.id);
    }
  }

  /** `run.thread_id` of a run started earlier in the same function: that run's thread. */
  private runThreadOf(expression: PyNode | undefined, call: AssistantsCall): Thread | undefined {
    if (!expression || attributeName(expression, this.parsed.source) !== "thread_id" || field(expression, "object")?.type !== "identifier") return undefined;
    const name = this.text(field(expression, "object")!);
    let found: Thread | undefined;
    for (const run of this.runs.values()) {
      const start = this.calls.get(run.startCallId)!;
      if (run.mode !== "handed-in" && start.result?.name === name && start.functionRange?.start === call.functionRange?.start && start.callRange.start < call.callRange.start) found = this.threads.get(run.threadId);
    }
    return found;
  }

  private isParameter(identifier: PyNode): boolean {
    const fn = enclosingFunction(identifier);
    const parameters = fn && field(fn, "parameters");
    const name = this.text(identifier);
    return !!parameters && namedChildren(parameters).some((parameter) => (parameter.type === "identifier" ? this.text(parameter) : this.text(namedChildren(parameter)[0] ?? parameter)) === name);
  }

  /** References to `name` after `from` in the function (or module) `scope`, nested functions included. */
  private references(name: string, scope: PyNode, from: number): PyNode[] {
    const found: PyNode[] = [];
    forEachDescendant(scope, (node) => {
      if (node.type === "identifier" && node.start > from && this.text(node) === name && !(node.parent?.type === "attribute" && node.field === "attribute") && node.field !== "name") found.push(node);
    });
    return found;
  }

  private scopeOf(call: AssistantsCall): PyNode {
    return enclosingFunction(this.syntax.get(call.id)!.call) ?? this.parsed.root;
  }

  /** An argument of an Assistants call in this model (`thread_id=thread.id`). */
  private isAssistantsArgument(node: PyNode): boolean {
    let holder = node.parent;
    if (holder?.type === "keyword_argument") holder = holder.parent;
    if (holder?.type !== "argument_list") return false;
    this.callNodes ??= new Set([...this.syntax.values()].map((syntax) => syntax.call));
    return this.callNodes.has(holder.parent!);
  }

  private escapeOf(node: PyNode, of: "thread" | "run", scope: PyNode): Escape | undefined {
    const parent = node.parent!;
    const range = rangeOf(node);
    if (parent.type === "return_statement") return { kind: "returned", of, range };
    if (parent.type === "assignment" && field(parent, "right") === node) return { kind: "stored", of, range };
    if (parent.type === "pair" || parent.type === "list" || parent.type === "tuple" || parent.type === "dictionary") return { kind: "stored", of, range };
    if (parent.type === "argument_list" || parent.type === "keyword_argument") return { kind: "passed", of, range };
    if (enclosingFunction(node) !== (scope.type === "module" ? undefined : scope)) return { kind: "captured", of, range };
    return undefined;
  }

  private findThreadEscapes(thread: Thread): void {
    if (thread.origin.kind !== "created" || !thread.origin.callId) return;
    const call = this.calls.get(thread.origin.callId)!;
    if (!call.result) {
      thread.escapes.push({ kind: "passed", of: "thread", range: call.callRange });
      return;
    }
    const scope = this.scopeOf(call);
    for (const reference of this.references(call.result.name, scope, call.result.range.end)) {
      const access = reference.parent!;
      const value = access.type === "attribute" && field(access, "object") === reference ? access : reference;
      if (value !== reference && attributeName(value, this.parsed.source) !== "id") continue;
      if (this.isAssistantsArgument(value)) continue;
      thread.escapes.push(this.escapeOf(value, "thread", scope) ?? { kind: "passed", of: "thread", range: rangeOf(value) });
    }
  }

  private describeRun(run: Run): void {
    const start = this.calls.get(run.startCallId)!;
    if (run.mode === "handed-in") {
      run.escapes.push({ kind: "passed", of: "run", range: start.callRange });
      return;
    }
    if (!start.result) {
      if (!start.statementRange && run.mode !== "streamed") run.escapes.push({ kind: "passed", of: "run", range: start.callRange });
      return;
    }
    const scope = this.scopeOf(start);
    for (const reference of this.references(start.result.name, scope, start.result.range.end)) {
      const access = reference.parent!;
      if (access.type === "attribute" && field(access, "object") === reference) {
        const compared = access.parent?.type === "comparison_operator" ? namedChildren(access.parent)[1] : undefined;
        const read = { field: attributeName(access, this.parsed.source)!, range: rangeOf(access), comparedTo: compared && stringValue(compared, this.parsed.source) };
        if (read.field !== "id" || !this.isAssistantsArgument(access)) run.fieldReads.push(read);
        if (read.field === "id" && !this.isAssistantsArgument(access)) {
          const escape = this.escapeOf(access, "run", scope);
          if (escape) run.escapes.push(escape);
        }
        continue;
      }
      // Reassigned by a follow-up (`run = client.beta.threads.runs.retrieve(...)`): still this run.
      if (access.type === "assignment" && field(access, "left") === reference) continue;
      const escape = this.escapeOf(reference, "run", scope);
      if (escape) run.escapes.push(escape);
    }
    // The innermost loop around a retrieval waits on the run; the one around a submission is its tool loop.
    for (const id of run.followUpCallIds) {
      const kind = this.calls.get(id)!.kind;
      const polling = kind === "run.retrieve" || kind === "run.poll";
      const call = this.syntax.get(id)!.call;
      for (let node = call.parent; node && node !== scope; node = node.parent) {
        if (node.type !== "while_statement" && node.type !== "for_statement") continue;
        if (polling) run.pollLoop ??= rangeOf(node);
        else if (kind.startsWith("run.submitToolOutputs")) run.toolLoop ??= rangeOf(node);
        break;
      }
    }
  }
}

export function buildPythonMigrationModel(parsed: ParsedPython, fileName: string): PythonMigrationModel {
  const builder = new ModelBuilder(parsed, fileName);
  const model = builder.build();
  return { model, syntax: builder.syntax };
}
