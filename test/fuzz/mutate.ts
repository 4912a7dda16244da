// Seeded mutations of the test fixtures and the checks every mutated file must pass. Shared by the
// fast-check property tests (test/unit/properties.test.ts) and `npm run fuzz` (test/fuzz/run.ts).
// Language-agnostic: fixtures of every extension under test/fixtures are mutated alike; a language
// without a syntax checker here (Python, until its front end lands) still gets the crash and
// idempotence checks, and parse checks start working when `syntaxErrorCount` learns it.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { computeFixes, fixAll, languageOf, type Fix, type TextEdit } from "../../server/src/engine";
import { applyNonOverlapping } from "../../server/src/engine/fixes/applyFixes";
import { rng } from "../../bench/generate";

/** Seeded (mulberry32, as the benchmark uses): every fuzz case is replayable from its seed. */
export { rng };

export const FIXTURE_ROOT = path.resolve(__dirname, "..", "fixtures");
const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py)$/;

export interface Fixture {
  /** Relative to test/fixtures. */
  name: string;
  text: string;
}

export function loadFixtures(): Fixture[] {
  const found: Fixture[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push({ name: path.relative(FIXTURE_ROOT, full).split(path.sep).join("/"), text: fs.readFileSync(full, "utf8") });
    }
  };
  walk(FIXTURE_ROOT);
  return found;
}


/** Fragments that matter to the engine or to parsers; inserted at random places. */
const FRAGMENTS = [
  "client.beta.threads.create()",
  "await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id: id })",
  ".beta.threads.messages.list(",
  "beta.assistants.",
  "tool_calls",
  "previous_response_id: prev, ",
  "store: false, ",
  "// responses-migrate-disable-next-line no-assistants-api\n",
  "/* TODO(responses-migrate): x */",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ";",
  ",",
  "\n",
  "\r\n",
  '"',
  "'",
  "`${",
  "/*",
  "*/",
  "=>",
  "async ",
  "await ",
  "for (const call of tool_calls) ",
  "Promise.all(",
  "\u{1F680}",
  "\u00e9",
  "\t",
];

export type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; fragment: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "swapLines"; a: number; b: number }
  | { kind: "truncate"; at: number };

