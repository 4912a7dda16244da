// `responses-migrate burndown` on git repositories built here, commit by commit, from the example app:
// every point equals what `check` reports at that commit (checked out in a worktree), each distinct
// file version is analysed once, merges count on the first-parent line, and outside git it says so.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { analyzeFile, RULES } from "../../server/src/engine";
import { burndownHistory } from "../../server/src/burndown/history";
import { assertNoStackTrace, cli, parseJson, removeTree, ROOT, write } from "./helpers";

const EXAMPLE = path.join(ROOT, "examples");
const GIT_ENV = { GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.invalid", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.invalid" };

function git(repo: string, args: string[], date?: string): string {
  const env = { ...process.env, ...GIT_ENV, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  return execFileSync("git", args, { cwd: repo, env, encoding: "utf8" });
}

function commitAll(repo: string, message: string, date: string): void {
  git(repo, ["add", "-A"]);
  git(repo, ["commit", "-q", "-m", message], date);
}

function example(relative: string): string {
  return fs.readFileSync(path.join(EXAMPLE, relative), "utf8");
}

interface Point {
  commit: string | null;
  date: string;
  assistantsCalls: number;
  byRule: Record<string, number>;
}

/** What `check` reports per rule in a directory. */
function checkCounts(directory: string): Record<string, number> {
  const result = cli(["check", "-f", "json"], directory);
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  const counts: Record<string, number> = {};
  for (const file of parseJson(result.stdout)) for (const m of file.messages) counts[m.ruleId!] = (counts[m.ruleId!] ?? 0) + 1;
  return counts;
}

function nonZero(byRule: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byRule).filter(([, n]) => n > 0));
}

