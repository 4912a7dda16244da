// The TypeScript/JavaScript front end of the migration model: groups a file's Assistants calls into
// threads (by what their thread id is), finds each thread's runs, where ids and runs escape, and the
// reads of their results. Everything it hands on is ranges and ids (see migration/model.ts).
import ts from "typescript";
import { assistantsEntry } from "../../assistantsSurface";
import type { SourceFacts } from "../../facts";
import type { AssistantsCall, AssistantsCallKind, CallId, Escape, FieldRead, MigrationModel, Run, Thread, ThreadOrigin } from "../../migration/model";
import { findProperty, isFunctionLike, rangeOf, unwrap } from "../syntax";
import { callAtCalleeRange } from "../fixes/nodes";
import { statementOfAwaitedCall } from "../fixes/statements";
import { finishedRunOfStream } from "../fixes/streamToolLoop";
import { isStreamedCreate } from "../fixes/streamTurn";

export const KINDS: Record<string, AssistantsCallKind> = {
  "threads.create": "thread.create",
  "threads.retrieve": "thread.retrieve",
  "threads.update": "thread.update",
  "threads.del": "thread.delete",
  "threads.delete": "thread.delete",
  "threads.createAndRun": "thread.createAndRun",
  "threads.createAndRunPoll": "thread.createAndRun",
  "threads.createAndRunStream": "thread.createAndRunStream",
  "threads.messages.create": "message.create",
  "threads.messages.list": "message.list",
  "threads.messages.retrieve": "message.retrieve",
  "threads.messages.update": "message.update",
  "threads.messages.del": "message.delete",
  "threads.messages.delete": "message.delete",
  "threads.runs.create": "run.create",
  "threads.runs.createAndPoll": "run.createAndPoll",
  "threads.runs.stream": "run.stream",
  "threads.runs.createAndStream": "run.stream",
  "threads.runs.retrieve": "run.retrieve",
  "threads.runs.poll": "run.poll",
  "threads.runs.cancel": "run.cancel",
  "threads.runs.list": "run.list",
  "threads.runs.update": "run.update",
  "threads.runs.submitToolOutputs": "run.submitToolOutputs",
  "threads.runs.submitToolOutputsAndPoll": "run.submitToolOutputsAndPoll",
  "threads.runs.submitToolOutputsStream": "run.submitToolOutputsStream",
  "threads.runs.steps.list": "step.list",
  "threads.runs.steps.retrieve": "step.retrieve",
  "assistants.create": "assistant.create",
  "assistants.retrieve": "assistant.retrieve",
  "assistants.update": "assistant.update",
  "assistants.list": "assistant.list",
  "assistants.del": "assistant.delete",
  "assistants.delete": "assistant.delete",
};

/** A run created with `stream: true` is a streamed run. */
function streamedKind(node: ts.CallExpression, surface: string): AssistantsCallKind | undefined {
  if (!isStreamedCreate(node, surface)) return undefined;
  return surface === "threads.runs.create" ? "run.stream" : "thread.createAndRunStream";
}

const RUN_STARTS = new Set<AssistantsCallKind>(["run.create", "run.createAndPoll", "run.stream", "thread.createAndRun", "thread.createAndRunStream"]);
/** Calls whose first v4 argument is the thread id and second the run id. */
const RUN_FOLLOW_UPS = new Set<AssistantsCallKind>(["run.retrieve", "run.poll", "run.cancel", "run.update", "run.submitToolOutputs", "run.submitToolOutputsAndPoll", "run.submitToolOutputsStream", "step.list", "step.retrieve"]);

export interface TypeScriptMigrationModel {
  model: MigrationModel;
  /** The syntax behind each call, for the emitter. */
  nodes: ReadonlyMap<CallId, ts.CallExpression>;
}

interface Inputs {
  fileName: string;
  sourceFile: ts.SourceFile;
  facts: SourceFacts;
}

/** The declaration a plain name refers to at `at`, by lexical scope; undefined for globals and imports. */
export function declarationOf(name: string, at: ts.Node): ts.Node | undefined {
  for (let scope: ts.Node | undefined = at.parent; scope; scope = scope.parent) {
    if (isFunctionLike(scope)) {
      const parameter = (scope as ts.FunctionLikeDeclaration).parameters.find((p) => declares(p.name, name));
      if (parameter) return parameter;
    }
    const statements = ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) ? scope.statements : ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : undefined;
    if (statements) {
      for (const statement of statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const declaration = statement.declarationList.declarations.find((d) => declares(d.name, name));
        if (declaration) return declaration;
      }
    }
    if ((ts.isForOfStatement(scope) || ts.isForInStatement(scope) || ts.isForStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      const declaration = scope.initializer.declarations.find((d) => declares(d.name, name));
      if (declaration) return declaration;
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration && declares(scope.variableDeclaration.name, name)) return scope.variableDeclaration;
  }
  return undefined;
}

