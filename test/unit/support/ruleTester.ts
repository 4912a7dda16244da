// A small RuleTester in the style of typescript-eslint's, on node:test. Each case runs the engine with
// only the rule under test, so one rule's cases never depend on another rule's findings.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeText, fixAll, LineIndex, type Finding, type RuleId } from "../../../server/src/engine/index";

export interface ExpectedError {
  message?: string;
  messageIncludes?: string;
  /** 1-based, like ESLint. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ValidCase {
  code: string;
  filename?: string;
  name?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after fix-all with only this rule's preferred fixes (unsafe included). Omit to assert nothing about fixes. */
  output?: string;
}

export interface RuleTests {
  valid: Array<ValidCase | string>;
  invalid: InvalidCase[];
}

const DEFAULT_FILENAME = "file.ts";

function caseName(testCase: ValidCase, index: number): string {
  if (testCase.name) return testCase.name;
  const firstLine = testCase.code.trim().split(/\r?\n/)[0] ?? "";
  return `#${index} ${firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine}`;
}

function describeFinding(finding: Finding, lines: LineIndex): string {
  const start = lines.positionAt(finding.range.start);
  const end = lines.positionAt(finding.range.end);
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${finding.message}`;
}

/** The findings of one rule on one text; also used by the realistic-fixture test. */
export function findingsOf(ruleId: RuleId, code: string, filename = DEFAULT_FILENAME, mustAnalyse = true): { findings: Finding[]; lines: LineIndex; text: string } {
  const analysis = analyzeText(filename, code, { onlyRules: [ruleId] });
  if (mustAnalyse) assert.equal(analysis.skipped, undefined, `analysis was skipped: ${analysis.skipped?.reason}`);
  const findings = analysis.findings.filter((finding) => finding.ruleId === ruleId);
  return { findings, lines: new LineIndex(analysis.text), text: analysis.text };
}

export const ruleTester = {
  run(ruleId: RuleId, tests: RuleTests): void {
    describe(ruleId, () => {
      describe("valid", () => {
        tests.valid.forEach((raw, index) => {
          const testCase = typeof raw === "string" ? { code: raw } : raw;
          it(caseName(testCase, index), () => {
            const { findings, lines } = findingsOf(ruleId, testCase.code, testCase.filename, false);
            assert.deepEqual(findings.map((finding) => describeFinding(finding, lines)), [], "expected no findings");
          });
        });
      });
      describe("invalid", () => {
        tests.invalid.forEach((testCase, index) => {
          it(caseName(testCase, index), () => {
            const { findings, lines } = findingsOf(ruleId, testCase.code, testCase.filename);
            const actual = findings.map((finding) => {
              const start = lines.positionAt(finding.range.start);
              const end = lines.positionAt(finding.range.end);
              return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, message: finding.message };
            });
            assert.equal(actual.length, testCase.errors.length, `expected ${testCase.errors.length} finding(s), got:\n${findings.map((f) => describeFinding(f, lines)).join("\n")}`);
            testCase.errors.forEach((expected, i) => {
              const got = actual[i];
              assert.deepEqual(
                { line: got.line, column: got.column, endLine: got.endLine, endColumn: got.endColumn },
                { line: expected.line, column: expected.column, endLine: expected.endLine, endColumn: expected.endColumn },
                `range of finding ${i} (${got.message})`,
              );
              if (expected.message !== undefined) assert.equal(got.message, expected.message);
              if (expected.messageIncludes !== undefined) assert.ok(got.message.includes(expected.messageIncludes), `message ${JSON.stringify(got.message)} should include ${JSON.stringify(expected.messageIncludes)}`);
            });
            for (const finding of findings) assert.equal(finding.ruleId, ruleId);
            if (testCase.output !== undefined) {
              const fixed = fixAll(testCase.filename ?? DEFAULT_FILENAME, testCase.code, { onlyRules: [ruleId], unsafe: true });
              assert.equal(fixed.text, testCase.output);
            }
          });
        });
      });
    });
  },
};
