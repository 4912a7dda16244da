// Bundles the three entry points; `vscode` is provided by the editor at run time.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";

// The TypeScript compiler (~9 MB) ships beside the bundles as dist/typescript.js and is loaded on first
// use: most files never need parsing, and compiling it costs every process (and every scan worker)
// ~0.2 s at start-up. `import ts from "typescript"` gets a shim whose `default` loads it then. Module
// top levels that only read enums (`new Set([ts.SyntaxKind.EqualsEqualsToken, …])`) get copies of the
// shipped compiler's enums, taken here, so they do not load it.
const require = createRequire(import.meta.url);
const typescriptPath = require.resolve("typescript");
const ts = require(typescriptPath);
const EARLY_ENUMS = ["SyntaxKind", "NodeFlags", "ScriptKind", "ScriptTarget"];
const enums = Object.fromEntries(EARLY_ENUMS.map((name) => [name, { ...ts[name] }]));
const shim = `let ts;
const load = () => (ts ??= require("./typescript.js"));
const enums = ${JSON.stringify(enums)};
const early = new Proxy({}, { get: (_, key) => (ts === undefined && Object.hasOwn(enums, key) ? enums[key] : load()[key]) });
module.exports = { __esModule: true, get default() { return ts ?? early; } };
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
