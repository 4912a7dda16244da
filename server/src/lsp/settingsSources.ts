// Where `responsesMigrate.*` settings come from in a client that is not VS Code. Lowest first:
//   1. initializationOptions: `{ "responsesMigrate": { … } }`, or the settings object itself;
//   2. the `settings` of the last workspace/didChangeConfiguration: `{ "responsesMigrate": { … } }`;
//   3. the client's answer to workspace/configuration (section `responsesMigrate`), when it supports it.
// A later source overrides an earlier one key by key; a source that says nothing (absent, null) leaves
// the earlier ones standing, so a Neovim `init_options` still counts when `settings` is empty.
import { DEFAULT_SETTINGS } from "./settings";

type RawSettings = Record<string, unknown>;

const SETTING_KEYS = new Set(Object.keys(DEFAULT_SETTINGS));

function isRecord(value: unknown): value is RawSettings {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `responsesMigrate` object inside a payload; with `flat`, a payload of bare setting keys also counts. */
export function settingsIn(payload: unknown, flat = false): RawSettings | undefined {
  if (!isRecord(payload)) return undefined;
  if (isRecord(payload.responsesMigrate)) return payload.responsesMigrate;
  if (flat && Object.keys(payload).some((key) => SETTING_KEYS.has(key))) return payload;
  return undefined;
}

export class SettingsSources {
  private initialization: RawSettings | undefined;
  private notified: RawSettings | undefined;

  fromInitializationOptions(options: unknown): void {
    this.initialization = settingsIn(options, true);
  }

  /** didChangeConfiguration: a payload without our section (VS Code sends `null`) keeps the last one. */
  fromDidChangeConfiguration(settings: unknown): void {
    const found = settingsIn(settings);
    if (found) this.notified = found;
  }

  /** The merged raw settings, `undefined` when no source said anything (then every default holds). */
  merge(pulled?: unknown): RawSettings | undefined {
    const layers = [this.initialization, this.notified, isRecord(pulled) ? pulled : undefined].filter((layer) => layer !== undefined);
    if (layers.length === 0) return undefined;
    return Object.assign({}, ...layers) as RawSettings;
  }
}
