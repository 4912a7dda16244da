// Bundles the three entry points; `vscode` is provided by the editor at run time.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";

// The TypeScript compiler (~9 MB) ships beside the bundles as dist/typescript.js and is loaded on first
// use: most files never need parsing, and compiling it costs every process (and every scan worker)
// ~0.2 s at start-up. `import ts from "typescript"` gets a stand-in with the shipped compiler's export
// names: reading any of them loads the compiler, which then replaces every stand-in property with the
// real value (plain data properties, as fast to read as the compiler's own). Enums are copied here, so
// module top levels that only read them (`new Set([ts.SyntaxKind.EqualsEqualsToken, …])`) load nothing.
const require = createRequire(import.meta.url);
const typescriptPath = require.resolve("typescript");
const ts = require(typescriptPath);
const EARLY_ENUMS = ["SyntaxKind", "NodeFlags", "ScriptKind", "ScriptTarget"];
const shim = `const enums = ${JSON.stringify(Object.fromEntries(EARLY_ENUMS.map((name) => [name, { ...ts[name] }])))};
const keys = ${JSON.stringify(Object.keys(ts))};
const lazy = {};
let real;
function load() {
  if (real === undefined) {
    real = require("./typescript.js");
    for (const key of Object.keys(real)) Object.defineProperty(lazy, key, { value: real[key], writable: true, enumerable: true, configurable: true });
  }
  return real;
}
for (const key of keys) {
  Object.defineProperty(lazy, key, Object.hasOwn(enums, key) ? { value: enums[key], writable: true, enumerable: true, configurable: true } : { get: () => load()[key], enumerable: true, configurable: true });
}
module.exports = { __esModule: true, default: lazy };
`;
const lazyTypeScript = {
  name: "lazy-typescript",
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: "typescript", namespace: "lazy-typescript" }));
    build.onResolve({ filter: /^\.\/typescript\.js$/, namespace: "lazy-typescript" }, () => ({ path: "./typescript.js", external: true }));
    build.onLoad({ filter: /.*/, namespace: "lazy-typescript" }, () => ({ contents: shim, loader: "js" }));
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [lazyTypeScript],
  // ESM-only dependencies (fdir) call createRequire(import.meta.url); give them the bundle's own URL.
  define: { "import.meta.url": "__bundleImportMetaUrl" },
  banner: { js: 'var __bundleImportMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

mkdirSync("dist", { recursive: true });
copyFileSync(typescriptPath, "dist/typescript.js");
await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] }),
  build({ ...common, entryPoints: ["server/src/lsp/main.ts"], outfile: "dist/server.js" }),
  build({ ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
]);
