// The Python counterpart of typeScriptCheck.ts for `responses-migrate fix`: a rewritten Python file is
// checked with pyright against the `openai` package of the workspace's virtual environment (`.venv/`
// or `venv/` at or above the file). The environment is found by its folders (lib/python3.X/
// site-packages/openai), and pyright is told where it is (venvPath, venv, pythonVersion), so no
// interpreter, the workspace's or another, is run. pyright is this project's npm (dev) dependency,
// not bundled: it is used where it resolves (the workspace's node_modules, else the CLI's own);
// elsewhere Python rewrites are applied unchecked, as TypeScript ones are without node_modules/openai.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { nearestInNodeModules } from "./typeScriptCheck";
import { notebookCode } from "../engine/python/notebook";

const PYTHON_FILE = /\.(pyi?|ipynb)$/i;
const VIRTUAL_ENVIRONMENTS = [".venv", "venv"];
/** A pyright run over one file; far longer means something is wrong, and nothing is held back. */
const PYRIGHT_TIMEOUT_MS = 180_000;

export interface PythonEnvironment {
  /** The folder holding the environment, and its name there (pyright's `venvPath` and `venv`). */
  venvPath: string;
  venv: string;
  /** From lib/python3.X (undefined on Windows layouts, where pyright picks its default). */
  pythonVersion?: string;
}

/** The nearest virtual environment at or above `filePath` that has the `openai` package installed. */
export function pythonEnvironmentFor(filePath: string): PythonEnvironment | undefined {
  for (let dir = path.dirname(path.resolve(filePath)); ; dir = path.dirname(dir)) {
    for (const venv of VIRTUAL_ENVIRONMENTS) {
      const found = environmentIn(dir, venv);
      if (found) return found;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function environmentIn(venvPath: string, venv: string): PythonEnvironment | undefined {
  const hasOpenai = (sitePackages: string) => fs.existsSync(path.join(sitePackages, "openai", "__init__.py"));
  const lib = path.join(venvPath, venv, "lib");
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(lib).filter((name) => /^python3\.\d+$/.test(name));
  } catch {
    // no lib/ folder: maybe a Windows layout
  }
  for (const version of versions) if (hasOpenai(path.join(lib, version, "site-packages"))) return { venvPath, venv, pythonVersion: version.slice("python".length) };
  return hasOpenai(path.join(venvPath, venv, "Lib", "site-packages")) ? { venvPath, venv } : undefined;
}

/** pyright's CLI entry: the workspace's own, else the one installed beside this tool. */
export function pyrightFor(filePath: string): string | undefined {
  const workspace = nearestInNodeModules(filePath, path.join("pyright", "index.js"));
  if (workspace) return workspace;
  try {
    return require.resolve("pyright/index.js");
  } catch {
    return undefined;
  }
}

let scratch: string | undefined;
/** One scratch folder per process for the texts pyright checks, removed on exit. */
function scratchFolder(): string {
  if (!scratch) {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), "responses-migrate-pyright-"));
    scratch = made;
    process.once("exit", () => fs.rmSync(made, { recursive: true, force: true }));
  }
  return scratch;
}

/**
 * A checker for one Python file: given a text for it, pyright's errors (rule and first line of the
 * message, no positions). A notebook is checked as its code cells joined (magics blanked), as the
 * kernel runs them. Undefined when the file is not Python, the workspace has no environment with
 * `openai`, or pyright does not resolve.
 */
export function pythonTypeCheckerFor(filePath: string): ((text: string) => string[]) | undefined {
  if (!PYTHON_FILE.test(filePath)) return undefined;
  const environment = pythonEnvironmentFor(filePath);
  const pyright = environment && pyrightFor(filePath);
  if (!environment || !pyright) return undefined;
  const folder = fs.mkdtempSync(path.join(scratchFolder(), "file-"));
  const notebook = /\.ipynb$/i.test(filePath);
  const checked = path.join(folder, notebook ? `${path.basename(filePath, path.extname(filePath))}.py` : path.basename(filePath));
  const config = path.join(folder, "pyrightconfig.json");
  // The file's own folder is on the search path, so its imports of sibling modules resolve as in place.
  fs.writeFileSync(config, JSON.stringify({ ...environment, extraPaths: [path.dirname(path.resolve(filePath))] }));
  const results = new Map<string, string[]>();
  return (text) => {
    const known = results.get(text);
    if (known) return known;
    fs.writeFileSync(checked, notebook ? (notebookCode(text)?.python ?? "") : text);
    const run = spawnSync(process.execPath, [pyright, "--outputjson", "-p", config, checked], { encoding: "utf8", timeout: PYRIGHT_TIMEOUT_MS, maxBuffer: 64 << 20 });
    const errors = pyrightErrors(run.stdout);
    results.set(text, errors);
    return errors;
  };
}

interface PyrightReport {
  generalDiagnostics?: Array<{ severity: string; message: string; rule?: string }>;
}

function pyrightErrors(stdout: string): string[] {
  let report: PyrightReport;
  try {
    report = JSON.parse(stdout) as PyrightReport;
  } catch {
    return []; // pyright did not run to the end: nothing to compare, nothing held back
  }
  return (report.generalDiagnostics ?? []).filter((d) => d.severity === "error").map((d) => `${d.rule ?? "error"}: ${d.message.split("\n")[0]}`);
}
