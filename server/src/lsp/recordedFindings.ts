// Findings within the counts of a workspace folder's responses-migrate-suppressions.json (the CI
// ratchet) still show in the editor, as hints that say they are recorded, so nobody takes them for
// fixed. The file is read once per folder and again when the watcher reports a change.
import * as path from "node:path";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver/node";
import type { Finding } from "../engine";
import { applySuppressions, loadSuppressions, SUPPRESSIONS_FILE, type SuppressionCounts } from "../workspace/bulkSuppressions";

export const RECORDED_NOTE = `recorded in ${SUPPRESSIONS_FILE}`;

export class RecordedFindings {
  private readonly byFolder = new Map<string, SuppressionCounts>();
  private folderPaths: () => readonly string[] = () => [];

  setFolders(folderPaths: () => readonly string[]): void {
    this.folderPaths = folderPaths;
  }

  /** The suppressions file changed (or folders did): read again on next use. */
  reload(): void {
    this.byFolder.clear();
  }

  private countsFor(fsPath: string): { folder: string; counts: SuppressionCounts } | undefined {
    const folder = [...this.folderPaths()].sort((a, b) => b.length - a.length).find((candidate) => fsPath.startsWith(candidate + path.sep));
    if (!folder) return undefined;
    let counts = this.byFolder.get(folder);
    if (counts === undefined) {
      try {
        counts = loadSuppressions(path.join(folder, SUPPRESSIONS_FILE));
      } catch {
        counts = {}; // a broken file: `check` says so; the editor shows findings as they are
      }
      this.byFolder.set(folder, counts);
    }
    return { folder, counts };
  }

  /** `diagnostics[i]` belongs to `findings[i]`; recorded ones become hints with a note. */
  mark(fsPath: string, findings: readonly Finding[], diagnostics: Diagnostic[]): Diagnostic[] {
    const found = findings.length > 0 ? this.countsFor(fsPath) : undefined;
    if (!found || Object.keys(found.counts).length === 0) return diagnostics;
    const { suppressed } = applySuppressions([{ filePath: fsPath, findings }], found.counts, found.folder);
    const recorded = new Set(suppressed.get(fsPath) ?? []);
    if (recorded.size === 0) return diagnostics;
    return diagnostics.map((diagnostic, index) =>
      recorded.has(findings[index]) ? { ...diagnostic, severity: DiagnosticSeverity.Hint, message: `${diagnostic.message} (${RECORDED_NOTE})`, data: { recorded: true } } : diagnostic,
    );
  }
}

export const recordedFindings = new RecordedFindings();

export function isRecorded(diagnostic: Diagnostic): boolean {
  return (diagnostic.data as { recorded?: boolean } | undefined)?.recorded === true;
}
