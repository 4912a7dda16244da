// A run on a thread that is kept becomes `responses.create` on the conversation with the same id.
// What the code then does with the run (status checks, the `requires_action` tool loop, submitting
// outputs) is rewritten too; when some use has no Responses meaning, no fix is offered.
// Unsafe either way: polling and run states go away and the result needs a look.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { chooseDefinition, definitionEditsFor } from "./assistantDefinition";
import type { BetaChain } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { objectLiteralText, readRunOptions } from "./responsesRequest";
import { planRunResult } from "./runResult";
import { enclosingScope, referencesTo, statementOfAwaitedCall } from "./statements";

export function runToConversationFix(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext, preferred: boolean): Fix[] {
  const [threadId, body] = call.arguments;
  if (!threadId || call.arguments.length !== 2) return [];
  const options = readRunOptions(body, context);
  if (!options) return [];
  const definition = chooseDefinition(options.assistantId, context);
  const receiver = chain.receiverText;
  const threadIdText = threadId.getText(context.sourceFile);
  const requestAt = (extra: string[], at: number) => `${receiver}.responses.create(${objectLiteralText([...options.properties(definition.name), ...extra], at, context)})`;

  const edits: TextEdit[] = [...definitionEditsFor(definition, options.properties(definition.name))];
  const awaited = statementOfAwaitedCall(call);
  const resultEdits = awaited?.assigned && awaited.declared ? renamedRunResult(awaited.assigned, awaited.statement, threadIdText, requestAt, context) : undefined;
  // A run whose result is used in ways without a Responses meaning gets no fix: half-migrated code
  // that reads `run.required_action` off a Response is worse than the finding's advice.
  if (awaited?.assigned && !resultEdits) return [];
  if (resultEdits && awaited?.assigned) {
    edits.push(...resultEdits.edits, { range: { start: awaited.assigned.getStart(), end: awaited.assigned.getEnd() }, newText: resultEdits.responseName });
  }
  edits.push({ range: { start: chain.start, end: call.getEnd() }, newText: requestAt([`conversation: ${threadIdText}`], call.getStart()) });
  return [{ title: "Rewrite to responses.create on the thread's conversation", edits, safe: false, preferred }];
}

function renamedRunResult(run: ts.Identifier, statement: ts.Statement, threadIdText: string, requestAt: (extra: string[], at: number) => string, context: TypeScriptFixContext) {
  const scope = enclosingScope(statement);
  const responseName = referencesTo("response", scope).length === 0 ? "response" : run.text;
  const plan = planRunResult(
    {
      run,
      ownStatements: [statement],
      runStatement: statement,
      scope,
      responseName,
      followUpRequest: (inputText, at) => requestAt([`conversation: ${threadIdText}`, `input: ${inputText}`], at),
    },
    context,
  );
  return plan && { edits: plan.edits, responseName };
}
