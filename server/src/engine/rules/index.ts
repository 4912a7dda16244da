// The one list of rules. Order is the order findings are reported in for the same position.
import type { Rule } from "./rule";
import { noAssistantsApi } from "./no-assistants-api";
import { noBetaVectorStores } from "./no-beta-vector-stores";
import { sequentialToolLoop } from "./sequential-tool-loop";
import { unboundedToolConcurrency } from "./unbounded-tool-concurrency";
import { chainWithoutFallback } from "./chain-without-fallback";
import { storeFalseChain } from "./store-false-chain";
import { chatToolShape } from "./chat-tool-shape";
import { chatToolMessages } from "./chat-tool-messages";
import { noAssistantsHttp } from "./no-assistants-http";

export const RULES: readonly Rule[] = [
  noAssistantsApi,
  noBetaVectorStores,
  sequentialToolLoop,
  unboundedToolConcurrency,
  chainWithoutFallback,
  storeFalseChain,
  chatToolShape,
  chatToolMessages,
  noAssistantsHttp,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
