// The burn-down chart as one self-contained HTML page: uPlot (bundled, inlined under a nonce), the
// points as JSON, a strict Content Security Policy and no network. `burndown --format html` writes it;
// the VS Code webview shows the same page, coloured by the editor's theme variables.
import * as fs from "node:fs";
import * as path from "node:path";
import type { BurndownPoint } from "./history";

export interface ChartLibrary {
  js: string;
  css: string;
}

/** uPlot as the build copies it beside the bundles (dist/uPlot.iife.min.js, dist/uPlot.min.css). */
export function loadChartLibrary(directory = __dirname): ChartLibrary {
  return {
    js: fs.readFileSync(path.join(directory, "uPlot.iife.min.js"), "utf8"),
    css: fs.readFileSync(path.join(directory, "uPlot.min.css"), "utf8"),
  };
}

export interface ChartPageOptions {
  points: readonly BurndownPoint[];
  library: ChartLibrary;
  nonce: string;
  title?: string;
  /** A webview's `cspSource`, allowed for styles besides the nonce. */
  cspSource?: string;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function chartPage(options: ChartPageOptions): string {
  const { nonce } = options;
  const styleSources = [`'nonce-${nonce}'`, ...(options.cspSource ? [options.cspSource] : [])].join(" ");
  const csp = `default-src 'none'; img-src data:; style-src ${styleSources}; script-src 'nonce-${nonce}'`;
  const rules = [...new Set(options.points.flatMap((point) => Object.keys(point.byRule)))];
  const title = options.title ?? "Assistants API call sites remaining";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${options.library.css}</style>
<style nonce="${nonce}">${PAGE_CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p id="summary"></p>
<div id="chart" role="img" aria-label="${escapeHtml(title)} per commit"></div>
<p id="hover" aria-live="polite"></p>
<script nonce="${nonce}" type="application/json" id="burndown-points">${scriptJson(options.points)}</script>
<script nonce="${nonce}" type="application/json" id="burndown-rules">${scriptJson(rules)}</script>
<script nonce="${nonce}">${options.library.js}</script>
<script nonce="${nonce}">${CHART_SCRIPT}</script>
</body>
</html>
`;
}

const PAGE_CSS = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); color: var(--vscode-foreground, #1f2328);
  background: var(--vscode-editor-background, #ffffff); margin: 16px; }
h1 { font-size: 1.2em; font-weight: 600; margin: 0 0 4px; }
#summary, #hover { color: var(--vscode-descriptionForeground, #59636e); margin: 4px 0 12px; min-height: 1.2em; }
#hover { font-family: var(--vscode-editor-font-family, monospace); }
.u-legend { color: var(--vscode-foreground, #1f2328); }
`;

// Runs in the page. Colours come from the theme's chart variables, with fallbacks for a browser.
const CHART_SCRIPT = `(() => {
  const points = JSON.parse(document.getElementById("burndown-points").textContent);
  const rules = JSON.parse(document.getElementById("burndown-rules").textContent);
  const style = getComputedStyle(document.body);
  const themed = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const palette = [
    themed("--vscode-charts-red", "#d1242f"), themed("--vscode-charts-blue", "#0969da"),
    themed("--vscode-charts-yellow", "#9a6700"), themed("--vscode-charts-green", "#1a7f37"),
    themed("--vscode-charts-purple", "#8250df"), themed("--vscode-charts-orange", "#bc4c00"),
    themed("--vscode-charts-foreground", "#59636e"), themed("--vscode-charts-lines", "#818b98"),
  ];
  const foreground = themed("--vscode-foreground", "#1f2328");
  const grid = themed("--vscode-charts-lines", "rgba(128,128,128,0.25)");
  const shown = rules.filter((rule) => points.some((point) => (point.byRule[rule] || 0) > 0));
  const summary = document.getElementById("summary");
  if (points.length === 0) { summary.textContent = "No commits to chart."; return; }
  const first = points[0], last = points[points.length - 1];
  summary.textContent = points.length + " points, " + first.date.slice(0, 10) + " to " + last.date.slice(0, 10) +
    ": Assistants call sites " + first.assistantsCalls + " → " + last.assistantsCalls + ".";
  // Commits can share a second; spread equal times so every point keeps its own x.
  const xs = [];
  for (const point of points) {
    let x = Date.parse(point.date) / 1000;
    if (xs.length > 0 && x <= xs[xs.length - 1]) x = xs[xs.length - 1] + 1;
    xs.push(x);
  }
  const data = [xs, ...shown.map((rule) => points.map((point) => point.byRule[rule] || 0))];
  const hover = document.getElementById("hover");
  const describe = (index) => {
    const point = points[index];
    const counts = shown.map((rule) => rule + " " + (point.byRule[rule] || 0)).join(", ");
    return (point.commit ? point.commit.slice(0, 10) : "working tree") + "  " + point.date + "  " + counts;
  };
  hover.textContent = describe(points.length - 1);
  const axis = { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const chart = new uPlot({
    width: Math.max(320, document.body.clientWidth - 32),
    height: 320,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [axis, { ...axis, label: "findings" }],
    series: [
      { label: "date", value: (u, v) => v == null ? "" : new Date(v * 1000).toISOString().slice(0, 16).replace("T", " ") },
      ...shown.map((rule, i) => ({
        label: rule,
        stroke: palette[i % palette.length],
        width: rule === "no-assistants-api" ? 3 : 1.5,
        points: { show: true, size: 6 },
      })),
    ],
    hooks: { setCursor: [(u) => { if (u.cursor.idx != null) hover.textContent = describe(u.cursor.idx); }] },
  }, data, document.getElementById("chart"));
  window.addEventListener("resize", () => chart.setSize({ width: Math.max(320, document.body.clientWidth - 32), height: 320 }));
  document.body.dataset.chartReady = String(points.length);
})();`;
