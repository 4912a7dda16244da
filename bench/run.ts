// `npm run bench`: times the CLI's full `check`, ripgrep (the I/O floor) and the language server's first
// workspace/diagnostic pass on the same generated workspace, then checks they found the same call
// sites, Python (.py) included. Then times `fix --unsafe` with verification on a tree of realistic
// files (`npm run bench -- fix`: only that; `npm run bench -- server`: only ripgrep and the server's
// two passes, cold and after a restart).
// A benchmark, not a test: nothing here fails on time.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, WorkspaceDiagnosticRequest } from "vscode-languageserver-protocol/node";
import * as os from "node:os";
import { DEFAULT_PARAMS, generateWorkspace, type Manifest } from "./generate";
import { benchBundles, benchFix, benchKeystrokes } from "./extra";
import { answerWithDefaults, peakRssMb } from "./lspSession";

const ROOT = path.resolve(__dirname, "..");
const WORKSPACE = path.join(__dirname, ".workspace");
const CLI = path.join(ROOT, "dist", "cli.js");
const SERVER = path.join(ROOT, "dist", "server.js");
const SOURCE_GLOB = "*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py}";
const LSP_TIMEOUT_MS = 10 * 60 * 1000;

interface Timed {
  name: string;
  seconds?: number;
  sites?: Set<string>;
  note?: string;
  extra?: string;
}

function seconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(command, args, { cwd: WORKSPACE });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), seconds: seconds(startedAt) }));
  });
}

function relativeSite(filePath: string, line: number): string {
  return `${path.relative(WORKSPACE, filePath).split(path.sep).join("/")}:${line}`;
}

async function timeRipgrep(): Promise<Timed> {
  if (spawnSync("rg", ["--version"]).error) return { name: "ripgrep", note: "rg not found (apt-get install -y ripgrep)" };
  // --no-ignore-parent: the workspace lives inside this repository, whose .gitignore lists it;
  // --no-require-git: apply the workspace's own .gitignore (dist/, node_modules/) though it is no git repo.
  const result = await run("rg", ["--no-ignore-parent", "--no-require-git", "--line-number", "--no-heading", "--color", "never", "-g", SOURCE_GLOB, "beta\\.(threads|assistants)", "."]);
  if (result.code !== 0 && result.code !== 1) return { name: "ripgrep", note: `rg failed: ${result.stderr.trim()}` };
  const sites = new Set<string>();
  for (const line of result.stdout.split("\n")) {
    const match = /^(.*?):(\d+):/.exec(line);
    if (match) sites.add(relativeSite(path.resolve(WORKSPACE, match[1]), Number(match[2])));
  }
  return { name: "ripgrep", seconds: result.seconds, sites };
}

async function timeCli(): Promise<Timed> {
  const result = await run(process.execPath, [CLI, "check", "--format", "json", "."]);
  if (result.code !== 0 && result.code !== 1) return { name: "CLI check", note: `exit ${result.code}: ${result.stderr.trim().split("\n")[0]}` };
  const sites = new Set<string>();
  const report = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
  let findings = 0;
  for (const file of report) {
    for (const message of file.messages) {
      findings++;
      if (message.ruleId === "no-assistants-api") sites.add(relativeSite(file.filePath, message.line));
    }
  }
  return { name: "CLI check", seconds: result.seconds, sites, extra: `${report.length} files reported, ${findings} findings` };
}

/**
 * `fix --unsafe` with verification on a tree of realistic files (test/fixtures/realistic, the example
 * app, the fix fixtures' befores) that has the openai package installed, so every rewritten
 * TypeScript file is type-checked against it before it is written.
 */
