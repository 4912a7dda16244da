// Fixes for no-assistants-api. Under the `auto` strategy a thread that lives and dies in one function
// becomes one stateless `responses.create` (the seed guide's mapping); a thread that outlives it, or
// the `conversation` strategy, maps call by call to Conversations (OpenAI's official mapping).
import ts from "typescript";
import type { Fix } from "../../types";
import { assistantDefinitionFix } from "./assistantsCreate";
import { betaChainOf, type BetaChain } from "./calleeChain";
import type { FixProvider } from "./context";
import { conversationFix } from "./conversationCalls";
import { createAndRunFix } from "./createAndRun";
import { callAtCalleeRange } from "./nodes";
import { chainedTurnFix, oneTurnFix } from "./oneTurn";
import { runToConversationFix } from "./runCalls";
import { streamFixes } from "./streams";
import { typeImportFixes } from "./typeImports";

const STREAMING_SURFACES = new Set(["threads.runs.stream", "threads.runs.createAndStream", "threads.createAndRunStream", "threads.runs.submitToolOutputsStream"]);

export const assistantsCallFixes: FixProvider = (finding, context) => {
  const call = callAtCalleeRange(context.sourceFile, finding.range);
  if (!call) return typeImportFixes(finding, context);
  const chain = betaChainOf(call, context.bindings);
  if (!chain) return [];
  const strategy = context.settings.stateStrategy;
  const surface = chain.surface.join(".");
  if (surface === "assistants.create") return assistantDefinitionFix(call, chain, context);
  if (STREAMING_SURFACES.has(surface)) return streamFixes(call, chain, context);
  if (surface === "threads.createAndRun" || surface === "threads.createAndRunPoll") return createAndRunFix(call, chain, context);

  const createdBy = createAndRunReadBy(call, context);
  if (createdBy) return createAndRunFix(createdBy.call, createdBy.chain, context);

  const fixes: Fix[] = [];
  // A one-turn thread keeps no state, so every strategy but the explicit `conversation` mapping agrees
  // on one stateless request (explicit-history adds `store: false`).
  const oneTurn = strategy !== "conversation" ? oneTurnFix(call, context) : undefined;
  if (oneTurn) fixes.push(oneTurn);
  const preferConversation = !oneTurn && (strategy === "auto" || strategy === "conversation");
  const isRun = surface === "threads.runs.create" || surface === "threads.runs.createAndPoll";
  if (isRun) fixes.push(...runToConversationFix(call, chain, context, preferConversation));
  else if (RUN_FOLLOW_UP_SURFACES.has(surface)) fixes.push(...runFollowUpFixes(call, context, preferConversation));
  else fixes.push(...conversationFix(call, chain, context, preferConversation));
  // A turn on a thread id handed in can also chain by previous_response_id (the seed's pattern 1).
  const chained = oneTurn ? undefined : chainedTurnFix(call, context);
  if (chained) fixes[chained.preferred ? "unshift" : "push"](chained);
  return fixes;
};

const RUN_FOLLOW_UP_SURFACES = new Set(["threads.runs.submitToolOutputs", "threads.runs.submitToolOutputsAndPoll", "threads.runs.retrieve", "threads.runs.poll"]);

/** Submitting outputs and polling have no Responses call of their own: they are part of rewriting the run. */
function runFollowUpFixes(call: ts.CallExpression, context: Parameters<FixProvider>[1], preferred: boolean): Fix[] {
  const runId = call.arguments.find((argument) => ts.isPropertyAccessExpression(argument) && argument.name.text === "id" && ts.isIdentifier(argument.expression));
  const runName = runId && ((runId as ts.PropertyAccessExpression).expression as ts.Identifier).text;
  const initializer = runName ? context.bindings.initializers.get(runName) : undefined;
  const runCall = initializer && ts.isAwaitExpression(initializer) && ts.isCallExpression(initializer.expression) ? initializer.expression : undefined;
  const runChain = runCall && betaChainOf(runCall, context.bindings);
  const runSurface = runChain?.surface.join(".");
  if (!runCall || !runChain || (runSurface !== "threads.runs.create" && runSurface !== "threads.runs.createAndPoll")) return [];
  return runToConversationFix(runCall, runChain, context, preferred);
}


/** `messages.list(run.thread_id)` where `run` came from `createAndRun(Poll)`: part of that run's rewrite. */
function createAndRunReadBy(call: ts.CallExpression, context: Parameters<FixProvider>[1]): { call: ts.CallExpression; chain: BetaChain } | undefined {
  const first = call.arguments[0];
  if (!first || !ts.isPropertyAccessExpression(first) || first.name.text !== "thread_id" || !ts.isIdentifier(first.expression)) return undefined;
  const initializer = context.bindings.initializers.get(first.expression.text);
  const runCall = initializer && ts.isAwaitExpression(initializer) && ts.isCallExpression(initializer.expression) ? initializer.expression : undefined;
  const chain = runCall && betaChainOf(runCall, context.bindings);
  const surface = chain?.surface.join(".");
  return runCall && chain && (surface === "threads.createAndRun" || surface === "threads.createAndRunPoll") ? { call: runCall, chain } : undefined;
}
