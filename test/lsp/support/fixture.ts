// Copies an LSP fixture tree into a fresh temp dir and adds what git cannot hold (node_modules, a
// gitignored build/ folder, a binary file under a .ts name).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./lspClient";

export const ASSISTANTS_CALL = `import OpenAI from "openai";\nconst c = new OpenAI();\nc.beta.threads.create();\n`;

/** An open document's text: a thread created, then its runs listed (findings at lines 3 and 4). */
export const APP_WITH_TWO_CALLS = [
  `import OpenAI from "openai";`,
  `const client = new OpenAI();`,
  `export async function run() {`,
  `    const thread = await client.beta.threads.create();`,
  `    return client.beta.threads.runs.list(thread.id);`,
  `}`,
  ``,
].join("\n");

export function makeWorkspace(fixture = "basic"): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-"));
  fs.cpSync(path.join(REPO_ROOT, "test", "fixtures", "lsp", fixture), root, { recursive: true });
  fs.rmSync(path.join(root, "README.md"), { force: true });
  // Never scanned: node_modules, and build/ which the fixture's .gitignore lists.
  fs.mkdirSync(path.join(root, "node_modules", "some-sdk"), { recursive: true });
  fs.writeFileSync(path.join(root, "node_modules", "some-sdk", "index.js"), ASSISTANTS_CALL);
  fs.mkdirSync(path.join(root, "build"), { recursive: true });
  fs.writeFileSync(path.join(root, "build", "bundle.js"), ASSISTANTS_CALL);
  // Garbage under a .ts name: binary bytes, and Latin-1 text with a NUL-free but invalid UTF-8 body.
  fs.writeFileSync(path.join(root, "src", "garbage.ts"), Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x02, 0x80, 0x00, 0x9f, 0x63, 0x2e, 0x62, 0x65, 0x74, 0x61]));
  return root;
}

export function removeWorkspace(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
