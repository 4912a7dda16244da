// The type-check port `responses-migrate fix` gives the engine: a rewritten TypeScript file is checked
// with the TypeScript checker against the workspace's own `node_modules/openai`, as the file sits in
// the workspace (its imports resolve as they would for the user). Only TypeScript files of a workspace
// that has the SDK (and TypeScript's library declarations) installed are checked; for the rest there
// is nothing to check against.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const TYPESCRIPT_FILE = /\.(c|m)?tsx?$/i;

/** The nearest `node_modules/<relative>` above `filePath`, if the workspace has one. */
function nearestInNodeModules(filePath: string, relative: string): string | undefined {
  for (let dir = path.dirname(path.resolve(filePath)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function openaiPackageFor(filePath: string): string | undefined {
  const manifest = nearestInNodeModules(filePath, path.join("openai", "package.json"));
  return manifest && path.dirname(manifest);
}

/**
 * Where the standard library declarations are: the workspace's own TypeScript, else the one this
 * tool runs from when its lib files sit beside it (the bundled compiler ships without them).
 */
function libDirectoryFor(filePath: string): string | undefined {
  const workspace = nearestInNodeModules(filePath, path.join("typescript", "lib", "lib.es2022.d.ts"));
  if (workspace) return path.dirname(workspace);
  try {
    const own = path.dirname(require.resolve("typescript"));
    return fs.existsSync(path.join(own, "lib.es2022.d.ts")) ? own : undefined;
  } catch {
    return undefined;
  }
}

/** A function, not a constant: reading the compiler's enums at start-up would load the compiler in every run. */
const compilerOptions = (): ts.CompilerOptions => ({
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  esModuleInterop: true,
  jsx: ts.JsxEmit.Preserve,
  types: [],
});

/** Declarations (lib, SDK) and workspace files parsed by any checker of this run: a CLI run is short-lived. */
const PARSED = new Map<string, ts.SourceFile | undefined>();

/**
 * A checker for one file: given the file's text, its type errors (code and message, no positions).
 * Undefined when the file is not TypeScript or the workspace has no `openai` package.
 */
export function typeCheckerFor(filePath: string): ((text: string) => string[]) | undefined {
  const libDirectory = TYPESCRIPT_FILE.test(filePath) && openaiPackageFor(filePath) ? libDirectoryFor(filePath) : undefined;
  if (!libDirectory) return undefined;
  const fileName = path.resolve(filePath);
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  host.getDefaultLibLocation = () => libDirectory;
  host.getDefaultLibFileName = (options) => path.join(libDirectory, ts.getDefaultLibFileName(options));
  let oldProgram: ts.Program | undefined;
  let currentText = "";
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (path.resolve(name) === fileName) return ts.createSourceFile(name, currentText, languageVersion, true);
    // Other files are read as they are on disk, and parsed once per run, whichever file is checked.
    if (!PARSED.has(name)) PARSED.set(name, getSourceFile(name, languageVersion, onError, shouldCreate));
    return PARSED.get(name);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === fileName || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === fileName ? currentText : readFile(name));
  return (text) => {
    currentText = text;
    // The previous program's library files are reused, so each check after the first is quick.
    const program = ts.createProgram({ rootNames: [fileName], options, host, oldProgram });
    oldProgram = program;
    const source = program.getSourceFile(fileName);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    return diagnostics.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  };
}
