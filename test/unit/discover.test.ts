// The server's asynchronous, depth-first walk lists exactly what the CLI's fdir walk lists, with the
// same exclusions, and tells of each file as it finds it.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { discoverSourceFiles, discoverSourceFilesSync } from "../../server/src/workspace/discover";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "discover-"));
const files = [
  "app.ts",
  "README.md",
  "src/a/b/c/deep.py",
  "src/a/b/notes.txt",
  "src/a/view.tsx",
  "src/generated/out.js",
  "src/keep.mjs",
  "lib/bot.py",
  "lib/data.ipynb",
  "node_modules/openai/index.js",
  ".venv/lib/site.py",
  "build/bundle.js",
  "vendor/skip.ts",
  ".hidden/tool.ts",
];
for (const file of files) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), "// x\n");
}
fs.writeFileSync(path.join(root, ".gitignore"), "build/\n");
fs.writeFileSync(path.join(root, "src/.gitignore"), "generated/\n");
fs.symlinkSync(path.join(root, "app.ts"), path.join(root, "lib/linked.ts"));
fs.mkdirSync(path.join(root, "locked"));
fs.writeFileSync(path.join(root, "locked/secret.ts"), "");
fs.chmodSync(path.join(root, "locked"), 0o000);

after(() => {
  fs.chmodSync(path.join(root, "locked"), 0o755);
  fs.rmSync(root, { recursive: true, force: true });
});

const readable = (() => {
  try {
    fs.readdirSync(path.join(root, "locked"));
    return true; // running as root: permissions do not stop the walk
  } catch {
    return false;
  }
})();

describe("workspace discovery", () => {
  it("lists the supported files the exclusions allow, sorted, as the synchronous walk does", async () => {
    const told: string[] = [];
    const listed = await discoverSourceFiles(root, { exclude: ["vendor/**"] }, (file) => told.push(file));
    const expected = [".hidden/tool.ts", "app.ts", "lib/bot.py", "lib/data.ipynb", "lib/linked.ts", ...(readable ? ["locked/secret.ts"] : []), "src/a/b/c/deep.py", "src/a/view.tsx", "src/keep.mjs"].map((file) => path.join(root, file));
    assert.deepEqual(listed, expected);
    assert.deepEqual([...told].sort(), expected);
    assert.deepEqual(discoverSourceFilesSync(root, { exclude: ["vendor/**"] }), expected);
  });

  it("a root that cannot be read lists nothing", async () => {
    assert.deepEqual(await discoverSourceFiles(path.join(root, "missing")), []);
  });
});
