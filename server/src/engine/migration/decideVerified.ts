// Every thread's decision with its rewrites verified, the verification done for the whole file at
// once (verifyTogether) rather than one re-analysis per rewrite. Each thread is planned and rendered
// once, every rendered strategy is verified, and the decision is then taken on the verdicts exactly
// as `decideThread` takes it with a per-rewrite check.
import type { Fix, StateStrategy } from "../types";
import type { MigrationModel, Thread } from "./model";
import { decideThread, type RenderRefusal, type ThreadPlan } from "./plan";
import { verificationFailure, type Reanalysis } from "./verify";
import { applyEdits } from "../fixes/applyEdits";
import { verifyTogether, type VerificationCandidate } from "./verifyTogether";

export type VerifiedDecision = ReturnType<typeof decideThread<Fix>>;

export function decideThreadsVerified(
  model: MigrationModel,
  setting: StateStrategy,
  text: string,
  before: Reanalysis,
  render: (thread: Thread) => (plan: ThreadPlan) => Fix | RenderRefusal,
  reanalyse: (text: string) => Reanalysis | undefined,
): Array<[Thread, VerifiedDecision]> {
  const rendered = new Map<Thread, Array<Fix | RenderRefusal>>();
  for (const thread of model.threads) {
    const renders: Array<Fix | RenderRefusal> = [];
    decideThread(model, thread, setting, (plan) => {
      const result = render(thread)(plan);
      renders.push(result);
      return result;
    });
    rendered.set(thread, renders);
  }

  const candidates: VerificationCandidate[] = [];
  const candidateOf = new Map<Fix, number>();
  const migratedCountOf = new Map<VerificationCandidate, number>();
  for (const [thread, renders] of rendered) {
    const migratedCalls = thread.callIds.map((id) => model.calls.get(id)!.calleeRange);
    for (const result of renders) {
      if (!("edits" in result)) continue;
      const candidate = { edits: result.edits, migratedCalls };
      candidateOf.set(result, candidates.length);
      migratedCountOf.set(candidate, thread.callIds.length);
      candidates.push(candidate);
    }
  }
  // The check of one rewrite on its own: the rewritten file parses, and the thread has no Assistants call left.
  const verifyOne = (candidate: VerificationCandidate): string | undefined => {
    const after = reanalyse(applyEdits(text, candidate.edits));
    if (!after) return "the rewrite could not be re-parsed";
    // Mixing across threads is checked for the file as a whole by the caller; here only the thread itself.
    const failure = verificationFailure({ ...before, responsesCalls: [] }, { ...after, responsesCalls: [] }, migratedCountOf.get(candidate)!);
    return failure && `the rewrite did not verify (${failure})`;
  };
  const verdicts = verifyTogether(text, before, candidates, reanalyse, verifyOne);

  return model.threads.map((thread) => {
    const renders = rendered.get(thread)!;
    let next = 0;
    const decision = decideThread(model, thread, setting, (): Fix | RenderRefusal => {
      const result = renders[next++];
      if (!("edits" in result)) return result;
      const failure = verdicts[candidateOf.get(result)!];
      return failure ? { callId: "", reason: failure } : result;
    });
    return [thread, decision];
  });
}
