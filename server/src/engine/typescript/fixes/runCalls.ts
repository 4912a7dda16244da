// A run on a thread that is kept becomes `responses.create` on the conversation with the same id.
// Marked unsafe: the code after it still reads a Run (polling, `required_action`) and needs a look.
import ts from "typescript";
import type { Fix } from "../../types";
import { chooseDefinition } from "./assistantDefinition";
import type { BetaChain } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";
import { objectLiteralText, readRunOptions } from "./responsesRequest";

export function runToConversationFix(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext, preferred: boolean): Fix[] {
  const [threadId, body] = call.arguments;
  if (!threadId || call.arguments.length !== 2) return [];
  const options = readRunOptions(body, context);
  if (!options) return [];
  const definition = chooseDefinition(options.assistantId, context);
  const request = objectLiteralText([...options.properties(definition.name), `conversation: ${threadId.getText(context.sourceFile)}`], call.getStart(), context);
  return [
    {
      title: "Rewrite to responses.create on the thread's conversation",
      edits: [...definition.edits, { range: { start: chain.receiver.getEnd(), end: call.getEnd() }, newText: `.responses.create(${request})` }],
      safe: false,
      preferred,
    },
  ];
}
