// Shared by the CLI tests: run `node dist/cli.js` and build mutable fixture trees in temp dirs.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CLI = path.join(ROOT, "dist", "cli.js");
export const FIXTURES = path.join(ROOT, "test", "fixtures", "cli");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "", RESPONSES_MIGRATE_DEBUG: "", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temp copy of a fixture tree, plus what git cannot hold: node_modules/ and a git-ignored folder with matches. */
export function makeTree(fixture = "basic"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rm-cli-"));
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  const call = 'import OpenAI from "openai";\nconst ai = new OpenAI();\nexport const t = ai.beta.threads.create();\n';
  write(dir, ".gitignore", "generated/\n");
  write(dir, "generated/out.ts", call);
  write(dir, "node_modules/some-sdk/index.js", call);
  write(dir, "src/nested/.gitignore", "local-*.ts\n");
  write(dir, "src/nested/local-scratch.ts", call);
  return dir;
}

export function write(dir: string, relative: string, content: string | Uint8Array): string {
  const full = path.join(dir, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  return full;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: { range: [number, number]; text: string };
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: unknown[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  usedDeprecatedRules: unknown[];
}

export function parseJson(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

/** Positions and ids only: what must stay exact whatever the engine's fixes become. */
export function positions(messages: JsonMessage[]): Array<[string | null, number, number, number, number | undefined, number | undefined]> {
  return messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn]);
}

export function assertNoStackTrace(stderr: string): void {
  if (/^\s+at /m.test(stderr)) throw new Error(`stack trace on stderr:\n${stderr}`);
}
