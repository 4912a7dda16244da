// `responses-migrate fix` type-checks each rewritten TypeScript file against the workspace's own
// `node_modules/openai` (here: the repo's openai 7.57 and TypeScript, linked in), and holds back a
// rewrite that adds a type error; the summary says which and why. Without the SDK installed there is
// nothing to check against, and the rewrite is applied.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { assertNoStackTrace, cli, removeTree, write } from "./helpers";

const REPO_MODULES = path.join(__dirname, "..", "..", "node_modules");

const SERVICE = `import OpenAI from "openai";

const client = new OpenAI();

export async function stop(threadId: string, runId: string) {
  await client.beta.threads.runs.cancel(runId, { thread_id: threadId });
}

export async function steps(threadId: string, runId: string) {
  const steps = await client.beta.threads.runs.steps.list(runId, { thread_id: threadId });
  return steps.data.map((step) => step.step_details.type);
}
`;

function workspace(withSdk: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-verify-"));
  if (withSdk) {
    for (const name of ["openai", "typescript"]) {
      fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
      fs.symlinkSync(path.join(REPO_MODULES, name), path.join(dir, "node_modules", name), "dir");
    }
  }
  write(dir, "src/service.ts", SERVICE);
  return dir;
}

describe("responses-migrate fix verifies rewrites against the workspace's openai types", () => {
  it("holds back the rewrite that adds a type error, applies the rest, and says why", () => {
    const dir = workspace(true);
    try {
      const result = cli(["fix", "--unsafe", "src"], dir);
      assertNoStackTrace(result.stderr);
      const fixed = fs.readFileSync(path.join(dir, "src/service.ts"), "utf8");
      assert.match(fixed, /await client\.responses\.cancel\(runId\);/);
      assert.match(fixed, /client\.beta\.threads\.runs\.steps\.list\(runId, \{ thread_id: threadId \}\)/);
      assert.match(
        result.stdout,
        /Held back 1 rewrite that would add type errors \(checked against the workspace's openai types\):\n {2}src\/service\.ts:10: Rewrite this thread to a conversation with Responses background mode for its kept runs: TS2339: Property 'step_details' does not exist on type 'ResponseOutputItem'\./,
      );
    } finally {
      removeTree(dir);
    }
  });

  it("without node_modules/openai nothing is type-checked and nothing is held back", () => {
    const dir = workspace(false);
    try {
      const result = cli(["fix", "--unsafe", "src"], dir);
      assertNoStackTrace(result.stderr);
      assert.doesNotMatch(result.stdout, /Held back/);
      assert.match(fs.readFileSync(path.join(dir, "src/service.ts"), "utf8"), /client\.responses\.retrieve\(runId\)\.then\(\(response\) => \(\{ data: response\.output \}\)\)/);
    } finally {
      removeTree(dir);
    }
  });
});
