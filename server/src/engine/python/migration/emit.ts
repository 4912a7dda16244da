// The Python emitter of thread plans: renders a one-turn (stateless-turn) plan as one fix that rewrites
// every call on the thread together: the thread and its message go away, the run becomes
// `client.responses.create(model=…, instructions=…, input=…)` (awaited where the run was), a poll loop
// around its retrieval goes, and the reply read off the listed messages becomes `response.output_text`.
// Anything it cannot render is a RenderRefusal, so the planner refuses the whole thread, never a part.
import { assistantFieldsOf } from "../emit/assistantDefinitions";
import { DEFINITION_STUB_MARKER } from "../../typescript/fixes/assistantDefinition";
import type { AssistantsCall, MigrationModel } from "../../migration/model";
import type { RenderRefusal, ThreadPlan } from "../../migration/plan";
import type { Fix, TextEdit, TextRange } from "../../types";
import type { ParsedPython } from "../extract";
import { attributeName, callArguments, enclosingFunction, enclosingStatement, field, forEachDescendant, stringValue, type PyNode } from "../syntax";
import { freshName, insertAfterImports, lineEndingOf, lineStartOf } from "../emit/nodes";
import { mergeEdits } from "../../typescript/migration/emit";
import type { PythonCallSyntax } from "./buildModel";
import { createdItemUses, isStableContent, ThreadRewrite } from "./conversation";
import { dictStatementRemovals, keywordsWithSpreads } from "./spreadDicts";
import { PythonCallReader } from "./pythonCalls";
import { renderPythonStream } from "./streams";
import { listingOrder, listingTarget } from "./listingSyntax";
import { isSingleExchange, replyAfterRunEdits } from "./replies";
import { ATTACHMENT_KEYWORDS, attachedContent, attachmentsTodo } from "./messageAttachments";

/** Response fields that read the same as the run's. */
const SAME_FIELDS = new Set(["status", "id", "usage", "model", "metadata", "created_at"]);

/** The id handed in, when it is a response id; a stored `thread_` id starts a new chain. */
function previousId(name: string): string {
  return `${name} if str(${name}).startswith("resp_") else None`;
}

/** The turn's messages as a request's `input`. */
function inputText(inputs: readonly string[], parts = false): string {
  // Content parts (a message with files) are a message's content, never the input itself.
  return inputs.length === 1 && !parts ? inputs[0] : `[${inputs.map((content) => `{"role": "user", "content": ${content}}`).join(", ")}]`;
}

export interface PythonDefinitions {
  /** `name = client.beta.assistants.create(model=…, instructions=…)` rewritten to a plain dict. */
  byName: ReadonlyMap<string, { edit: TextEdit }>;
}

/** What the strategy renderers (./conversation.ts, and streams) read of the file being rewritten. */
export interface EmitterServices {
  readonly model: MigrationModel;
  readonly syntax: ReadonlyMap<string, PythonCallSyntax>;
  readonly parsed: ParsedPython;
  readonly text: string;
  /** The definition a run names (`assistant_id=`), or a stub to fill in, with the edits it needs. */
  definitionFor(argument: PyNode | undefined): DefinitionUse | RenderRefusal;
}

/** How a request reads an assistant's definition: `NAME["model"]` unless its fields are read otherwise. */
export interface DefinitionUse {
  name: string;
  edits: TextEdit[];
  /** `assistant.model` for an assistant the `beta.assistants.*` fixes made a SimpleNamespace. */
  model?: string;
  instructions?: string;
  tools?: string;
}

export function isRefusal(value: object): value is RenderRefusal {
  return "reason" in value;
}

const STRATEGY_TITLES: Partial<Record<ThreadPlan["strategy"], string>> = {
  conversation: "Rewrite this thread to a conversation (every call on it)",
  "background-run": "Rewrite this thread to a conversation with Responses background mode for its kept runs",
};

export class PythonEmitter implements EmitterServices {
  private stub: { name: string; edits: TextEdit[] } | undefined;

  constructor(
    readonly model: MigrationModel,
    readonly syntax: ReadonlyMap<string, PythonCallSyntax>,
    readonly parsed: ParsedPython,
    readonly text: string,
    private readonly definitions: PythonDefinitions,
  ) {}

  private of(node: PyNode): string {
    return this.parsed.source.of(node);
  }

