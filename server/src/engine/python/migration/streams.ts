/**
 * The Python rendering of the planner's `responses.stream` replacement: a streamed run entered with
 * `with` / `async with` becomes `client.responses.stream(...)` in the same statement, and every use of
 * the stream in the function is rewritten with it, or nothing is (the caller refuses the thread):
 *
 *   runs.stream(thread_id=…, assistant_id=…, event_handler=…), runs.create_and_stream(…),
 *   threads.create_and_run_stream(assistant_id=…, thread={"messages": [...]})
 *       -> responses.stream(model=…, instructions=…, input=…[, conversation=<thread id>])
 *          (model and instructions from the call, else the assistant's definition)
 *   stream.until_done() with an event_handler
 *       -> a loop over the Responses events calling the handler's callbacks (../emit/eventHandlers.ts)
 *   for event in stream: … event.event == "thread.message.delta" … event.data.delta.content[0].text.value
 *       -> … event.type == "response.output_text.delta" … event.delta  (reads only under their guard)
 *   stream.text_deltas
 *       -> (event.delta for event in stream if event.type == "response.output_text.delta")
 *   stream.get_final_run() -> stream.get_final_response(), read only as id, status or model
 *   stream.get_final_messages(), read only as messages[0 or -1].content[0].text.value
 *       -> stream.get_final_response(), read as .output_text
 *   runs.submit_tool_outputs_stream(thread_id=…, run_id=…, tool_outputs=outputs)
 *       -> responses.stream(…, input=[{"type": "function_call_output", "call_id": o["tool_call_id"],
 *          "output": o["output"]} for o in outputs], conversation=… or previous_response_id=…)
 *   `async with` / `async for` / `await` stay as they were: the async stream has the same names.
 *
 * `renderPythonStream` takes the call's syntax, the thread id text (a conversation, or none for a
 * one-turn stream), the turn's input and the assistant's definition, so each strategy's emitter
 * renders its `responses.stream` replacement with one call (and a streamed tool-outputs turn, given
 * the conversation or the previous response's id). What reads the tool calls off the run
 * (`run.required_action.submit_tool_outputs.tool_calls`) is the thread emitter's to rewrite; an
 * `on_event` handler reacting to `thread.run.requires_action` refuses (see ../emit/eventHandlers.ts).
 */
import type { TextEdit } from "../../types";
import { freshName, indentationAt } from "../emit/nodes";
import { constructedClass, currentRunDeclaration, preferredQuote, renderHandlerClass, requote, unusedImportEdits, type HandlerClass } from "../emit/eventHandlers";
import type { ParsedPython } from "../extract";
import { attributeName, callArguments, enclosingFunction, field, forEachDescendant, hasChildToken, namedChildren, rangeOf, stringValue, type PyNode } from "../syntax";
import type { PythonCallSyntax } from "./buildModel";
import { dictStatementRemovals, keywordsWithSpreads } from "./spreadDicts";
import { eventReadEdits } from "./eventReads";
import { conversationIdOf } from "./runReads";
import { PythonCallReader } from "./pythonCalls";

export interface StreamTurn {
  /** The thread id text, for a stream on the thread's conversation; none for a one-turn stream. */
  conversation?: string;
  /** The previous response's id text, for tool outputs streamed back on a chain with no conversation. */
  previousResponseId?: string;
  /** The request's `input`; a one-turn `create_and_run_stream` reads it off its `thread=`. */
  input?: string;
  /** The assistant definition's name (`ASSISTANT["model"]`) and the edits that define it. */
  definition: { name: string; edits: TextEdit[]; model?: string; instructions?: string; tools?: string };
}

export interface PythonSource {
  parsed: ParsedPython;
  text: string;
}

type Rendered = { edits: TextEdit[] } | { reason: string };

/** Run keywords with the same meaning on a response, and their Responses names. */
const KEPT_KEYWORDS: Readonly<Record<string, string>> = { temperature: "temperature", top_p: "top_p", metadata: "metadata", parallel_tool_calls: "parallel_tool_calls", max_completion_tokens: "max_output_tokens", timeout: "timeout" };
const READ_KEYWORDS = new Set(["thread_id", "assistant_id", "event_handler", "model", "instructions", "thread"]);
/** `submit_tool_outputs_stream`: the outputs are the request's input, the run is the previous turn. */
const TOOL_OUTPUT_KEYWORDS = new Set(["thread_id", "run_id", "tool_outputs", "event_handler"]);

