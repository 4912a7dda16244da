// Build the extension and package it as a VSIX (npm run package does the same).
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./provision.mjs";

export const VSIX = join(ROOT, "responses-migrate.vsix");

function npmRun(script) {
  console.log(`[prepare] $ npm run ${script}`);
  const r = spawnSync("npm", ["run", "--silent", script], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`npm run ${script} failed with exit code ${r.status}`);
}

/** Builds dist/ and packages responses-migrate.vsix; returns its path. */
export function buildAndPackage() {
  npmRun("package");
  if (!existsSync(VSIX)) throw new Error(`npm run package did not produce ${VSIX}`);
  console.log(`[prepare] VSIX: ${VSIX} (${(statSync(VSIX).size / 1024).toFixed(0)} KB)`);
  return VSIX;
}