  /** The whole lines of a statement, line break included. */
  private lines(range: TextRange): TextRange {
    const start = lineStartOf(this.text, range.start);
    const newline = this.text.indexOf("\n", range.end);
    return { start, end: newline === -1 ? this.text.length : newline + 1 };
  }

  render(plan: ThreadPlan): Fix | RenderRefusal {
    const title = STRATEGY_TITLES[plan.strategy];
    if (title) {
      const rendered = new ThreadRewrite(this, plan).render();
      if ("reason" in rendered) return rendered;
      const merged = mergeEdits(rendered.edits);
      if (!merged) return { callId: plan.replacements[0].callId, reason: "the rewrites of its calls overlap" };
      return { title, edits: merged, safe: false, preferred: plan.preferred };
    }
    if (plan.strategy !== "stateless-turn" && plan.strategy !== "previous-response-id") return { callId: plan.replacements[0].callId, reason: `no Python ${plan.strategy} rewrite yet` };
    // A chained turn is a one-turn request that also names the previous response (the id handed in).
    const thread = this.model.threads.find((candidate) => candidate.id === plan.threadId)!;
    const chain = plan.strategy === "previous-response-id" ? thread.origin.name : undefined;
    if (chain !== undefined && !/^[A-Za-z_]\w*$/.test(chain)) return { callId: plan.replacements[0].callId, reason: "the thread id it chains from is not a plain name" };
    const edits: TextEdit[] = [];
    const inputs: string[] = [];
    let withFiles = false;
    let runCall: AssistantsCall | undefined;
    let streamCall: AssistantsCall | undefined;
    for (const replacement of plan.replacements) {
      const call = this.model.calls.get(replacement.callId)!;
      const syntax = this.syntax.get(call.id)!;
      const listed = call.kind === "message.list" && listingTarget(syntax, new PythonCallReader(this.parsed, this.text));
      if (!syntax.statement && !listed && replacement.kind !== "responses.stream") return { callId: call.id, reason: "the call is part of a larger expression" };
      if (replacement.kind === "into-input") {
        const read = keywordsWithSpreads(syntax.call, this.parsed.source);
        if (typeof read === "string") return { callId: call.id, reason: read };
        const { keywords } = read;
        edits.push(...dictStatementRemovals(read.dictStatements, this.text));
        const content = keywords.get("content");
        const role = keywords.get("role");
        if (!content || (role && stringValue(field(role, "value"), this.parsed.source) !== "user")) return { callId: call.id, reason: "only a user message with `content=` moves into the input" };
        const unknown = [...keywords.keys()].find((name) => !["thread_id", "role", "content", "timeout", ...ATTACHMENT_KEYWORDS].includes(name));
        if (unknown) return { callId: call.id, reason: `\`${unknown}=\` has no input counterpart` };
        const attached = attachedContent(field(content, "value")!, new Map([...keywords].map(([name, argument]) => [name, field(argument, "value")!])), new PythonCallReader(this.parsed, this.text));
        if (attached && typeof attached !== "string") return { callId: call.id, reason: attached.reason };
        if (attached) withFiles = true;
        const contentValue = field(content, "value")!;
        inputs.push(attached ?? this.of(contentValue));
        if (syntax.assigned && this.isUsedLater(syntax)) {
          // Only its text read back, which is the content it was created with.
          const reader = new PythonCallReader(this.parsed, this.text);
          const uses = createdItemUses(syntax, reader, !attached && isStableContent(contentValue, syntax, reader));
          if (uses?.uses !== "unused") return { callId: call.id, reason: "the created message is used" };
          for (const read of uses.textReads) edits.push({ range: { start: read.start, end: read.end }, newText: this.of(contentValue) });
        }
        edits.push({ range: this.lines(call.statementRange!), newText: "" });
      } else if (replacement.kind === "responses.create" && (call.kind === "run.createAndPoll" || call.kind === "run.create")) {
        runCall = call;
      } else if (replacement.kind === "responses.stream") {
        streamCall = call;
      } else if (replacement.kind === "remove") {
        if (call.kind === "message.list") {
          const reads = this.replyReads(call, syntax);
          if ("reason" in reads) return reads;
          edits.push(...reads.edits);
        } else if (syntax.assigned && call.kind === "thread.create") {
          // Only `thread.id` in the thread's own calls may read it (the planner saw no escape).
        } else if (syntax.assigned && !(call.kind === "run.retrieve" || call.kind === "run.poll")) {
          return { callId: call.id, reason: "its result is used" };
        }
        if (call.statementRange && !this.insidePollLoop(call)) edits.push({ range: this.lines(call.statementRange), newText: "" });
      } else {
        return { callId: call.id, reason: `no Python rendering of ${replacement.kind} yet` };
      }
    }
    // (pystreams) A streamed run is rendered by ./streams.ts; the thread's other calls go as above.
    if (streamCall) {
      const syntax = this.syntax.get(streamCall.id)!;
      const definition = this.definitionFor(callArguments(syntax.call, this.parsed.source).keywords.get("assistant_id"));
      if (isRefusal(definition)) return definition;
      const stream = renderPythonStream(syntax, { input: inputs.length > 0 ? inputText(inputs, withFiles) : undefined, definition, previousResponseId: chain && previousId(chain) }, { parsed: this.parsed, text: this.text });
      if ("reason" in stream) return { callId: streamCall.id, reason: stream.reason };
      const at = enclosingStatement(syntax.call);
      const todo = [...(withFiles ? attachmentsTodo(at, new PythonCallReader(this.parsed, this.text)) : []), ...(chain ? [this.chainTodo(at, chain)] : [])];
      const merged = mergeEdits([...edits, ...todo, ...stream.edits]);
      if (!merged) return { callId: streamCall.id, reason: "the rewrites of its calls overlap" };
      return { title: chain ? "Chain this turn to the previous response (previous_response_id) with responses.stream" : "Rewrite this one-turn thread to a single responses.stream", edits: merged, safe: false, preferred: plan.preferred };
    }
    if (!runCall) return { callId: plan.replacements[0].callId, reason: "no run to rewrite" };
    const rendered = this.renderRun(runCall, inputs, withFiles, chain);
    if ("reason" in rendered) return rendered;
    edits.push(...rendered.edits);
    const runStatement = this.syntax.get(runCall.id)!.statement!;
    if (withFiles) edits.push(...attachmentsTodo(runStatement, new PythonCallReader(this.parsed, this.text)));
    if (chain) edits.push(this.chainTodo(runStatement, chain));
    const merged = mergeEdits(edits);
    if (!merged) return { callId: runCall.id, reason: "the rewrites of its calls overlap" };
    return { title: chain ? "Chain this turn to the previous response (previous_response_id)" : "Rewrite this one-turn thread to a single responses.create", edits: merged, safe: false, preferred: plan.preferred };
  }