async function timeFix(): Promise<Timed> {
  const tree = path.join(__dirname, ".fix-workspace");
  fs.rmSync(tree, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, "test", "fixtures", "realistic"), path.join(tree, "realistic"), { recursive: true });
  fs.cpSync(path.join(ROOT, "examples", "src"), path.join(tree, "app", "src"), { recursive: true });
  fs.cpSync(path.join(ROOT, "examples", "scripts"), path.join(tree, "app", "scripts"), { recursive: true });
  const fixtures = path.join(ROOT, "test", "fixtures", "fixes");
  fs.mkdirSync(path.join(tree, "fixes"), { recursive: true });
  for (const name of fs.readdirSync(fixtures).filter((file) => file.includes(".before."))) fs.copyFileSync(path.join(fixtures, name), path.join(tree, "fixes", name));
  fs.mkdirSync(path.join(tree, "node_modules"));
  for (const name of ["openai", "typescript"]) fs.symlinkSync(path.join(ROOT, "node_modules", name), path.join(tree, "node_modules", name), "dir");
  const files = fs.readdirSync(tree, { recursive: true }).filter((name) => /\.[cm]?[jt]sx?$/.test(String(name)) && !String(name).startsWith("node_modules")).length;
  const startedAt = performance.now();
  const result = spawnSync(process.execPath, [CLI, "fix", "--unsafe", "."], { cwd: tree, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const elapsed = seconds(startedAt);
  const fixed = /Fixed (\d+) problems? in (\d+) files?/.exec(result.stdout);
  const held = /Held back (\d+) rewrites?/.exec(result.stdout);
  const left = spawnSync(process.execPath, [CLI, "check", "--format", "json", "--rule", "no-assistants-api", "."], { cwd: tree, encoding: "utf8" });
  const report = JSON.parse(left.stdout || "[]") as Array<{ messages: Array<{ message: string }> }>;
  const stillCalling = report.filter((file) => file.messages.some((message) => /no longer works/.test(message.message))).length;
  fs.rmSync(tree, { recursive: true, force: true });
  if (!fixed) return { name: "CLI fix --unsafe (verified)", note: `exit ${result.status}: ${result.stderr.trim().split("\n")[0]}` };
  return { name: "CLI fix --unsafe (verified)", seconds: elapsed, extra: `${files} files: ${fixed[1]} fixes in ${fixed[2]} files, ${held?.[1] ?? 0} held back by the type check, ${stillCalling} files still call the Assistants API` };
}

async function timeServer(name = "LSP workspace/diagnostic", storagePath?: string): Promise<Timed & { firstPartial?: number; peakRssMb?: number }> {
  const child = spawn(process.execPath, [SERVER, "--stdio"], { cwd: WORKSPACE, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.on("exit", (code) => resolve(`server exited with code ${code}${stderr ? `: ${stderr.trim().split("\n")[0]}` : ""}`)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  answerWithDefaults(connection);
  connection.listen();
  const sites = new Set<string>();
  let firstPartial: number | undefined;
  let files = 0;
  const collect = (items: Array<{ uri: string; kind: string; items?: Array<{ code?: string | number; range: { start: { line: number } } }> }>) => {
    for (const report of items) {
      files++;
      for (const diagnostic of report.items ?? []) {
        if (diagnostic.code === "no-assistants-api") sites.add(relativeSite(fileURLToPath(report.uri), diagnostic.range.start.line + 1));
      }
    }
  };
  try {
    const work = (async () => {
      // From before initialize: a restart's cache is loaded there.
      const startedAt = performance.now();
      await connection.sendRequest("initialize", {
        processId: process.pid,
        rootUri: pathToFileURL(WORKSPACE).href,
        workspaceFolders: [{ uri: pathToFileURL(WORKSPACE).href, name: "bench" }],
        initializationOptions: storagePath ? { storagePath } : undefined,
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: false } },
          textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
          window: { workDoneProgress: true },
        },
      });
      connection.sendNotification("initialized", {});
      const token = "bench-partial";
      connection.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (value) => {
        firstPartial ??= seconds(startedAt);
        collect(value.items as Parameters<typeof collect>[0]);
      });
      const result = (await connection.sendRequest("workspace/diagnostic", { previousResultIds: [], partialResultToken: token })) as { items: Parameters<typeof collect>[0] };
      collect(result.items ?? []);
      return seconds(startedAt);
    })();
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(`no answer within ${LSP_TIMEOUT_MS / 1000} s`), LSP_TIMEOUT_MS).unref());
    const outcome = await Promise.race([work, exited, timeout]);
    if (typeof outcome === "string") return { name, note: `server not available (${outcome})` };
    return { name, seconds: outcome, sites, firstPartial, peakRssMb: peakRssMb(child.pid), extra: `${files} file reports` };
  } catch (error) {
    return { name, note: `server not available (${(error as Error).message.split("\n")[0]})` };
  } finally {
    connection.dispose();
    child.kill();
  }
}

function compare(label: string, expected: Set<string>, actual: Set<string> | undefined): boolean {
  if (!actual) return false;
  const missing = [...expected].filter((site) => !actual.has(site));
  const extra = [...actual].filter((site) => !expected.has(site));
  if (missing.length === 0 && extra.length === 0) {
    console.log(`  ${label}: all ${expected.size} call sites, nothing else`);
    return true;
  }
  console.log(`  ${label}: MISMATCH, ${missing.length} missing, ${extra.length} extra`);
  for (const site of missing.slice(0, 10)) console.log(`    missing ${site}`);
  for (const site of extra.slice(0, 10)) console.log(`    extra   ${site}`);
  return false;
}