function declares(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && declares(element.name, name));
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionLike(current)) return current;
  return undefined;
}

/** The thread id argument: v4 passes it first (`(threadId, …)`, or `(threadId, runId, …)`), v5+ as `{ thread_id }` last. */
function idArguments(call: ts.CallExpression, kind: AssistantsCallKind): { thread?: ts.Expression; run?: ts.Expression; signature?: "v4" | "v5" } {
  const args = call.arguments;
  const last = args.length > 0 ? unwrap(args[args.length - 1]) : undefined;
  const threadIdProperty = last && ts.isObjectLiteralExpression(last) ? findProperty(last, "thread_id") : undefined;
  const followUp = RUN_FOLLOW_UPS.has(kind);
  if (threadIdProperty && ts.isPropertyAssignment(threadIdProperty) && kind !== "thread.createAndRun") {
    return { thread: unwrap(threadIdProperty.initializer), run: followUp ? args[0] && unwrap(args[0]) : undefined, signature: "v5" };
  }
  if (threadIdProperty && ts.isShorthandPropertyAssignment(threadIdProperty)) return { thread: threadIdProperty.name, run: followUp ? args[0] && unwrap(args[0]) : undefined, signature: "v5" };
  return { thread: args[0] && unwrap(args[0]), run: followUp ? args[1] && unwrap(args[1]) : undefined, signature: "v4" };
}

class ModelBuilder {
  readonly calls = new Map<CallId, AssistantsCall>();
  readonly nodes = new Map<CallId, ts.CallExpression>();
  readonly threads = new Map<string, Thread>();
  readonly runs = new Map<string, Run>();
  /** The thread key of each run start's result declaration. */
  private readonly runByDeclaration = new Map<ts.Node, Run>();
  private readonly createdThreadByDeclaration = new Map<ts.Node, string>();

  constructor(private readonly inputs: Inputs) {}

  build(): MigrationModel {
    const { sourceFile, facts } = this.inputs;
    for (const apiCall of facts.apiCalls) {
      const entry = assistantsEntry(apiCall.path);
      if (entry < 0 || apiCall.path.length < entry + 3) continue;
      const surface = apiCall.path.slice(entry + 1).join(".");
      const node = callAtCalleeRange(sourceFile, apiCall.calleeRange);
      if (!node) continue;
      const id = `${apiCall.calleeRange.start}`;
      const awaited = statementOfAwaitedCall(node);
      const fn = enclosingFunction(node);
      this.calls.set(id, {
        id,
        surface,
        spelling: surface,
        kind: streamedKind(node, surface) ?? KINDS[surface] ?? "other",
        calleeRange: apiCall.calleeRange,
        callRange: apiCall.callRange,
        statementRange: awaited && rangeOf(awaited.statement, sourceFile),
        functionRange: fn && rangeOf(fn, sourceFile),
        result: awaited?.assigned && { name: awaited.assigned.text, declared: awaited.declared, range: rangeOf(awaited.assigned, sourceFile) },
      });
      this.nodes.set(id, node);
    }
    // Creations first, so calls on `thread.id` and `run.thread_id` find their thread whatever the order.
    for (const call of this.calls.values()) if (call.kind === "thread.create" || RUN_STARTS.has(call.kind)) this.registerBirth(call);
    for (const call of this.calls.values()) if (call.kind.startsWith("thread.") || call.kind.startsWith("message.") || call.kind.startsWith("run.") || call.kind.startsWith("step.")) this.attach(call);
    for (const thread of this.threads.values()) this.findThreadEscapes(thread);
    for (const run of this.runs.values()) this.describeRun(run);
    const language = /\.[cm]?jsx?$/i.test(this.inputs.fileName) ? "javascript" : "typescript";
    return { fileName: this.inputs.fileName, language, calls: this.calls, threads: [...this.threads.values()], runs: this.runs, definitions: [] };
  }

  private resultDeclaration(call: AssistantsCall): ts.Node | undefined {
    const node = this.nodes.get(call.id)!;
    // A streamed run's result is what `await stream.finalRun()` is kept in.
    const streamed = call.kind === "run.stream" || call.kind === "thread.createAndRunStream" ? finishedRunOfStream(node) : undefined;
    if (streamed) return streamed;
    const awaited = statementOfAwaitedCall(node);
    if (!awaited?.assigned) return undefined;
    return awaited.declared ? awaited.assigned.parent : declarationOf(awaited.assigned.text, awaited.assigned);
  }

