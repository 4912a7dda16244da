// Checks the extension on any folder of real code (held out from the tests):
//   node e2e/heldout.mjs <folder>        (works on a temporary copy; the folder is not touched)
// 1. Before any file is opened, the Problems panel lists the CLI's findings, file by file.
// 2. A "Rewrite…" quick fix (Ctrl+.) on one of them changes the file on disk after saving.
// Screenshots: test-results/heldout/.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT } from "./provision.mjs";
import { runSteps } from "./harness.mjs";
import { cliCounts, cliReport } from "./cli.mjs";
import * as wb from "./workbench.mjs";

const folder = process.argv[2] && resolve(process.argv[2]);
if (!folder) {
  console.error("usage: node e2e/heldout.mjs <folder>");
  process.exit(2);
}

const steps = [
  {
    name: "workbench loads the folder",
    fn: async ({ page, folderUrl }) => {
      await page.goto(folderUrl);
      await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
      await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
    },
  },
  {
    name: "Problems panel lists the CLI's findings before any file is opened",
    fn: async ({ page, ws }) => {
      const expected = cliCounts(ws);
      if (!Object.keys(expected).length) throw new Error("the CLI finds nothing in this folder");
      let seen = {};
      await wb
        .waitFor(async () => wb.equalCounts((seen = wb.countsOf(await wb.readProblems(page))), expected), {
          timeout: 90_000,
          interval: 1000,
          message: "Problems panel counts to equal the CLI's",
        })
        .catch((err) => {
          throw new Error(`${err.message}\n  CLI:      ${JSON.stringify(expected)}\n  Problems: ${JSON.stringify(seen)}`);
        });
      const total = Object.values(expected).reduce((a, b) => a + b, 0);
      return `${total} findings in ${Object.keys(expected).length} files, equal to the CLI's`;
    },
  },
  {
    name: "a Rewrite quick fix changes a file on disk",
    fn: async ({ page, ws, shot }) => {
      const candidates = cliReport(ws).flatMap((f) =>
        f.messages.filter((m) => m.ruleId === "no-assistants-api").map((m) => ({ ...m, file: f.filePath })),
      );
      for (const finding of candidates.slice(0, 8)) {
        const rel = finding.file.slice(ws.length + 1);
        await wb.openFile(page, rel);
        await wb.gotoLine(page, finding.line, finding.column);
        const rows = await wb.openQuickFixMenu(page);
        if (!rows.some((t) => /^Rewrite/.test(t))) {
          await page.keyboard.press("Escape");
          continue;
        }
        await shot("quick-fix-menu");
        const before = readFileSync(finding.file, "utf8");
        await page.locator(".action-widget .monaco-list-row", { hasText: /^\s*Rewrite/ }).first().click();
        await page.keyboard.press("Control+S");
        await wb.waitFor(() => readFileSync(finding.file, "utf8") !== before, { message: `${rel} to change on disk` });
        return `${rel}:${finding.line} rewritten and saved (${rows.find((t) => /^Rewrite/.test(t))})`;
      }
      throw new Error(`no Rewrite quick fix offered on the first ${Math.min(8, candidates.length)} findings`);
    },
  },
];

const ok = await runSteps({ tag: "heldout", folder, resultsDir: join(ROOT, "test-results", "heldout"), steps });
process.exit(ok ? 0 : 1);
