// The "Responses Migration" view: what is left to migrate, by kind, then file, then site, with counts.
// Its data is the server's workspace analysis (the one the Problems panel shows), asked for with a
// custom request whenever diagnostics change; fixes are computed by the server and applied here.
import * as path from "node:path";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

export const VIEW_ID = "responsesMigrate.migrationView";
const SITES_REQUEST = "responsesMigrate/migrationSites";
const FIX_SITES_REQUEST = "responsesMigrate/fixSites";
const FIX_WORKSPACE_REQUEST = "responsesMigrate/fixAllInWorkspace";
const KINDS = ["threads", "runs", "assistants", "streams", "tool loops", "pitfalls"] as const;

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface Site {
  uri: string;
  ruleId: string;
  kind: (typeof KINDS)[number];
  message: string;
  severity: number;
  range: LspRange;
  recorded: boolean;
}

type Node =
  | { type: "kind"; kind: string; sites: Site[] }
  | { type: "file"; kind: string; uri: string; sites: Site[] }
  | { type: "site"; site: Site };

function sitesOf(node: Node): Site[] {
  return node.type === "site" ? [node.site] : node.sites;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The method a message names (`beta.threads.create`), else the message's first clause. */
function siteLabel(site: Site): string {
  return /^`([^`]+)`/.exec(site.message)?.[1] ?? site.message.split(/[:.(]/)[0];
}

export class MigrationView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private sites: Site[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Re-asks the server, at most every 300 ms however often diagnostics change. */
  scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 300);
  }

  async refresh(): Promise<void> {
    if (!this.client.isRunning()) return;
    try {
      this.sites = await this.client.sendRequest<Site[]>(SITES_REQUEST);
    } catch {
      return; // the server is restarting; the next diagnostics change asks again
    }
    this.changed.fire(undefined);
  }

  get assistantsCalls(): number {
    return this.sites.filter((site) => site.ruleId === "no-assistants-api").length;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return KINDS.map((kind) => ({ type: "kind" as const, kind, sites: this.sites.filter((site) => site.kind === kind) })).filter((group) => group.sites.length > 0);
    }
    if (node.type === "kind") {
      const byUri = new Map<string, Site[]>();
      for (const site of node.sites) byUri.set(site.uri, [...(byUri.get(site.uri) ?? []), site]);
      return [...byUri].map(([uri, sites]) => ({ type: "file" as const, kind: node.kind, uri, sites }));
    }
    if (node.type === "file") return node.sites.map((site) => ({ type: "site" as const, site }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === "kind") {
      const item = new vscode.TreeItem(node.kind, vscode.TreeItemCollapsibleState.Expanded);
      item.description = plural(node.sites.length, "site");
      item.contextValue = "responsesMigrate.group";
      item.iconPath = new vscode.ThemeIcon(node.kind === "pitfalls" ? "warning" : node.kind === "tool loops" ? "tools" : "symbol-event");
      return item;
    }
    if (node.type === "file") {
      const uri = vscode.Uri.parse(node.uri);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Expanded);
      item.label = path.basename(uri.fsPath);
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const relative = folder ? path.relative(folder.uri.fsPath, path.dirname(uri.fsPath)) : path.dirname(uri.fsPath);
      item.description = `${relative ? `${relative} · ` : ""}${plural(node.sites.length, "site")}`;
      item.contextValue = "responsesMigrate.group";
      return item;
    }
    const { site } = node;
    const item = new vscode.TreeItem(siteLabel(site), vscode.TreeItemCollapsibleState.None);
    item.description = `line ${site.range.start.line + 1}${site.recorded ? " · recorded" : ""}`;
    item.tooltip = new vscode.MarkdownString(`${site.message}\n\n\`${site.ruleId}\``);
    item.contextValue = "responsesMigrate.site";
    item.iconPath = new vscode.ThemeIcon(site.recorded ? "pass" : site.severity === 1 ? "error" : "warning");
    const selection = new vscode.Range(site.range.start.line, site.range.start.character, site.range.end.line, site.range.end.character);
    item.command = { command: "vscode.open", title: "Open", arguments: [vscode.Uri.parse(site.uri), { selection } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  /** The inline action on a site, or on a group (a kind or a file): the preferred fix of each site. */
  async fix(node: Node | undefined): Promise<void> {
    if (!node) return;
    const sites = sitesOf(node).map(({ uri, ruleId, range }) => ({ uri, ruleId, range }));
    const result = await this.client.sendRequest<{ edit: unknown; fixed: number }>(FIX_SITES_REQUEST, { sites });
    if (result.fixed === 0) {
      void vscode.window.showInformationMessage(sites.length === 1 ? "Responses Migrate: this site has no automatic fix." : "Responses Migrate: these sites have no automatic fix.");
      return;
    }
    const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(result.edit as never);
    if (edit) await vscode.workspace.applyEdit(edit);
  }

  /** One WorkspaceEdit whose change annotations need confirmation: VS Code opens its refactor preview. */
  async fixAllInWorkspace(unsafe: boolean): Promise<void> {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Responses Migrate: computing fixes…" }, () =>
      this.client.sendRequest<{ edit: unknown; fixed: number; files: number }>(FIX_WORKSPACE_REQUEST, { unsafe }),
    );
    if (result.fixed === 0) {
      void vscode.window.showInformationMessage(`Responses Migrate: no ${unsafe ? "" : "safe "}fixes to apply in the workspace.`);
      return;
    }
    const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(result.edit as never);
    if (edit) await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }
}