  private registerBirth(call: AssistantsCall): void {
    const declaration = this.resultDeclaration(call);
    if (call.kind === "thread.create") {
      const guarded = declaration ? undefined : storedOrCreated(this.nodes.get(call.id)!);
      if (guarded) {
        // `const thread = threadId ? { id: threadId } : await threads.create()`: a stored id, else a new thread.
        const key = `storage:${call.id}`;
        this.createdThreadByDeclaration.set(guarded, key);
        this.threadFor(key, { kind: "storage", range: rangeOf(guarded, this.inputs.sourceFile), name: (guarded.name as ts.Identifier).text, callId: call.id });
        return;
      }
      if (!declaration) return;
      const key = `created:${call.id}`;
      this.createdThreadByDeclaration.set(declaration, key);
      this.threadFor(key, { kind: "created", range: call.callRange, name: call.result?.name ?? "thread", callId: call.id });
    }
  }

  private threadFor(key: string, origin: ThreadOrigin): Thread {
    let thread = this.threads.get(key);
    if (!thread) this.threads.set(key, (thread = { id: key, origin, callIds: [], runIds: [], replyReads: [], escapes: [], functionRanges: [] }));
    return thread;
  }

  /** The thread an id expression names, creating it when first seen. */
  private threadOfExpression(expression: ts.Expression | undefined, call: AssistantsCall): Thread {
    const { sourceFile } = this.inputs;
    const own = (kind: ThreadOrigin["kind"], name: string, range = call.callRange) => this.threadFor(`${kind}:${name}@${call.functionRange?.start ?? 0}`, { kind, range, name });
    if (!expression) return this.threadFor(`unknown:${call.id}`, { kind: "unknown", range: call.callRange, name: "" });
    // `thread.id` of a created thread, `run.thread_id` of a run.
    if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
      const declaration = declarationOf(expression.expression.text, expression);
      const field = expression.name.text;
      if (declaration && field === "id" && this.createdThreadByDeclaration.has(declaration)) return this.threads.get(this.createdThreadByDeclaration.get(declaration)!)!;
      if (declaration && field === "thread_id" && this.runByDeclaration.has(declaration)) return this.threads.get(this.runByDeclaration.get(declaration)!.threadId)!;
    }
    if (ts.isIdentifier(expression)) {
      const declaration = declarationOf(expression.text, expression);
      if (declaration && ts.isParameter(declaration)) return this.threadFor(`parameter:${expression.text}@${declaration.pos}`, { kind: "parameter", range: rangeOf(declaration, sourceFile), name: expression.text });
      if (declaration && ts.isVariableDeclaration(declaration)) {
        const initializer = declaration.initializer && unwrap(declaration.initializer);
        // `const threadId = thread.id`: the same thread under another name.
        if (initializer && ts.isPropertyAccessExpression(initializer) && initializer.name.text === "id" && ts.isIdentifier(initializer.expression)) {
          const created = declarationOf(initializer.expression.text, initializer);
          if (created && this.createdThreadByDeclaration.has(created)) return this.threads.get(this.createdThreadByDeclaration.get(created)!)!;
        }
        const kind = !initializer ? "unknown" : ts.isAwaitExpression(initializer) || ts.isCallExpression(initializer) || ts.isBinaryExpression(initializer) ? "storage" : "field";
        return this.threadFor(`${kind}:${expression.text}@${declaration.pos}`, { kind, range: rangeOf(declaration, sourceFile), name: expression.text });
      }
      return own("unknown", expression.text);
    }
    if (ts.isPropertyAccessExpression(expression) && expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return this.threadFor(`field:${expression.getText(sourceFile)}`, { kind: "field", range: rangeOf(expression, sourceFile), name: expression.getText(sourceFile) });
    }
    if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) return own("field", expression.getText(sourceFile), rangeOf(expression, sourceFile));
    return this.threadFor(`unknown:${call.id}`, { kind: "unknown", range: rangeOf(expression, sourceFile), name: expression.getText(sourceFile) });
  }

  private attach(call: AssistantsCall): void {
    const node = this.nodes.get(call.id)!;
    const { sourceFile } = this.inputs;
    let thread: Thread;
    const ids = idArguments(node, call.kind);
    call.signature = ids.signature;
    if (call.kind === "thread.create") {
      thread = this.threads.get(`created:${call.id}`) ?? this.threads.get(`storage:${call.id}`) ?? this.threadFor(`created:${call.id}`, { kind: "created", range: call.callRange, name: "", callId: call.id });
    } else if (call.kind === "thread.createAndRun" || call.kind === "thread.createAndRunStream") {
      thread = this.threadFor(`created-with-run:${call.id}`, { kind: "created-with-run", range: call.callRange, name: call.result?.name ?? "", callId: call.id });
    } else {
      thread = this.threadOfExpression(ids.thread, call);
    }
    call.threadId = thread.id;
    thread.callIds.push(call.id);
    if (call.functionRange && !thread.functionRanges.some((r) => r.start === call.functionRange!.start)) thread.functionRanges.push(call.functionRange);
    if (!call.functionRange && !thread.functionRanges.some((r) => r.start === 0 && r.end === sourceFile.end)) thread.functionRanges.push({ start: 0, end: sourceFile.end });

    if (RUN_STARTS.has(call.kind)) {
      const run: Run = { id: `run:${call.id}`, threadId: thread.id, startCallId: call.id, mode: call.kind === "run.createAndPoll" ? "polled" : call.kind === "run.create" ? "created" : call.kind === "thread.createAndRun" ? "created-with-thread" : "streamed", name: call.result?.name, followUpCallIds: [], fieldReads: [], escapes: [] };
      this.runs.set(run.id, run);
      thread.runIds.push(run.id);
      call.runId = run.id;
      const declaration = this.resultDeclaration(call);
      if (declaration) this.runByDeclaration.set(declaration, run);
    } else if (RUN_FOLLOW_UPS.has(call.kind)) {
      const run = this.runOfExpression(ids.run, call, thread);
      call.runId = run.id;
      run.followUpCallIds.push(call.id);
    }
  }

  /** The run a run id names: `run.id` of a run started here (or reassigned from a follow-up), or one handed in. */
  private runOfExpression(expression: ts.Expression | undefined, call: AssistantsCall, thread: Thread): Run {
    if (expression && ts.isPropertyAccessExpression(expression) && expression.name.text === "id" && ts.isIdentifier(expression.expression)) {
      const declaration = declarationOf(expression.expression.text, expression);
      const run = declaration && this.runByDeclaration.get(declaration);
      if (run) return run;
    }
    const name = expression ? expression.getText(this.inputs.sourceFile) : call.id;
    const key = `run:handed-in:${thread.id}:${name}`;
    let run = this.runs.get(key);
    if (!run) {
      run = { id: key, threadId: thread.id, startCallId: call.id, mode: "handed-in", name, followUpCallIds: [], fieldReads: [], escapes: [] };
      this.runs.set(key, run);
      thread.runIds.push(key);
    }
    return run;
  }

  /** Where the thread id goes besides Assistants calls on it: returned, stored, passed on. */
  private findThreadEscapes(thread: Thread): void {
    if (thread.origin.kind !== "created" || !thread.origin.callId) return;
    const call = this.calls.get(thread.origin.callId)!;
    const declaration = this.resultDeclaration(call);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) {
      thread.escapes.push({ kind: "passed", of: "thread", range: call.callRange });
      return;
    }
    for (const reference of referencesIn(declaration)) {
      const escape = this.escapeOf(reference, "thread", thread);
      if (escape) thread.escapes.push(escape);
    }
  }

  private describeRun(run: Run): void {
    const start = this.calls.get(run.startCallId)!;
    if (run.mode === "handed-in") {
      run.escapes.push({ kind: "passed", of: "run", range: start.callRange });
      return;
    }
    const declaration = this.resultDeclaration(start);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) {
      // A run not bound to a name lives only in its statement, unless the call's value is used otherwise.
      if (!start.statementRange && run.mode !== "streamed") run.escapes.push({ kind: "passed", of: "run", range: start.callRange });
      return;
    }
    const thread = this.threads.get(run.threadId)!;
    for (const reference of referencesIn(declaration)) {
      const access = reference.parent;
      if (ts.isPropertyAccessExpression(access) && access.expression === reference) {
        const compared = access.parent;
        const comparedTo = ts.isBinaryExpression(compared) && ts.isStringLiteralLike(compared.right) ? compared.right.text : undefined;
        const read: FieldRead = { field: access.name.text, range: rangeOf(access, this.inputs.sourceFile), comparedTo };
        if (access.name.text !== "id" || !this.isAssistantsArgument(access)) run.fieldReads.push(read);
        if (access.name.text === "id" && !this.isAssistantsArgument(access)) {
          const escape = this.escapeOf(access, "run", thread);
          if (escape) run.escapes.push(escape);
        }
        continue;
      }
      const escape = this.escapeOf(reference, "run", thread);
      if (escape) run.escapes.push(escape);
    }
    const pollLoop = this.pollLoopOf(run);
    if (pollLoop) run.pollLoop = pollLoop;
  }

  /** A while/do loop holding a retrieve/poll of the run, in the function that starts it. */
  private pollLoopOf(run: Run): { start: number; end: number } | undefined {
    const start = this.calls.get(run.startCallId)!;
    for (const id of run.followUpCallIds) {
      const call = this.calls.get(id)!;
      if ((call.kind !== "run.retrieve" && call.kind !== "run.poll") || call.functionRange?.start !== start.functionRange?.start) continue;
      for (let node: ts.Node | undefined = this.nodes.get(id); node && !isFunctionLike(node); node = node.parent) {
        if (ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isForStatement(node)) return rangeOf(node, this.inputs.sourceFile);
      }
    }
    return undefined;
  }

  private isAssistantsArgument(node: ts.Node): boolean {
    let holder: ts.Node = node.parent;
    if (ts.isPropertyAssignment(holder) && holder.initializer === node) holder = holder.parent.parent;
    if (!ts.isCallExpression(holder)) return false;
    return this.nodes.has(`${holder.expression.getStart(this.inputs.sourceFile)}`);
  }

  /** How `node` (a reference to the thread or run, or its `.id`) leaves the code the planner sees; undefined when it does not. */
  private escapeOf(node: ts.Node, of: "thread" | "run", thread: Thread): Escape | undefined {
    const { sourceFile } = this.inputs;
    let value: ts.Node = node;
    if (of === "thread") {
      const access = node.parent;
      if (ts.isPropertyAccessExpression(access) && access.expression === node) {
        if (access.name.text !== "id") return undefined; // `thread.metadata` and friends are reads
        if (this.isAssistantsArgument(access)) return undefined;
        value = access;
      }
    }
    // A `.id` held in a local name (`const threadId = thread.id`) is followed by the thread lookup.
    const parent = value.parent;
    const range = rangeOf(value, sourceFile);
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === value)) return { kind: "returned", of, range };
    if (ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent) || ts.isSpreadAssignment(parent)) return { kind: "stored", of, range };
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value) return { kind: "stored", of, range };
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== value) return { kind: "passed", of, range };
    if (ts.isVariableDeclaration(parent) && parent.initializer === value) {
      // `const threadId = thread.id` stays within the planner's sight only when that name is used on Assistants calls alone.
      return ts.isIdentifier(parent.name) && of === "thread" && [...referencesIn(parent)].every((reference) => this.isAssistantsArgument(reference)) ? undefined : { kind: "stored", of, range };
    }
    if (ts.isTemplateSpan(parent) || ts.isBinaryExpression(parent) || ts.isIfStatement(parent) || ts.isPrefixUnaryExpression(parent) || ts.isConditionalExpression(parent)) return undefined;
    const fn = enclosingFunction(node);
    const declaringFunction = thread.functionRanges[0];
    if (fn && declaringFunction && fn.getStart(sourceFile) > declaringFunction.start) return { kind: "captured", of, range };
    return undefined;
  }
}