  /** The TODO over a chained turn: the id handed in is a response id now, and must be stored as one. */
  private chainTodo(statement: PyNode, chain: string): TextEdit {
    const indent = this.text.slice(lineStartOf(this.text, statement.start), statement.start);
    const eol = lineEndingOf(this.text);
    return { range: { start: statement.start, end: statement.start }, newText: `# TODO(responses-migrate): \`${chain}\` chains from the previous response now: store this response's id where the thread id came from (a stored thread_ id starts a new chain).${eol}${indent}` };
  }

  private insidePollLoop(call: AssistantsCall): boolean {
    const run = call.runId ? this.model.runs.get(call.runId) : undefined;
    return !!run?.pollLoop && run.pollLoop.start <= call.callRange.start && call.callRange.end <= run.pollLoop.end;
  }

  private renderRun(call: AssistantsCall, inputs: string[], withFiles: boolean, chain?: string): { edits: TextEdit[] } | RenderRefusal {
    const syntax = this.syntax.get(call.id)!;
    const run = this.model.runs.get(call.runId!)!;
    const callee = field(syntax.call, "function")!;
    const reader = new PythonCallReader(this.parsed, this.text);
    const receiver = reader.receiver(syntax.call);
    if (!receiver) return { callId: call.id, reason: "the client is reached through an alias of `beta`" };
    if (reader.calleeOf(syntax.call) !== callee) return { callId: call.id, reason: "the run's method is passed by reference, which a one-turn rewrite does not follow" };
    const read = keywordsWithSpreads(syntax.call, this.parsed.source);
    if (typeof read === "string") return { callId: call.id, reason: read };
    const { keywords } = read;
    const allowed = new Set(["thread_id", "assistant_id", "instructions", "model", "additional_instructions", "timeout"]);
    const unknown = [...keywords.keys()].find((name) => !allowed.has(name));
    if (unknown) return { callId: call.id, reason: `\`${unknown}=\` has no one-turn rendering yet` };
    const definition = this.definitionFor(keywords.get("assistant_id"));
    if (isRefusal(definition)) return definition;
    const value = (name: string) => keywords.get(name) && this.of(field(keywords.get(name)!, "value")!);
    const model = value("model") ?? definition.model ?? `${definition.name}["model"]`;
    const instructions = value("instructions") ?? definition.instructions ?? `${definition.name}["instructions"]`;
    const input = inputText(inputs, withFiles);
    if (inputs.length === 0) return { callId: call.id, reason: "the thread has no message to send" };
    // An unnamed run whose reply is read afterwards is named, so the read has a response to read.
    const thread = this.model.threads.find((candidate) => candidate.id === call.threadId);
    const replyRead = !!thread?.callIds.some((id) => this.model.calls.get(id)!.kind === "message.list");
    const name = syntax.assigned || (replyRead && syntax.statement?.type === "expression_statement") ? this.responseName(syntax) : undefined;
    const awaited = syntax.call.parent?.type === "await" ? "await " : "";
    const tools = definition.tools ? `, tools=${definition.tools}` : "";
    const chained = chain ? `, previous_response_id=${previousId(chain)}` : "";
    const request = `${awaited}${receiver}.responses.create(model=${model}, instructions=${instructions}, input=${input}${tools}${chained})`;
    const statement = syntax.statement!;
    const edits: TextEdit[] = [{ range: { start: statement.start, end: statement.end }, newText: name ? `${name} = ${request}` : request }];
    edits.push(...definition.edits, ...dictStatementRemovals(read.dictStatements, this.text));
    for (const fieldRead of run.fieldReads) {
      if (!SAME_FIELDS.has(fieldRead.field)) return { callId: call.id, reason: `the run's \`${fieldRead.field}\` has no one-turn counterpart` };
      if (this.insidePollLoop({ ...call, callRange: fieldRead.range })) continue;
      // A run's status is always a string; a response's may be None.
      const renamed = `${name}.${fieldRead.field}`;
      edits.push({ range: fieldRead.range, newText: fieldRead.field === "status" && fieldRead.comparedTo === undefined && !this.isCompared(fieldRead.range) ? `str(${renamed})` : renamed });
    }
    if (run.pollLoop) {
      const loop = this.nodeAt(run.pollLoop, "while_statement");
      if (!loop || this.containsOtherCalls(loop, run)) return { callId: call.id, reason: "its poll loop does more than wait" };
      edits.push({ range: this.lines(run.pollLoop), newText: "" });
    }
    return { edits };
  }

