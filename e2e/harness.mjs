// Runs a list of UI steps against the packaged extension in code-server, on a temporary copy
// of a folder. Each step gets a screenshot in resultsDir; the first failure stops the run,
// names the step and points at the screenshots. Used by test.mjs and heldout.mjs.
//
//   E2E_VSIX=path   use this VSIX instead of building and packaging
//   E2E_KEEP=1      keep the temporary workspace and code-server profile
import { chromium } from "playwright-core";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { provision, ROOT } from "./provision.mjs";
import { buildAndPackage } from "./prepare.mjs";
import { profile, writeUserSettings, installExtension, startCodeServer } from "./codeServer.mjs";

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Settings that keep the Problems panel to this extension's findings and keep typing literal. */
export const TEST_SETTINGS = {
  "typescript.validate.enable": false,
  "javascript.validate.enable": false,
  "editor.quickSuggestions": { other: false, comments: false, strings: false },
  "editor.suggestOnTriggerCharacters": false,
  "editor.acceptSuggestionOnEnter": "off",
  "editor.autoClosingBrackets": "never",
  "editor.autoClosingQuotes": "never",
  "editor.autoIndent": "none",
  "editor.parameterHints.enabled": false,
  "editor.formatOnSave": false,
  "files.autoSave": "off",
  "workbench.editor.enablePreview": false,
};

/**
 * @param {{ tag: string, folder: string, resultsDir: string, steps: {name: string, fn: Function}[] }} opts
 * Each step's fn gets ctx = { page, ws, state, shot(name) } and may return a detail string.
 */
export async function runSteps({ tag, folder, resultsDir, steps }) {
  const t0 = Date.now();
  const rel = (p) => relative(ROOT, p) || ".";
  let cs, browser, home;
  let shotIndex = 0;
  const ctx = { state: {} };
  ctx.shot = async (name) => {
    const file = join(resultsDir, `${String(++shotIndex).padStart(2, "0")}-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`);
    await ctx.page?.screenshot({ path: file }).catch(() => {});
    return file;
  };

  try {
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
    const vsix = process.env.E2E_VSIX ?? buildAndPackage();
    provision();

    home = mkdtempSync(join(tmpdir(), "responses-migrate-e2e-"));
    ctx.ws = join(home, basename(folder));
    cpSync(folder, ctx.ws, { recursive: true, filter: (src) => !/[/\\](node_modules|\.git)$/.test(src) });
    const p = profile(join(home, "profile"));
    writeUserSettings(p, TEST_SETTINGS);
    installExtension(p, vsix);
    cs = await startCodeServer({ p, folder: ctx.ws, logFile: join(resultsDir, "code-server.log") });
    ctx.folderUrl = cs.folderUrl;
    console.log(`[${tag}] code-server ${cs.url}, workspace ${ctx.ws}`);

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
    ctx.page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  } catch (err) {
    await cs?.stop();
    await browser?.close();
    console.error(`\n[${tag}] FAILED during setup: ${err.stack ?? err}\n[${tag}] output so far: ${rel(resultsDir)}/`);
    return false;
  }

  const results = [];
  let failed = null;
  for (const [i, s] of steps.entries()) {
    const st = Date.now();
    try {
      const detail = await s.fn(ctx);
      const file = await ctx.shot(s.name);
      results.push({ step: s.name, ok: true, ms: Date.now() - st, detail, screenshot: rel(file) });
      console.log(`  ✓ ${i + 1}. ${s.name} (${Date.now() - st} ms)${detail ? `\n      ${detail}` : ""}`);
    } catch (err) {
      const file = await ctx.shot(`${s.name}-FAILED`);
      failed = { step: i + 1, name: s.name, error: err.message, screenshot: rel(file) };
      results.push({ step: s.name, ok: false, ms: Date.now() - st, error: err.message, screenshot: rel(file) });
      console.log(`  ✗ ${i + 1}. ${s.name}\n      ${err.message.replace(/\n/g, "\n      ")}`);
      break;
    }
  }
  await browser.close();
  await cs.stop();
  const seconds = (Date.now() - t0) / 1000;
  writeFileSync(join(resultsDir, "summary.json"), JSON.stringify({ ok: !failed, seconds, results }, null, 2));
  if (!process.env.E2E_KEEP) rmSync(home, { recursive: true, force: true });
  const where = `screenshots and code-server.log: ${rel(resultsDir)}/`;
  if (failed) {
    console.error(`\n[${tag}] FAILED at step ${failed.step} "${failed.name}": ${failed.error.split("\n")[0]}`);
    console.error(`[${tag}] ${where} (failure: ${failed.screenshot})`);
    return false;
  }
  console.log(`\n[${tag}] all ${steps.length} steps passed in ${seconds.toFixed(0)} s; ${where}`);
  return true;
}
