// Shared by `check` and `fix`: turns the command-line paths into files, reads them with bounded
// concurrency, and analyses each one. One bad file never stops the scan.
import * as fs from "node:fs";
import * as path from "node:path";
import { ensurePythonParser, isSupportedFile, languageOf, LineIndex, type AnalysisOptions, type FileAnalysis, type Finding, type RuleId } from "../engine";
import { engineHooks } from "../workspace/engineHooks";
import { discoverSourceFilesSync } from "../workspace/discover";
import { openFileFixSession } from "../engine/analyze";
import { ReusingReader } from "../workspace/reader";
import { claim, CLAIM_SIZE, ParsePool, WORKER_THRESHOLD, workerCount } from "./workers";

export interface ScanOptions {
  paths: readonly string[];
  exclude: readonly string[];
  onlyRules?: readonly RuleId[];
  maxFileSize?: number;
  /** How many files are read at once. */
  concurrency?: number;
  /**
   * Compute each finding's fixes, for ESLint's `fix` field (`check --fix-dry-run`); files with more
   * than MAX_FIXED_FINDINGS findings (bundles) go without, so the report stays linear in time.
   * Otherwise no fixes are computed: `fix` computes its own, file by file.
   */
  eslintFixes?: boolean;
}

export const MAX_FIXED_FINDINGS = 500;

export interface ScannedFile {
  /** Absolute path. */
  filePath: string;
  /** The analysed text; kept only when the file has findings (formatters and fixes need it). */
  text?: string;
  findings: Finding[];
  /** Findings within the counts of the bulk suppressions file: not reported, marked in json and sarif. */
  suppressedFindings?: Finding[];
  /** Line index over `text`, built once on demand. */
  lines?: LineIndex;
  skipped?: string;
  /** The engine threw on this file: a bug, reported per file. */
  internalError?: string;
}

export interface ScanResult {
  files: ScannedFile[];
  /** One-line notes for stderr: skipped and unreadable files. */
  notes: string[];
  internalErrors: number;
}

/** A mistake in how the CLI was called (exit 2, no stack trace). */
export class UsageError extends Error {}

const DEFAULT_CONCURRENCY = 64;

/** Callback `fs.readFile`: one open/fstat/read/close, measurably faster than `fs.promises.readFile` on many small files. */
function readFile(filePath: string): Promise<Buffer> {
  return new Promise((resolve, reject) => fs.readFile(filePath, (error, data) => (error ? reject(error) : resolve(data))));
}

/** Phase timings on stderr with RESPONSES_MIGRATE_TIMING=1 (used by the benchmark). */
export function timing(label: string, startedAt: number): void {
  if (process.env.RESPONSES_MIGRATE_TIMING === "1") process.stderr.write(`timing: ${label} ${(performance.now() - startedAt).toFixed(0)} ms\n`);
}

export function isDebug(): boolean {
  return process.env.RESPONSES_MIGRATE_DEBUG === "1";
}

export function displayPath(filePath: string): string {
  const relative = path.relative(process.cwd(), filePath);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? filePath : relative;
}

/** Expands command-line paths: directories are walked with the workspace exclusions, files taken as given. */
export async function resolveFiles(
  paths: readonly string[],
  exclude: readonly string[],
  onDiscovered?: (filePath: string) => void,
): Promise<{ files: string[]; notes: string[] }> {
  const files = new Set<string>();
  const notes: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new UsageError(`no such file or directory: ${given}`);
      throw new UsageError(`cannot access ${given}: ${(error as Error).message}`);
    }
    if (stat.isDirectory()) {
      for (const file of discoverSourceFilesSync(absolute, { exclude }, onDiscovered)) files.add(file);
    } else if (isSupportedFile(absolute)) {
      files.add(absolute);
    } else {
      notes.push(`${given}: not a JavaScript, TypeScript or Python file, skipped`);
    }
  }
  return { files: [...files].sort(), notes };
}

export const cliHooks = engineHooks((message) => process.stderr.write(`note: ${message.split("\n")[0]}\n`));

export function analyzeOne(filePath: string, bytes: Uint8Array, options: Pick<ScanOptions, "onlyRules" | "maxFileSize" | "eslintFixes">): ScannedFile {
  let analysis: FileAnalysis;
  const engineOptions: AnalysisOptions = { onlyRules: options.onlyRules, maxFileSize: options.maxFileSize, fixes: false, hooks: cliHooks };
  try {
    // One parse for the findings and, in json output, their fixes.
    const session = openFileFixSession(filePath, bytes, engineOptions);
    analysis = session.analysis;
    if (options.eslintFixes && analysis.findings.length > 0 && analysis.findings.length <= MAX_FIXED_FINDINGS) session.fixesFor();
  } catch (error) {
    if (isDebug()) console.error(error);
    const message = error instanceof Error ? error.message : String(error);
    return { filePath, findings: [], internalError: message.split("\n")[0] };
  }
  const file: ScannedFile = { filePath, findings: analysis.findings };
  if (analysis.skipped) file.skipped = analysis.skipped.reason;
  if (analysis.findings.length > 0) file.text = analysis.text;
  return file;
}