  /** `response` for the run's result, unless the function already uses that name. */
  private responseName(syntax: PythonCallSyntax): string {
    const scope = enclosingFunction(syntax.call) ?? this.parsed.root;
    if (!syntax.assigned) return freshName(this.of(scope), "response");
    return /\bresponse\b/.test(this.of(scope)) ? this.of(syntax.assigned!) : "response";
  }

  /** The name the call's result is assigned to is read after the assignment. */
  private isUsedLater(syntax: PythonCallSyntax): boolean {
    const name = this.of(syntax.assigned!);
    let used = false;
    forEachDescendant(enclosingFunction(syntax.call) ?? this.parsed.root, (node) => {
      if (!used && node.type === "identifier" && node.start > syntax.assigned!.end && node.field !== "attribute" && this.of(node) === name) used = true;
      return !used;
    });
    return used;
  }

  private isCompared(range: TextRange): boolean {
    const node = this.nodeAt(range, "attribute");
    return node?.parent?.type === "comparison_operator";
  }

  /** The in-file definition a run names (`assistant_id=assistant.id`), or a stub to fill in. */
  definitionFor(argument: PyNode | undefined): DefinitionUse | RenderRefusal {
    const value = argument && field(argument, "value");
    if (value && attributeName(value, this.parsed.source) === "id" && field(value, "object")?.type === "identifier") {
      const name = this.of(field(value, "object")!);
      const found = this.definitions.byName.get(name);
      if (found) return { name, edits: [found.edit] };
      // An assistant the `beta.assistants.*` fixes already made a SimpleNamespace: its dict, or its attributes.
      // The name as the run's function sees it: its own assignment, else the module's.
      const fn = enclosingFunction(value);
      const assigns = (scope: PyNode) => {
        let found = false;
        forEachDescendant(scope, (node) => {
          if (!found && node.type === "assignment" && this.of(field(node, "left")!) === name) found = true;
          return !found;
        });
        return found;
      };
      const scope = fn && assigns(fn) ? fn : this.parsed.root;
      const fields = assistantFieldsOf(this.parsed.root, this.parsed.source, name, scope);
      if (fields && fields.model.endsWith('["model"]')) {
        const dict = fields.model.slice(0, -'["model"]'.length);
        // A dict typed `dict[str, object]` (the stub) gives `object`s; the namespace's attributes are `Any`.
        if (new RegExp(`^${dict}\\s*:\\s*dict\\[\\s*str\\s*,\\s*object\\s*\\]`, "m").test(this.text)) return { name: dict, edits: [], model: `${name}.model`, instructions: `${name}.instructions` };
        return { name: dict, edits: [], tools: fields.tools };
      }
      if (fields) return { name, edits: [], ...fields };
      // Created in this file: its own fix makes it the definition first, and the runs read it from there (never a stub).
      // Retrieved in this file: its fix names the definition it stands for, which the runs then read.
      const created = [...this.model.calls.values()].find((call) => (call.kind === "assistant.create" || call.kind === "assistant.retrieve") && call.result?.name === name && (scope === fn ? call.functionRange?.start === fn!.start : true));
      if (created) return { callId: created.id, reason: `the assistant it runs is ${created.kind === "assistant.create" ? "created" : "retrieved"} in this file, and becomes its definition first` };
    }
    // One stub per file: a stub an earlier fix wrote is reused, so fixing again adds none.
    const written = new RegExp(`^# ${DEFINITION_STUB_MARKER.replace(/[()]/g, "\\$&")}[^\\n]*\\r?\\n(\\w+) = \\{`, "m").exec(this.text);
    if (written) return { name: written[1], edits: [] };
    if (!this.stub) {
      const eol = lineEndingOf(this.text);
      const name = freshName(this.text, "ASSISTANT");
      const named = value ? ` (assistant ${this.of(value).replace(/\s+/g, " ")})` : "";
      const stub = `${eol}# ${DEFINITION_STUB_MARKER}${named}: its model, instructions and tools${eol}${name} = {"model": "gpt-4o", "instructions": ""}`;
      this.stub = { name, edits: [insertAfterImports(this.parsed.root, this.text, stub)] };
    }
    return this.stub;
  }

