// "Responses Migrate: Show Burn-down": a webview with the chart `burndown --format html` writes, its
// points from the server (which walks git in a child process), uPlot from the extension's dist/, the
// theme's colours, a nonce-only Content Security Policy and nothing from the network.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { chartPage, loadChartLibrary } from "../../server/src/burndown/chartPage";
import type { BurndownPoint } from "../../server/src/burndown/history";

const BURNDOWN_REQUEST = "responsesMigrate/burndown";

let panel: vscode.WebviewPanel | undefined;

function messagePage(text: string, cspSource: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource};"></head><body><p>${text}</p></body></html>`;
}

export async function showBurndown(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  if (panel) {
    panel.reveal();
  } else {
    panel = vscode.window.createWebviewPanel("responsesMigrate.burndown", "Responses Migrate: Burn-down", vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
  }
  const shown = panel;
  shown.webview.html = messagePage("Counting the Assistants call sites at each commit…", shown.webview.cspSource);
  let result: { points: BurndownPoint[]; note?: string };
  try {
    result = await client.sendRequest(BURNDOWN_REQUEST);
  } catch (error) {
    shown.webview.html = messagePage(`The burn-down failed: ${String(error).replace(/[<&]/g, "")}`, shown.webview.cspSource);
    return;
  }
  if (panel !== shown) return; // closed meanwhile
  shown.webview.html = chartPage({
    points: result.points,
    library: loadChartLibrary(context.asAbsolutePath("dist")),
    nonce: randomBytes(16).toString("base64"),
    cspSource: shown.webview.cspSource,
    title: "Assistants API call sites remaining",
  });
  if (result.note) void vscode.window.showInformationMessage(`Responses Migrate: ${result.note}`);
}
