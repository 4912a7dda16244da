// Bundles the three entry points; `vscode` is provided by the editor at run time.
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  logLevel: "warning",
  // ESM-only dependencies (fdir) call createRequire(import.meta.url); give them the bundle's own URL.
  define: { "import.meta.url": "__bundleImportMetaUrl" },
  banner: { js: 'var __bundleImportMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] }),
  build({ ...common, entryPoints: ["server/src/lsp/main.ts"], outfile: "dist/server.js" }),
  build({ ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
]);
