// `responses-migrate fix`: applies fixes in place (safe ones; `--unsafe` adds the rest), or with
// `--dry-run` prints a unified diff and writes nothing. Then says what was fixed and what is left.
import * as fs from "node:fs";
import { createTwoFilesPatch } from "diff";
import { fixAll, type RuleId } from "../engine";
import * as path from "node:path";
import { collectAssistantDefinitions } from "../workspace/assistantDefinitions";
import { dependenciesFor } from "../workspace/packageDependencies";
import { LineIndex } from "../engine";
import { typeCheckerFor } from "../workspace/typeScriptCheck";
import { pythonTypeCheckerFor } from "../workspace/pythonCheck";
import { writeOut } from "./check";
import { chosenFix } from "./fixes";
import { countFindings, formatStylishBody, summaryLine, useColor } from "./formatters/stylish";
import { cliHooks, displayPath, isDebug, scan, type ScannedFile } from "./scan";

export interface FixOptions {
  paths: string[];
  unsafe: boolean;
  dryRun: boolean;
  onlyRules?: RuleId[];
  exclude: string[];
  maxFileSize?: number;
}

interface Encoding {
  bom: boolean;
  latin1: boolean;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function encodingOf(bytes: Buffer): Encoding {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    strictUtf8.decode(bytes);
    return { bom, latin1: false };
  } catch {
    return { bom: false, latin1: true };
  }
}

/** The fixed text as bytes in the file's own encoding, or undefined when it cannot be represented. */
function encode(text: string, encoding: Encoding): Buffer | undefined {
  if (encoding.latin1) {
    if (/[^\u0000-\u00ff]/.test(text)) return undefined;
    return Buffer.from(text, "latin1");
  }
  return Buffer.from((encoding.bom ? "\ufeff" : "") + text, "utf8");
}

export async function runFix(options: FixOptions): Promise<number> {
  const result = await scan({ paths: options.paths, exclude: options.exclude, onlyRules: options.onlyRules, maxFileSize: options.maxFileSize });
  const notes = [...result.notes];
  let internalErrors = result.internalErrors;
  let appliedTotal = 0;
  let filesChanged = 0;
  const patches: string[] = [];
  const heldBack: string[] = [];
  const remainingFiles: ScannedFile[] = [];
  // Definitions are looked up only when a rewrite may need one.
  const needsDefinitions = result.files.some((file) => file.findings.some((finding) => finding.ruleId === "no-assistants-api"));
  const workspaceDefinitions = needsDefinitions ? await collectAssistantDefinitions(await definitionRoots(options.paths), { exclude: options.exclude }) : [];

  for (const file of result.files) {
    // The scan computes no fixes: fixAll below computes this file's, once.
    if (file.findings.length === 0 || file.text === undefined) {
      remainingFiles.push(file);
      continue;
    }
    try {
      // Rewrites are type-checked against the workspace's openai package where it has one
      // (node_modules/openai for TypeScript; a .venv or venv with openai, and pyright, for Python).
      const typeCheck = typeCheckerFor(file.filePath) ?? pythonTypeCheckerFor(file.filePath);
      const fixed = fixAll(file.filePath, file.text, { unsafe: options.unsafe, onlyRules: options.onlyRules, maxFileSize: options.maxFileSize, hooks: cliHooks, fix: { dependencies: dependenciesFor(file.filePath), workspaceDefinitions }, typeCheck });
      const lineIndex = new LineIndex(file.text);
      for (const held of fixed.heldBack) {
        const line = lineIndex.positionAt(held.offset).line + 1;
        heldBack.push(`${displayPath(file.filePath)}:${line}: ${held.title}: ${held.errors[0]}${held.errors.length > 1 ? ` (and ${held.errors.length - 1} more)` : ""}`);
      }
      remainingFiles.push({ filePath: file.filePath, text: fixed.text, findings: fixed.remaining });
      if (fixed.text === file.text) continue;
      const name = displayPath(file.filePath).split("\\").join("/");
      if (options.dryRun) {
        patches.push(createTwoFilesPatch(`a/${name}`, `b/${name}`, file.text, fixed.text));
      } else {
        const original = await fs.promises.readFile(file.filePath);
        const bytes = encode(fixed.text, encodingOf(original));
        if (!bytes) {
          notes.push(`${name}: the fix needs characters Latin-1 cannot hold; file left unchanged`);
          continue;
        }
        await fs.promises.writeFile(file.filePath, bytes);
      }
      appliedTotal += fixed.appliedCount;
      filesChanged++;
    } catch (error) {
      if (isDebug()) console.error(error);
      internalErrors++;
      notes.push(`${displayPath(file.filePath)}: internal error while fixing: ${(error as Error).message?.split("\n")[0]}`);
      remainingFiles.push(file);
    }
  }

  // The diff alone goes to stdout in a dry run, so it can be piped to `git apply`.
  const report = options.dryRun ? process.stderr : process.stdout;
  const colors = { enabled: useColor(report) };
  if (options.dryRun) await writeOut(process.stdout, patches.join(""));
  const body = formatStylishBody(remainingFiles, colors);
  if (body) await writeOut(report, body + "\n");
  const verb = options.dryRun ? "Would fix" : "Fixed";
  const remaining = countFindings(remainingFiles, true);
  const lines = [`${verb} ${appliedTotal} ${appliedTotal === 1 ? "problem" : "problems"} in ${filesChanged} ${filesChanged === 1 ? "file" : "files"}.`];
  lines.push(remaining.error + remaining.warning + remaining.info + remaining.hint === 0 ? "No problems left." : summaryLine({ ...remaining, fixable: 0 }, remainingFiles.length, colors, false).replace("✖", "Left:"));
  if (heldBack.length > 0) lines.push(`Held back ${heldBack.length} ${heldBack.length === 1 ? "rewrite" : "rewrites"} that would add type errors (checked against the workspace's openai types):`, ...heldBack.map((held) => `  ${held}`));
  // Safe fixes left over were held back above; only the unsafe ones wait for --unsafe.
  const unsafeOnly = remainingFiles.flatMap((file) => file.findings).filter((finding) => chosenFix(finding, true)?.safe === false).length;
  if (!options.unsafe && unsafeOnly > 0) lines.push(`${unsafeOnly} more ${unsafeOnly === 1 ? "problem has" : "problems have"} an unsafe fix: review and run with --unsafe.`);
  await writeOut(report, lines.join("\n") + "\n");
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (internalErrors > 0) return 2;
  return remainingFiles.some((file) => file.findings.some((finding) => finding.severity === "error")) ? 1 : 0;
}

/** Where to look for definitions: the directories given, and the folder of each file given. */
async function definitionRoots(paths: readonly string[]): Promise<string[]> {
  const roots = await Promise.all(
    paths.map(async (given) => {
      const stat = await fs.promises.stat(given).catch(() => undefined);
      return path.resolve(stat?.isDirectory() ? given : path.dirname(given));
    }),
  );
  return [...new Set(roots)];
}
