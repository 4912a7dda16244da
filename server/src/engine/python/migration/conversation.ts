// Renders the conversation and background-run plans in Python. The thread becomes a conversation
// (`client.conversations.*`), its messages conversation items, each run one `client.responses.create(
// model=…, instructions=…, conversation=thread_id)` from the assistant's definition, tool outputs a
// follow-up request with `function_call_output` items. A run waited for in its function (create_and_poll,
// or create and a loop that only waits) is a plain request and its poll loop goes; a run the code keeps
// (or whose loop does more than wait) runs in background mode (`background=True`) and is retrieved and
// cancelled by response id. The run variable keeps its name and now holds a Response (see runReads.ts).
import { renderPythonStream } from "./streams";
import type { AssistantsCall, Run } from "../../migration/model";
import { isSubmit } from "../../migration/shape";
import type { RenderRefusal, Replacement, ThreadPlan } from "../../migration/plan";
import type { TextEdit } from "../../types";
import { insertAfterImports, lineEndingOf, nodeAt } from "../emit/nodes";
import { enclosingFunction, field, forEachDescendant, namedChildren, stringValue, type PyNode } from "../syntax";
import type { PythonCallSyntax } from "./buildModel";
import { keywordText, PythonCallReader } from "./pythonCalls";
import { historyEdits, iteratedListingEdits } from "./historyReads";
import { listingOrder, listingTarget } from "./listingSyntax";
import { isSingleExchange, replyAfterRunEdits } from "./replies";
import { fieldReadsOf, runReadEdits } from "./runReads";
import { isRefusal, type EmitterServices } from "./emit";
import { pollLoopEdits } from "./pollLoops";
import { unmappedEdits } from "./unmapped";
import { ATTACHMENT_KEYWORDS, attachedContent, attachmentsTodo } from "./messageAttachments";

const TODO = "# TODO(responses-migrate):";
/** Run options that mean the same on `responses.create` (Assistants name -> Responses name). */
const RUN_OPTIONS: Record<string, string | null> = {
  model: "model",
  instructions: "instructions",
  tools: "tools",
  tool_choice: "tool_choice",
  temperature: "temperature",
  top_p: "top_p",
  metadata: "metadata",
  parallel_tool_calls: "parallel_tool_calls",
  max_completion_tokens: "max_output_tokens",
  timeout: "timeout",
  extra_headers: "extra_headers",
  thread_id: null,
  assistant_id: null,
  additional_instructions: null,
  poll_interval_ms: null,
  // Not renamed: a response has no prompt-token budget; truncation="auto" (below) keeps long
  // conversations within the context window instead, and a TODO says the budget is gone.
  max_prompt_tokens: null,
};

type Refuse = (reason: string) => RenderRefusal;

export class ThreadRewrite {
  private readonly edits: TextEdit[] = [];
  /** Edits of reads: dropped where a call rewrite replaces the text around them. */
  private readonly readEdits: TextEdit[] = [];
  private promptBudgetNoted = false;
  private readonly reader: PythonCallReader;
  /** Runs kept in background mode, by run id (plan decisions, or a poll loop that does more than wait). */
  private readonly background = new Set<string>();
  /** The conversation expression of a thread created with its run (`create_and_run`). */
  private conversationName: string | undefined;
  private readonly submits: boolean;

  constructor(
    private readonly services: EmitterServices,
    private readonly plan: ThreadPlan,
  ) {
    this.reader = new PythonCallReader(services.parsed, services.text);
    this.submits = plan.replacements.some((replacement) => replacement.kind === "responses.create.tool-outputs");
  }

  private get model() {
    return this.services.model;
  }

  private syntaxOf(call: AssistantsCall): PythonCallSyntax {
    return this.services.syntax.get(call.id)!;
  }

  render(): { edits: TextEdit[] } | RenderRefusal {
    for (const replacement of this.plan.replacements) {
      const call = this.model.calls.get(replacement.callId)!;
      const refuse: Refuse = (reason) => ({ callId: call.id, reason });
      const rendered = this.renderCall(call, replacement, refuse);
      if (rendered) return rendered;
    }
    const replaced = this.edits.filter((edit) => edit.newText !== "");
    const reads = this.readEdits.filter((read) => !replaced.some((edit) => edit.range.start <= read.range.start && read.range.end <= edit.range.end && edit !== read));
    return { edits: [...this.edits, ...reads] };
  }