/** Whether a scanned file has anything to report: scan workers send back only those. */
export function isNotable(file: ScannedFile): boolean {
  return file.findings.length > 0 || file.skipped !== undefined || file.internalError !== undefined;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const startedAt = performance.now();
  const notes: string[] = [];
  let files: string[] = [];
  let internalErrors = 0;
  let results: Array<ScannedFile | undefined> = [];
  let next = 0;
  /** Files a worker could not read (deleted since discovery, or unreadable): nothing to report. */
  const gone = new Set<number>();

  const workerOptions = { onlyRules: options.onlyRules, maxFileSize: options.maxFileSize, eslintFixes: options.eslintFixes };
  let pool: ParsePool<ScannedFile> | undefined;
  const startPool = (count: number): void => {
    // This thread and the workers claim files in turns from the shared list, each analysing its own
    // whole; the workers load the compiler while discovery runs.
    pool = new ParsePool<ScannedFile>(count, workerOptions, (result) => {
      if (result.file) record(result.index, result.file);
      else gone.add(result.index);
      if (result.unreadable && result.unreadable !== "ENOENT") notes.push(`${displayPath(files[result.index])}: unreadable (${result.unreadable}), skipped`);
    });
  };
  // Start the workers as soon as the walk has found enough files for them: discovery is still running.
  let discovered = 0;
  const onDiscovered = (): void => {
    discovered++;
    if (pool === undefined && (discovered === 1 || discovered === WORKER_THRESHOLD)) {
      const count = workerCount(discovered);
      if (count > 0) startPool(count);
    }
  };

  try {
    const resolved = await resolveFiles(options.paths, options.exclude, onDiscovered);
    timing(`discovery (${resolved.files.length} files)`, startedAt);
    notes.push(...resolved.notes);
    files = resolved.files;
    if (files.some((file) => languageOf(file) === "python")) await ensurePythonParser();
  } catch (error) {
    await (pool as ParsePool<ScannedFile> | undefined)?.finish();
    throw error;
  }
  results = new Array(files.length);

  // A fixed pool of readers pulling from one index: bounded concurrency without a promise per file.
  async function worker(): Promise<void> {
    while (next < files.length) {
      const index = next++;
      const filePath = files[index];
      let bytes: Buffer;
      try {
        bytes = await readFile(filePath);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Deleted between discovery and reading: nothing to report.
        if (code !== "ENOENT") notes.push(`${displayPath(filePath)}: unreadable (${code ?? (error as Error).message}), skipped`);
        continue;
      }
      record(index, analyzeOne(filePath, bytes, options));
    }
  }

  function record(index: number, file: ScannedFile): void {
    if (file.skipped) notes.push(`${displayPath(file.filePath)}: skipped (${file.skipped})`);
    if (file.internalError) {
      internalErrors++;
      notes.push(`${displayPath(file.filePath)}: internal error while analysing: ${file.internalError}`);
    }
    results[index] = file;
  }

  const analysisStartedAt = performance.now();
  if (pool === undefined) {
    const count = workerCount(files.length);
    if (count > 0) startPool(count);
  }
  const workers = pool?.size ?? 0;
  if (pool !== undefined) {
    const reader = new ReusingReader();
    try {
      const shared = pool.share(files);
      for (let start = claim(shared); start < files.length; start = claim(shared)) {
        for (let index = start; index < Math.min(start + CLAIM_SIZE, files.length); index++) {
          const filePath = files[index];
          let bytes: Buffer;
          try {
            bytes = reader.read(filePath);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code !== "ENOENT") notes.push(`${displayPath(filePath)}: unreadable (${code ?? (error as Error).message}), skipped`);
            gone.add(index);
            continue;
          }
          record(index, analyzeOne(filePath, bytes, options));
        }
      }
      timing("claims on the main thread", analysisStartedAt);
    } finally {
      await pool.finish();
    }
    timing(`${pool.workerClaims} of ${Math.ceil(files.length / CLAIM_SIZE)} claims by workers`, analysisStartedAt);
    // Workers report only files with something to say: the rest were checked and are clean.
    for (let index = 0; index < files.length; index++) if (results[index] === undefined && !gone.has(index)) results[index] = { filePath: files[index], findings: [] };
  } else {
    const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, files.length));
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  timing(`read + analyse (${workers} worker threads)`, analysisStartedAt);
  return { files: results.filter((file): file is ScannedFile => file !== undefined), notes, internalErrors };
}

export interface Position1 {
  line: number;
  column: number;
}

/** 1-based line and UTF-16 column of an offset, as ESLint and SARIF count them. */
export function positionOf(file: ScannedFile, offset: number): Position1 {
  file.lines ??= new LineIndex(file.text ?? "");
  const position = file.lines.positionAt(offset);
  return { line: position.line + 1, column: position.character + 1 };
}
