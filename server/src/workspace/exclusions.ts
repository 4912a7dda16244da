// Decides which paths a scan skips: node_modules and VCS folders always, then .gitignore files (nested
// ones apply below their folder, as git does), VS Code's `files.exclude`, and our `exclude` setting.
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";

export interface ExclusionOptions {
  /** Globs from `responsesMigrate.exclude`, relative to the root. */
  exclude?: readonly string[];
  /** VS Code's `files.exclude`: glob -> enabled. */
  filesExclude?: Readonly<Record<string, boolean>>;
}

const ALWAYS_SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", ".hg", ".svn"]);

export class ExclusionMatcher {
  private readonly globMatchers: picomatch.Matcher[];
  private readonly gitignoreByDirectory = new Map<string, Ignore | null>();

  constructor(
    private readonly root: string,
    options: ExclusionOptions = {},
  ) {
    const enabledFilesExclude = Object.entries(options.filesExclude ?? {})
      .filter(([, enabled]) => enabled === true)
      .map(([glob]) => glob);
    this.globMatchers = [...(options.exclude ?? []), ...enabledFilesExclude].map((glob) =>
      picomatch(glob.replace(/\/+$/, ""), { dot: true }),
    );
  }

  isExcludedDirectory(absoluteDirectory: string): boolean {
    const name = path.basename(absoluteDirectory);
    if (ALWAYS_SKIPPED_DIRECTORIES.has(name)) return true;
    return this.isExcluded(absoluteDirectory, true);
  }

  isExcluded(absolutePath: string, isDirectory = false): boolean {
    const relative = this.relativeToRoot(absolutePath);
    if (relative === undefined) return true;
    if (relative === "") return false;
    const segments = relative.split("/");
    if (segments.some((segment, i) => ALWAYS_SKIPPED_DIRECTORIES.has(segment) && (isDirectory || i < segments.length - 1))) {
      return true;
    }
    if (this.globMatchers.some((matches) => matches(relative) || segments.some((_, i) => i > 0 && matches(segments.slice(0, i).join("/"))))) {
      return true;
    }
    return this.isGitignored(segments, isDirectory);
  }

  private relativeToRoot(absolutePath: string): string | undefined {
    const relative = path.relative(this.root, absolutePath);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join("/");
  }

  private isGitignored(segments: string[], isDirectory: boolean): boolean {
    for (let depth = 0; depth < segments.length; depth++) {
      const directory = path.join(this.root, ...segments.slice(0, depth));
      const rules = this.gitignoreOf(directory);
      if (!rules) continue;
      const below = segments.slice(depth).join("/");
      if (rules.ignores(isDirectory ? `${below}/` : below)) return true;
    }
    return false;
  }

  private gitignoreOf(directory: string): Ignore | null {
    let rules = this.gitignoreByDirectory.get(directory);
    if (rules === undefined) {
      rules = null;
      try {
        rules = ignore().add(fs.readFileSync(path.join(directory, ".gitignore"), "utf8"));
      } catch {
        // No .gitignore here, or unreadable: nothing to apply.
      }
      this.gitignoreByDirectory.set(directory, rules);
    }
    return rules;
  }
}
