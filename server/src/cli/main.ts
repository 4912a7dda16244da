// responses-migrate: find OpenAI Assistants API code (shut down 2026-08-26) and rewrite it to the
// Responses API. Parses arguments and dispatches; `check.ts` and `fix.ts` do the work.
import { parseArgs } from "node:util";
import packageJson from "../../../package.json";
import { RULES, ruleById, type RuleId } from "../engine";
import { FORMATS, runCheck, type Format } from "./check";
import { BURNDOWN_FORMATS, runBurndown, type BurndownFormat } from "./burndown";
import { runFix } from "./fix";
import { analyzeOne, isDebug, isNotable, UsageError } from "./scan";
import { isScanWorker, serveScanWorker } from "./workers";

const VERSION: string = packageJson.version;

const HELP = `responses-migrate ${VERSION}
Finds OpenAI Assistants API calls (shut down 2026-08-26) in JavaScript and TypeScript and rewrites
them to the Responses API.

Usage:
  responses-migrate check [paths...] [options]   report findings (default path: .)
  responses-migrate fix [paths...] [options]     apply fixes in place
  responses-migrate burndown [path] [options]    findings per first-parent commit of HEAD

Options for both:
  --rule <id>            only run this rule (repeatable)
  --exclude <glob>       skip paths matching the glob, relative to each directory given (repeatable)
  --max-file-size <n>    skip files larger than n bytes (default 8388608)
Options for check:
  -f, --format <name>    stylish (default), json (ESLint's JSON format) or sarif (SARIF 2.1.0)
  --fix-dry-run          compute the fixes without writing them: json output carries ESLint's
                         \`fix\` field per fixable message (and the reason a thread is not rewritten)
  --suppress-all         record every error as a bulk suppression (counts per file and rule)
  --suppress-rule <id>   record the errors of this rule only (repeatable)
  --prune-suppressions   lower the recorded counts to what remains, dropping zeros
  --suppressions-location <file>
                         the suppressions file (default ./responses-migrate-suppressions.json)
  --pass-on-unpruned-suppressions
                         do not fail when recorded findings no longer occur
Options for fix:
  --unsafe               also apply fixes whose behaviour change needs a human look
  --dry-run              print a unified diff instead of writing files
Options for burndown:
  --since <date>         only commits since the date (as git log --since takes it)
  -f, --format <name>    text (default: a table and a sparkline), json or html (a page with the chart)
Other:
  -h, --help             show this help
  -v, --version          show the version

Directories are walked honouring .gitignore (nested ones too); node_modules is never entered.
In json output, severity is ESLint's: error -> 2; warning, info and hint -> 1.
Exit codes: 0 no error-severity findings, 1 error-severity findings remain,
            2 usage or internal error, or recorded suppressions left unpruned.
Set RESPONSES_MIGRATE_DEBUG=1 to see stack traces.

Rules:
${RULES.map((rule) => `  ${rule.id.padEnd(28)} ${rule.defaultSeverity.padEnd(8)} ${rule.summary}`).join("\n")}
`;

function parseRules(values: string[] | undefined): RuleId[] | undefined {
  if (!values || values.length === 0) return undefined;
  const ids = values.flatMap((value) => value.split(",")).map((id) => id.trim()).filter(Boolean);
  for (const id of ids) {
    if (!ruleById(id)) throw new UsageError(`unknown rule "${id}"; known rules: ${RULES.map((rule) => rule.id).join(", ")}`);
  }
  return ids as RuleId[];
}

function parseMaxFileSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new UsageError(`--max-file-size must be a positive whole number of bytes, got "${value}"`);
  return Number(value);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        rule: { type: "string", multiple: true },
        exclude: { type: "string", multiple: true },
        "max-file-size": { type: "string" },
        unsafe: { type: "boolean" },
        "dry-run": { type: "boolean" },
        "fix-dry-run": { type: "boolean" },
        since: { type: "string" },
        "suppress-all": { type: "boolean" },
        "suppress-rule": { type: "string", multiple: true },
        "prune-suppressions": { type: "boolean" },
        "suppressions-location": { type: "string" },
        "pass-on-unpruned-suppressions": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError("missing command: check, fix or burndown (see --help)");
  const paths = rest.length > 0 ? rest : ["."];
  const onlyRules = parseRules(values.rule);
  const exclude = values.exclude ?? [];
  const maxFileSize = parseMaxFileSize(values["max-file-size"]);
  if (values.since !== undefined && command !== "burndown") throw new UsageError("--since belongs to `burndown`");
  if (command === "check") {
    if (values.unsafe || values["dry-run"]) throw new UsageError("--unsafe and --dry-run belong to `fix`");
    const format = (values.format ?? "stylish") as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}"; use ${FORMATS.join(", ")}`);
    const ratchet = {
      suppressAll: values["suppress-all"],
      suppressRules: parseRules(values["suppress-rule"]),
      pruneSuppressions: values["prune-suppressions"],
      suppressionsLocation: values["suppressions-location"],
      passOnUnprunedSuppressions: values["pass-on-unpruned-suppressions"],
    };
    return runCheck({ paths, format, onlyRules, exclude, maxFileSize, version: VERSION, ratchet, fixDryRun: values["fix-dry-run"] });
  }
  if (values["fix-dry-run"] && command !== "check") throw new UsageError("--fix-dry-run belongs to `check` (`fix --dry-run` prints a diff)");
  if (command === "burndown") {
    if (rest.length > 1) throw new UsageError("burndown takes one path");
    if (onlyRules || values.unsafe || values["dry-run"] || values["suppress-all"] || values["suppress-rule"] || values["prune-suppressions"]) {
      throw new UsageError("burndown counts every rule and takes only --since, --format, --exclude and --max-file-size");
    }
    const format = (values.format ?? "text") as BurndownFormat;
    if (!BURNDOWN_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" for burndown; use ${BURNDOWN_FORMATS.join(", ")}`);
    return runBurndown({ path: paths[0], since: values.since, format, exclude, maxFileSize });
  }
  if (command === "fix") {
    if (values.format !== undefined) throw new UsageError("--format belongs to `check`");
    if (values["suppress-all"] || values["suppress-rule"] || values["prune-suppressions"] || values["suppressions-location"]) {
      throw new UsageError("the suppression options belong to `check`");
    }
    return runFix({ paths, unsafe: values.unsafe ?? false, dryRun: values["dry-run"] ?? false, onlyRules, exclude, maxFileSize });
  }
  throw new UsageError(`unknown command "${command}": use check, fix or burndown (see --help)`);
}

if (isScanWorker()) serveScanWorker(analyzeOne, isNotable);
else runMain();

function runMain(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`responses-migrate: ${error.message}\n`);
      } else {
        process.stderr.write(`responses-migrate: internal error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
        if (isDebug()) console.error(error);
      }
      process.exitCode = 2;
    },
  );
}
