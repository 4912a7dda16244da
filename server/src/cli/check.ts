// `responses-migrate check`: report findings in stylish, json (ESLint) or sarif form.
import type { RuleId } from "../engine";
import { formatJson } from "./formatters/json";
import { formatSarif } from "./formatters/sarif";
import { formatStylish, useColor } from "./formatters/stylish";
import { runRatchet, type RatchetOptions } from "./ratchet";
import { scan } from "./scan";

export type Format = "stylish" | "json" | "sarif";
export const FORMATS: readonly Format[] = ["stylish", "json", "sarif"];

export interface CheckOptions {
  paths: string[];
  format: Format;
  onlyRules?: RuleId[];
  exclude: string[];
  maxFileSize?: number;
  version: string;
  /**
   * `--fix-dry-run`, as ESLint's: compute the fixes without writing them, so json output carries
   * ESLint's `fix` field. Without it `check` computes no fixes: finding them is the check's cost.
   */
  fixDryRun?: boolean;
  /** Bulk suppressions (responses-migrate-suppressions.json), read by every check. */
  ratchet?: RatchetOptions;
}

/** Returns the exit code: 0 clean, 1 findings at error severity, 2 internal errors. */
export async function runCheck(options: CheckOptions): Promise<number> {
  const scanned = await scan({ ...options, eslintFixes: options.fixDryRun === true });
  const ratchet = runRatchet(scanned.files, options.ratchet ?? {}, options.onlyRules);
  const result = { ...scanned, files: ratchet.files, notes: [...scanned.notes, ...ratchet.notes] };
  let output: string;
  if (options.format === "json") output = formatJson(result.files) + "\n";
  else if (options.format === "sarif") output = formatSarif(result.files, { version: options.version, onlyRules: options.onlyRules }) + "\n";
  else output = formatStylish(result.files, { enabled: useColor(process.stdout) });
  await writeOut(process.stdout, output);
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  if (result.internalErrors > 0) return 2;
  if (ratchet.unpruned) {
    process.stderr.write(`responses-migrate: ${ratchet.unpruned}\n`);
    return 2;
  }
  return result.files.some((file) => file.findings.some((finding) => finding.severity === "error")) ? 1 : 0;
}

/** Writes and waits until the data is flushed, so a piped consumer gets all of a large report. */
export function writeOut(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
