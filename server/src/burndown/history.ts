// The burn-down: findings per first-parent commit of HEAD, counted from git's own objects. Each
// distinct file version (blob id and extension) is analysed once, so a long history costs little more
// than its distinct versions of files that mention the API. The same discovery and exclusions as
// `check` (supported extensions, node_modules, .gitignore files as that commit had them, --exclude).
import * as path from "node:path";
import { analyzeFile, DEFAULT_MAX_FILE_SIZE, ensurePythonParser, isSupportedFile, RULES, type AnalysisOptions, type FileAnalysis, type RuleId } from "../engine";
import { ExclusionMatcher } from "../workspace/exclusions";
import { BlobReader, firstParentCommits, gitTopLevel, hasHead, listTree, type CommitInfo, type TreeEntry } from "./git";

export const ASSISTANTS_RULE: RuleId = "no-assistants-api";

export interface BurndownPoint {
  /** Null for a count that is not a commit's (today's working tree). */
  commit: string | null;
  date: string;
  /** The `no-assistants-api` findings: what `check` reports for that rule at this commit. */
  assistantsCalls: number;
  byRule: Record<RuleId, number>;
}

export type Analyze = (fileName: string, bytes: Uint8Array, options: AnalysisOptions) => FileAnalysis;

export interface BurndownOptions {
  /** The directory to count in, as `check <path>` would. */
  root: string;
  /** Passed to `git log --since`. */
  since?: string;
  exclude?: readonly string[];
  maxFileSize?: number;
  /** The analysis of one file version; the engine's by default (tests count the calls). */
  analyze?: Analyze;
  onCommit?: (done: number, commit: CommitInfo) => void;
}

export class NotInGitRepository extends Error {}

export function emptyCounts(): Record<RuleId, number> {
  return Object.fromEntries(RULES.map((rule) => [rule.id, 0])) as Record<RuleId, number>;
}

export function pointOf(commit: string | null, date: string, byRule: Record<RuleId, number>): BurndownPoint {
  return { commit, date, assistantsCalls: byRule[ASSISTANTS_RULE], byRule };
}

/** Points oldest first, one per first-parent commit, yielded as each is counted. */
export async function* burndownHistory(options: BurndownOptions): AsyncGenerator<BurndownPoint> {
  const root = path.resolve(options.root);
  const topLevel = gitTopLevel(root);
  if (topLevel === undefined) throw new NotInGitRepository(`${root} is not in a git repository`);
  if (!hasHead(topLevel)) throw new NotInGitRepository(`${topLevel} has no commits yet`);
  const prefix = path.relative(topLevel, root).split(path.sep).join("/");
  const analyze = options.analyze ?? analyzeFile;
  // Python versions count too (the parser loads once; without it they would be skipped).
  await ensurePythonParser();
  const blobs = new BlobReader(topLevel);
  /** Counts per rule of each file version analysed, by `${oid}${extension}`. */
  const analysed = new Map<string, Partial<Record<RuleId, number>>>();
  const ignoreFiles = new Map<string, string>();
  try {
    let done = 0;
    for await (const commit of firstParentCommits(topLevel, options.since)) {
      const entries = await listTree(topLevel, commit.commit, prefix);
      const readIgnoreFile = await ignoreFilesOf(entries, blobs, ignoreFiles);
      const exclusions = new ExclusionMatcher(root, {
        exclude: options.exclude,
        readIgnoreFile: (absolute) => readIgnoreFile(path.relative(topLevel, absolute).split(path.sep).join("/")),
      });
      const excludedDirectory = new Map<string, boolean>();
      const isInExcludedDirectory = (directory: string): boolean => {
        if (directory === root || !directory.startsWith(root)) return false;
        let excluded = excludedDirectory.get(directory);
        if (excluded === undefined) {
          excluded = isInExcludedDirectory(path.dirname(directory)) || exclusions.isExcludedDirectory(directory);
          excludedDirectory.set(directory, excluded);
        }
        return excluded;
      };
      const byRule = emptyCounts();
      for (const entry of entries) {
        const absolute = path.join(topLevel, entry.path);
        if (!isSupportedFile(absolute) || isInExcludedDirectory(path.dirname(absolute)) || exclusions.isExcluded(absolute)) continue;
        const key = entry.oid + path.extname(absolute).toLowerCase();
        let counts = analysed.get(key);
        if (counts === undefined) {
          counts = await countVersion(entry, absolute, blobs, analyze, options.maxFileSize);
          analysed.set(key, counts);
        }
        for (const [ruleId, count] of Object.entries(counts)) byRule[ruleId as RuleId] += count;
      }
      options.onCommit?.(++done, commit);
      yield pointOf(commit.commit, commit.date, byRule);
    }
  } finally {
    blobs.close();
  }
}

async function countVersion(entry: TreeEntry, absolute: string, blobs: BlobReader, analyze: Analyze, maxFileSize: number | undefined): Promise<Partial<Record<RuleId, number>>> {
  const counts: Partial<Record<RuleId, number>> = {};
  // Too large for `check` too: it skips the file with a note.
  if (entry.size > (maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return counts;
  const bytes = await blobs.read(entry.oid);
  let analysis: FileAnalysis;
  try {
    analysis = analyze(absolute, bytes, { maxFileSize });
  } catch {
    return counts; // `check` reports an internal error for this file, and no findings
  }
  for (const finding of analysis.findings) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
  return counts;
}

/** The .gitignore files of a commit's tree, by path; their texts are read once per blob id. */
async function ignoreFilesOf(entries: readonly TreeEntry[], blobs: BlobReader, texts: Map<string, string>): Promise<(relative: string) => string | undefined> {
  const byPath = new Map<string, string>();
  for (const entry of entries) {
    if (entry.path !== ".gitignore" && !entry.path.endsWith("/.gitignore")) continue;
    let text = texts.get(entry.oid);
    if (text === undefined) {
      text = (await blobs.read(entry.oid)).toString("utf8");
      texts.set(entry.oid, text);
    }
    byPath.set(entry.path, text);
  }
  return (relative) => byPath.get(relative);
}
