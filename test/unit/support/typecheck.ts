// Type-checks generated code against the real `openai` package (the repo's pinned devDependency), the
// way `tsc --noEmit --strict` would: files are written to a temp dir and module names are mapped to
// this repo's node_modules, so the check sees exactly what a user's project would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const NODE_MODULES = path.join(REPO_ROOT, "node_modules");

export interface TypecheckOptions {
  /** Extra compiler options (e.g. `checkJs`). */
  compilerOptions?: ts.CompilerOptions;
}

/**
 * Type-checks `files` (name -> text, names relative to one temp dir) together and returns every
 * diagnostic as `file(line,col): message`; an empty array means the code compiles.
 */
export function typecheck(files: Record<string, string>, options: TypecheckOptions = {}): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "responses-migrate-typecheck-"));
  try {
    const roots = Object.entries(files).map(([name, text]) => {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    });
    const compilerOptions: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      skipLibCheck: true,
      esModuleInterop: true,
      allowJs: true,
      types: ["node"],
      typeRoots: [path.join(NODE_MODULES, "@types")],
      // The temp dir has no node_modules of its own: point the packages generated code imports at ours.
      paths: {
        openai: [path.join(NODE_MODULES, "openai")],
        "openai/*": [path.join(NODE_MODULES, "openai", "*")],
        "p-limit": [path.join(NODE_MODULES, "p-limit")],
      },
      ...options.compilerOptions,
    };
    const program = ts.createProgram(roots, compilerOptions);
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || roots.includes(path.resolve(d.file.fileName)));
    return diagnostics.map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!d.file || d.start === undefined) return message;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${path.relative(dir, d.file.fileName)}(${line + 1},${character + 1}): ${message}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
