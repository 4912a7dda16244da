// `// responses-migrate-disable-next-line <rule-id>[, <rule-id>]` and file-level
// `// responses-migrate-disable <rule-id>`; with no id, every rule. `#` comments work the same for Python.
import type { LineIndex } from "./text/lineIndex";

const DIRECTIVE = /(?:\/\/|\/\*|#)[ \t]*responses-migrate-disable(-next-line)?\b([^\r\n]*)/g;

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

function ruleIdsOf(rest: string): Set<string> | "all" {
  const ids = rest
    .replace(/\*\/.*$/, "")
    .replace(/\s--\s.*$/, "")
    .split(/[\s,]+/)
    .filter((id) => /^[a-z][a-z0-9-]*$/.test(id));
  return ids.length === 0 ? "all" : new Set(ids);
}

export function findSuppressions(text: string, lines: LineIndex): Suppressions {
  const fileWide: Array<Set<string> | "all"> = [];
  const byLine = new Map<number, Array<Set<string> | "all">>();
  if (text.includes("responses-migrate-disable")) {
    for (const match of text.matchAll(DIRECTIVE)) {
      const ids = ruleIdsOf(match[2]);
      if (match[1]) {
        const nextLine = lines.positionAt(match.index).line + 1;
        byLine.set(nextLine, [...(byLine.get(nextLine) ?? []), ids]);
      } else {
        fileWide.push(ids);
      }
    }
  }
  const covers = (entries: Array<Set<string> | "all"> | undefined, ruleId: string) =>
    entries?.some((ids) => ids === "all" || ids.has(ruleId)) ?? false;
  return {
    isSuppressed: (ruleId, line) => covers(fileWide, ruleId) || covers(byLine.get(line), ruleId),
  };
}
