import type { LanguageId } from "./types";

const LANGUAGE_BY_EXTENSION: Record<string, LanguageId> = {
  ".ts": "typescript",
  ".tsx": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".js": "javascript",
  ".jsx": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".py": "python",
  ".pyi": "python",
  ".ipynb": "python",
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(LANGUAGE_BY_EXTENSION);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const slash = Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\"));
  return dot > slash ? fileName.slice(dot).toLowerCase() : "";
}

export function languageOf(fileName: string): LanguageId | undefined {
  if (fileName.endsWith(".d.ts") || fileName.endsWith(".d.mts") || fileName.endsWith(".d.cts")) return undefined;
  return LANGUAGE_BY_EXTENSION[extensionOf(fileName)];
}

export function isSupportedFile(fileName: string): boolean {
  return languageOf(fileName) !== undefined;
}

/** The line comment that starts a disable directive in this file's language. */
export function commentPrefixOf(fileName: string): "//" | "#" {
  return languageOf(fileName) === "python" ? "#" : "//";
}
