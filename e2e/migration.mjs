// `npm run test:e2e:migration`: the migration view, Fix All in Workspace and the burn-down panel in a
// real VS Code (code-server + Chromium), on a temporary copy of examples/ made a git repository.
// Screenshots: test-results/e2e-migration/.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./provision.mjs";
import { runSteps } from "./harness.mjs";
import { cliReport } from "./cli.mjs";
import * as wb from "./workbench.mjs";


/** Scrolls the refactor preview's list from the top to the end, calling `visit` at each position (again, without scrolling, while it returns true). */
async function scanPreview(page, visit) {
  const list = page.locator(".bulk-edit-panel .monaco-list").first();
  const box = await list.boundingBox();
  if (!box) throw new Error("the refactor preview's list is not visible");
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(40, box.height / 2));
  await page.mouse.wheel(0, -100_000);
  await page.waitForTimeout(300);
  const visible = async () => (await list.locator(".monaco-list-row").allTextContents()).join("\u0000");
  for (let step = 0; step < 200; step++) {
    if (await visit()) continue;
    const before = await visible();
    await page.mouse.wheel(0, Math.max(100, box.height / 2));
    await page.waitForTimeout(300);
    if ((await visible()) === before) return;
  }
}

const RESULTS = join(ROOT, "test-results", "e2e-migration");
const VIEW = "Responses Migration";
const KINDS = ["threads", "runs", "assistants", "streams", "tool loops", "pitfalls"];

function git(ws, args, date) {
  const env = { ...process.env, GIT_AUTHOR_NAME: "e2e", GIT_AUTHOR_EMAIL: "e2e@example.invalid", GIT_COMMITTER_NAME: "e2e", GIT_COMMITTER_EMAIL: "e2e@example.invalid" };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return execFileSync("git", args, { cwd: ws, env, encoding: "utf8" });
}

function cliTotal(ws) {
  return cliReport(ws).reduce((sum, file) => sum + file.messages.length, 0);
}

/** The migration view's rows, top to bottom: { level, text }. */
async function viewRows(page) {
  return page.$$eval(".pane", (panes, title) => {
    const pane = panes.find((p) => p.querySelector(".pane-header")?.textContent?.includes(title));
    if (!pane) return [];
    return [...pane.querySelectorAll(".monaco-list-row")]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((row) => ({ level: Number(row.getAttribute("aria-level")), text: row.textContent.replace(/\s+/g, " ").trim() }));
  }, VIEW);
}

function paneRow(page, text) {
  return page.locator(".pane", { has: page.locator(".pane-header", { hasText: VIEW }) }).locator(".monaco-list-row", { hasText: text }).first();
}

/** The view's row matching `text`, scrolled into the rendered rows first (the tree renders only what is in view). */
async function revealedPaneRow(page, text) {
  const row = paneRow(page, text);
  const list = page.locator(".pane", { has: page.locator(".pane-header", { hasText: VIEW }) }).locator(".monaco-list").first();
  for (let step = 0; step < 40 && (await row.count()) === 0; step++) {
    const box = await list.boundingBox();
    if (!box) break;
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(20, box.height / 2));
    await page.mouse.wheel(0, 60);
    await page.waitForTimeout(200);
  }
  return row;
}

/** { threads: 7, runs: 3, ... } from the kind rows ("threads7 sites"). */
function kindCounts(rows) {
  const counts = {};
  for (const row of rows.filter((r) => r.level === 1)) {
    const m = row.text.match(/^(.+?)\s*(\d+) sites?$/);
    if (m) counts[m[1]] = Number(m[2]);
  }
  return counts;
}