  /** Undefined when rendered; the refusal otherwise. */
  private renderCall(call: AssistantsCall, replacement: Replacement, refuse: Refuse): RenderRefusal | undefined {
    const syntax = this.syntaxOf(call);
    const receiver = this.reader.receiver(syntax.call);
    if (!receiver) return refuse("the client is reached through an alias of `beta`");
    const unreadableSpread = this.reader.unreadableSpread(syntax.call);
    if (unreadableSpread) return refuse(unreadableSpread);
    this.edits.push(...this.reader.spreadRemovals(syntax.call));
    const keywords = this.reader.keywords(syntax.call);
    const threadId = () => this.threadIdText(call);
    switch (replacement.kind) {
      case "conversations.create": {
        const unknown = [...keywords.keys()].find((name) => name !== "messages" && name !== "metadata");
        if (unknown) return refuse(`\`${unknown}=\` has no conversation counterpart`);
        const items = keywords.get("messages");
        const args = keywordText([
          ["items", items && this.reader.of(items)],
          ["metadata", keywords.get("metadata") && this.reader.of(keywords.get("metadata")!)],
        ]);
        this.edits.push(this.reader.replaceCall(syntax.call, `${receiver}.conversations.create(${args})`), ...this.storedIdGuard(syntax));
        return undefined;
      }
      case "conversations.retrieve":
      case "conversations.delete":
      case "conversations.update": {
        const id = threadId();
        if (!id) return refuse("its thread id cannot be found");
        const unknown = [...keywords.keys()].find((name) => name !== "thread_id" && !(replacement.kind === "conversations.update" && name === "metadata"));
        if (unknown) return refuse(`\`${unknown}=\` has no conversation counterpart`);
        const method = replacement.kind.split(".")[1];
        const metadata = keywords.get("metadata");
        this.edits.push(this.reader.replaceCall(syntax.call, `${receiver}.conversations.${method}(${[id, metadata && `metadata=${this.reader.of(metadata)}`].filter(Boolean).join(", ")})`));
        return undefined;
      }
      case "conversations.items.create":
        return this.renderMessage(call, syntax, receiver, keywords, refuse);
      case "conversations.items.list":
        return this.renderListing(call, syntax, receiver, keywords, refuse);
      case "conversations.items.retrieve":
      case "conversations.items.delete": {
        const id = threadId();
        const message = keywords.get("message_id") ?? this.reader.positional(syntax.call)[0];
        if (!id || !message) return refuse("its message id cannot be found");
        this.edits.push(this.reader.replaceCall(syntax.call, `${receiver}.conversations.items.${replacement.kind.split(".")[2]}(${this.reader.of(message)}, conversation_id=${id})`));
        return undefined;
      }
      case "responses.create":
      case "responses.create.background":
        return this.renderRun(call, syntax, receiver, keywords, replacement.kind === "responses.create.background", refuse);
      case "responses.create.tool-outputs":
        return this.renderToolOutputs(call, syntax, receiver, keywords, refuse);
      case "remove":
      case "responses.retrieve":
      case "responses.cancel":
        return this.renderFollowUp(call, syntax, receiver, replacement.kind, refuse);
      case "response.output": {
        const runId = this.reader.idArgument(syntax.call, "run_id");
        if (!runId || call.kind !== "step.list") return refuse("a response has no steps to fetch one by one");
        this.edits.push(this.reader.replaceCall(syntax.call, `${receiver}.responses.retrieve(${this.reader.of(runId)}).output`));
        // `steps.data` is the list of output items itself now.
        if (syntax.assigned) {
          const scope = enclosingFunction(syntax.call) ?? this.reader.parsed.root;
          for (const use of this.reader.references(scope, this.reader.of(syntax.assigned), syntax.assigned.end)) {
            const access = use.parent!;
            if (access.type === "attribute" && field(access, "object") === use && this.reader.of(field(access, "attribute")!) === "data") this.edits.push({ range: { start: access.start, end: access.end }, newText: this.reader.of(use) });
          }
        }
        return undefined;
      }
      case "responses.stream": {
        const conversation = this.threadIdText(call);
        if (!conversation) return refuse("its thread id cannot be found");
        const definition = this.services.definitionFor(keywords.get("assistant_id")?.parent);
        if (isRefusal(definition)) return definition;
        const stream = renderPythonStream(syntax, { conversation, definition }, { parsed: this.services.parsed, text: this.services.text });
        if ("reason" in stream) return refuse(stream.reason);
        this.edits.push(...stream.edits);
        return undefined;
      }
      case "unmapped-todo": {
        const edits = unmappedEdits(call, syntax, receiver, this.threadIdText(call), this.reader);
        if (typeof edits === "string") return refuse(edits);
        this.edits.push(...edits);
        return undefined;
      }
      default:
        return refuse(`no Python rendering of ${replacement.kind} yet`);
    }
  }

  /** The thread id expression a call passes, with `run.thread_id` read as the conversation. */
  private threadIdText(call: AssistantsCall): string | undefined {
    if (this.conversationName) return `${this.conversationName}.id`;
    const syntax = this.syntaxOf(call);
    const keywords = this.reader.keywords(syntax.call);
    const argument = keywords.get("thread_id") ?? (/^(run|step)\./.test(call.kind) && call.kind !== "run.create" && call.kind !== "run.createAndPoll" && call.kind !== "run.stream" ? undefined : this.reader.positional(syntax.call)[0]);
    if (!argument) return undefined;
    const text = this.reader.of(argument);
    const object = argument.type === "attribute" && this.reader.of(field(argument, "attribute")!) === "thread_id" ? field(argument, "object") : undefined;
    if (!object) return text;
    // `run.thread_id` of a run on this thread: the id that run was started with.
    const started = this.thread.runIds.map((id) => this.model.calls.get(this.model.runs.get(id)!.startCallId)!).find((start) => start.result?.name === this.reader.of(object) && start.id !== call.id);
    // `self.thread_id` is a field holding the id, not a run's `thread_id`.
    if (!started && object.type === "identifier" && (this.reader.of(object) === "self" || this.reader.of(object) === "cls")) return text;
    if (started) return started.kind !== "thread.createAndRun" ? this.threadIdText(started) : undefined;
    return this.handedInRunConversation(call, object);
  }

