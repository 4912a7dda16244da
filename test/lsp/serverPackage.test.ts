// The npm package carries the server for editors other than VS Code (docs/editors.md): a
// `responses-migrate-server` bin with a shebang, and what the bundle loads and links to beside it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { RULES } from "../../server/src/engine";
import { REPO_ROOT } from "./support/lspClient";

describe("the npm package", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };

  it("names the server and the CLI as bins, each starting with a node shebang", () => {
    assert.equal(manifest.bin["responses-migrate-server"], "./dist/server.js");
    assert.equal(manifest.bin["responses-migrate"], "./dist/cli.js");
    for (const file of Object.values(manifest.bin)) {
      assert.equal(fs.readFileSync(path.join(REPO_ROOT, file), "utf8").split("\n", 1)[0], "#!/usr/bin/env node", file);
    }
  });

  it("packs the bundles, the compiler they load and the rule pages, and no sources or tests", () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const [pack] = JSON.parse(execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, encoding: "utf8" })) as Array<{ files: Array<{ path: string }> }>;
    const files = new Set(pack.files.map((file) => file.path));
    for (const needed of ["dist/server.js", "dist/cli.js", "dist/typescript.js", "docs/editors.md", "package.json", ...RULES.map((rule) => `docs/rules/${rule.id}.md`)]) {
      assert.ok(files.has(needed), `${needed} is packed`);
    }
    const stray = [...files].filter((file) => /^(server|client|test|e2e|bench)\//.test(file) || file.endsWith(".map"));
    assert.deepEqual(stray, []);
  });
});
