// `responses-migrate check` on fixture trees: exact ESLint JSON, stylish, SARIF, exit codes, filtering
// and exclusions.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { assertNoStackTrace, cli, makeTree, parseJson, positions, removeTree, ROOT, write } from "./helpers";

const ALL_RULES = [
  "no-assistants-api",
  "no-beta-vector-stores",
  "sequential-tool-loop",
  "unbounded-tool-concurrency",
  "chain-without-fallback",
  "store-false-chain",
  "chat-tool-shape",
  "chat-tool-messages",
  "no-assistants-http",
];

describe("responses-migrate check", () => {
  let tree: string;
  before(() => {
    tree = makeTree();
  });
  after(() => removeTree(tree));

  it("--format json is ESLint's shape with exact positions, skipping node_modules and git-ignored files", () => {
    const result = cli(["check", "--format", "json", "--fix-dry-run"], tree);
    assert.equal(result.status, 1, result.stderr);
    assertNoStackTrace(result.stderr);
    const report = parseJson(result.stdout);
    assert.deepEqual(
      report.map((file) => path.relative(tree, file.filePath)),
      ["src/clean.ts", "src/files.js", "src/support.ts"],
      "node_modules/, generated/ (.gitignore) and src/nested/local-* (nested .gitignore) are skipped; .md is not analysed",
    );
    const [clean, files, support] = report;
    assert.ok(path.isAbsolute(support.filePath));
    assert.deepEqual(clean, {
      filePath: clean.filePath,
      messages: [],
      suppressedMessages: [],
      errorCount: 0,
      fatalErrorCount: 0,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    });
    assert.deepEqual(positions(support.messages), [
      ["no-assistants-api", 2, 6, 24, 6, 50],
      ["no-assistants-api", 2, 7, 9, 7, 44],
      ["no-assistants-api", 2, 8, 21, 8, 59],
      // line 11's call is suppressed with responses-migrate-disable-next-line
    ]);
    assert.match(support.messages[0].message, /^`beta\.threads\.create` no longer works \(Assistants API shut down 2026-08-26\): use `conversations\.create`/);
    assert.match(support.messages[1].message, /^`beta\.threads\.messages\.create` no longer works \(Assistants API shut down 2026-08-26\)/);
    assert.match(support.messages[2].message, /^`beta\.threads\.runs\.createAndPoll` no longer works \(Assistants API shut down 2026-08-26\): use `responses\.create`/);
    assert.equal(support.errorCount, 3);
    assert.equal(support.warningCount, 0);
    assert.equal(support.fatalErrorCount, 0);
    assert.equal(support.source, fs.readFileSync(path.join(tree, "src/support.ts"), "utf8"));
    assert.deepEqual(support.suppressedMessages, []);
    assert.deepEqual(support.usedDeprecatedRules, []);

    assert.deepEqual(positions(files.messages), [["no-beta-vector-stores", 1, 6, 10, 6, 47]]);
    assert.equal(files.messages[0].message, "`beta.vectorStores.files.create` moved to `vectorStores.files.create` (openai 4.87.0): drop `beta.`");
    assert.equal(files.warningCount, 1);

    // ESLint's fix: one range into the source and its replacement; counted as fixable.
    for (const file of report) {
      const fixable = file.messages.filter((m) => m.fix);
      assert.equal(file.fixableErrorCount + file.fixableWarningCount, fixable.length);
      for (const message of fixable) {
        const [start, end] = message.fix!.range;
        assert.ok(Number.isInteger(start) && Number.isInteger(end) && start <= end && end <= file.source!.length);
        assert.equal(typeof message.fix!.text, "string");
      }
    }
  });

  it("an ESLint fix applied to the source gives the rewrite (beta.vectorStores -> vectorStores)", () => {
    const [, files] = parseJson(cli(["check", "-f", "json", "--fix-dry-run"], tree).stdout);
    const fix = files.messages[0].fix;
    if (!fix) return; // no safe fix for this rule yet: nothing to apply
    const fixed = files.source!.slice(0, fix.range[0]) + fix.text + files.source!.slice(fix.range[1]);
    assert.match(fixed, /openai\.vectorStores\.files\.create\(storeId/);
  });

  it("--format json without --fix-dry-run computes no fixes: the same messages without ESLint's fix field", () => {
    const withFixes = parseJson(cli(["check", "-f", "json", "--fix-dry-run"], tree).stdout);
    const plain = cli(["check", "-f", "json"], tree);
    assert.equal(plain.status, 1, plain.stderr);
    const withoutFix = withFixes.map((file) => ({
      ...file,
      messages: file.messages.map(({ fix: _fix, ...message }) => message),
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    }));
    assert.ok(withFixes.some((file) => file.messages.some((m) => m.fix)), "the tree has fixable findings");
    assert.deepEqual(parseJson(plain.stdout), withoutFix);
  });

  it("--fix-dry-run belongs to check", () => {
    const result = cli(["fix", "--fix-dry-run"], tree);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--fix-dry-run belongs to `check`/);
  });

  it("worker threads (used for large scans) give the same report as one thread", () => {
    const single = cli(["check", "-f", "json", "--fix-dry-run"], tree, { RESPONSES_MIGRATE_WORKERS: "0" });
    const threaded = cli(["check", "-f", "json", "--fix-dry-run"], tree, { RESPONSES_MIGRATE_WORKERS: "2" });
    assert.equal(threaded.status, single.status, threaded.stderr);
    assert.deepEqual(parseJson(threaded.stdout), parseJson(single.stdout));
  });

  it("stylish lists findings per file with a summary, without colour when not a TTY", () => {
    const result = cli(["check"], tree);
    assert.equal(result.status, 1);
    assert.doesNotMatch(result.stdout, /\u001b\[/);
    const lines = result.stdout.split("\n");
    const header = lines.indexOf("src/support.ts");
    assert.ok(header >= 0, result.stdout);
    assert.match(lines[header + 1], /^\s+6:24\s+error\s+`beta\.threads\.create` no longer works .*\s+no-assistants-api$/);
    assert.match(lines[header + 2], /^\s+7:9\s+error\s+/);
    assert.match(result.stdout, /src\/files\.js\n\s+6:10\s+warning\s+`beta\.vectorStores\.files\.create` moved/);
    assert.match(result.stdout, /✖ 4 problems \(3 errors, 1 warning\) in 3 files checked/);
    assert.doesNotMatch(result.stdout, /node_modules|generated|local-scratch/);
  });

  it("stylish on a clean tree says so and exits 0", () => {
    const result = cli(["check", "src/clean.ts"], tree);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /✔ No problems found in 1 file\./);
  });

  it("--format sarif is valid SARIF 2.1.0 with rules and 1-based regions", () => {
    const result = cli(["check", "--format", "sarif"], tree);
    assert.equal(result.status, 1, result.stderr);
    const sarif = JSON.parse(result.stdout);
    assert.equal(sarif.version, "2.1.0");
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, "responses-migrate");
    assert.deepEqual(run.tool.driver.rules.map((rule: { id: string }) => rule.id), ALL_RULES);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(rule.helpUri.endsWith(`docs/rules/${rule.id}.md`), rule.helpUri);
      assert.ok(["error", "warning", "note"].includes(rule.defaultConfiguration.level));
    }
    assert.equal(run.tool.driver.rules[0].defaultConfiguration.level, "error");
    assert.equal(run.tool.driver.rules[1].defaultConfiguration.level, "warning");
    assert.equal(run.results.length, 4);
    const first = run.results.find((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri === "src/support.ts");
    assert.equal(first.ruleId, "no-assistants-api");
    assert.equal(first.level, "error");
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, "no-assistants-api");
    assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 6, startColumn: 24, endLine: 6, endColumn: 50 });
    assert.match(first.message.text, /beta\.threads\.create/);
    const warning = run.results.find((r: { ruleId: string }) => r.ruleId === "no-beta-vector-stores");
    assert.equal(warning.level, "warning");
    assert.deepEqual(warning.locations[0].physicalLocation.region, { startLine: 6, startColumn: 10, endLine: 6, endColumn: 47 });
  });

  it("--rule keeps only the named rules; warnings alone exit 0", () => {
    const only = cli(["check", "-f", "json", "--rule", "no-beta-vector-stores"], tree);
    assert.equal(only.status, 0);
    const messages = parseJson(only.stdout).flatMap((file) => file.messages);
    assert.deepEqual(messages.map((m) => m.ruleId), ["no-beta-vector-stores"]);
    const both = cli(["check", "-f", "json", "--rule", "no-beta-vector-stores", "--rule", "no-assistants-api"], tree);
    assert.equal(both.status, 1);
    assert.equal(parseJson(both.stdout).flatMap((file) => file.messages).length, 4);
    const sarif = JSON.parse(cli(["check", "-f", "sarif", "--rule", "no-assistants-api"], tree).stdout);
    assert.deepEqual(sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id), ["no-assistants-api"]);
  });

  it("explicit files, --exclude and several paths", () => {
    const single = parseJson(cli(["check", "-f", "json", "src/files.js"], tree).stdout);
    assert.deepEqual(single.map((file) => path.basename(file.filePath)), ["files.js"]);
    const excluded = parseJson(cli(["check", "-f", "json", "--exclude", "src/support.ts", "."], tree).stdout);
    assert.deepEqual(excluded.map((file) => path.basename(file.filePath)), ["clean.ts", "files.js"]);
    const twice = parseJson(cli(["check", "-f", "json", "src", "src/files.js"], tree).stdout);
    assert.equal(twice.length, 3, "a file named twice is reported once");
    const markdown = cli(["check", "src/notes.md"], tree);
    assert.equal(markdown.status, 0);
    assert.match(markdown.stderr, /notes\.md: not a JavaScript, TypeScript or Python file/);
  });

  it("--max-file-size skips larger files with a note", () => {
    const result = cli(["check", "-f", "json", "--max-file-size", "100"], tree);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /src\/support\.ts: skipped \(larger than maxFileSize/);
  });

  it("usage errors exit 2 with one clear line and no stack trace", () => {
    const cases: Array<[string[], RegExp]> = [
      [["check", "--rule", "no-such-rule"], /unknown rule "no-such-rule"; known rules: no-assistants-api,/],
      [["check", "--format", "xml"], /unknown format "xml"/],
      [["check", "--bogus"], /Unknown option '--bogus'/],
      [["check", "does/not/exist"], /no such file or directory: does\/not\/exist/],
      [[], /missing command/],
      [["lint"], /unknown command "lint"/],
      [["check", "--max-file-size", "lots"], /--max-file-size must be a positive whole number/],
      [["check", "--dry-run"], /belong to `fix`/],
    ];
    for (const [args, message] of cases) {
      const result = cli(args, tree);
      assert.equal(result.status, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
      assert.equal(result.stdout, "");
      assertNoStackTrace(result.stderr);
    }
  });

  it("--help and --version", () => {
    const help = cli(["--help"], tree);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /responses-migrate check \[paths\.\.\.\]/);
    for (const rule of ALL_RULES) assert.match(help.stdout, new RegExp(rule));
    const version = cli(["--version"], tree);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  });

  it("a file deleted during the scan is skipped quietly; an unreadable one gets a note", () => {
    const dir = makeTree();
    try {
      // A dangling symlink looks like a file to discovery but reads as ENOENT.
      fs.symlinkSync(path.join(dir, "gone.ts"), path.join(dir, "src", "dangling.ts"));
      const result = cli(["check", "-f", "json"], dir);
      assert.equal(result.status, 1);
      assert.doesNotMatch(result.stderr, /dangling/);
      if (process.getuid?.() !== 0) {
        const locked = write(dir, "src/locked.ts", "client.beta.threads.create();\n");
        fs.chmodSync(locked, 0);
        const unreadable = cli(["check", "-f", "json"], dir);
        assert.match(unreadable.stderr, /src\/locked\.ts: unreadable \(EACCES\)/);
      }
    } finally {
      removeTree(dir);
    }
  });
});