describe("responses-migrate burndown", () => {
  let repo: string;
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "rm-burndown-"));
    git(repo, ["init", "-q", "-b", "main"]);
    // 1: the example app, plus files check never reads: a git-ignored folder and node_modules, both tracked.
    for (const file of ["src/app/api/chat/route.ts", "src/lib/customerThreads.ts", "src/lib/tools.ts", "src/worker/triage.ts", "package.json"]) write(repo, file, example(file));
    write(repo, ".gitignore", "generated/\n");
    write(repo, "generated/out.ts", example("src/worker/triage.ts"));
    write(repo, "node_modules/sdk/index.js", "module.exports = (c) => c.beta.threads.create();\n");
    git(repo, ["add", "-A"]);
    git(repo, ["add", "-f", "generated/out.ts", "node_modules/sdk/index.js"]);
    git(repo, ["commit", "-q", "-m", "support desk on Assistants"], "2026-01-10T12:00:00Z");
    // 2: a second worker, a copy of the first (same blob), and one more call.
    write(repo, "src/worker/escalations.ts", example("src/worker/triage.ts"));
    write(repo, "src/lib/tools.ts", `${example("src/lib/tools.ts")}\nexport const draft = (client: any) => client.beta.threads.messages.list("thread_1");\n`);
    commitAll(repo, "escalation worker", "2026-02-10T12:00:00Z");
    // 3: the chat route migrated by `fix` itself (its thread rewrite needs an assistant definition stub: unsafe).
    const fixed = cli(["fix", "--unsafe", "src/app/api/chat/route.ts"], repo);
    assert.equal(fixed.status === 0 || fixed.status === 1, true, fixed.stderr);
    commitAll(repo, "chat route on Responses", "2026-03-10T12:00:00Z");
    // 4: a side branch adds a call; merged with --no-ff, its own commit is off the first-parent line.
    git(repo, ["checkout", "-q", "-b", "side"]);
    write(repo, "src/lib/extra.ts", 'import OpenAI from "openai";\nexport const list = (c: OpenAI) => c.beta.assistants.list();\n');
    commitAll(repo, "side: assistants list", "2026-04-01T12:00:00Z");
    git(repo, ["checkout", "-q", "main"]);
    write(repo, "src/worker/escalations.ts", "export const retired = true;\n");
    commitAll(repo, "retire escalation worker", "2026-04-05T12:00:00Z");
    git(repo, ["merge", "-q", "--no-ff", "-m", "merge side", "side"], "2026-04-10T12:00:00Z");
    // 5: a .gitignore that now leaves out the worker folder.
    write(repo, ".gitignore", "generated/\nsrc/worker/\n");
    commitAll(repo, "stop scanning workers", "2026-05-10T12:00:00Z");
  });
  after(() => removeTree(repo));

  function firstParent(): string[] {
    return git(repo, ["rev-list", "--first-parent", "--reverse", "HEAD"]).trim().split("\n");
  }

  it("--format json: one point per first-parent commit, oldest first, each equal to check at that commit", () => {
    const result = cli(["burndown", "--format", "json"], repo);
    assert.equal(result.status, 0, result.stderr);
    assertNoStackTrace(result.stderr);
    const points = JSON.parse(result.stdout) as Point[];
    const commits = firstParent();
    assert.equal(commits.length, 6, "the side branch's own commit is not on the first-parent line");
    assert.deepEqual(points.map((p) => p.commit), commits);
    assert.deepEqual(points.map((p) => p.date.slice(0, 10)), ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-05", "2026-04-10", "2026-05-10"]);
    const worktree = fs.mkdtempSync(path.join(os.tmpdir(), "rm-burndown-wt-"));
    try {
      for (const [index, commit] of commits.entries()) {
        const at = path.join(worktree, String(index));
        git(repo, ["worktree", "add", "-q", "--detach", at, commit]);
        const expected = checkCounts(at);
        assert.deepEqual(nonZero(points[index].byRule), expected, `commit ${index + 1}`);
        assert.equal(points[index].assistantsCalls, expected["no-assistants-api"] ?? 0, `commit ${index + 1}`);
        git(repo, ["worktree", "remove", "--force", at]);
      }
    } finally {
      removeTree(worktree);
      git(repo, ["worktree", "prune"]);
    }
    // The history this repository was built to have: the copy adds the worker's calls, the fix takes
    // the route's away, the side branch's call arrives with the merge, the ignored workers leave.
    const calls = points.map((p) => p.assistantsCalls);
    assert.ok(calls[1] > calls[0] && calls[2] < calls[1] && calls[4] === calls[3] + 1 && calls[5] < calls[4], calls.join(","));
    assert.deepEqual(Object.keys(points[0].byRule).sort(), RULES.map((rule) => rule.id).sort(), "every rule has a count, zeros included");
  });

  it("analyses each distinct file version once (cached by blob id)", async () => {
    let analyses = 0;
    const points = [];
    for await (const point of burndownHistory({ root: repo, analyze: (name, bytes, options) => (analyses++, analyzeFile(name, bytes, options)) })) points.push(point);
    assert.equal(points.length, 6);
    // Distinct versions of the files check reads, across the first-parent commits.
    const versions = new Set<string>();
    let fileCommits = 0;
    for (const commit of firstParent()) {
      for (const line of git(repo, ["ls-tree", "-r", commit]).trim().split("\n")) {
        const [meta, file] = line.split("\t");
        if (!/\.(ts|js)$/.test(file) || /^(generated|node_modules)\//.test(file)) continue;
        if (file.startsWith("src/worker/") && commit === firstParent().at(-1)) continue;
        versions.add(meta.split(" ")[2]);
        fileCommits++;
      }
    }
    assert.equal(analyses, versions.size);
    assert.ok(analyses < fileCommits, `${analyses} analyses for ${fileCommits} files over all commits`);
  });

  it("--since keeps later commits only; a path narrows the count as check <path> does", () => {
    const since = JSON.parse(cli(["burndown", "-f", "json", "--since", "2026-03-01"], repo).stdout) as Point[];
    assert.deepEqual(since.map((p) => p.date.slice(0, 10)), ["2026-03-10", "2026-04-05", "2026-04-10", "2026-05-10"]);
    const lib = JSON.parse(cli(["burndown", "-f", "json", "src/lib"], repo).stdout) as Point[];
    assert.equal(lib.at(-1)!.assistantsCalls, checkCounts(path.join(repo, "src/lib"))["no-assistants-api"] ?? 0);
    assert.ok(lib[0].assistantsCalls < JSON.parse(cli(["burndown", "-f", "json"], repo).stdout)[0].assistantsCalls);
  });

  it("--format text: a row per commit and a sparkline", () => {
    const result = cli(["burndown"], repo);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    assert.match(lines[0], /^commit\s+date\s+assistants\s+other$/);
    assert.equal(lines.filter((line) => /^[0-9a-f]{10}  2026-\d\d-\d\d\s+\d+\s+\d+$/.test(line)).length, 6);
    const points = JSON.parse(cli(["burndown", "-f", "json"], repo).stdout) as Point[];
    assert.match(lines.at(-1)!, new RegExp(`^[▁▂▃▄▅▆▇█]{6}  Assistants call sites: ${points[0].assistantsCalls} → ${points.at(-1)!.assistantsCalls}$`));
    assert.equal(result.stderr, "", "no progress output when stderr is not a TTY");
  });

  it("--format html: a self-contained page with uPlot inlined, the points, a strict CSP and nothing from the network", () => {
    const result = cli(["burndown", "--format", "html"], repo);
    assert.equal(result.status, 0, result.stderr);
    const html = result.stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'">/);
    assert.ok(html.includes(fs.readFileSync(path.join(ROOT, "node_modules/uplot/dist/uPlot.iife.min.js"), "utf8")), "uPlot inlined");
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/);
    const points = JSON.parse(html.match(/<script nonce="[^"]+" type="application\/json" id="burndown-points">(.*?)<\/script>/)![1]) as Point[];
    assert.deepEqual(points.map((p) => p.commit), firstParent());
  });

  it("outside a git repository: says so and gives today's count", () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), "rm-nogit-"));
    try {
      write(plain, "src/triage.ts", example("src/worker/triage.ts"));
      const env = { GIT_CEILING_DIRECTORIES: path.dirname(plain) };
      const json = cli(["burndown", "-f", "json"], plain, env);
      assert.equal(json.status, 0, json.stderr);
      assert.match(json.stderr, /is not in a git repository: no history to walk, counting today's files only/);
      const [point, ...more] = JSON.parse(json.stdout) as Point[];
      assert.equal(more.length, 0);
      assert.equal(point.commit, null);
      assert.equal(point.assistantsCalls, checkCounts(plain)["no-assistants-api"]);
      assert.ok(point.assistantsCalls > 0);
      const text = cli(["burndown"], plain, env);
      assert.match(text.stdout, new RegExp(`^Not a git repository \\(.*\\): today's count only\\.\\nAssistants call sites: ${point.assistantsCalls}\\n`));
      assertNoStackTrace(text.stderr);
    } finally {
      removeTree(plain);
    }
  });

  it("usage errors", () => {
    for (const [args, message] of [
      [["burndown", "-f", "sarif"], /unknown format "sarif" for burndown/],
      [["burndown", "a", "b"], /burndown takes one path/],
      [["check", "--since", "2026-01-01"], /--since belongs to `burndown`/],
    ] as Array<[string[], RegExp]>) {
      const result = cli(args, repo);
      assert.equal(result.status, 2, args.join(" "));
      assert.match(result.stderr, message);
    }
  });
});