/** The declaration `const x = cond ? { id: storedId } : await threads.create()` around a create call. */
export function storedOrCreated(call: ts.CallExpression): ts.VariableDeclaration | undefined {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAwaitExpression(node.parent)) node = node.parent;
  const conditional = node.parent;
  if (!ts.isConditionalExpression(conditional) || (conditional.whenFalse !== node && conditional.whenTrue !== node)) return undefined;
  let holder: ts.Node = conditional;
  while (ts.isParenthesizedExpression(holder.parent)) holder = holder.parent;
  const declaration = holder.parent;
  return ts.isVariableDeclaration(declaration) && declaration.initializer === holder && ts.isIdentifier(declaration.name) ? declaration : undefined;
}

/** References to a declared name in its scope (the declaration's own name excluded). */
function* referencesIn(declaration: ts.VariableDeclaration | ts.ParameterDeclaration): Generator<ts.Identifier> {
  if (!ts.isIdentifier(declaration.name)) return;
  const name = declaration.name.text;
  const scope = ts.isParameter(declaration) ? declaration.parent : declaration.parent.parent.parent;
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name) {
      const parent = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isPropertyName && declarationOf(name, node) === declaration) found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  yield* found;
}

export function buildTypeScriptMigrationModel(inputs: Inputs): TypeScriptMigrationModel {
  const builder = new ModelBuilder(inputs);
  const model = builder.build();
  return { model, nodes: builder.nodes };
}
