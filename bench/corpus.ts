// `node --import tsx bench/corpus.ts DIR [--list]`: measures detection and migration on a folder of real
// source files (collected by hand from public repositories, not kept here: their licences vary).
// - Detection: every line that spells `beta.threads` / `beta.assistants` outside a comment is taken as
//   a call site; the CLI's `no-assistants-api` findings on those lines are hits, the others are listed
//   for review (an alias or a client parameter is a hit a line search cannot see).
// - Migration: `fix --unsafe` on a copy; a file is fully migrated when no `no-assistants-api` finding
//   is left. Python files are compiled before and after (`python3 -m py_compile`).
// A measurement, not a test: it prints, and fails only when the CLI cannot run.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CLI = path.resolve(__dirname, "..", "dist", "cli.js");
const HAND_STEP = /^(Migration left a step to do by hand|Assistant definition stub)/;
const SITE = /\bbeta\s*\.\s*(threads|assistants)\b/;

interface Report {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; message: string }>;
}

/** Findings; with `explain`, fixes are computed too, so a call left alone says why. */
function check(dir: string, explain = false): Report[] {
  const result = spawnSync(process.execPath, [CLI, "check", "--format", "json", ...(explain ? ["--fix-dry-run"] : []), dir], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`check exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Report[];
}

function compiles(file: string): boolean {
  return spawnSync("python3", ["-m", "py_compile", file], { env: { ...process.env, PYTHONPYCACHEPREFIX: os.tmpdir() } }).status === 0;
}

function callSiteLines(text: string): number[] {
  const lines: number[] = [];
  text.split("\n").forEach((line, index) => {
    const code = line.replace(/^\s*(#|\/\/).*$/, "");
    if (SITE.test(code)) lines.push(index + 1);
  });
  return lines;
}

function main(): void {
  const [dir, ...flags] = process.argv.slice(2);
  if (!dir) throw new Error("usage: bench/corpus.ts DIR [--list]");
  const list = flags.includes("--list");
  const source = path.resolve(dir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "corpus-"));
  const files = fs.readdirSync(source).filter((name) => /\.(py|ipynb|ts|tsx|js|mjs|cjs)$/.test(name)).sort();
  for (const name of files) fs.copyFileSync(path.join(source, name), path.join(work, name));

  const before = new Map(check(work).map((report) => [path.basename(report.filePath), report]));
  let sites = 0;
  let found = 0;
  const misses: string[] = [];
  const extras: string[] = [];
  const compiledBefore = new Set<string>();
  let withCalls = 0;
  for (const name of files) {
    const text = fs.readFileSync(path.join(work, name), "utf8");
    const expected = name.endsWith(".ipynb") ? [] : callSiteLines(text);
    const reported = new Set((before.get(name)?.messages ?? []).filter((message) => message.ruleId === "no-assistants-api").map((message) => message.line));
    sites += expected.length;
    for (const line of expected) {
      if (reported.has(line)) found++;
      else misses.push(`${name}:${line}: ${text.split("\n")[line - 1].trim().slice(0, 100)}`);
    }
    for (const line of reported) if (!expected.includes(line)) extras.push(`${name}:${line}: ${text.split("\n")[line - 1]?.trim().slice(0, 100)}`);
    if (reported.size > 0) withCalls++;
    if (name.endsWith(".py") && compiles(path.join(work, name))) compiledBefore.add(name);
  }

  const fixRun = spawnSync(process.execPath, [CLI, "fix", "--unsafe", work], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (fixRun.status === 2 || fixRun.status === null) throw new Error(`fix failed: ${fixRun.stderr}`);
  const after = new Map(check(work, true).map((report) => [path.basename(report.filePath), report]));
  let migrated = 0;
  const left: string[] = [];
  const broken: string[] = [];
  const reasons = new Map<string, number>();
  for (const name of files) {
    if ((before.get(name)?.messages ?? []).every((message) => message.ruleId !== "no-assistants-api")) continue;
    // Hand steps the fix left (TODO lines, a definition stub) are not Assistants calls.
    const remaining = (after.get(name)?.messages ?? []).filter((message) => message.ruleId === "no-assistants-api" && !HAND_STEP.test(message.message));
    if (remaining.length === 0) migrated++;
    else left.push(`${name}: ${remaining.length} left`);
    for (const message of remaining) {
      const reason = /blocks it: (.*?)\.?\)?$/.exec(message.message)?.[1] ?? message.message.slice(0, 110);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    if (compiledBefore.has(name) && !compiles(path.join(work, name))) broken.push(name);
  }
  const second = spawnSync(process.execPath, [CLI, "fix", "--unsafe", "--dry-run", work], { encoding: "utf8", maxBuffer: 1 << 28 });
  const changedAgain = /Would fix (\d+)/.exec(second.stderr)?.[1] ?? "0";

  console.log(`files: ${files.length}, with Assistants findings: ${withCalls}`);
  console.log(`detection: ${found} of ${sites} line-search call sites (${((100 * found) / Math.max(1, sites)).toFixed(1)}%), ${extras.length} findings on other lines`);
  console.log(`migration: ${migrated} of ${withCalls} files fully migrated (${((100 * migrated) / Math.max(1, withCalls)).toFixed(1)}%)`);
  console.log(`compiled before and not after: ${broken.length}${broken.length ? ` (${broken.join(", ")})` : ""}`);
  console.log(`a second fix would change: ${changedAgain} problems`);
  console.log("why calls are left:");
  for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, list ? 100 : 15)) console.log(`  ${String(count).padStart(4)}  ${reason}`);
  if (list) {
    console.log("missed call sites:");
    for (const miss of misses) console.log(`  ${miss}`);
    console.log("findings on other lines:");
    for (const extra of extras) console.log(`  ${extra}`);
    console.log("files left:");
    for (const file of left) console.log(`  ${file}`);
  }
  console.log(`fixed copies in ${work}`);
  execFileSync("true");
}

main();
