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
  /** Reads a .gitignore (undefined: none there) from elsewhere than the disk, e.g. a commit's tree. */
  readIgnoreFile?: (absolutePath: string) => string | undefined;
}

// Python virtual environments and caches hold installed packages (the SDK itself), never the project's code.
const ALWAYS_SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", ".hg", ".svn", ".venv", "venv", "site-packages", "__pycache__"]);

/** What a directory's ancestors (and it) decide for the paths below it; computed once per directory. */
interface DirectoryState {
  /** Relative to the root, "/"-separated: "" for the root, undefined outside it. */
  relative: string | undefined;
  /** The directory or an ancestor is always skipped (node_modules, VCS folders). */
  inSkippedDirectory: boolean;
  /** A glob matches the directory or an ancestor below the root. */
  globbed: boolean;
  /** The .gitignore files of the directory and its ancestors, with the length of their folder's relative prefix. */
  gitignores: ReadonlyArray<{ rules: Ignore; prefixLength: number }>;
}

export class ExclusionMatcher {
  private readonly globMatchers: picomatch.Matcher[];
  private readonly directories = new Map<string, DirectoryState>();
  private readonly readIgnoreFile: ExclusionOptions["readIgnoreFile"];

  constructor(
    private readonly root: string,
    options: ExclusionOptions = {},
  ) {
    this.readIgnoreFile = options.readIgnoreFile;
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

  /**
   * Whether a scan skips `absolutePath`: below an always-skipped folder, matched (or below a folder
   * matched) by a glob, or ignored by a .gitignore at or above its folder. Per-folder answers are
   * cached, so a file costs its own glob and .gitignore matches only.
   */
  isExcluded(absolutePath: string, isDirectory = false): boolean {
    let name = path.basename(absolutePath);
    if (name === "" || name === "." || name === "..") {
      absolutePath = path.resolve(absolutePath);
      name = path.basename(absolutePath);
      if (name === "") return this.relativeToRoot(absolutePath) !== ""; // the file system root
    }
    const parent = this.directoryState(path.dirname(absolutePath));
    // The root itself, or a path outside it (whose parent is outside too).
    if (parent.relative === undefined) return this.relativeToRoot(absolutePath) !== "";
    const relative = parent.relative === "" ? name : `${parent.relative}/${name}`;
    if (isDirectory) {
      const own = this.directoryState(absolutePath);
      if (own.inSkippedDirectory || own.globbed) return true;
    } else if (parent.inSkippedDirectory || parent.globbed || this.globMatchers.some((matches) => matches(relative))) {
      return true;
    }
    for (const { rules, prefixLength } of parent.gitignores) {
      const below = relative.slice(prefixLength);
      if (rules.ignores(isDirectory ? `${below}/` : below)) return true;
    }
    return false;
  }

  /** The cached state of a directory, built from its parent's. */
  private directoryState(directory: string): DirectoryState {
    let state = this.directories.get(directory);
    if (state) return state;
    const relative = this.relativeToRoot(directory);
    if (relative === undefined || relative === "") {
      state = { relative, inSkippedDirectory: false, globbed: false, gitignores: relative === "" ? this.gitignoresAt(directory, "", []) : [] };
    } else {
      const parent = this.directoryState(path.dirname(path.resolve(directory)));
      const name = relative.slice(relative.lastIndexOf("/") + 1);
      state = {
        relative,
        inSkippedDirectory: parent.inSkippedDirectory || ALWAYS_SKIPPED_DIRECTORIES.has(name),
        globbed: parent.globbed || this.globMatchers.some((matches) => matches(relative)),
        gitignores: this.gitignoresAt(directory, `${relative}/`, parent.gitignores),
      };
    }
    this.directories.set(directory, state);
    return state;
  }

  private gitignoresAt(directory: string, prefix: string, inherited: DirectoryState["gitignores"]): DirectoryState["gitignores"] {
    let rules: Ignore | undefined;
    const file = path.join(directory, ".gitignore");
    if (this.readIgnoreFile) {
      const content = this.readIgnoreFile(file);
      return content === undefined ? inherited : [...inherited, { rules: ignore().add(content), prefixLength: prefix.length }];
    }
    try {
      // Most folders have none: asking first is much cheaper than a failed read (an exception each).
      if (fs.existsSync(file)) rules = ignore().add(fs.readFileSync(file, "utf8"));
    } catch {
      // No .gitignore here, or unreadable: nothing to apply.
    }
    return rules ? [...inherited, { rules, prefixLength: prefix.length }] : inherited;
  }

  private relativeToRoot(absolutePath: string): string | undefined {
    const relative = path.relative(this.root, absolutePath);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join("/");
  }
}