  /**
   * `run.thread_id` of a run handed in (`run_id=run.id` beside it): that run is a Response now, and
   * the thread it ran on is the conversation it belongs to, which a Response carries as an optional object.
   */
  private handedInRunConversation(call: AssistantsCall, object: PyNode): string | undefined {
    const run = call.runId ? this.model.runs.get(call.runId) : undefined;
    // Only `responses.create(conversation=…)` takes None (a request on no conversation).
    if (run?.mode !== "handed-in" || !isSubmit(call)) return undefined;
    const runId = this.reader.idArgument(this.syntaxOf(call).call, "run_id");
    const runObject = runId?.type === "attribute" && this.reader.of(field(runId, "attribute")!) === "id" ? field(runId, "object") : undefined;
    if (!runObject || this.reader.of(runObject) !== this.reader.of(object)) return undefined;
    const response = this.reader.of(object);
    return `${response}.conversation.id if ${response}.conversation else None`;
  }

  private renderMessage(call: AssistantsCall, syntax: PythonCallSyntax, receiver: string, keywords: Map<string, PyNode>, refuse: Refuse): RenderRefusal | undefined {
    const id = this.threadIdText(call);
    const content = keywords.get("content");
    const role = keywords.get("role");
    if (!id || !content || !role) return refuse("a message needs its thread id, role and content");
    const unknown = [...keywords.keys()].find((name) => !["thread_id", "role", "content", "timeout", ...ATTACHMENT_KEYWORDS].includes(name));
    if (unknown) return refuse(`\`${unknown}=\` has no conversation item counterpart`);
    const uses = syntax.assigned && this.isUsedLater(syntax) ? createdItemUses(syntax, this.reader, isStableContent(content, syntax, this.reader)) : { uses: "unused" as const, textReads: [] };
    if (uses === undefined) return refuse("the created message is read beyond its id, and a conversation item is not a message");
    // The text the message was created with is the content passed.
    for (const read of uses.textReads) this.edits.push({ range: { start: read.start, end: read.end }, newText: this.reader.of(content) });
    const used = uses.uses;
    const attached = attachedContent(content, keywords, this.reader);
    if (attached && typeof attached !== "string") return refuse(attached.reason);
    if (attached && syntax.statement) this.edits.push(...attachmentsTodo(syntax.statement, this.reader));
    let contentText = attached ?? this.reader.of(content);
    // Assistants text parts are `{"type": "text", "text": …}`; a user item's are `input_text`.
    if (content.type === "list") contentText = contentText.replace(/(["'])type\1(\s*:\s*)(["'])text\3/g, "$1type$1$2$3input_text$3");
    const quote = this.reader.of(role)[0] === "'" ? "'" : '"';
    const item = `{${quote}type${quote}: ${quote}message${quote}, ${quote}role${quote}: ${this.reader.of(role)}, ${quote}content${quote}: ${contentText}}`;
    const created = `${receiver}.conversations.items.create(${id}, items=[${item}])`;
    if (used === "unused") {
      this.edits.push(this.reader.replaceCall(syntax.call, created));
      return undefined;
    }
    // The name keeps the one item created: `items.create` returns a list of them.
    const awaited = syntax.call.parent?.type === "await" ? syntax.call.parent : undefined;
    this.edits.push(awaited ? { range: { start: awaited.start, end: awaited.end }, newText: `(await ${created}).data[0]` } : this.reader.replaceCall(syntax.call, `${created}.data[0]`));
    if (used === "handed-on") this.edits.push(this.todoAbove(syntax.statement!, "this is the conversation item created now, not an Assistants message: check the code it is handed to."));
    return undefined;
  }

  private renderListing(call: AssistantsCall, syntax: PythonCallSyntax, receiver: string, keywords: Map<string, PyNode>, refuse: Refuse): RenderRefusal | undefined {
    const run = this.runBefore(call);
    const target = listingTarget(syntax, this.reader);
    let replyRefusal: string | undefined;
    if (run && target) {
      const start = this.model.calls.get(run.startCallId)!;
      const context = { response: this.responseNameOf(start)!, listing: listingOrder(keywords, this.reader), singleExchange: isSingleExchange(this.thread), viaData: target.viaData };
      const reply = replyAfterRunEdits(target.assigned, target.statement, context, this.reader);
      if (typeof reply !== "string") {
        this.edits.push(...reply);
        return undefined;
      }
      // Not the reply: the listing stays, as the conversation's history.
      replyRefusal = reply;
    }
    const id = this.threadIdText(call);
    if (!id) return refuse("its thread id cannot be found");
    const unknown = [...keywords.keys()].find((name) => !["thread_id", "order", "limit", "after", "timeout"].includes(name));
    if (unknown) return refuse(replyRefusal ?? `\`${unknown}=\` has no conversation item counterpart`);
    const options = ["order", "limit", "after", "timeout"].map((name) => [name, keywords.get(name) && this.reader.of(keywords.get(name)!)] as const);
    const listing = this.reader.replaceCall(syntax.call, `${receiver}.conversations.items.list(${[id, keywordText(options)].filter(Boolean).join(", ")})`);
    if (!target) {
      if (syntax.statement) {
        this.edits.push(listing);
        return undefined;
      }
      // Returned as it is: its caller reads items now.
      const holder = syntax.call.parent?.type === "await" ? syntax.call.parent.parent : syntax.call.parent;
      if (holder?.type === "return_statement") {
        this.edits.push(listing, this.todoAbove(holder, "these are conversation items now, not Assistants messages: only message items have a role and content, whose text parts are output_text and input_text. Check the code that reads them."));
        return undefined;
      }
      // Iterated where it is made: the loop wraps the new listing (its edit holds the call's).
      const iterated = iteratedListingEdits(syntax.call, this.reader);
      if (iterated === undefined || typeof iterated === "string") return refuse(iterated ?? "the listed history is used where the rewrite cannot follow it");
      const [wrap, ...reads] = iterated;
      const inner = listing.newText;
      this.edits.push({ range: wrap.range, newText: wrap.newText.replace(this.reader.of(syntax.call), () => inner) }, ...reads);
      return undefined;
    }
    this.edits.push(listing);
    const history = historyEdits(target.assigned, target.statement, this.reader, target.viaData);
    if (typeof history === "string") return refuse(replyRefusal ?? history);
    this.edits.push(...history);
    return undefined;
  }

  /** The run on this thread that finished before `call`, in the same function, with a named result. */
  private runBefore(call: AssistantsCall): Run | undefined {
    let found: Run | undefined;
    for (const runId of this.thread.runIds) {
      const run = this.model.runs.get(runId)!;
      const start = this.model.calls.get(run.startCallId)!;
      if (run.mode === "handed-in" || !start.result || start.functionRange?.start !== call.functionRange?.start || start.callRange.end > call.callRange.start) continue;
      const waited = start.kind === "run.createAndPoll" || start.kind === "thread.createAndRun" ? !this.background.has(run.id) || (run.pollLoop && run.pollLoop.end <= call.callRange.start) : run.pollLoop ? run.pollLoop.end <= call.callRange.start : !this.background.has(run.id);
      if (waited) found = run;
    }
    return found;
  }

  private get thread() {
    return this.model.threads.find((candidate) => candidate.id === this.plan.threadId)!;
  }

  private responseNameOf(start: AssistantsCall): string | undefined {
    return start.result?.name;
  }

  /** The run's options as `responses.create` keywords, with the assistant's definition. */
  private requestKeywords(start: AssistantsCall | undefined, refuse: Refuse): { pairs: Array<readonly [string, string | undefined]>; edits: TextEdit[] } | RenderRefusal {
    const keywords = start ? this.reader.keywords(this.syntaxOf(start).call) : new Map<string, PyNode>();
    for (const name of keywords.keys()) if (!(name in RUN_OPTIONS) && !(start?.kind === "thread.createAndRun" && name === "thread")) return refuse(`\`${name}=\` has no Responses counterpart`);
    const definition = this.services.definitionFor(keywords.get("assistant_id")?.parent);
    if (isRefusal(definition)) return definition;
    const value = (name: string) => keywords.get(name) && this.reader.of(keywords.get(name)!);
    let instructions = value("instructions") ?? definition.instructions ?? `${definition.name}["instructions"]`;
    if (keywords.has("additional_instructions")) instructions = `${instructions} + "\\n\\n" + ${value("additional_instructions")}`;
    const pairs: Array<readonly [string, string | undefined]> = [
      ["model", value("model") ?? definition.model ?? `${definition.name}["model"]`],
      ["instructions", instructions],
    ];
    const edits = [...definition.edits];
    if (keywords.has("tools")) pairs.push(["tools", value("tools")]);
    else if (definition.tools) pairs.push(["tools", definition.tools]);
    else if (this.submits) {
      // A stub has no tools to call yet, and the tool outputs below answer function calls.
      pairs.push(["tools", "[]"]);
    }
    for (const [name, renamed] of Object.entries(RUN_OPTIONS)) if (renamed && name !== "model" && name !== "instructions" && name !== "tools" && keywords.has(name)) pairs.push([renamed, value(name)]);
    if (keywords.has("max_prompt_tokens")) {
      pairs.push(["truncation", '"auto"']);
      edits.push(...this.promptBudgetTodo(start!, value("max_prompt_tokens")!));
    }
    return { pairs, edits };
  }

  /** Once above the run's statement, though the run's options serve its follow-up requests too. */
  private promptBudgetTodo(start: AssistantsCall, budget: string): TextEdit[] {
    const statement = this.syntaxOf(start).statement;
    if (!statement || this.promptBudgetNoted) return [];
    this.promptBudgetNoted = true;
    const todo = `${TODO} a response has no max_prompt_tokens (was ${budget}); truncation="auto" drops the oldest items once the context window is full. Set max_output_tokens or trim the conversation if the budget mattered.`;
    return [{ range: { start: statement.start, end: statement.start }, newText: `${todo}${lineEndingOf(this.reader.text)}${this.reader.indentOf(statement)}` }];
  }

  private renderRun(call: AssistantsCall, syntax: PythonCallSyntax, receiver: string, keywords: Map<string, PyNode>, background: boolean, refuse: Refuse): RenderRefusal | undefined {
    if (call.kind !== "run.create" && call.kind !== "run.createAndPoll" && call.kind !== "thread.createAndRun") return refuse("only runs map to responses.create");
    const run = this.model.runs.get(call.runId!)!;
    if (call.kind === "thread.createAndRun") {
      const created = this.createAndRunConversation(syntax, receiver, keywords, refuse);
      if (created) return created;
    }
    const id = this.threadIdText(call);
    if (!id) return refuse("its thread id cannot be found");
    // A run waited for by a loop that does more than wait keeps that loop, over a background response.
    let loop: TextEdit[] | undefined;
    if (!background && call.kind !== "run.createAndPoll" && run.pollLoop) {
      const removed = pollLoopEdits(run, this.reader, this.services.syntax, this.model);
      if (typeof removed === "string") background = true;
      else loop = removed;
    }
    if (background) this.background.add(run.id);
    if (loop) this.edits.push(...loop);
    const request = this.requestKeywords(call, refuse);
    if ("reason" in request) return request;
    const pairs = [...request.pairs, ["conversation", id] as const];
    if (background) pairs.push(["background", "True"]);
    this.edits.push(...request.edits, this.reader.replaceCall(syntax.call, `${receiver}.responses.create(${keywordText(pairs)})`));
    if (this.submits) this.edits.push(...this.toolsTodo(syntax, keywords));
    const name = call.result?.name;
    if (!name) return undefined;
    const reads = runReadEdits(run.fieldReads, this.reader, { response: name, conversation: id, toolLoop: this.submits });
    if (typeof reads === "string") return refuse(reads);
    this.readEdits.push(...reads);
    return undefined;
  }

  /** `create_and_run(thread={"messages": …})`: a conversation created first, then the run on it. */
  private createAndRunConversation(syntax: PythonCallSyntax, receiver: string, keywords: Map<string, PyNode>, refuse: Refuse): RenderRefusal | undefined {
    const thread = keywords.get("thread");
    let items: string | undefined;
    if (thread) {
      if (thread.type !== "dictionary") return refuse("its thread is not a dict literal");
      for (const pair of namedChildren(thread)) {
        const key = pair.type === "pair" ? stringValue(field(pair, "key"), this.reader.parsed.source) : undefined;
        if (key === "messages") items = this.reader.of(field(pair, "value")!);
        else if (key !== "metadata") return refuse(`its thread's \`${key ?? "entry"}\` has no conversation counterpart`);
      }
    }
    if (!syntax.statement) return refuse("the run is part of a larger expression");
    const scope = enclosingFunction(syntax.call) ?? this.reader.parsed.root;
    const name = /\bconversation\b/.test(this.reader.of(scope)) ? "new_conversation" : "conversation";
    const awaited = syntax.call.parent?.type === "await" ? "await " : "";
    const indent = this.reader.indentOf(syntax.statement);
    const eol = lineEndingOf(this.reader.text);
    this.edits.push({ range: { start: syntax.statement.start, end: syntax.statement.start }, newText: `${name} = ${awaited}${receiver}.conversations.create(${items ? `items=${items}` : ""})${eol}${indent}` });
    this.conversationName = name;
    return undefined;
  }

  /** The TODO over a request whose assistant's function tools the stub does not have yet. */
  private toolsTodo(syntax: PythonCallSyntax, keywords: Map<string, PyNode>): TextEdit[] {
    if (keywords.has("tools") || !syntax.statement) return [];
    const indent = this.reader.indentOf(syntax.statement);
    const eol = lineEndingOf(this.reader.text);
    return [{ range: { start: syntax.statement.start, end: syntax.statement.start }, newText: `${TODO} pass the assistant's function tools as tools= (Responses function tools are flat: {"type": "function", "name": ..., "parameters": ...})${eol}${indent}` }];
  }

  private renderToolOutputs(call: AssistantsCall, syntax: PythonCallSyntax, receiver: string, keywords: Map<string, PyNode>, refuse: Refuse): RenderRefusal | undefined {
    const id = this.threadIdText(call);
    const outputs = keywords.get("tool_outputs");
    if (!id || !outputs) return refuse("its thread id or tool outputs cannot be found");
    const unknown = [...keywords.keys()].find((name) => !["thread_id", "run_id", "tool_outputs", "poll_interval_ms", "timeout"].includes(name));
    if (unknown) return refuse(`\`${unknown}=\` has no Responses counterpart`);
    const run = this.model.runs.get(call.runId!)!;
    const start = run.mode === "handed-in" ? undefined : this.model.calls.get(run.startCallId);
    const request = this.requestKeywords(start, refuse);
    if ("reason" in request) return request;
    let shaped = this.toolOutputEdits(outputs, syntax);
    // A list built elsewhere (another method, a caller) is reshaped where it is handed over.
    const reshaped = typeof shaped === "string" && outputs.type === "identifier" ? reshapedOutputs(this.reader.of(outputs)) : undefined;
    if (reshaped) shaped = [];
    if (typeof shaped === "string") return refuse(shaped);
    // Outputs written inline (`tool_outputs=[{"tool_call_id": …}]`) are reshaped inside the new request's text.
    const inside = (edit: TextEdit) => edit.range.start >= outputs.start && edit.range.end <= outputs.end;
    // The run's reads in them (`tool_call.id`) too: the request's text replaces theirs.
    const inline = [...shaped.filter(inside), ...this.readEdits.filter(inside)];
    let input = this.reader.of(outputs);
    for (const edit of [...inline].sort((a, b) => b.range.start - a.range.start)) input = input.slice(0, edit.range.start - outputs.start) + edit.newText + input.slice(edit.range.end - outputs.start);
    if (reshaped) input = reshaped;
    shaped.splice(0, shaped.length, ...shaped.filter((edit) => !inline.includes(edit)));
    const pairs = [...request.pairs, ["conversation", id] as const, ["input", input] as const];
    if (this.background.has(run.id)) pairs.push(["background", "True"]);
    const runName = start?.result?.name;
    // The follow-up response is the run now: `submit_tool_outputs(...)` alone continued the same run.
    const assign = runName && !syntax.assigned && syntax.statement && syntax.statement.type === "expression_statement" ? `${runName} = ` : "";
    const awaited = syntax.call.parent?.type === "await";
    // A run known here only by its id (`run_id` handed in, then polled): that name follows the new response.
    const runId = this.reader.idArgument(syntax.call, "run_id");
    const idAssign = !runName && !syntax.assigned && syntax.statement?.type === "expression_statement" && runId?.type === "identifier" && this.isPolledAgain(runId) ? this.reader.of(runId) : undefined;
    const target = (assign || idAssign) && awaited ? syntax.call.parent! : syntax.call;
    const followUp = `${receiver}.responses.create(${keywordText(pairs)})`;
    const newText = idAssign ? `${idAssign} = ${awaited ? `(await ${followUp})` : followUp}.id` : `${assign}${awaited && assign ? "await " : ""}${followUp}`;
    this.edits.push(...request.edits, ...shaped, { range: { start: target.start, end: syntax.call.end }, newText });
    if (!start) this.edits.push(...this.toolsTodo(syntax, new Map()));
    return this.handedInRunReads(run, call, syntax, id, refuse);
  }

  /** The id is read again by the loop around its submission (the next `responses.retrieve(run_id)`). */
  private isPolledAgain(runId: PyNode): boolean {
    let loop: PyNode | undefined = runId.parent;
    while (loop && loop.type !== "while_statement" && loop.type !== "for_statement" && loop.type !== "function_definition") loop = loop.parent;
    if (!loop || loop.type === "function_definition") return false;
    return this.reader.references(loop, this.reader.of(runId), loop.start).some((use) => use.start !== runId.start);
  }

  /** A run handed in (`def handle(run, …)`) is a Response now: its reads before the submission are in Response terms. */
  private handedInRunReads(run: Run, call: AssistantsCall, syntax: PythonCallSyntax, conversation: string, refuse: Refuse): RenderRefusal | undefined {
    if (run.mode !== "handed-in") return undefined;
    const runId = this.reader.idArgument(syntax.call, "run_id");
    const object = runId?.type === "attribute" && this.reader.of(field(runId, "attribute")!) === "id" ? field(runId, "object") : undefined;
    if (object?.type !== "identifier") return undefined;
    const name = this.reader.of(object);
    // A retrieval under the same name reads it already (renderFollowUp).
    if (run.followUpCallIds.some((id) => id !== call.id && this.services.syntax.get(id)!.assigned && this.reader.of(this.services.syntax.get(id)!.assigned!) === name)) return undefined;
    const scope = enclosingFunction(syntax.call) ?? this.reader.parsed.root;
    const reads = runReadEdits(fieldReadsOf(name, scope, scope.start, this.reader), this.reader, { response: name, conversation, toolLoop: this.submits });
    if (typeof reads === "string") return refuse(reads);
    this.readEdits.push(...reads);
    return undefined;
  }

  /** `{"tool_call_id": …, "output": …}` -> `{"type": "function_call_output", "call_id": …, "output": …}`, where the outputs are built. */
  private toolOutputEdits(outputs: PyNode, syntax: PythonCallSyntax): TextEdit[] | string {
    const scope = enclosingFunction(syntax.call) ?? this.reader.parsed.root;
    const edits: TextEdit[] = [];
    forEachDescendant(scope, (node) => {
      // `dict(tool_call_id=…, output=…)`
      if (node.type === "keyword_argument" && this.reader.of(field(node, "name")!) === "tool_call_id" && node.parent?.parent?.type === "call" && this.reader.of(field(node.parent.parent, "function")!) === "dict") {
        const name = field(node, "name")!;
        edits.push({ range: { start: name.start, end: name.end }, newText: `type="function_call_output", call_id` });
        return;
      }
      if (node.type !== "pair") return;
      const key = field(node, "key")!;
      if (stringValue(key, this.reader.parsed.source) !== "tool_call_id") return;
      const quote = this.reader.of(key)[0];
      edits.push({ range: { start: key.start, end: key.end }, newText: `${quote}type${quote}: ${quote}function_call_output${quote}, ${quote}call_id${quote}` });
    });
    if (edits.length === 0) return "its tool outputs are built where the rewrite cannot follow them";
    // A list built by a comprehension is `list[dict[str, str]]` to a type checker: declare it as input.
    if (outputs.type === "identifier") {
      for (const value of this.services.parsed.bindings.valuesOf(outputs)) {
        const assignment = value.parent;
        if (value.type !== "list_comprehension" || assignment?.type !== "assignment" || field(assignment, "type")) continue;
        const left = field(assignment, "left")!;
        edits.push({ range: { start: left.end, end: left.end }, newText: ": ResponseInputParam" }, this.importInputType());
      }
    }
    return edits;
  }

  private importInputType(): TextEdit {
    return insertAfterImports(this.reader.parsed.root, this.reader.text, "from openai.types.responses import ResponseInputParam");
  }

  private renderFollowUp(call: AssistantsCall, syntax: PythonCallSyntax, receiver: string, kind: string, refuse: Refuse): RenderRefusal | undefined {
    const run = call.runId ? this.model.runs.get(call.runId) : undefined;
    if (!run) return refuse("its run cannot be found");
    const inLoop = !!run.pollLoop && run.pollLoop.start <= call.callRange.start && call.callRange.end <= run.pollLoop.end;
    if (kind === "remove" && inLoop && !this.background.has(run.id)) return undefined;
    if (kind === "remove" && !this.background.has(run.id)) {
      // A retrieval of a finished run: the response variable has it already.
      const start = this.model.calls.get(run.startCallId)!;
      if (!syntax.statement || (syntax.assigned && this.reader.of(syntax.assigned) !== start.result?.name)) return refuse("the retrieved run is used under a new name");
      this.edits.push({ range: this.reader.lines(syntax.statement), newText: "" });
      return undefined;
    }
    const runId = this.reader.idArgument(syntax.call, "run_id");
    if (!runId) return refuse("its run id cannot be found");
    const method = kind === "responses.cancel" ? "cancel" : "retrieve";
    this.edits.push(this.reader.replaceCall(syntax.call, `${receiver}.responses.${method}(${this.reader.of(runId)})`));
    const start = this.model.calls.get(run.startCallId)!;
    const name = syntax.assigned && this.reader.of(syntax.assigned);
    // A run retrieved under a name of its own (or one started elsewhere) is read as a Response too.
    if (name && (run.mode === "handed-in" || name !== start.result?.name)) {
      const scope = enclosingFunction(syntax.call) ?? this.reader.parsed.root;
      const reads = runReadEdits(fieldReadsOf(name, scope, syntax.assigned!.end, this.reader), this.reader, { response: name, conversation: this.threadIdText(call) ?? "", toolLoop: this.submits });
      if (typeof reads === "string") return refuse(reads);
      this.readEdits.push(...reads);
    }
    return undefined;
  }

  private todoAbove(statement: PyNode, text: string): TextEdit {
    return { range: { start: statement.start, end: statement.start }, newText: `${TODO} ${text}${lineEndingOf(this.reader.text)}${this.reader.indentOf(statement)}` };
  }

  /** The name the call's result is assigned to is read after the assignment. */
  private isUsedLater(syntax: PythonCallSyntax): boolean {
    const scope = enclosingFunction(syntax.call) ?? this.reader.parsed.root;
    return this.reader.references(scope, this.reader.of(syntax.assigned!), syntax.assigned!.end).length > 0;
  }

  /**
   * A stored id reused when present (`if "thread_id" not in session:`, `if not thread_id:`, `if th:
   * return th`) is a `thread_` id that no longer exists: only a `conv_` id is reused, else a new
   * conversation starts, with a TODO to persist its id.
   */
  private storedIdGuard(syntax: PythonCallSyntax): TextEdit[] {
    const statement = syntax.statement;
    if (!statement) return [];
    const block = statement.parent;
    const eol = lineEndingOf(this.reader.text);
    const todo = (at: PyNode): TextEdit => ({
      range: { start: at.start, end: at.start },
      newText: `${TODO} ids stored before the migration are thread_ ids, which no longer exist, so they start a new conversation: persist the new conversation's id where the thread id was kept.${eol}${this.reader.indentOf(at)}`,
    });
    const conv = (stored: string, quote: string) => (/^[\w.]+$/.test(stored) ? `${stored} and str(${stored}).startswith(${quote}conv_${quote})` : `str(${stored} or ${quote}${quote}).startswith(${quote}conv_${quote})`);
    // Inside `if <no stored id>:`.
    const branch = block?.type === "block" ? block.parent : undefined;
    if (branch?.type === "if_statement" && field(branch, "consequence") === block) {
      const condition = field(branch, "condition")!;
      const guarded = this.negatedStoredTest(condition);
      if (guarded) return [{ range: { start: condition.start, end: condition.end }, newText: `not ${/ and /.test(conv(guarded.stored, guarded.quote)) ? `(${conv(guarded.stored, guarded.quote)})` : conv(guarded.stored, guarded.quote)}` }, todo(branch)];
    }
    // After `if <stored id>: return <it>`.
    const siblings = block ? namedChildren(block) : [];
    const previous = siblings[siblings.indexOf(statement) - 1];
    if (previous?.type === "if_statement" && !field(previous, "alternative")) {
      const condition = field(previous, "condition")!;
      const body = namedChildren(field(previous, "consequence")!);
      if ((condition.type === "identifier" || condition.type === "attribute") && body.length === 1 && body[0].type === "return_statement") {
        return [{ range: { start: condition.start, end: condition.end }, newText: conv(this.reader.of(condition), '"') }, todo(previous)];
      }
    }
    return [];
  }

  private negatedStoredTest(condition: PyNode): { stored: string; quote: string } | undefined {
    const source = this.reader.parsed.source;
    if (condition.type === "not_operator") {
      const operand = field(condition, "argument");
      if (operand && (operand.type === "identifier" || operand.type === "attribute" || operand.type === "call" || operand.type === "subscript")) return { stored: this.reader.of(operand), quote: '"' };
    }
    if (condition.type === "comparison_operator") {
      const operators = condition.children.filter((child) => !child.named).map((child) => this.reader.of(child)).join(" ");
      const [left, right] = namedChildren(condition);
      if (operators === "not in" && stringValue(left, source) !== undefined && (right.type === "identifier" || right.type === "attribute")) {
        return { stored: `${this.reader.of(right)}.get(${this.reader.of(left)})`, quote: this.reader.of(left)[0] };
      }
      if (operators === "is" && this.reader.of(right) === "None") return { stored: this.reader.of(left), quote: '"' };
    }
    return undefined;
  }
}

export function nodeOf(services: EmitterServices, range: { start: number; end: number }, type: string): PyNode | undefined {
  return nodeAt(services.parsed.root, range, type);
}

/**
 * How a created message's name is used after: only its `.id` (`ids`), or also handed on whole
 * (returned, printed, passed), which an item can be; undefined when another field of it is read.
 */
/**
 * How the created message is used after: its `id` only, or also handed on or printed. Its text read
 * back (`message.content[0].text.value`) is the content it was created with, when that content is a
 * value that reads the same again (`stableContent`): those reads are returned, to be replaced by it.
 */
export function createdItemUses(syntax: PythonCallSyntax, reader: PythonCallReader, stableContent: boolean): { uses: "unused" | "ids" | "handed-on"; textReads: PyNode[] } | undefined {
  const scope = enclosingFunction(syntax.call) ?? reader.parsed.root;
  let handedOn = false;
  let otherUses = 0;
  const textReads: PyNode[] = [];
  for (const use of reader.references(scope, reader.of(syntax.assigned!), syntax.assigned!.end)) {
    const parent = use.parent!;
    if (parent.type === "attribute" && field(parent, "object") === use) {
      const textRead = stableContent ? textReadOf(parent, reader) : undefined;
      if (textRead) textReads.push(textRead);
      else if (reader.of(field(parent, "attribute")!) !== "id") return undefined;
      else otherUses++;
      continue;
    }
    if ((parent.type === "assignment" || parent.type === "for_statement") && field(parent, "left") === use) break;
    otherUses++;
    if (parent.type !== "return_statement" && parent.type !== "argument_list" && parent.type !== "interpolation") return undefined;
    // Printing it shows the item; handing it on gives its taker an item.
    const callee = parent.type === "argument_list" ? field(parent.parent!, "function") : undefined;
    if (!(callee && /^(print|str|repr)$/.test(reader.of(callee))) && parent.type !== "interpolation") handedOn = true;
  }
  return { uses: otherUses === 0 ? "unused" : handedOn ? "handed-on" : "ids", textReads };
}

/** `message.content[0].text.value` from its `message.content` attribute, or undefined. */
function textReadOf(contentAttribute: PyNode, reader: PythonCallReader): PyNode | undefined {
  if (reader.of(field(contentAttribute, "attribute")!) !== "content") return undefined;
  const read = contentAttribute.parent?.parent?.parent;
  return read && /^\w+\s*\.\s*content\s*\[\s*0\s*\]\s*\.\s*text\s*\.\s*value$/.test(reader.of(read)) && read.type === "attribute" ? read : undefined;
}

/** Content that reads the same wherever it is read again: a string literal, or a name not assigned after the message. */
export function isStableContent(content: PyNode, syntax: PythonCallSyntax, reader: PythonCallReader): boolean {
  if (content.type === "string") return !content.children.some((child) => child.type === "interpolation");
  if (content.type !== "identifier") return false;
  const scope = enclosingFunction(syntax.call) ?? reader.parsed.root;
  return reader.references(scope, reader.of(content), syntax.call.end).every((use) => !((use.parent?.type === "assignment" || use.parent?.type === "augmented_assignment" || use.parent?.type === "for_statement") && field(use.parent, "left") === use));
}

/** `[{"tool_call_id": …, "output": …}]` held in a name whose building the rewrite cannot see, as Responses input items. */
function reshapedOutputs(name: string): string {
  return `[{"type": "function_call_output", "call_id": output["tool_call_id"], "output": output["output"]} for output in ${name}]`;
}