/** A run's fields that read the same off a response. */
const FINAL_RUN_FIELDS = new Set(["id", "status", "model"]);

class StreamRenderer {
  private readonly edits: TextEdit[] = [];
  private readonly scope: PyNode;

  constructor(
    private readonly call: PyNode,
    private readonly source: PythonSource,
    /** The handler class an enclosing stream's rewrite has rendered already (a stream of tool outputs inside it). */
    private readonly renderedHandler?: { className: string; rendered: HandlerClass },
  ) {
    this.scope = enclosingFunction(call) ?? source.parsed.root;
  }

  private of(node: PyNode): string {
    return this.source.parsed.source.of(node);
  }

  render(turn: StreamTurn): Rendered {
    const entered = this.withStatement();
    if (!entered) return { reason: "the stream is not entered with `with` as it is created" };
    const { statement, alias } = entered;
    const callee = field(this.call, "function")!;
    // The client in front of `.beta.`, or the one a `self.beta = self.client.beta` alias was taken from.
    const receiver = this.of(callee).includes("beta") ? new PythonCallReader(this.source.parsed, this.source.text).receiver(this.call) : undefined;
    if (!receiver || !/\.\s*beta\s*\./.test(this.of(callee))) return { reason: "the client is reached through an alias of `beta`" };
    if (callArguments(this.call, this.source.parsed.source).positional.length > 0) return { reason: "the stream's arguments are not all keywords" };
    const read = keywordsWithSpreads(this.call, this.source.parsed.source);
    if (typeof read === "string") return { reason: read };
    const { keywords } = read;
    this.edits.push(...dictStatementRemovals(read.dictStatements, this.source.text));
    const toolOutputs = attributeName(callee, this.source.parsed.source) === "submit_tool_outputs_stream";
    const unknown = [...keywords.keys()].find((name) => (toolOutputs ? !TOOL_OUTPUT_KEYWORDS.has(name) : !READ_KEYWORDS.has(name) && !(name in KEPT_KEYWORDS)));
    if (unknown) return { reason: `\`${unknown}=\` has no Responses rendering here yet` };
    const value = (name: string) => keywords.get(name) && this.of(field(keywords.get(name)!, "value")!);
    const input = toolOutputs ? this.toolOutputsInput(value("tool_outputs")) : (turn.input ?? this.inlineThreadInput(keywords.get("thread")) ?? (turn.conversation ? "[]" : undefined));
    if (!input) return { reason: toolOutputs ? "the tool outputs are not passed as `tool_outputs=`" : "the stream has no message to send" };
    if (keywords.has("thread") && turn.input) return { reason: "the thread is created both inline and apart" };
    if (toolOutputs && !turn.conversation && !turn.previousResponseId) return { reason: "tool outputs need the conversation or the previous response they answer" };

    const streamName = alias ?? freshName(this.of(this.scope), "stream");
    const eol = /\r\n/.test(this.source.text) ? "\r\n" : "\n";
    const indent = indentationAt(this.source.text, statement.start);
    if (indent === undefined) return { reason: "the `with` statement shares its line" };
    const unit = this.indentUnit(statement, indent);
    const isAsync = hasChildToken(statement, "async");

    let handler: { name: string; rendered: HandlerClass } | undefined;
    const handlerValue = keywords.get("event_handler") && field(keywords.get("event_handler")!, "value");
    const constructed = handlerValue && constructedClass(handlerValue, this.scope, this.source.parsed);
    if (handlerValue && !constructed) return { reason: "its event handler is not an instance of a class in this file" };
    if (constructed && /^(Async)?AssistantEventHandler$/.test(constructed.className) && namedChildren(field(constructed.construction, "arguments")!).length === 0) {
      // The SDK's own handler does nothing: the stream is read as if it had none.
      this.edits.push(...unusedImportEdits(this.source.parsed, this.source.text));
    } else if (handlerValue && constructed) {
      const own = this.renderedHandler?.className === constructed.className;
      const rendered = own ? this.renderedHandler!.rendered : renderHandlerClass(constructed.className, this.source.parsed, this.source.text);
      if ("reason" in rendered) return rendered;
      if (!isAsync && [...rendered.callbacks, rendered.onEnd, rendered.onException, rendered.onEvent].some((callback) => callback?.awaited)) return { reason: "an async handler drives a sync stream" };
      if (!own) {
        const inner = this.innerStreamEdits(constructed.className, rendered, turn);
        if (typeof inner === "string") return { reason: inner };
        this.edits.push(...rendered.edits, ...inner);
      }
      let name = this.of(handlerValue);
      if (handlerValue.type !== "identifier") {
        // `event_handler=Handler()` inline: the loop needs it by name.
        name = freshName(this.of(this.scope), "handler");
        this.edits.push({ range: { start: statement.start, end: statement.start }, newText: `${name} = ${this.of(constructed.construction)}${eol}${indent}` });
      }
      handler = { name, rendered };
    }

    const extra = Object.entries(KEPT_KEYWORDS).filter(([name]) => keywords.has(name)).map(([name, renamed]) => `${renamed}=${value(name)}`);
    // The assistant's tools (a code interpreter, file search) go with each request now.
    if (turn.definition.tools) extra.unshift(`tools=${turn.definition.tools}`);
    const q = preferredQuote(this.source.parsed);
    const request = [`model=${value("model") ?? turn.definition.model ?? `${turn.definition.name}[${q}model${q}]`}`, `instructions=${value("instructions") ?? turn.definition.instructions ?? `${turn.definition.name}[${q}instructions${q}]`}`, `input=${input}`, ...(turn.conversation ? [`conversation=${turn.conversation}`] : turn.previousResponseId ? [`previous_response_id=${turn.previousResponseId}`] : []), ...extra];
    this.edits.push({ range: rangeOf(this.call), newText: `${receiver}.responses.stream(${request.join(", ")})${alias ? "" : ` as ${streamName}`}` });
    if (!alias && !handler) return { reason: "the stream is entered without a name" };

    const uses = this.streamUses(streamName, { handler, indent, unit, eol, isAsync });
    if (uses) return { reason: uses };
    this.edits.push(...turn.definition.edits);
    return { edits: this.edits };
  }

