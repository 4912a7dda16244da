// Per-folder configuration pulled from the client with workspace/configuration (resource scope), over
// what initializationOptions and didChangeConfiguration sent; cached until the client says settings changed.
import type { Connection } from "vscode-languageserver/node";
import { URI } from "vscode-uri";
import { analysisKey, DEFAULT_SETTINGS, normalizeSettings, type Settings } from "./settings";
import { SettingsSources } from "./settingsSources";

export interface FolderConfig {
  settings: Settings;
  filesExclude: Record<string, boolean>;
  /** Equal keys mean analysis results computed under the other config are still valid. */
  analysisKey: string;
}

export interface Folder {
  uri: string;
  fsPath: string;
  name: string;
}

export class ConfigStore {
  private readonly cache = new Map<string, Promise<FolderConfig>>();
  /** initializationOptions and didChangeConfiguration payloads, under what workspace/configuration answers. */
  readonly sources = new SettingsSources();
  supportsConfiguration = false;
  generation = 0;

  constructor(private readonly connection: Connection) {}

  invalidate(pushedSettings?: unknown): void {
    this.cache.clear();
    this.generation++;
    if (pushedSettings !== undefined) this.sources.fromDidChangeConfiguration(pushedSettings);
  }

  /** Settings for a folder; `undefined` stands for files outside every folder. */
  get(folder: Folder | undefined): Promise<FolderConfig> {
    const key = folder?.uri ?? "";
    let config = this.cache.get(key);
    if (!config) {
      config = this.fetch(folder?.uri);
      this.cache.set(key, config);
    }
    return config;
  }

  private async fetch(scopeUri: string | undefined): Promise<FolderConfig> {
    let pulled: unknown;
    let filesExclude: unknown;
    if (this.supportsConfiguration) {
      try {
        [pulled, filesExclude] = await this.connection.workspace.getConfiguration([
          { scopeUri, section: "responsesMigrate" },
          { scopeUri, section: "files.exclude" },
        ]);
      } catch (error) {
        this.connection.console.error(`Responses Migrate: could not read settings: ${String(error)}`);
      }
    }
    const raw = this.sources.merge(pulled);
    const settings = raw === undefined ? { ...DEFAULT_SETTINGS } : normalizeSettings(raw);
    const excludes: Record<string, boolean> = {};
    if (filesExclude && typeof filesExclude === "object") {
      for (const [glob, enabled] of Object.entries(filesExclude)) if (enabled === true) excludes[glob] = true;
    }
    return { settings, filesExclude: excludes, analysisKey: analysisKey(settings) };
  }
}

export function folderFromUri(uri: string, name?: string): Folder {
  const parsed = URI.parse(uri);
  return { uri: parsed.toString(), fsPath: parsed.fsPath, name: name ?? parsed.path.split("/").pop() ?? uri };
}

/** The innermost folder containing `uri`. */
export function folderOf(uri: string, folders: readonly Folder[]): Folder | undefined {
  let best: Folder | undefined;
  for (const folder of folders) {
    const prefix = folder.uri.endsWith("/") ? folder.uri : `${folder.uri}/`;
    if (uri.startsWith(prefix) && (!best || folder.uri.length > best.uri.length)) best = folder;
  }
  return best;
}
