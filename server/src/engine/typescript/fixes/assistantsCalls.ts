// Fixes for no-assistants-api. A thread that lives and dies in one function becomes one stateless
// `responses.create` (the seed guide's mapping; every strategy but `conversation`). A thread that
// outlives it maps call by call to Conversations (OpenAI's official mapping; preferred under `auto` and
// `conversation`), or a turn on a handed-in thread id chains by `previous_response_id`
// (`previous-response-id`) or sends its history (`explicit-history`). The strategies not chosen stay
// on offer as alternatives.
import ts from "typescript";
import type { Fix } from "../../types";
import { assistantDefinitionFix } from "./assistantsCreate";
import { assistantsManageFixes } from "./assistantsManage";
import { betaChainOf, type BetaChain } from "./calleeChain";
import type { FixProvider } from "./context";
import { conversationFix } from "./conversationCalls";
import { createAndRunFix } from "./createAndRun";
import { callAtCalleeRange } from "./nodes";
import { keptTurnFixes, oneTurnFix } from "./oneTurn";
import { runToConversationFix } from "./runCalls";
import { streamedRunStepsFixes, streamFixes, streamTurnFixes } from "./streams";
import { isStreamedCreate } from "./streamTurn";
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
  if (chain.surface[0] === "assistants") return assistantsManageFixes(call, chain, context);
  if (STREAMING_SURFACES.has(surface) || isStreamedCreate(call, surface)) return streamFixes(call, chain, context);
  if (surface === "threads.runs.steps.list" && streamedRunStepsFixes(call, context).length > 0) return streamedRunStepsFixes(call, context);
  if (CREATE_AND_RUN_SURFACES.has(surface)) return createAndRunFix(call, chain, context);

  const createdBy = createAndRunReadBy(call, context);
  if (createdBy) return createAndRunFix(createdBy.call, createdBy.chain, context);

  // A thread created for one streamed turn goes with the stream's stateless rewrite.
  const fixes: Fix[] = streamTurnFixes(call, context);
  // A one-turn thread keeps no state, so every strategy but the explicit `conversation` mapping agrees
  // on one stateless request (explicit-history adds `store: false`).
  const oneTurn = strategy !== "conversation" ? oneTurnFix(call, context) : undefined;
  if (oneTurn) fixes.push(oneTurn);
  const preferConversation = !fixes.some((fix) => fix.preferred) && (strategy === "auto" || strategy === "conversation");
  if (RUN_SURFACES.has(surface)) fixes.push(...runToConversationFix(call, chain, context, preferConversation));
  else if (RUN_FOLLOW_UP_SURFACES.has(surface)) fixes.push(...runFollowUpFixes(call, context, preferConversation));
  else fixes.push(...conversationFix(call, chain, context, preferConversation));
  // A turn on a thread id handed in can also chain by previous_response_id or send explicit history
  // (the seed's patterns 1 and 2).
  for (const kept of oneTurn ? [] : keptTurnFixes(call, context)) fixes[kept.preferred ? "unshift" : "push"](kept);
  return fixes;
};

const RUN_FOLLOW_UP_SURFACES = new Set(["threads.runs.submitToolOutputs", "threads.runs.submitToolOutputsAndPoll", "threads.runs.retrieve", "threads.runs.poll"]);
const RUN_SURFACES = new Set(["threads.runs.create", "threads.runs.createAndPoll"]);
const CREATE_AND_RUN_SURFACES = new Set(["threads.createAndRun", "threads.createAndRunPoll"]);

/** The Assistants call whose awaited result `name.field` reads (`run.id`, `run.thread_id`), if one of `surfaces`. */
function callBehind(argument: ts.Expression | undefined, field: string, surfaces: ReadonlySet<string>, context: Parameters<FixProvider>[1]): { call: ts.CallExpression; chain: BetaChain } | undefined {
  if (!argument || !ts.isPropertyAccessExpression(argument) || argument.name.text !== field || !ts.isIdentifier(argument.expression)) return undefined;
  const initializer = context.bindings.initializerOf(argument.expression);
  const call = initializer && ts.isAwaitExpression(initializer) && ts.isCallExpression(initializer.expression) ? initializer.expression : undefined;
  const chain = call && betaChainOf(call, context.bindings);
  return call && chain && surfaces.has(chain.surface.join(".")) ? { call, chain } : undefined;
}

/** Submitting outputs and polling have no Responses call of their own: they are part of rewriting the run. */
function runFollowUpFixes(call: ts.CallExpression, context: Parameters<FixProvider>[1], preferred: boolean): Fix[] {
  const run = call.arguments.map((argument) => callBehind(argument, "id", RUN_SURFACES, context)).find(Boolean);
  return run ? runToConversationFix(run.call, run.chain, context, preferred) : [];
}

/** `messages.list(run.thread_id)` where `run` came from `createAndRun(Poll)`: part of that run's rewrite. */
function createAndRunReadBy(call: ts.CallExpression, context: Parameters<FixProvider>[1]) {
  return callBehind(call.arguments[0], "thread_id", CREATE_AND_RUN_SURFACES, context);
}