  /** `with <call> as name:` with the call as its only item. */
  private withStatement(): { statement: PyNode; alias?: string } | undefined {
    let item = this.call.parent;
    let alias: string | undefined;
    if (item?.type === "as_pattern") {
      const target = field(item, "alias");
      const name = target && namedChildren(target)[0];
      if (name?.type !== "identifier") return undefined;
      alias = this.of(name);
      item = item.parent;
    }
    const clause = item?.type === "with_item" ? item.parent : undefined;
    const statement = clause?.type === "with_clause" ? clause.parent : undefined;
    if (!item || !clause || statement?.type !== "with_statement" || namedChildren(clause).length !== 1) return undefined;
    return { statement, alias };
  }

  private indentUnit(statement: PyNode, indent: string): string {
    const first = namedChildren(field(statement, "body")!)[0];
    const inner = first && indentationAt(this.source.text, first.start);
    return inner !== undefined && inner.startsWith(indent) && inner.length > indent.length ? inner.slice(indent.length) : "    ";
  }

  /**
   * `tool_outputs=outputs` -> `function_call_output` items, whatever built the list: each Assistants
   * output `{"tool_call_id": id, "output": text}` is the same pair under Responses' names.
   */
  private toolOutputsInput(outputs: string | undefined): string | undefined {
    if (!outputs) return undefined;
    const q = preferredQuote(this.source.parsed);
    const item = freshName(this.of(this.scope), "output");
    return `[{${q}type${q}: ${q}function_call_output${q}, ${q}call_id${q}: ${item}[${q}tool_call_id${q}], ${q}output${q}: ${item}[${q}output${q}]} for ${item} in ${outputs}]`;
  }