const steps = [
  {
    name: "workbench loads the example app, a git repository with one commit",
    fn: async ({ page, ws, folderUrl }) => {
      git(ws, ["init", "-q", "-b", "main"]);
      git(ws, ["add", "-A"]);
      git(ws, ["commit", "-q", "-m", "support desk on the Assistants API"], "2026-08-01T10:00:00Z");
      await page.goto(folderUrl);
      await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
      await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
    },
  },
  {
    name: "the Responses Migration view lists the remaining sites by kind",
    fn: async ({ page, ws, state, shot }) => {
      // The status bar item opens the view.
      await wb.waitFor(() => wb.statusBarCount(page), { timeout: 45_000, message: "the status bar's Assistants count" });
      await page.locator(".statusbar-item", { hasText: /Assistants:/ }).first().click();
      await page.locator(".pane-header.expanded", { hasText: VIEW }).waitFor({ timeout: 10_000 });
      const total = cliTotal(ws);
      // The list renders only the rows in sight: collapse to the kinds first, then open one kind.
      const header = page.locator(".pane-header", { hasText: VIEW });
      await wb.waitFor(async () => (await viewRows(page)).length > 0, { timeout: 45_000, message: "rows in the view" });
      await header.hover();
      await header.locator('.action-label[aria-label^="Collapse All"]').click();
      let rows = [];
      await wb.waitFor(async () => {
        rows = await viewRows(page);
        const counts = kindCounts(rows);
        return Object.values(counts).reduce((a, b) => a + b, 0) === total;
      }, { timeout: 45_000, interval: 1000, message: `the view's kind counts to add up to the CLI's ${total} findings` }).catch((err) => {
        throw new Error(`${err.message}\n  rows: ${JSON.stringify(rows)}`);
      });
      const counts = kindCounts(rows);
      const unknown = Object.keys(counts).filter((kind) => !KINDS.includes(kind));
      if (unknown.length) throw new Error(`unknown kinds ${unknown}`);
      // The CLI's runs: calls into beta.threads.runs.* that are not streams.
      const runs = cliReport(ws).flatMap((f) => f.messages).filter((m) => /^`beta\.threads\.runs\.(?![^`]*stream)/i.test(m.message)).length;
      if (counts.runs !== runs) throw new Error(`runs: view ${counts.runs}, CLI ${runs}`);
      await shot("migration-view-kinds");
      await paneRow(page, /^threads/).click();
      await (await revealedPaneRow(page, /^route\.ts/)).click();
      await paneRow(page, /^beta\.threads\.create/).waitFor();
      rows = await viewRows(page);
      if (!rows.some((r) => r.level === 2 && r.text.startsWith("route.ts"))) throw new Error(`no route.ts row: ${JSON.stringify(rows)}`);
      if (!rows.some((r) => r.level === 3 && /^beta\.threads\.create\s*line \d+/.test(r.text))) throw new Error(`no beta.threads.create site row: ${JSON.stringify(rows)}`);
      state.kinds = counts;
      return `kinds ${JSON.stringify(counts)} = ${total} CLI findings`;
    },
  },
  {
    // The example app's thread rewrites need an assistant definition stub, so they are unsafe fixes.
    name: "Fix All in Workspace (including unsafe fixes) opens the refactor preview",
    fn: async ({ page, ws, state }) => {
      state.before = Object.fromEntries(cliReport(ws).map((f) => [f.filePath, readFileSync(f.filePath, "utf8")]));
      await wb.runCommand(page, "Responses Migrate: Fix All in Workspace (including unsafe fixes)");
      const preview = page.locator(".bulk-edit-panel");
      await preview.waitFor({ state: "visible", timeout: 20_000 });
      await wb.waitFor(async () => ((await preview.locator(".monaco-list-row").count()) > 0 ? true : null), { message: "rows in the refactor preview" });
      // The preview's list only renders the rows in view: scroll through it to see every file.
      const seen = new Set();
      await scanPreview(page, async () => {
        for (const text of await preview.locator(".monaco-list-row").allTextContents()) seen.add(text.replace(/\s+/g, " ").trim());
        return false;
      });
      const rows = [...seen];
      const changedOnDisk = Object.entries(state.before).filter(([file, text]) => readFileSync(file, "utf8") !== text);
      if (changedOnDisk.length) throw new Error(`files changed before applying: ${changedOnDisk.map(([f]) => f)}`);
      if (!rows.some((t) => /route\.ts/.test(t))) throw new Error(`route.ts not in the preview: ${JSON.stringify(rows)}`);
      return `preview rows: ${JSON.stringify(rows.slice(0, 6))}`;
    },
  },
  {
    name: "ticking the files in the preview and applying it changes them on disk",
    fn: async ({ page, ws, state, shot }) => {
      // VS Code lists edits whose annotation needs confirmation unticked: the user ticks what to apply.
      // Ticking a file expands its edits; the panel is maximized so every file's row stays in view.
      await wb.runCommand(page, "Toggle Maximized Panel");
      // Ticking expands a file's edits, which can push the next files out of the rendered rows: tick what is
      // in view, then scroll on, until the end of the list.
      let files = 0;
      await scanPreview(page, async () => {
        const unticked = page.locator('.bulk-edit-panel .monaco-list-row[aria-level="1"] .monaco-checkbox:not(.checked)');
        if ((await unticked.count()) === 0) return false;
        await unticked.first().click();
        files++;
        await page.waitForTimeout(300);
        return true;
      });
      if (files === 0) throw new Error("no file to tick in the refactor preview");
      await shot("refactor-preview-ticked");
      await page.locator(".bulk-edit-panel .monaco-button", { hasText: "Apply" }).first().click();
      // Refactorings are saved (files.refactoring.autoSave); save all in case that setting is off.
      await page.waitForTimeout(1000);
      await wb.runCommand(page, "File: Save All");
      const changed = await wb.waitFor(() => {
        const files = Object.entries(state.before).filter(([file, text]) => readFileSync(file, "utf8") !== text).map(([file]) => file);
        return files.length > 0 ? files : null;
      }, { timeout: 20_000, message: "fixed files on disk" });
      const route = readFileSync(join(ws, "src/app/api/chat/route.ts"), "utf8");
      if (!/responses\.create\(|conversations\.create\(/.test(route)) throw new Error("route.ts on disk was not rewritten");
      const after = cliTotal(ws);
      const before = Object.values(state.kinds).reduce((a, b) => a + b, 0);
      if (after >= before) throw new Error(`CLI findings did not fall: ${before} -> ${after}`);
      git(ws, ["add", "-A"]);
      git(ws, ["commit", "-q", "-m", "Fix All in Workspace"], "2026-08-15T10:00:00Z");
      state.after = after;
      return `${changed.length} files changed on disk; CLI findings ${before} -> ${after}`;
    },
  },
  {
    name: "the burn-down panel renders a chart of the commits",
    fn: async ({ page, ws }) => {
      await wb.runCommand(page, "Responses Migrate: Show Burn-down");
      const frame = page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
      await frame.locator("body[data-chart-ready]").waitFor({ timeout: 30_000 });
      const points = Number(await frame.locator("body").getAttribute("data-chart-ready"));
      if (points !== 3) throw new Error(`expected 3 points (2 commits + the working tree), got ${points}`);
      const canvas = frame.locator("#chart canvas");
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      if (!box || box.width < 300 || box.height < 200) throw new Error(`chart canvas too small: ${JSON.stringify(box)}`);
      const summary = await frame.locator("#summary").textContent();
      if (!/Assistants call sites \d+ → \d+/.test(summary ?? "")) throw new Error(`summary: ${summary}`);
      // Hovering the first point shows its commit and counts.
      const first = git(ws, ["rev-list", "--reverse", "HEAD"]).split("\n")[0].slice(0, 10);
      const over = await frame.locator("#chart .u-over").boundingBox();
      await page.mouse.move(over.x + 2, over.y + over.height / 2);
      const hover = await wb.waitFor(async () => {
        const text = (await frame.locator("#hover").textContent()) ?? "";
        return text.startsWith(first) ? text : null;
      }, { message: `the hover line to name commit ${first}` });
      if (!/no-assistants-api \d+/.test(hover)) throw new Error(`hover without counts: ${hover}`);
      return `${points} points; ${summary} hover: ${hover}`;
    },
  },
];

const ok = await runSteps({ tag: "e2e-migration", folder: join(ROOT, "examples"), resultsDir: RESULTS, steps });
process.exit(ok ? 0 : 1);
