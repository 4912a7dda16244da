// Type-checks rewrites in the editor, lazily: on `codeAction/resolve` of a quick fix and when fix-all
// is computed, never on the keystroke path. Where the workspace has `node_modules/openai`, a rewrite
// that adds a type error is remembered for its document version, so the quick-fix menu lists it
// marked as needing review (not preferred), and fix-all leaves it out (as `responses-migrate fix` does).
import { URI } from "vscode-uri";
import { addedErrors, applyNonOverlapping, type Fix } from "../engine";
import { typeCheckerFor } from "../workspace/typeScriptCheck";

type Checker = (text: string) => string[];

/** Checkers kept for the most recently checked files (each holds a program to reuse). */
const MAX_CHECKERS = 8;

export class FixReview {
  private readonly checkers = new Map<string, Checker | undefined>();
  /** uri -> version and, per fix key, the errors it adds (empty: checked, adds none). */
  private readonly reviewed = new Map<string, { version: number; added: Map<string, string[]>; baseline?: string[] }>();

  /** The type-check port for a document, or undefined when there is nothing to check against. */
  checkerFor(uri: string): Checker | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== "file") return undefined;
    const fileName = parsed.fsPath;
    if (this.checkers.has(fileName)) {
      const checker = this.checkers.get(fileName);
      this.checkers.delete(fileName);
      this.checkers.set(fileName, checker); // most recently used last
      return checker;
    }
    const checker = typeCheckerFor(fileName);
    this.checkers.set(fileName, checker);
    if (this.checkers.size > MAX_CHECKERS) this.checkers.delete(this.checkers.keys().next().value!);
    return checker;
  }

  /**
   * The type errors `fix` adds to the document's text (empty when none, or when nothing can be
   * checked). Remembered under `key` for this version.
   */
  check(uri: string, version: number, text: string, key: string, fix: Fix): string[] {
    const entry = this.entryFor(uri, version);
    const known = entry.added.get(key);
    if (known) return known;
    const checker = this.checkerFor(uri);
    if (!checker) return [];
    entry.baseline ??= checker(text);
    const added = addedErrors(entry.baseline, checker(applyNonOverlapping(text, [fix]).text));
    entry.added.set(key, added);
    return added;
  }

  /** What an earlier check of this version found for `key`, if it was checked. */
  known(uri: string, version: number, key: string): string[] | undefined {
    const entry = this.reviewed.get(uri);
    return entry && entry.version === version ? entry.added.get(key) : undefined;
  }

  forget(uri: string): void {
    this.reviewed.delete(uri);
  }

  private entryFor(uri: string, version: number) {
    let entry = this.reviewed.get(uri);
    if (!entry || entry.version !== version) this.reviewed.set(uri, (entry = { version, added: new Map() }));
    return entry;
  }
}

/** A quick fix's title once a check found it adds errors: the first error says why. */
export function needsReviewTitle(title: string, added: readonly string[]): string {
  const more = added.length > 1 ? ` (and ${added.length - 1} more)` : "";
  return `${title} (needs review: ${added[0]}${more})`;
}