  /** `thread={"messages": [{"role": "user", "content": X}]}` -> `X`. */
  private inlineThreadInput(argument: PyNode | undefined): string | undefined {
    const thread = argument && field(argument, "value");
    if (thread?.type !== "dictionary") return undefined;
    const pairs = namedChildren(thread);
    if (pairs.length !== 1 || stringValue(field(pairs[0], "key"), this.source.parsed.source) !== "messages") return undefined;
    const list = field(pairs[0], "value");
    if (list?.type !== "list") return undefined;
    const messages = namedChildren(list).map((message) => {
      if (message.type !== "dictionary") return undefined;
      const entries = new Map(namedChildren(message).map((pair) => [stringValue(field(pair, "key"), this.source.parsed.source), field(pair, "value")]));
      const role = stringValue(entries.get("role"), this.source.parsed.source);
      return entries.size === 2 && entries.get("content") && (role === "user" || role === "assistant") ? { role, content: this.of(entries.get("content")!), text: this.of(message) } : undefined;
    });
    if (messages.length === 0 || messages.some((message) => !message)) return undefined;
    return messages.length === 1 && messages[0]!.role === "user" ? messages[0]!.content : `[${messages.map((message) => message!.text).join(", ")}]`;
  }

  /** Rewrites each use of the stream after the `with`; the first one it cannot follow is returned. */
  private streamUses(name: string, layout: { handler?: { name: string; rendered: HandlerClass }; indent: string; unit: string; eol: string; isAsync: boolean }): string | undefined {
    let refusal: string | undefined;
    let consumed = false;
    forEachDescendant(this.scope, (node) => {
      if (refusal || node.start <= this.call.end || node.type !== "identifier" || this.of(node) !== name || node.field === "attribute" || node.field === "name") return;
      if (node.parent?.type === "as_pattern_target" || (node.parent?.type === "assignment" && field(node.parent, "left") === node)) {
        // Bound again: what follows is another stream's (or another value's). Its own `as` name is in the header.
        const clause = this.withStatement()!.statement.children.find((child) => child.type === "with_clause")!;
        if (node.start > clause.end) refusal = `\`${name}\` is bound again in the function`;
        return;
      }
      const parent = node.parent!;
      const member = parent.type === "attribute" && field(parent, "object") === node ? attributeName(parent, this.source.parsed.source) : undefined;
      const invoked = member && parent.parent?.type === "call" && field(parent.parent, "function") === parent ? parent.parent : undefined;
      if (member === "until_done" && invoked) {
        consumed = true;
        if (layout.handler) refusal = this.dispatch(invoked, name, layout as Required<typeof layout>);
      } else if (layout.handler && member === "text_deltas" && parent.parent?.type === "for_statement" && field(parent.parent, "right") === parent) {
        consumed = true;
        refusal = this.handlerTextDeltas(parent.parent, name, layout as Required<typeof layout>);
      } else if (layout.handler) {
        refusal = "a stream with an event handler is used other than by `until_done()` or `text_deltas`";
      } else if (parent.type === "for_statement" && field(parent, "right") === node) {
        refusal = this.eventLoop(parent);
      } else if (member === "text_deltas") {
        const loop = layout.isAsync ? "async for" : "for";
        this.edits.push({ range: rangeOf(parent), newText: requote(`(event.delta ${loop} event in ${name} if event.type == "response.output_text.delta")`, preferredQuote(this.source.parsed)) });
      } else if ((member === "get_final_run" || member === "get_final_messages") && invoked) {
        refusal = this.finalResult(invoked, member);
      } else if (member !== "close" || !invoked) {
        refusal = `\`${this.of(parent.type === "argument_list" ? parent.parent! : parent)}\` has no Responses rendering here yet`;
      }
    });
    if (!refusal && layout.handler && !consumed) refusal = "the handler's stream is not read with `until_done()`";
    return refusal;
  }

  /**
   * `for text in stream.text_deltas:` with a handler: the loop over the events drives the handler, and
   * the body, as written, runs for each text delta.
   */
  private handlerTextDeltas(loop: PyNode, streamName: string, layout: { handler: { name: string; rendered: HandlerClass }; unit: string; eol: string; isAsync: boolean }): string | undefined {
    const variable = field(loop, "left");
    const first = namedChildren(field(loop, "body")!)[0];
    const bodyIndent = first && indentationAt(this.source.text, first.start);
    if (variable?.type !== "identifier" || bodyIndent === undefined || field(loop, "alternative")) return "the text deltas are looped over in a way the rewrite cannot follow";
    const event = freshName(this.of(this.scope), "event");
    const q = preferredQuote(this.source.parsed);
    const lines = [
      ...this.handlerCalls(layout.handler, event, layout.unit),
      `if ${event}.type != ${q}response.output_text.delta${q}:`,
      `${layout.unit}continue`,
      `${this.of(variable)} = ${event}.delta`,
    ];
    const header = `${layout.isAsync ? "async for" : "for"} ${event} in ${streamName}:`;
    this.edits.push({ range: { start: loop.start, end: first.start }, newText: `${header}${layout.eol}${lines.map((line) => bodyIndent + line + layout.eol).join("")}${bodyIndent}` });
    return undefined;
  }