async function main(): Promise<void> {
  // `npm run bench -- fix`: only the fix figure.
  if (process.argv.includes("fix")) {
    const fix = await timeFix();
    console.log(fix.seconds === undefined ? `${fix.name}: ${fix.note}` : `${fix.name}: ${fix.seconds.toFixed(2)} s (${fix.extra})`);
    return;
  }
  const manifest: Manifest = generateWorkspace(WORKSPACE, DEFAULT_PARAMS, console.log);
  if (process.argv.includes("server")) {
    await timeRipgrep();
    const rg = await timeRipgrep();
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), "rm-bench-storage-"));
    for (const name of ["LSP workspace/diagnostic", "LSP after a restart"]) {
      const pass = await timeServer(name, storage);
      if (pass.seconds === undefined || !rg.seconds) console.log(`${name}: ${pass.note ?? "no ripgrep"}`);
      else console.log(`${name}: ${pass.seconds.toFixed(2)} s (${(pass.seconds / rg.seconds).toFixed(2)}× ripgrep's ${rg.seconds.toFixed(2)} s), first partial ${pass.firstPartial?.toFixed(2)} s, peak RSS ${pass.peakRssMb?.toFixed(0)} MB`);
    }
    fs.rmSync(storage, { recursive: true, force: true });
    return;
  }
  console.log(
    `workspace: ${manifest.files} files (${manifest.jsTsFiles} JS/TS, ${manifest.pythonFiles} Python), ${(manifest.bytes / 1048576).toFixed(1)} MB, ` +
      `${manifest.callSites.length} JS/TS and ${manifest.pythonCallSites.length} Python Assistants call sites, plus dist/ and node_modules/ to skip`,
  );
  // Warm the page cache so every tool reads from memory, as rg would on a second run.
  await timeRipgrep();
  const rg = await timeRipgrep();
  const cli = await timeCli();
  // The first pass fills the storage folder's cache; the second is a warm restart.
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), "rm-bench-storage-"));
  const server = await timeServer("LSP workspace/diagnostic", storage);
  const warm = await timeServer("LSP after a restart", storage);
  fs.rmSync(storage, { recursive: true, force: true });

  console.log("\ntimings (wall clock, same run):");
  for (const tool of [rg, cli, server, warm]) {
    if (tool.seconds === undefined) {
      console.log(`  ${tool.name.padEnd(26)} ${tool.note}`);
      continue;
    }
    const filesPerSecond = Math.round((manifest.jsTsFiles + manifest.pythonFiles) / tool.seconds);
    const ratio = rg.seconds ? `${(tool.seconds / rg.seconds).toFixed(2)}× ripgrep` : "";
    console.log(`  ${tool.name.padEnd(26)} ${tool.seconds.toFixed(2).padStart(7)} s  ${String(filesPerSecond).padStart(7)} files/s  ${ratio}${tool.extra ? `  (${tool.extra})` : ""}`);
  }
  if (server.firstPartial !== undefined) console.log(`  LSP first partial result   ${server.firstPartial.toFixed(2).padStart(7)} s`);
  if (warm.firstPartial !== undefined) console.log(`  warm restart, first partial ${warm.firstPartial.toFixed(2).padStart(6)} s`);
  if (server.peakRssMb !== undefined) console.log(`  server peak RSS            ${server.peakRssMb.toFixed(0).padStart(7)} MB (first pass)${warm.peakRssMb !== undefined ? `, ${warm.peakRssMb.toFixed(0)} MB after a restart` : ""}`);
  const fix = await timeFix();
  console.log(fix.seconds === undefined ? `  ${fix.name.padEnd(26)} ${fix.note}` : `  ${fix.name.padEnd(26)} ${fix.seconds.toFixed(2).padStart(7)} s  (${fix.extra})`);
  if (cli.seconds && rg.seconds) console.log(`\ntarget: CLI within 3× of ripgrep: ${cli.seconds / rg.seconds <= 3 ? "met" : "not met"} (${(cli.seconds / rg.seconds).toFixed(2)}×)`);
  if (server.seconds && rg.seconds) console.log(`target: server pass within 6× of ripgrep: ${server.seconds / rg.seconds <= 6 ? "met" : "not met"} (${(server.seconds / rg.seconds).toFixed(2)}×)`);

  console.log("");
  await benchFix(WORKSPACE);
  await benchBundles();
  await benchKeystrokes();

  console.log("\ncall sites (JS/TS and Python; file:line of `beta.threads`/`beta.assistants` calls):");
  const expected = new Set([...manifest.callSites, ...manifest.pythonCallSites]);
  compare("ripgrep vs generator", expected, rg.sites);
  compare("CLI no-assistants-api vs generator", expected, cli.sites);
  if (server.sites) compare("LSP no-assistants-api vs generator", expected, server.sites);
  else console.log("  LSP: not compared (server not available)");
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
