// Bundles the three entry points; `vscode` is provided by the editor at run time.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
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
// The stand-ins live on the prototype: esbuild's interop copies an imported module's own properties
// into every importing module (a getter each, dozens of modules), which for the compiler's ~600 names
// costs more at start-up than the whole lazy load saves. Loading puts the real values on \`lazy\` itself.
const standIns = {};
const lazy = Object.create(standIns);
let real;
function compile() {
  // With the V8 code cache written at build time (same Node only: V8 rejects it anywhere else, and then
  // simply compiles) the compiler loads in about half the time. No cache file: a plain require.
  const fs = require("fs");
  const path = require("path");
  const file = path.join(__dirname, "typescript.js");
  let cachedData;
  try {
    cachedData = fs.readFileSync(path.join(__dirname, "typescript.cache"));
  } catch {
    return require("./typescript.js");
  }
  const Module = require("module");
  const vm = require("vm");
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, __dirname);
  return module.exports;
}
function load() {
  if (real === undefined) {
    real = compile();
    for (const key of Object.keys(real)) Object.defineProperty(lazy, key, { value: real[key], writable: true, enumerable: true, configurable: true });
  }
  return real;
}
for (const key of keys) {
  if (Object.hasOwn(enums, key)) Object.defineProperty(lazy, key, { value: enums[key], writable: true, enumerable: true, configurable: true });
  else Object.defineProperty(standIns, key, { get: () => load()[key], enumerable: true, configurable: true });
}
// Not an ES module namespace: esbuild then hands \`import ts from "typescript"\` this object as a plain
// data property, where an __esModule object's \`default\` would be a getter run on every \`ts.\` access.
module.exports = lazy;
`;
const lazyTypeScript = {
  name: "lazy-typescript",
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: "typescript", namespace: "lazy-typescript" }));
    build.onResolve({ filter: /^\.\/typescript\.js$/, namespace: "lazy-typescript" }, () => ({ path: "./typescript.js", external: true }));
    build.onLoad({ filter: /.*/, namespace: "lazy-typescript" }, () => ({ contents: shim, loader: "js" }));
  },
};

/**
 * V8 code cache for the compiler, taken after it has parsed this repository's sources (so the parser's
 * functions are compiled in it too). Only this Node's V8 accepts it; the shim falls back to compiling.
 */
function writeCodeCache(file, cacheFile) {
  const wrapped = Module.wrap(readFileSync(file, "utf8"));
  const script = new vm.Script(wrapped, { filename: path.resolve(file) });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(path.resolve(file)), module, path.resolve(file), path.dirname(path.resolve(file)));
  const compiler = module.exports;
  for (const directory of ["server/src/engine", "server/src/engine/typescript", "server/src/cli", "test/fixtures/fixes"]) {
    for (const name of readdirSync(directory)) {
      if (!/\.[jt]sx?$/.test(name)) continue;
      const source = compiler.createSourceFile(name, readFileSync(path.join(directory, name), "utf8"), compiler.ScriptTarget.Latest, true, name.endsWith("x") ? compiler.ScriptKind.TSX : compiler.ScriptKind.TS);
      compiler.forEachChild(source, function visit(node) {
        compiler.forEachChild(node, visit);
      });
    }
  }
  writeFileSync(cacheFile, script.createCachedData());
}

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

// The CLI and the server are npm `bin`s (`responses-migrate`, `responses-migrate-server`): they need a shebang.
const executable = { banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } };

mkdirSync("dist", { recursive: true });
copyFileSync(typescriptPath, "dist/typescript.js");
// The burn-down chart's library, inlined into the pages the CLI writes and the webview shows.
for (const file of ["uPlot.iife.min.js", "uPlot.min.css"]) copyFileSync(path.join(path.dirname(require.resolve("uplot/package.json")), "dist", file), `dist/${file}`);
// The Python parser's WebAssembly (web-tree-sitter's runtime and the tree-sitter-python grammar) ships
// beside the bundles too and is compiled on first use (server/src/engine/python/parser.ts).
copyFileSync(require.resolve("web-tree-sitter/tree-sitter.wasm"), "dist/tree-sitter.wasm");
copyFileSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm"), "dist/tree-sitter-python.wasm");
writeCodeCache("dist/typescript.js", "dist/typescript.cache");
await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] }),
  build({ ...common, ...executable, entryPoints: ["server/src/lsp/main.ts"], outfile: "dist/server.js" }),
  build({ ...common, ...executable, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js" }),
  build({ ...common, entryPoints: ["server/src/lsp/analysisWorker.ts"], outfile: "dist/analysisWorker.js" }),
]);
