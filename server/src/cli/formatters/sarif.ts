// SARIF 2.1.0 for code scanning: one run, every rule described, results with 1-based UTF-16 regions.
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from "node-sarif-builder";
import type { Result } from "sarif";
import { RULES, ruleDocsPath, type RuleId, type Severity } from "../../engine";
import { SUPPRESSIONS_FILE } from "../../workspace/bulkSuppressions";
import { positionOf, type ScannedFile } from "../scan";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export function sarifLevel(severity: Severity): Result.level {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

/** The rule's page as shipped next to the CLI bundle (`dist/../docs/rules/<id>.md`). */
export function ruleHelpUri(ruleId: string): string {
  return pathToFileURL(path.resolve(__dirname, "..", ruleDocsPath(ruleId))).href;
}

function artifactUri(filePath: string): string {
  const relative = path.relative(process.cwd(), filePath);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return pathToFileURL(filePath).href;
  return relative.split(path.sep).map(encodeURIComponent).join("/");
}

export function formatSarif(files: readonly ScannedFile[], options: { version: string; onlyRules?: readonly RuleId[] }): string {
  const run = new SarifRunBuilder().initSimple({ toolDriverName: "responses-migrate", toolDriverVersion: options.version });
  run.run.columnKind = "utf16CodeUnits";
  run.run.originalUriBaseIds = { "%SRCROOT%": { uri: pathToFileURL(process.cwd() + path.sep).href } };
  for (const rule of RULES) {
    if (options.onlyRules && !options.onlyRules.includes(rule.id)) continue;
    const builder = new SarifRuleBuilder().initSimple({ ruleId: rule.id, shortDescriptionText: rule.summary, helpUri: ruleHelpUri(rule.id) });
    builder.rule.defaultConfiguration = { level: sarifLevel(rule.defaultSeverity) };
    run.addRule(builder);
  }
  for (const file of files) {
    const uri = artifactUri(file.filePath);
    const suppressed = new Set(file.suppressedFindings ?? []);
    for (const finding of [...file.findings, ...suppressed]) {
      const start = positionOf(file, finding.range.start);
      const end = positionOf(file, finding.range.end);
      const result = new SarifResultBuilder().initSimple({
        level: sarifLevel(finding.severity),
        messageText: finding.message,
        ruleId: finding.ruleId,
        fileUri: uri,
        startLine: start.line,
        startColumn: start.column,
        endLine: end.line,
        endColumn: end.column,
      });
      const location = result.result.locations?.[0]?.physicalLocation?.artifactLocation;
      if (location && !uri.startsWith("file:")) location.uriBaseId = "%SRCROOT%";
      // Code scanning shows these as suppressed, not as open alerts.
      if (suppressed.has(finding)) result.result.suppressions = [{ kind: "external", justification: `recorded in ${SUPPRESSIONS_FILE}` }];
      run.addResult(result);
    }
  }
  const builder = new SarifBuilder({ $schema: SCHEMA, version: "2.1.0" });
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
}
