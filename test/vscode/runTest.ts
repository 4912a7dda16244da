// `npm run test:vscode`: runs the extension-host suite in a real VS Code desktop downloaded by
// @vscode/test-electron. That download needs the VS Code update host, which this project's
// own machines cannot reach; there the e2e suite (npm run test:e2e, code-server) is the
// proof instead. This script never reports a pass it did not run.
import { runTests } from "@vscode/test-electron";
import { build } from "esbuild";
import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const outDir = path.join(root, "out", "test", "vscode", "suite");

async function main(): Promise<void> {
  const suiteDir = path.join(__dirname, "suite");
  await build({
    entryPoints: readdirSync(suiteDir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join(suiteDir, f)),
    outdir: outDir,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode", "mocha"],
    logLevel: "warning",
  });

  // The suite edits files, so it works on a copy of examples/.
  const workspace = path.join(mkdtempSync(path.join(tmpdir(), "responses-migrate-vscode-")), "support-desk");
  cpSync(path.join(root, "examples"), workspace, { recursive: true });

  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, "index.js"),
    launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust"],
    extensionTestsEnv: { RESPONSES_MIGRATE_TEST_WORKSPACE: workspace },
  });
}

main().catch((err: unknown) => {
  console.error("test:vscode FAILED:", err instanceof Error ? err.message : err);
  if (String(err).match(/ENOTFOUND|getaddrinfo|update\.code\.visualstudio\.com/)) {
    console.error(
      "VS Code could not be downloaded (no access to the VS Code update host). " +
        "This suite did NOT run. Use `npm run test:e2e` (code-server) on this machine.",
    );
  }
  process.exit(1);
});