  /** The reply read off the listed messages -> `response.output_text` (./replies.ts); any other use refuses. */
  private replyReads(call: AssistantsCall, syntax: PythonCallSyntax): { edits: TextEdit[] } | RenderRefusal {
    const thread = this.model.threads.find((candidate) => candidate.id === call.threadId)!;
    const run = thread.runIds.map((id) => this.model.runs.get(id)!)[0];
    const start = run && this.model.calls.get(run.startCallId);
    const started = start && this.syntax.get(start.id)!;
    const response = started && start.callRange.end <= call.callRange.start && (start.result || started.statement?.type === "expression_statement") ? this.responseName(started) : undefined;
    const reader = new PythonCallReader(this.parsed, this.text);
    const target = listingTarget(syntax, reader);
    if (!target || !response) return { callId: call.id, reason: "the listed messages are not read as a reply" };
    const reply = replyAfterRunEdits(target.assigned, target.statement, { response, listing: listingOrder(reader.keywords(syntax.call), reader), singleExchange: isSingleExchange(thread), viaData: target.viaData }, reader);
    return typeof reply === "string" ? { callId: call.id, reason: reply } : { edits: reply };
  }

  private nodeAt(range: TextRange, type: string): PyNode | undefined {
    let found: PyNode | undefined;
    forEachDescendant(this.parsed.root, (node) => {
      if (found || node.end < range.start || node.start > range.end) return false;
      if (node.type === type && node.start === range.start && node.end === range.end) found = node;
      return !found;
    });
    return found;
  }

  /** A call in the loop other than the run's own retrieval and sleeping. */
  private containsOtherCalls(loop: PyNode, run: { followUpCallIds: string[] }): boolean {
    const own = new Set(run.followUpCallIds.map((id) => this.syntax.get(id)!.call));
    let other = false;
    forEachDescendant(loop, (node) => {
      if (other || own.has(node)) return false;
      if (node.type === "call" && !/(^|\.)sleep$/.test(this.of(field(node, "function")!))) other = true;
      return !other;
    });
    return other;
  }
}
