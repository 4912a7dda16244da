// `node --import tsx bench/check-triggers.ts DIR...`: proves on real files that the trigger gate
// (rule triggers, `mayFind`, the byte prefilter) loses no finding: every JS/TS file under the given
// folders is analysed as usual and again with every rule forced to run, and the findings must match.
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeFile, RULES } from "../server/src/engine/index";
import { isSupportedFile } from "../server/src/engine/languages";

function* walk(directory: string): Generator<string> {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile() && isSupportedFile(full)) yield full;
  }
}

const summary = (findings: ReadonlyArray<{ ruleId: string; range: { start: number; end: number } }>) =>
  findings.map((f) => `${f.ruleId}@${f.range.start}-${f.range.end}`).join(" ");

const gated = RULES.map((rule) => ({ rule, triggers: rule.triggers, mayFind: rule.mayFind }));
function force(on: boolean): void {
  for (const { rule, triggers, mayFind } of gated) {
    const mutable = rule as { triggers: readonly string[]; mayFind?: (text: string) => boolean };
    mutable.triggers = on ? [""] : triggers;
    mutable.mayFind = on ? undefined : mayFind;
  }
}

let files = 0;
let withFindings = 0;
let mismatches = 0;
for (const root of process.argv.slice(2)) {
  for (const file of walk(root)) {
    const bytes = fs.readFileSync(file);
    if (bytes.length > 2_000_000) continue;
    files++;
    force(false);
    const normal = summary(analyzeFile(file, bytes).findings);
    force(true);
    let forced: string;
    try {
      forced = summary(analyzeFile(file, bytes).findings);
    } catch (error) {
      forced = `threw ${(error as Error).message}`;
    }
    if (forced) withFindings++;
    if (normal !== forced) {
      mismatches++;
      console.log(`MISMATCH ${file}\n  gated:  ${normal}\n  forced: ${forced}`);
    }
  }
}
force(false);
console.log(`${files} files, ${withFindings} with findings, ${mismatches} mismatches`);
process.exitCode = mismatches > 0 ? 1 : 0;
