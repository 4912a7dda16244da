// Bulk suppressions, as ESLint 9.24+ does them: `check --suppress-all` records counts per file and
// rule, every later check applies them, one finding more fails with just that finding, and
// `--prune-suppressions` lowers the counts so fixed code cannot come back.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { assertNoStackTrace, cli, parseJson, positions, removeTree, write } from "./helpers";

const HEADER = 'import OpenAI from "openai";\nconst client = new OpenAI();\n';
const TWO_CALLS = `${HEADER}export const a = client.beta.threads.create();\nexport const b = client.beta.assistants.list();\n`;
const ONE_CALL = `${HEADER}export const c = client.beta.threads.create();\n`;
const FILE = "responses-migrate-suppressions.json";

function readCounts(dir: string, file = FILE): unknown {
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
}

describe("check: bulk suppressions", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-suppress-"));
    write(dir, "src/app.ts", TWO_CALLS);
    write(dir, "src/other.ts", ONE_CALL);
    write(dir, "src/vector.js", "export const f = (openai) => openai.beta.vectorStores.create({});\n");
  });
  afterEach(() => removeTree(dir));

  it("--suppress-all records error counts per file and rule in ESLint's format, and exits 0", () => {
    const result = cli(["check", "--suppress-all", "-f", "json"], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(readCounts(dir), {
      "src/app.ts": { "no-assistants-api": { count: 2 } },
      "src/other.ts": { "no-assistants-api": { count: 1 } },
    }, "warnings (no-beta-vector-stores) are not recorded, as ESLint records errors only");
    const report = parseJson(result.stdout);
    const app = report.find((file) => file.filePath.endsWith("app.ts"))!;
    assert.deepEqual(app.messages, []);
    assert.equal(app.errorCount, 0);
    assert.deepEqual(
      app.suppressedMessages.map((m) => [(m as { ruleId: string }).ruleId, (m as { line: number }).line, (m as { suppressions: unknown }).suppressions]),
      [
        ["no-assistants-api", 3, [{ kind: "file", justification: "" }]],
        ["no-assistants-api", 4, [{ kind: "file", justification: "" }]],
      ],
    );
    assert.match(result.stderr, /3 findings recorded in responses-migrate-suppressions\.json/);
  });

  it("a later check reads the file by itself and passes; warnings are still reported", () => {
    cli(["check", "--suppress-all"], dir);
    const result = cli(["check"], dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /no-assistants-api/);
    assert.match(result.stdout, /src\/vector\.js\n\s+1:30\s+warning\s+`beta\.vectorStores\.create` moved/);
    assert.match(result.stderr, /3 findings within the counts recorded in responses-migrate-suppressions\.json not reported/);
  });

  it("one new finding in a recorded file fails with exit 1, reporting only that finding", () => {
    cli(["check", "--suppress-all"], dir);
    write(dir, "src/app.ts", `${TWO_CALLS}export const d = client.beta.threads.runs.list("t");\n`);
    const result = cli(["check", "-f", "json"], dir);
    assert.equal(result.status, 1, result.stderr);
    const messages = parseJson(result.stdout).flatMap((file) => file.messages.map((m) => [path.relative(dir, file.filePath), ...positions([m])[0]]));
    assert.deepEqual(messages, [
      ["src/app.ts", "no-assistants-api", 2, 5, 18, 5, 47],
      ["src/vector.js", "no-beta-vector-stores", 1, 1, 30, 1, 61],
    ]);
    const stylish = cli(["check"], dir);
    assert.equal(stylish.status, 1);
    assert.match(stylish.stdout, /src\/app\.ts\n\s+5:18\s+error\s+`beta\.threads\.runs\.list` no longer works/);
    assert.match(stylish.stdout, /1 error, 1 warning/);
  });

  it("a new file with a finding fails; the recorded ones stay quiet", () => {
    cli(["check", "--suppress-all"], dir);
    write(dir, "src/new.ts", ONE_CALL);
    const report = parseJson(cli(["check", "-f", "json"], dir).stdout);
    const errors = report.flatMap((file) => file.messages.filter((m) => m.severity === 2).map(() => path.relative(dir, file.filePath)));
    assert.deepEqual(errors, ["src/new.ts"]);
  });

  it("after a fix, check fails until --prune-suppressions lowers the count; the fixed call coming back fails", () => {
    cli(["check", "--suppress-all"], dir);
    write(dir, "src/app.ts", `${HEADER}export const a = client.beta.threads.create();\n`);
    const stale = cli(["check"], dir);
    assert.equal(stale.status, 2, "ESLint fails on recorded findings that no longer occur");
    assert.match(stale.stderr, /1 recorded findings in responses-migrate-suppressions\.json do not occur any more \(src\/app\.ts\): run check with --prune-suppressions/);
    assert.equal(cli(["check", "--pass-on-unpruned-suppressions"], dir).status, 0);

    const pruned = cli(["check", "--prune-suppressions"], dir);
    assert.equal(pruned.status, 0, pruned.stderr);
    assert.match(pruned.stderr, /1 recorded findings pruned from responses-migrate-suppressions\.json; 2 remain/);
    assert.deepEqual(readCounts(dir), {
      "src/app.ts": { "no-assistants-api": { count: 1 } },
      "src/other.ts": { "no-assistants-api": { count: 1 } },
    });
    assert.equal(cli(["check"], dir).status, 0);

    write(dir, "src/app.ts", TWO_CALLS);
    const back = cli(["check", "-f", "json"], dir);
    assert.equal(back.status, 1);
    const app = parseJson(back.stdout).find((file) => file.filePath.endsWith("app.ts"))!;
    assert.deepEqual(positions(app.messages), [["no-assistants-api", 2, 4, 18, 4, 45]]);
    assert.equal(app.suppressedMessages.length, 1);
  });

  it("prune drops entries that reach zero, files included", () => {
    cli(["check", "--suppress-all"], dir);
    fs.rmSync(path.join(dir, "src/other.ts"));
    write(dir, "src/other.ts", "export const nothing = 1;\n");
    assert.equal(cli(["check", "--prune-suppressions"], dir).status, 0);
    assert.deepEqual(readCounts(dir), { "src/app.ts": { "no-assistants-api": { count: 2 } } });
  });

  it("--format sarif carries suppressions of kind external for recorded findings", () => {
    cli(["check", "--suppress-all"], dir);
    write(dir, "src/new.ts", ONE_CALL);
    const result = cli(["check", "-f", "sarif"], dir);
    assert.equal(result.status, 1, result.stderr);
    const results = JSON.parse(result.stdout).runs[0].results as Array<{
      ruleId: string;
      suppressions?: Array<{ kind: string; justification: string }>;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
    const summary = results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine, r.ruleId, r.suppressions?.[0]?.kind ?? "open"]);
    assert.deepEqual(summary.sort(), [
      ["src/app.ts", 3, "no-assistants-api", "external"],
      ["src/app.ts", 4, "no-assistants-api", "external"],
      ["src/new.ts", 3, "no-assistants-api", "open"],
      ["src/other.ts", 3, "no-assistants-api", "external"],
      ["src/vector.js", 1, "no-beta-vector-stores", "open"],
    ]);
    assert.equal(results.find((r) => r.suppressions)!.suppressions![0].justification, "recorded in responses-migrate-suppressions.json");
  });

  it("--suppress-rule records one rule; --suppressions-location moves the file", () => {
    const result = cli(["check", "--suppress-rule", "no-assistants-api", "--suppressions-location", "ci/counts.json"], dir);
    assert.equal(result.status, 2, "the folder does not exist yet");
    fs.mkdirSync(path.join(dir, "ci"));
    assert.equal(cli(["check", "--suppress-rule", "no-assistants-api", "--suppressions-location", "ci/counts.json"], dir).status, 0);
    assert.equal(fs.existsSync(path.join(dir, FILE)), false);
    assert.deepEqual(Object.keys(readCounts(dir, "ci/counts.json") as object), ["src/app.ts", "src/other.ts"]);
    assert.equal(cli(["check"], dir).status, 1, "the default location holds nothing");
    assert.equal(cli(["check", "--suppressions-location", "ci/counts.json"], dir).status, 0);
  });

  it("usage errors: conflicting options, a missing explicit file, a broken file", () => {
    const cases: Array<[string[], RegExp]> = [
      [["check", "--suppress-all", "--suppress-rule", "no-assistants-api"], /--suppress-all and --suppress-rule cannot be used together/],
      [["check", "--suppress-all", "--prune-suppressions"], /--prune-suppressions cannot be used with --suppress-all/],
      [["check", "--suppress-rule", "no-such-rule"], /unknown rule "no-such-rule"/],
      [["check", "--suppressions-location", "missing.json"], /the suppressions file missing\.json does not exist/],
      [["fix", "--suppress-all"], /the suppression options belong to `check`/],
    ];
    for (const [args, message] of cases) {
      const result = cli(args, dir);
      assert.equal(result.status, 2, args.join(" "));
      assert.match(result.stderr, message);
      assertNoStackTrace(result.stderr);
    }
    write(dir, FILE, "{ not json");
    const broken = cli(["check"], dir);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /failed to parse the suppressions file at .*responses-migrate-suppressions\.json/);
  });
});
