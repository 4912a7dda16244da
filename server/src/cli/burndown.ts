// `responses-migrate burndown [path] [--since <date>] [--format text|json|html]`: the Assistants call
// sites left at each first-parent commit of HEAD, from git's history; outside git, today's count.
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import type { RuleId } from "../engine";
import { chartPage, loadChartLibrary } from "../burndown/chartPage";
import { burndownHistory, emptyCounts, NotInGitRepository, pointOf, type Analyze, type BurndownPoint } from "../burndown/history";
import { GitError } from "../burndown/git";
import { writeOut } from "./check";
import { scan, UsageError } from "./scan";

export type BurndownFormat = "text" | "json" | "html";
export const BURNDOWN_FORMATS: readonly BurndownFormat[] = ["text", "json", "html"];

export interface BurndownCommandOptions {
  path: string;
  since?: string;
  format: BurndownFormat;
  exclude: string[];
  maxFileSize?: number;
  analyze?: Analyze;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

const SPARKS = "▁▂▃▄▅▆▇█";

export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((value) => (max === 0 ? SPARKS[0] : SPARKS[Math.round((value / max) * (SPARKS.length - 1))])).join("");
}

/** Returns the exit code: 0, or 2 when git fails part-way. */
export async function runBurndown(options: BurndownCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const progress = stderr.isTTY
    ? (done: number, commit: { commit: string; date: string }) => stderr.write(`\r\u001b[Kcounting commit ${done}: ${commit.commit.slice(0, 10)} ${commit.date}`)
    : undefined;
  const points: BurndownPoint[] = [];
  try {
    // JSON streams: each point is written as soon as its commit is counted.
    for await (const point of burndownHistory({ root: options.path, since: options.since, exclude: options.exclude, maxFileSize: options.maxFileSize, analyze: options.analyze, onCommit: progress })) {
      if (options.format === "json") await writeOut(stdout, `${points.length === 0 ? "[\n" : ",\n"}  ${JSON.stringify(point)}`);
      points.push(point);
    }
    if (progress) stderr.write("\r\u001b[K");
  } catch (error) {
    if (progress) stderr.write("\r\u001b[K");
    if (error instanceof NotInGitRepository) return today(options, error.message, stdout, stderr);
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  if (options.format === "json") await writeOut(stdout, points.length === 0 ? "[]\n" : "\n]\n");
  else await writeOut(stdout, render(points, options.format));
  if (points.length === 0) stderr.write(`note: no commits${options.since ? ` since ${options.since}` : ""}\n`);
  return 0;
}

function render(points: readonly BurndownPoint[], format: "text" | "html"): string {
  if (format === "html") return chartPage({ points, library: loadChartLibrary(), nonce: randomBytes(16).toString("base64") });
  return formatTable(points);
}

/** A row per point (commit, date, Assistants calls, other findings), then the sparkline of the Assistants calls. */
export function formatTable(points: readonly BurndownPoint[]): string {
  if (points.length === 0) return "No commits to count.\n";
  const others = (point: BurndownPoint) => Object.entries(point.byRule).reduce((sum, [id, n]) => sum + (id === "no-assistants-api" ? 0 : n), 0);
  const rows = [["commit", "date", "assistants", "other"], ...points.map((p) => [p.commit?.slice(0, 10) ?? "(today)", p.date.slice(0, 10), String(p.assistantsCalls), String(others(p))])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd());
  const first = points[0].assistantsCalls;
  const last = points[points.length - 1].assistantsCalls;
  lines.push("", `${sparkline(points.map((p) => p.assistantsCalls))}  Assistants call sites: ${first} → ${last}`);
  return `${lines.join("\n")}\n`;
}

/** Outside git: says so, and counts the working tree as `check` would. */
async function today(options: BurndownCommandOptions, reason: string, stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): Promise<number> {
  stderr.write(`note: ${reason}: no history to walk, counting today's files only\n`);
  const result = await scan({ paths: [options.path], exclude: options.exclude, maxFileSize: options.maxFileSize });
  const byRule = emptyCounts();
  for (const file of result.files) for (const finding of file.findings) byRule[finding.ruleId as RuleId]++;
  const point = pointOf(null, new Date().toISOString(), byRule);
  if (options.format === "json") await writeOut(stdout, `${JSON.stringify([point], null, 2)}\n`);
  else if (options.format === "html") await writeOut(stdout, render([point], "html"));
  else await writeOut(stdout, `Not a git repository (${path.resolve(options.path)}): today's count only.\nAssistants call sites: ${point.assistantsCalls}\nOther findings: ${Object.values(byRule).reduce((a, b) => a + b, 0) - point.assistantsCalls}\n`);
  return 0;
}
