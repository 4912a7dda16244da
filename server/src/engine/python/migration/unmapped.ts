// Calls with no Responses counterpart (`runs.list`, `runs.update`, `messages.update`,
// `runs.steps.retrieve`), rendered in Python as the TypeScript emitter renders them: a value of the
// nearest type in the call's place, so the code around it still runs and type-checks, and a
// `# TODO(responses-migrate): …` above its statement saying what to do by hand. Always unsafe.
//
//   runs = client.beta.threads.runs.list(thread_id=t)          -> runs = list[Response]()  (runs.data -> runs)
//   client.beta.threads.runs.update(run_id=r, thread_id=t, …)  -> client.responses.retrieve(r)
//   client.beta.threads.messages.update(m, thread_id=t, …)     -> client.conversations.items.retrieve(m, conversation_id=t)
//   client.beta.threads.runs.steps.retrieve(s, run_id=r, …)    -> next((item for item in client.responses.retrieve(r).output if item.id == s), None)
import { NO_COUNTERPART } from "../../migration/shape";
import type { AssistantsCall } from "../../migration/model";
import type { TextEdit } from "../../types";
import { insertAfterImports, lineEndingOf } from "../emit/nodes";
import { enclosingFunction, enclosingStatement, field, namedChildren, type PyNode } from "../syntax";
import type { PythonCallSyntax } from "./buildModel";
import type { PythonCallReader } from "./pythonCalls";

const TODO = "# TODO(responses-migrate):";
const RESPONSE_IMPORT = "from openai.types.responses import Response";

/** The edits, or why the call's result is used where a stand-in cannot follow. */
export function unmappedEdits(call: AssistantsCall, syntax: PythonCallSyntax, receiver: string, threadId: string | undefined, reader: PythonCallReader): TextEdit[] | string {
  const node = syntax.call;
  const awaited = node.parent?.type === "await" ? node.parent : undefined;
  const keywords = reader.keywords(node);
  const text = (value: PyNode | undefined) => value && reader.of(value);
  const edits: TextEdit[] = [];
  switch (call.kind) {
    case "run.list": {
      // The list of responses is the code's to keep now; an empty list of the right type stands in.
      const value = outermost(node);
      const list = "list[Response]()";
      if (value.parent?.type === "attribute" && field(value.parent, "object") === value && reader.of(field(value.parent, "attribute")!) === "data") edits.push({ range: { start: value.parent.start, end: value.parent.end }, newText: list });
      else if (value.parent?.type === "for_statement" && field(value.parent, "right") === value && !/^async\b/.test(reader.of(value.parent))) edits.push({ range: { start: value.start, end: value.end }, newText: list });
      else if (syntax.assigned && syntax.statement) {
        const reads = pageReads(syntax, reader);
        if (typeof reads === "string") return reads;
        edits.push({ range: { start: value.start, end: value.end }, newText: list }, ...reads);
      } else if (syntax.statement && !syntax.assigned) edits.push({ range: reader.lines(syntax.statement), newText: "" });
      else return "the listed runs are used where a list of responses cannot stand in";
      if (!new RegExp(`^${RESPONSE_IMPORT}$`, "m").test(reader.text)) edits.push(insertAfterImports(reader.parsed.root, reader.text, RESPONSE_IMPORT));
      break;
    }
    case "run.update": {
      const runId = text(keywords.get("run_id") ?? reader.positional(node)[0]);
      if (!runId) return "its run id cannot be found";
      edits.push(reader.replaceCall(node, `${receiver}.responses.retrieve(${runId})`));
      break;
    }
    case "message.update": {
      const messageId = text(keywords.get("message_id") ?? reader.positional(node)[0]);
      if (!messageId || !threadId) return "its message id or thread id cannot be found";
      if (syntax.assigned && usedLater(syntax, reader)) return "the updated message is used, and a conversation item is not a message";
      edits.push(reader.replaceCall(node, `${receiver}.conversations.items.retrieve(${messageId}, conversation_id=${threadId})`));
      break;
    }
    case "step.retrieve": {
      const stepId = text(keywords.get("step_id") ?? reader.positional(node)[0]);
      const runId = text(keywords.get("run_id"));
      if (!stepId || !runId) return "its step id or run id cannot be found";
      if (syntax.assigned && readsFields(syntax, reader)) return "the step's fields are read, and an output item is not a run step";
      const response = `${awaited ? "(await " : ""}${receiver}.responses.retrieve(${runId})${awaited ? ")" : ""}`;
      edits.push({ range: { start: (awaited ?? node).start, end: node.end }, newText: `next((item for item in ${response}.output if getattr(item, "id", None) == ${stepId}), None)` });
      break;
    }
    default:
      return NO_COUNTERPART[call.kind] ?? "this call has no Responses counterpart";
  }
  const statement = syntax.statement ?? enclosingStatement(node);
  const todo = `${TODO} ${NO_COUNTERPART[call.kind]}.`;
  // Once written, the TODO is not written again (fix-all twice == once).
  const above = reader.text.slice(0, statement.start);
  if (!above.trimEnd().endsWith(todo)) edits.push({ range: { start: statement.start, end: statement.start }, newText: `${todo}${lineEndingOf(reader.text)}${reader.indentOf(statement)}` });
  return edits;
}

/** The call with its `await` and parentheses. */
function outermost(node: PyNode): PyNode {
  let value = node;
  while (value.parent && (value.parent.type === "await" || value.parent.type === "parenthesized_expression")) value = value.parent;
  return value;
}

/** `runs.data` -> `runs`; the page's other fields (`has_more`, `first_id`) have no stand-in. */
function pageReads(syntax: PythonCallSyntax, reader: PythonCallReader): TextEdit[] | string {
  const scope = enclosingFunction(syntax.call) ?? reader.parsed.root;
  const edits: TextEdit[] = [];
  for (const use of reader.references(scope, reader.of(syntax.assigned!), syntax.assigned!.end)) {
    const access = use.parent!;
    if (access.type === "attribute" && field(access, "object") === use && reader.of(field(access, "attribute")!) === "data") edits.push({ range: { start: access.start, end: access.end }, newText: reader.of(use) });
    else if (!(access.type === "assignment" && field(access, "left") === use)) return "the listed runs are read as a page, which a list of responses is not";
  }
  return edits;
}

/** `name.field` is read after the assignment (a bare `name`, as in `name is None`, reads no field). */
function readsFields(syntax: PythonCallSyntax, reader: PythonCallReader): boolean {
  const scope = enclosingFunction(syntax.call) ?? reader.parsed.root;
  return reader.references(scope, reader.of(syntax.assigned!), syntax.assigned!.end).some((use) => (use.parent?.type === "attribute" || use.parent?.type === "subscript") && namedChildren(use.parent)[0] === use);
}

function usedLater(syntax: PythonCallSyntax, reader: PythonCallReader): boolean {
  const scope = enclosingFunction(syntax.call) ?? reader.parsed.root;
  return reader.references(scope, reader.of(syntax.assigned!), syntax.assigned!.end).length > 0;
}
