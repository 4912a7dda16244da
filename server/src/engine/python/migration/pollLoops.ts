// A loop that only waits for a run (retrieves it, sleeps, logs, breaks on a status) has nothing to do
// once `responses.create` waits for itself: it goes. A loop that does more (raises on failure, submits
// tool outputs, updates a UI) is kept, over a background response.
import type { CallId, MigrationModel, Run } from "../../migration/model";
import type { TextEdit } from "../../types";
import { nodeAt } from "../emit/nodes";
import { enclosingFunction, field, namedChildren, type PyNode } from "../syntax";
import type { PythonCallSyntax } from "./buildModel";
import type { PythonCallReader } from "./pythonCalls";

/** Calls a waiting loop may make besides the retrieval: sleeping and logging. */
const WAITING_CALL = /(^|\.)(sleep|print|debug|info|warning|warn|write|time|monotonic|perf_counter)$|^(print|log|logger|logging)\b/;

export function pollLoopEdits(run: Run, reader: PythonCallReader, syntax: ReadonlyMap<CallId, PythonCallSyntax>, model: MigrationModel): TextEdit[] | string {
  const loop = nodeAt(reader.parsed.root, run.pollLoop!, "while_statement") ?? nodeAt(reader.parsed.root, run.pollLoop!, "for_statement");
  if (!loop || field(loop, "alternative")) return "its poll loop has an else branch";
  const own = new Set<PyNode>();
  const aliases = new Set<string>();
  for (const id of run.followUpCallIds) {
    const follow = syntax.get(id)!;
    const kind = model.calls.get(id)!.kind;
    if (kind !== "run.retrieve" && kind !== "run.poll") continue;
    if (!follow.statement) return "its retrieval is part of a larger expression";
    own.add(follow.statement);
    if (follow.assigned) aliases.add(reader.of(follow.assigned));
  }
  if (!onlyWaits(field(loop, "body")!, own, reader)) return "its poll loop does more than wait";
  if (loop.type === "while_statement" && !onlyWaitsExpression(field(loop, "condition")!, reader)) return "its poll loop's condition does more than wait";
  // A name the retrieval assigns other than the run's holds nothing once the loop goes.
  const scope = enclosingFunction(loop) ?? reader.parsed.root;
  const start = model.calls.get(run.startCallId)!;
  for (const alias of aliases) if (alias !== start.result?.name && reader.references(scope, alias, loop.end).length > 0) return "the retrieved run is read after its poll loop under a new name";
  return [{ range: reader.lines({ start: loop.start, end: loop.end }), newText: "" }];
}

function onlyWaits(block: PyNode, own: ReadonlySet<PyNode>, reader: PythonCallReader): boolean {
  return namedChildren(block).every((statement) => {
    if (own.has(statement)) return true;
    switch (statement.type) {
      case "break_statement":
      case "continue_statement":
      case "pass_statement":
        return true;
      case "expression_statement":
        return onlyWaitsExpression(statement, reader);
      case "if_statement":
        return (
          onlyWaitsExpression(field(statement, "condition")!, reader) &&
          onlyWaits(field(statement, "consequence")!, own, reader) &&
          statement.children.filter((child) => child.field === "alternative").every((branch) => (branch.type === "elif_clause" ? onlyWaitsExpression(field(branch, "condition")!, reader) && onlyWaits(field(branch, "consequence")!, own, reader) : onlyWaits(field(branch, "body")!, own, reader)))
        );
      default:
        return false;
    }
  });
}

/** Every call in it sleeps, logs or reads the clock (and assignments only count). */
function onlyWaitsExpression(node: PyNode, reader: PythonCallReader): boolean {
  if (node.type === "call") {
    const callee = reader.of(field(node, "function")!);
    if (!WAITING_CALL.test(callee)) return false;
  }
  return namedChildren(node).every((child) => onlyWaitsExpression(child, reader));
}
