// `npm run fuzz [-- --seed N --count N --cli-files N --replay SEED]`: seeded mutations of every
// fixture under test/fixtures, each checked in-process (analysis never throws, a fix never breaks a
// file that parsed, fix-all twice changes nothing, no edit outside its fix's range), in a worker
// thread watched for hangs; then the CLI on a tree of mutated files (`check` exits 0 or 1 with no
// stack trace, `fix --unsafe` breaks no file that parsed, a second `fix --unsafe` changes nothing).
// Each problem is printed with the seed that replays it. Not part of `npm test`; a sample of it is.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { checkSource, fuzzCase, loadFixtures, syntaxErrorCount, type Problem } from "./mutate";

export interface FuzzReport {
  seed: number;
  fixture: string;
  problems: Problem[];
  milliseconds: number;
}

/** Runs cases `seed … seed + count - 1` in this thread. */
export function runCases(seed: number, count: number, onCase?: (report: FuzzReport) => void): FuzzReport[] {
  const fixtures = loadFixtures();
  const reports: FuzzReport[] = [];
  for (let s = seed; s < seed + count; s++) {
    const started = performance.now();
    const fuzz = fuzzCase(fixtures, s);
    const report = { seed: s, fixture: fuzz.fixture.name, problems: checkSource(fuzz.fileName, fuzz.text), milliseconds: performance.now() - started };
    reports.push(report);
    onCase?.(report);
  }
  return reports;
}

const HANG_MS = 20_000;
const SLOW_MS = 5_000;

/** Runs the cases in a worker; a case that does not finish within HANG_MS is a hang, and the run goes on after it. */
async function runWatched(seed: number, count: number): Promise<FuzzReport[]> {
  const reports: FuzzReport[] = [];
  let next = seed;
  while (next < seed + count) {
    const from = next;
    // tsx's require hook, so the worker runs this TypeScript file too.
    const worker = new Worker(`require("tsx/cjs"); require(${JSON.stringify(__filename)});`, { eval: true, workerData: { seed: from, count: seed + count - from } });
    await new Promise<void>((resolve) => {
      let watchdog = setTimeout(hang, HANG_MS);
      function hang() {
        reports.push({ seed: next, fixture: "?", problems: [{ kind: "crash", detail: `hang: no answer within ${HANG_MS / 1000} s` }], milliseconds: HANG_MS });
        next++;
        void worker.terminate().then(() => resolve());
      }
      worker.on("message", (report: FuzzReport) => {
        clearTimeout(watchdog);
        watchdog = setTimeout(hang, HANG_MS);
        reports.push(report);
        next = report.seed + 1;
        if ((next - seed) % 500 === 0) console.log(`  ${next - seed}/${count} cases`);
      });
      worker.on("exit", () => {
        clearTimeout(watchdog);
        resolve();
      });
      worker.on("error", (error) => {
        reports.push({ seed: next, fixture: "?", problems: [{ kind: "crash", detail: `worker died: ${error.message}` }], milliseconds: 0 });
        next++;
      });
    });
  }
  return reports;
}

/** The CLI on a tree of mutated files: what a user running check and fix on them would see. */
export function runCli(seed: number, files: number): string[] {
  const cli = path.resolve(__dirname, "..", "..", "dist", "cli.js");
  if (!fs.existsSync(cli)) return [`dist/cli.js missing: run npm run build first`];
  const fixtures = loadFixtures();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-fuzz-"));
  const problems: string[] = [];
  try {
    const written: Array<{ file: string; seed: number; parsed: boolean }> = [];
    for (let s = seed; s < seed + files; s++) {
      const fuzz = fuzzCase(fixtures, s);
      const file = path.join(dir, `case-${s}${path.extname(fuzz.fileName)}`);
      fs.writeFileSync(file, fuzz.text);
      written.push({ file, seed: s, parsed: syntaxErrorCount(file, fuzz.text) === 0 });
    }
    const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args, "."], { cwd: dir, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    const stackTrace = /^\s+at .+\(.+:\d+:\d+\)$/m;
    const check = run(["check", "--format", "json", "--fix-dry-run"]);
    if (check.status !== 0 && check.status !== 1) problems.push(`check exited ${check.status}: ${check.stderr.split("\n").slice(0, 5).join(" | ")}`);
    if (stackTrace.test(check.stderr)) problems.push(`check printed a stack trace: ${check.stderr.slice(0, 500)}`);
    const first = run(["fix", "--unsafe"]);
    if (stackTrace.test(first.stderr)) problems.push(`fix printed a stack trace: ${first.stderr.slice(0, 500)}`);
    const afterFirst = written.map(({ file }) => fs.readFileSync(file, "utf8"));
    written.forEach(({ file, seed: s, parsed }, i) => {
      if (parsed && syntaxErrorCount(file, afterFirst[i]) !== 0) problems.push(`parse break: fix --unsafe broke ${path.basename(file)} (replay: --replay ${s})`);
    });
    run(["fix", "--unsafe"]);
    written.forEach(({ file, seed: s }, i) => {
      if (fs.readFileSync(file, "utf8") !== afterFirst[i]) problems.push(`non-idempotent: a second fix --unsafe changed ${path.basename(file)} (replay: --replay ${s})`);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main(): Promise<void> {
  const replay = argument("replay", NaN);
  if (!Number.isNaN(replay)) {
    const fuzz = fuzzCase(loadFixtures(), replay);
    console.log(`seed ${replay}: ${fuzz.fixture.name} with ${JSON.stringify(fuzz.mutations)}\n----\n${fuzz.text}\n----`);
    console.log(checkSource(fuzz.fileName, fuzz.text));
    return;
  }
  const seed = argument("seed", 1);
  const count = argument("count", 3000);
  const cliFiles = argument("cli-files", 1000);
  console.log(`fuzz: ${count} in-process cases from seed ${seed}, then the CLI on ${cliFiles} mutated files`);
  const reports = await runWatched(seed, count);
  let failures = 0;
  for (const report of reports) {
    if (report.milliseconds > SLOW_MS) report.problems.push({ kind: "crash", detail: `hang: took ${(report.milliseconds / 1000).toFixed(1)} s` });
    for (const problem of report.problems) {
      failures++;
      console.log(`${problem.kind}: seed ${report.seed} (${report.fixture}): ${problem.detail.split("\n")[0]}  [replay: npm run fuzz -- --replay ${report.seed}]`);
    }
  }
  const cliProblems = cliFiles > 0 ? runCli(seed, cliFiles) : [];
  for (const problem of cliProblems) console.log(`cli: ${problem}`);
  failures += cliProblems.length;
  console.log(`${reports.length} cases, ${cliFiles} CLI files: ${failures === 0 ? "no problems" : `${failures} problems`}`);
  process.exitCode = failures === 0 ? 0 : 1;
}

if (!isMainThread && workerData && typeof (workerData as { seed?: number }).seed === "number") {
  const { seed, count } = workerData as { seed: number; count: number };
  runCases(seed, count, (report) => parentPort!.postMessage(report));
} else if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