  /** `stream.until_done()` with a handler: the loop that calls its callbacks. */
  private dispatch(call: PyNode, streamName: string, layout: { handler: { name: string; rendered: HandlerClass }; indent: string; unit: string; eol: string; isAsync: boolean }): string | undefined {
    let statement = call;
    while (statement.parent?.type === "await" || statement.parent?.type === "parenthesized_expression") statement = statement.parent;
    if (statement.parent?.type !== "expression_statement") return "the result of `until_done()` is used";
    statement = statement.parent;
    const { handler, unit, eol } = layout;
    const indent = indentationAt(this.source.text, statement.start);
    if (indent === undefined) return "`until_done()` shares its line";
    const { callbacks, onEnd, onException, onEvent, tracksCurrentRun } = handler.rendered;
    const event = freshName(this.of(this.scope), "event");
    const invoke = (callback: { awaited: boolean }, method: string, args: string) => `${callback.awaited ? "await " : ""}${handler.name}.${method}(${args})`;
    const loop: string[] = [];
    if (callbacks.length === 0 && !onEvent && !tracksCurrentRun) loop.push(this.of(statement));
    else loop.push(`${layout.isAsync ? "async for" : "for"} ${event} in ${streamName}:`, ...this.handlerCalls(handler, event, unit).map((line) => unit + line));
    let lines = loop;
    if (onEnd || onException) {
      const error = freshName(this.of(this.scope), "error");
      lines = ["try:", ...loop.map((line) => unit + line)];
      if (onException) lines.push(`except Exception as ${error}:`, `${unit}${invoke(onException, "on_exception", error)}`, `${unit}raise`);
      if (onEnd) lines.push("finally:", `${unit}${invoke(onEnd, "on_end", "")}`);
    }
    this.edits.push({ range: rangeOf(statement), newText: lines.map((line, index) => (index === 0 ? line : indent + line)).join(eol) });
    return undefined;
  }

  /** What the loop over a handler's stream does with each event: the handler's calls for it, in the SDK's order. */
  private handlerCalls(handler: { name: string; rendered: HandlerClass }, event: string, unit: string): string[] {
    const { callbacks, onEvent, tracksCurrentRun } = handler.rendered;
    const invoke = (callback: { awaited: boolean }, method: string, args: string) => `${callback.awaited ? "await " : ""}${handler.name}.${method}(${args})`;
    const q = preferredQuote(this.source.parsed);
    const lines: string[] = [];
    // The SDK kept the run its events belonged to as `current_run`; a response's first event carries it.
    if (tracksCurrentRun) lines.push(`if ${event}.type == ${q}response.created${q}:`, `${unit}${handler.name}.current_run = ${event}.response`);
    // The SDK called on_event first, then the callbacks of that event.
    if (onEvent) lines.push(invoke(onEvent, "on_event", event));
    // Callbacks fired by one event (on_text_delta and on_message_delta) share its branch, in table order.
    const branches = new Map<string, typeof callbacks>();
    for (const callback of callbacks) branches.set(callback.condition, [...(branches.get(callback.condition) ?? []), callback]);
    [...branches].forEach(([condition, fired], index) => {
      lines.push(`${index === 0 ? "if" : "elif"} ${condition.replace(/\$/g, event)}:`);
      for (const callback of fired) lines.push(`${unit}${invoke(callback, callback.name, callback.args.map((arg) => arg.replace(/\$/g, event)).join(", "))}`);
    });
    return lines;
  }