/** `at`, `length`, `a` and `b` are fractions in [0, 1), scaled to the text they apply to. */
export function applyMutation(text: string, mutation: Mutation): string {
  const offset = (fraction: number) => Math.floor(fraction * (text.length + 1));
  switch (mutation.kind) {
    case "delete": {
      const start = offset(mutation.at);
      return text.slice(0, start) + text.slice(start + 1 + Math.floor(mutation.length * 40));
    }
    case "insert": {
      const at = offset(mutation.at);
      return text.slice(0, at) + FRAGMENTS[mutation.fragment % FRAGMENTS.length] + text.slice(at);
    }
    case "duplicate": {
      const start = offset(mutation.at);
      const end = Math.min(text.length, start + 1 + Math.floor(mutation.length * 200));
      return text.slice(0, end) + text.slice(start, end) + text.slice(end);
    }
    case "swapLines": {
      const lines = text.split("\n");
      const a = Math.floor(mutation.a * lines.length);
      const b = Math.floor(mutation.b * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, offset(mutation.at));
  }
}

/** A seeded mutation, for the fuzzer (fast-check builds its own from the same shapes). */
export function randomMutation(random: () => number): Mutation {
  const pick = Math.floor(random() * 10);
  if (pick < 2) return { kind: "delete", at: random(), length: random() };
  if (pick < 7) return { kind: "insert", at: random(), fragment: Math.floor(random() * FRAGMENTS.length) };
  if (pick < 8) return { kind: "duplicate", at: random(), length: random() };
  if (pick < 9) return { kind: "swapLines", a: random(), b: random() };
  return { kind: "truncate", at: 0.3 + random() * 0.7 };
}

export const FRAGMENT_COUNT = FRAGMENTS.length;

/** Syntax errors by the language's real parser; undefined when this harness has no parser for it. */
export function syntaxErrorCount(fileName: string, text: string): number | undefined {
  const language = languageOf(fileName);
  if (language !== "typescript" && language !== "javascript") return undefined;
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.jsx$/.test(fileName) ? ts.ScriptKind.JSX : /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  return (sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

export interface Problem {
  kind: "crash" | "parse break" | "edit outside range" | "non-idempotent";
  detail: string;
}

/**
 * Where a fix may write: inside the outermost top-level statement holding its finding (a rewrite
 * may reach across the function), or an insertion between top-level statements (its import or
 * helper). Anything else edits code the fix does not own.
 */
function editAllowed(text: string, edit: TextEdit, owner: { start: number; end: number } | undefined, topLevel: ReadonlyArray<{ start: number; end: number }>): boolean {
  if (owner && edit.range.start >= owner.start && edit.range.end <= owner.end) return true;
  // A call through an alias (`const stores = client.beta.vectorStores`) is fixed where the alias is
  // defined: dropping that `beta.` is the fix itself, wherever the alias lives.
  if (edit.newText === "" && text.slice(edit.range.start, edit.range.end) === "beta." && text.startsWith("vectorStores", edit.range.end)) return true;
  if (edit.range.start !== edit.range.end) return false;
  return !topLevel.some((statement) => statement.start < edit.range.start && edit.range.start < statement.end);
}

function topLevelRanges(fileName: string, text: string): Array<{ start: number; end: number }> {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  return sourceFile.statements.map((statement) => ({ start: statement.getFullStart(), end: statement.getEnd() }));
}

/** Every check on one source; [] when it passes. `fileName` decides the language. */
export function checkSource(fileName: string, text: string): Problem[] {
  const problems: Problem[] = [];
  const parsedBefore = syntaxErrorCount(fileName, text) === 0;
  let findings;
  try {
    findings = computeFixes(fileName, text, { maxFileSize: 16 * 1024 * 1024 });
  } catch (error) {
    return [{ kind: "crash", detail: `analysis threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` }];
  }
  const topLevel = parsedBefore ? topLevelRanges(fileName, text) : [];
  for (const finding of findings) {
    const owner = topLevel.find((statement) => statement.start <= finding.range.start && finding.range.end <= statement.end);
    for (const fix of finding.fixes) {
      const label = `${finding.ruleId} at ${finding.range.start}: "${fix.title}"`;
      if (parsedBefore) {
        const outside = fix.edits.filter((edit) => !editAllowed(text, edit, owner, topLevel));
        if (outside.length > 0) problems.push({ kind: "edit outside range", detail: `${label} edits ${JSON.stringify(outside.map((edit) => edit.range))}` });
      }
      const after = applyAlone(text, fix);
      if (parsedBefore && syntaxErrorCount(fileName, after) !== 0) problems.push({ kind: "parse break", detail: `${label} leaves a syntax error` });
    }
  }
  try {
    const once = fixAll(fileName, text, { unsafe: true, maxFileSize: 16 * 1024 * 1024 });
    if (parsedBefore && syntaxErrorCount(fileName, once.text) !== 0) problems.push({ kind: "parse break", detail: "fix-all --unsafe leaves a syntax error" });
    const twice = fixAll(fileName, once.text, { unsafe: true, maxFileSize: 16 * 1024 * 1024 });
    if (twice.text !== once.text) problems.push({ kind: "non-idempotent", detail: `a second fix-all applied ${twice.appliedCount} more fixes` });
  } catch (error) {
    problems.push({ kind: "crash", detail: `fix-all threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
  }
  return problems;
}

function applyAlone(text: string, fix: Fix): string {
  return applyNonOverlapping(text, [fix]).text;
}

/** The mutated source of one fuzz case: a fixture picked and mutated 1 to 4 times, all from `seed`. */
export function fuzzCase(fixtures: readonly Fixture[], seed: number): { fixture: Fixture; fileName: string; text: string; mutations: Mutation[] } {
  const random = rng(seed);
  const fixture = fixtures[Math.floor(random() * fixtures.length)];
  const mutations = Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomMutation(random));
  const text = mutations.reduce(applyMutation, fixture.text);
  return { fixture, fileName: path.basename(fixture.name), text, mutations };
}
