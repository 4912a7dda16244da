// Collects the assistant definitions a workspace exports, so a fix in one file can import one from
// another instead of inserting a stub. Reads only files that mention both words a definition needs.
import * as fs from "node:fs";
import type ts from "typescript";
import { findExportedAssistantDefinitions, type WorkspaceDefinition } from "../engine";
import { discoverSourceFiles } from "./discover";
import type { ExclusionOptions } from "./exclusions";

// Python files export without a keyword: only the first marker applies to them.
const MARKERS = [Buffer.from("instructions"), Buffer.from("export")];

/** `parsed`: the file's syntax tree for a text, if the caller parsed that very text already. */
export function assistantDefinitionsIn(fileName: string, bytes: Buffer, parsed?: (text: string) => ts.SourceFile | undefined): WorkspaceDefinition[] {
  const python = /\.pyi?$/i.test(fileName);
  if (!MARKERS.every((marker, index) => (python && index > 0) || bytes.includes(marker))) return [];
  try {
    return findExportedAssistantDefinitions(fileName, bytes.toString("utf8"), parsed).map((name) => ({ name, fileName }));
  } catch {
    // A file that cannot be parsed defines nothing usable.
    return [];
  }
}

export async function collectAssistantDefinitions(roots: readonly string[], options: ExclusionOptions = {}): Promise<WorkspaceDefinition[]> {
  const definitions: WorkspaceDefinition[] = [];
  for (const root of roots) {
    for (const fileName of await discoverSourceFiles(root, options)) {
      let bytes: Buffer;
      try {
        bytes = await fs.promises.readFile(fileName);
      } catch {
        continue;
      }
      definitions.push(...assistantDefinitionsIn(fileName, bytes));
    }
  }
  return definitions;
}