  /**
   * The handler's own `submit_tool_outputs_stream(…, event_handler=Handler())` calls: streams of the
   * outputs to a new instance of the class being rendered, on the same conversation (the one of
   * `self.current_run`) or chained to the run id they name.
   */
  private innerStreamEdits(className: string, rendered: HandlerClass, turn: StreamTurn): TextEdit[] | string {
    const edits: TextEdit[] = [];
    for (const inner of rendered.innerStreams) {
      const keywords = callArguments(inner, this.source.parsed.source).keywords;
      const runId = keywords.get("run_id") && field(keywords.get("run_id")!, "value");
      if (!runId) return "a tool-outputs stream in the handler names no run";
      if (turn.conversation) rendered.tracksCurrentRun = true;
      const innerTurn: StreamTurn = turn.conversation ? { conversation: conversationIdOf("self.current_run"), definition: { ...turn.definition, edits: [] } } : { previousResponseId: this.of(runId), definition: { ...turn.definition, edits: [] } };
      const result = new StreamRenderer(inner, this.source, { className, rendered }).render(innerTurn);
      if ("reason" in result) return `in the handler, ${result.reason}`;
      edits.push(...result.edits);
    }
    if (rendered.tracksCurrentRun) {
      const declaration = currentRunDeclaration(className, this.source.parsed, this.source.text);
      if (typeof declaration === "string") return declaration;
      edits.push(...declaration);
    }
    return edits;
  }

  /** `for event in stream:`: each read of the event is one ./eventReads.ts maps, under its guard. */
  private eventLoop(loop: PyNode): string | undefined {
    const variable = field(loop, "left");
    if (variable?.type !== "identifier") return "the stream's events are unpacked";
    const reads = eventReadEdits(field(loop, "body")!, this.of(variable), this.scope, new PythonCallReader(this.source.parsed, this.source.text));
    if (typeof reads === "string") return reads;
    if (reads.responsesHandedOn.length > 0) return "the response of a requires_action event is handed to a method outside a handler";
    this.edits.push(...reads.edits);
    return undefined;
  }

  /** `stream.get_final_run()` / `get_final_messages()` -> `get_final_response()`, with the reads of its result. */
  private finalResult(call: PyNode, method: string): string | undefined {
    const callee = field(call, "function")!;
    let outer = call;
    while (outer.parent?.type === "await") outer = outer.parent;
    const assignment = outer.parent?.type === "assignment" && field(outer.parent, "right") === outer ? outer.parent : undefined;
    const target = assignment && field(assignment, "left");
    if (outer.parent?.type !== "expression_statement" && target?.type !== "identifier") return `the result of \`${method}()\` is used where it cannot be followed`;
    this.edits.push({ range: rangeOf(field(callee, "attribute")!), newText: "get_final_response" });
    if (!target) return method === "get_final_messages" ? undefined : undefined;
    const resultName = this.of(target);
    let refusal: string | undefined;
    forEachDescendant(this.scope, (node) => {
      if (refusal || node.start <= target.end || node.type !== "identifier" || this.of(node) !== resultName || node.field === "attribute") return;
      const parent = node.parent!;
      if (method === "get_final_run") {
        const read = parent.type === "attribute" && field(parent, "object") === node ? attributeName(parent, this.source.parsed.source) : undefined;
        if (!read || !FINAL_RUN_FIELDS.has(read)) refusal = `the final run's \`${this.of(parent)}\` has no Responses counterpart`;
        // A run's status is always a string; a response's may be None.
        else if (read === "status" && parent.parent?.type !== "comparison_operator") this.edits.push({ range: rangeOf(parent), newText: `str(${this.of(parent)})` });
        return;
      }
      let read = node;
      while (read.parent && (read.parent.type === "attribute" || read.parent.type === "subscript") && namedChildren(read.parent)[0] === read) read = read.parent;
      if (/^\w+\s*\[\s*(0|-1)\s*\]\s*\.\s*content\s*\[\s*0\s*\]\s*\.\s*text\s*\.\s*value$/.test(this.of(read))) this.edits.push({ range: rangeOf(read), newText: `${resultName}.output_text` });
      else refusal = `the final messages are read as \`${this.of(read)}\`, which a response has no counterpart for`;
    });
    return refusal;
  }
}

/** The `responses.stream` rewrite of one streamed run, or why it has none. */
export function renderPythonStream(syntax: PythonCallSyntax, turn: StreamTurn, source: PythonSource): Rendered {
  return new StreamRenderer(syntax.call, source).render(turn);
}
