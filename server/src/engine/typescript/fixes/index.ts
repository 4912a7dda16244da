// Attaches rewrites to findings. Each rule's fixes live in their own file; this is the one list.
import type { Finding } from "../../types";
import type { FixProviders, TypeScriptFixContext } from "./context";
import { CodeStyle } from "./style";

import { assistantsCallFixes } from "./assistantsCalls";
import { chainFallbackFixes, storeFalseChainFixes } from "./chainFallback";
import { chatToolMessageFixes } from "./chatToolMessages";
import { chatToolShapeFixes } from "./chatToolShape";
import { sequentialLoopFixes, unboundedConcurrencyFixes } from "./concurrency";
import { betaVectorStoreFixes } from "./vectorStores";
import { migrateThreads } from "../migration";
import { noteRefusal } from "../../refusal";

const FIX_PROVIDERS: FixProviders = {
  "no-assistants-api": assistantsCallFixes,
  "no-beta-vector-stores": betaVectorStoreFixes,
  "sequential-tool-loop": sequentialLoopFixes,
  "unbounded-tool-concurrency": unboundedConcurrencyFixes,
  "chain-without-fallback": chainFallbackFixes,
  "store-false-chain": storeFalseChainFixes,
  "chat-tool-shape": chatToolShapeFixes,
  "chat-tool-messages": chatToolMessageFixes,
};

/** What the front end hands over; the style and the findings are derived here. */
export type FixInputs = Omit<TypeScriptFixContext, "style" | "findings">;

/**
 * Computes the fixes of `targets` (by default every finding); `findings` is always the whole file's
 * list, which rewrites of several calls read.
 */
export function attachTypeScriptFixes(
  findings: Finding[],
  inputs: FixInputs,
  targets: readonly Finding[] = findings,
  onError?: (error: unknown, finding: Finding) => void,
): void {
  if (!targets.some((finding) => FIX_PROVIDERS[finding.ruleId])) return;
  const context: TypeScriptFixContext = { ...inputs, style: new CodeStyle(inputs.text, inputs.sourceFile), findings };
  // Calls on a thread get the whole thread's rewrite or none: planned once for the file.
  let threads: ReturnType<typeof migrateThreads> | null | undefined;
  for (const finding of targets) {
    const provider = FIX_PROVIDERS[finding.ruleId];
    if (!provider) continue;
    try {
      if (finding.ruleId === "no-assistants-api") {
        threads ??= safely(() => migrateThreads(context)) ?? null;
        // Without a plan no call on a thread may be rewritten alone.
        if (threads === null && finding.message.startsWith("`beta.threads")) continue;
        const migration = threads?.get(finding.range.start);
        if (migration) {
          finding.fixes.push(...migration.fixes);
          if (migration.refusal) noteRefusal(finding, migration.refusal);
          continue;
        }
      }
      finding.fixes.push(...provider(finding, context));
    } catch (error) {
      // A fix that cannot be computed is simply not offered; the finding still stands.
      onError?.(error, finding);
    }
  }
}

function safely<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    // No plan means no rewrite on any thread of the file; the findings still stand.
    return undefined;
  }
}
