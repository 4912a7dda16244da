// Generates the benchmark workspace: a seeded, synthetic monorepo of TS/JS/Python under
// bench/.workspace/ (git-ignored). 1% of the files use the Assistants API in the forms real code
// uses, one call per line, so a line search (ripgrep) and the engine should agree line for line.
// A .gitignore'd dist/ and a node_modules/ full of matches must be skipped by every tool.
// The generator records every call site it wrote in manifest.json; it regenerates only when the
// workspace is missing or the parameters changed.
import * as fs from "node:fs";
import * as path from "node:path";

export interface GenerateParams {
  seed: number;
  files: number;
  targetBytes: number;
  assistantsRatio: number;
  /** Bump when the templates change, so old workspaces are regenerated. */
  generatorVersion: number;
}

export const DEFAULT_PARAMS: GenerateParams = {
  seed: 20260826,
  files: 20_000,
  targetBytes: 250 * 1024 * 1024,
  assistantsRatio: 0.01,
  generatorVersion: 4,
};

export interface Manifest {
  params: GenerateParams;
  /** Files in the scanned part of the tree (excludes dist/ and node_modules/). */
  files: number;
  bytes: number;
  jsTsFiles: number;
  pythonFiles: number;
  /** `relative/path.ts:line` of every Assistants call written in JS/TS outside dist/ and node_modules. */
  callSites: string[];
  /** The same for Python files (the engine does not analyse Python yet). */
  pythonCallSites: string[];
}

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Lang = "ts" | "tsx" | "js" | "mjs" | "cjs" | "py";

const WORDS = ["order", "invoice", "customer", "ticket", "session", "report", "account", "payment", "shipment", "profile", "message", "catalog", "search", "metric", "audit", "export", "webhook", "cache", "queue", "token"];

class Writer {
  constructor(readonly random: () => number) {}
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  name(): string {
    const a = this.pick(WORDS);
    const b = this.pick(WORDS);
    return a + b[0].toUpperCase() + b.slice(1);
  }
}

// ---- Filler: ordinary application code (no Assistants calls, no `beta.threads`/`beta.assistants`). ----

function tsFiller(w: Writer, typed: boolean): string {
  const n = w.name();
  const T = n[0].toUpperCase() + n.slice(1);
  const t = (s: string) => (typed ? s : "");
  // About 3% of files mention a rule's trigger words ("responses", "beta") in ordinary code, which
  // makes the engine parse them: real code does that too.
  const kind = w.chance(0.0025) ? 7 : w.pick([0, 1, 2, 3, 4, 5, 6, 8, 9]);
  switch (kind) {
    case 0:
      return `${typed ? `export interface ${T} {\n  id: string;\n  createdAt: Date;\n  amount: number;\n  tags: string[];\n  owner?: { id: string; email: string };\n}\n\n` : ""}export function normalize${T}(input${t(`: Partial<${T}>`)})${t(`: ${T}`)} {\n  return {\n    id: String(input.id ?? ""),\n    createdAt: input.createdAt ?? new Date(0),\n    amount: Math.round((input.amount ?? 0) * 100) / 100,\n    tags: [...new Set(input.tags ?? [])].sort(),\n    owner: input.owner,\n  };\n}\n\n`;
    case 1:
      return `export async function fetch${T}(baseUrl${t(": string")}, id${t(": string")}, signal${t("?: AbortSignal")})${t(`: Promise<unknown>`)} {\n  const res = await fetch(\`\${baseUrl}/${n}/\${encodeURIComponent(id)}\`, { signal, headers: { accept: "application/json" } });\n  if (!res.ok) {\n    throw new Error(\`${n} \${id}: HTTP \${res.status}\`);\n  }\n  return res.json();\n}\n\n`;
    case 2:
      return `// ${T}Cache keeps recently used entries; evicts the oldest when full.\nexport class ${T}Cache${t("<V>")} {\n  ${typed ? "private readonly entries = new Map<string, V>();" : "entries = new Map();"}\n  constructor(${typed ? "private readonly limit = 500" : "limit = 500"}) {${typed ? "" : "\n    this.limit = limit;"}}\n  get(key${t(": string")})${t(": V | undefined")} {\n    const value = this.entries.get(key);\n    if (value !== undefined) {\n      this.entries.delete(key);\n      this.entries.set(key, value);\n    }\n    return value;\n  }\n  set(key${t(": string")}, value${t(": V")})${t(": void")} {\n    this.entries.delete(key);\n    this.entries.set(key, value);\n    while (this.entries.size > this.limit) {\n      const oldest = this.entries.keys().next().value${typed ? " as string" : ""};\n      this.entries.delete(oldest);\n    }\n  }\n}\n\n`;
    case 3:
      return `/**\n * Splits ${n} records into pages of \`size\` items.\n * Used by the admin export and by the nightly sync job.\n */\nexport function paginate${T}${t("<T>")}(items${t(": readonly T[]")}, size = 50)${t(": T[][]")} {\n  const pages${t(": T[][]")} = [];\n  for (let i = 0; i < items.length; i += size) {\n    pages.push(items.slice(i, i + size));\n  }\n  return pages;\n}\n\n`;
    case 4:
      return `export const ${n}Routes = [\n  { method: "GET", path: "/${n}", handler: "list${T}" },\n  { method: "GET", path: "/${n}/:id", handler: "get${T}" },\n  { method: "POST", path: "/${n}", handler: "create${T}" },\n  { method: "DELETE", path: "/${n}/:id", handler: "remove${T}" },\n]${typed ? " as const" : ""};\n\n`;
    case 5:
      // Look-alikes: other libraries' threads and runs.
      return `export async function sync${T}Threads(forum${t(": any")}, gmail${t(": any")}) {\n  const created = await forum.threads.create({ title: "${n}" });\n  const mail = await gmail.users.threads.list({ userId: "me", q: "label:${n}" });\n  return { created, count: mail.data.threads?.length ?? 0 };\n}\n\n`;
    case 6:
      return `export function ${n}Reducer(state${t(": Record<string, number>")} = {}, action${t(": { type: string; key: string; by?: number }")}) {\n  switch (action.type) {\n    case "increment":\n      return { ...state, [action.key]: (state[action.key] ?? 0) + (action.by ?? 1) };\n    case "reset":\n      return { ...state, [action.key]: 0 };\n    default:\n      return state;\n  }\n}\n\n`;
    case 7:
      // Mentions words that are rule triggers ("responses", "beta") without any API use.
      return w.chance(0.5)
        ? `export async function collect${T}Responses(urls${t(": string[]")}) {\n  const responses = await Promise.allSettled(urls.map((url) => fetch(url)));\n  return responses.filter((r) => r.status === "fulfilled").length;\n}\n\n`
        : `// Exponential smoothing for ${n}; beta is the trend factor.\nexport function smooth${T}(values${t(": number[]")}, alpha = 0.5, beta = 0.3) {\n  let level = values[0] ?? 0;\n  let trend = 0;\n  for (const value of values.slice(1)) {\n    const last = level;\n    level = alpha * value + (1 - alpha) * (level + trend);\n    trend = beta * (level - last) + (1 - beta) * trend;\n  }\n  return level + trend;\n}\n\n`;
    case 8:
      return `export const ${n}Messages${t(": Record<string, string>")} = {\n${Array.from({ length: w.int(5, 25) }, (_, i) => `  ${n}${i}: "The ${n} could not be processed (code ${i}). Please try again later or contact support.",`).join("\n")}\n};\n\n`;
    default:
      return `export function validate${T}(value${t(": unknown")})${t(": string[]")} {\n  const problems${t(": string[]")} = [];\n  if (typeof value !== "object" || value === null) return ["not an object"];\n  const record = value${t(" as Record<string, unknown>")};\n  if (typeof record.id !== "string" || record.id.length === 0) problems.push("id is required");\n  if (typeof record.amount !== "number" || Number.isNaN(record.amount)) problems.push("amount must be a number");\n  if (!Array.isArray(record.tags)) problems.push("tags must be an array");\n  return problems;\n}\n\n`;
  }
}

function tsxFiller(w: Writer): string {
  const n = w.name();
  const T = n[0].toUpperCase() + n.slice(1);
  return `export function ${T}List({ items, onSelect }: { items: { id: string; label: string }[]; onSelect: (id: string) => void }) {\n  return (\n    <ul className="${n}-list">\n      {items.map((item) => (\n        <li key={item.id} onClick={() => onSelect(item.id)}>\n          {item.label}\n        </li>\n      ))}\n    </ul>\n  );\n}\n\n`;
}

function pyFiller(w: Writer): string {
  const n = w.name();
  return `def normalize_${n.toLowerCase()}(record: dict) -> dict:\n    """Normalise a ${n} record for export."""\n    out = {"id": str(record.get("id", "")), "tags": sorted(set(record.get("tags", [])))}\n    amount = record.get("amount")\n    if amount is not None:\n        out["amount"] = round(float(amount), 2)\n    return out\n\n\nclass ${n[0].toUpperCase() + n.slice(1)}Repository:\n    def __init__(self, db):\n        self.db = db\n\n    def get(self, key: str):\n        row = self.db.execute("select * from ${n} where id = ?", (key,)).fetchone()\n        return dict(row) if row else None\n\n\n`;
}

// ---- Assistants usage: every call on one line that holds `beta.threads` or `beta.assistants`. ----

interface Chunk {
  text: string;
  /** 0-based line offsets, within `text`, of each Assistants call. */
  callLines: number[];
}

function chunkOf(lines: string[]): Chunk {
  const callLines: number[] = [];
  lines.forEach((line, i) => {
    if (/beta\.(threads|assistants)/.test(line)) callLines.push(i);
  });
  return { text: lines.join("\n") + "\n\n", callLines };
}

function assistantsChunk(w: Writer, lang: Lang, client: string): Chunk {
  const typed = lang === "ts" || lang === "tsx";
  const t = (s: string) => (typed ? s : "");
  const n = w.name();
  const T = n[0].toUpperCase() + n.slice(1);
  switch (w.int(0, 4)) {
    case 0:
      return chunkOf([
        `export async function ask${T}(question${t(": string")})${t(": Promise<string>")} {`,
        `  const thread = await ${client}.beta.threads.create();`,
        `  await ${client}.beta.threads.messages.create(thread.id, { role: "user", content: question });`,
        `  const run = await ${client}.beta.threads.runs.createAndPoll(thread.id, { assistant_id: process.env.ASSISTANT_ID${t("!")} });`,
        `  if (run.status !== "completed") throw new Error(\`run \${run.status}\`);`,
        `  const messages = await ${client}.beta.threads.messages.list(thread.id);`,
        `  const first = messages.data[0]?.content[0];`,
        `  return first && first.type === "text" ? first.text.value : "";`,
        `}`,
      ]);
    case 1:
      return chunkOf([
        `export async function waitFor${T}(threadId${t(": string")}, runId${t(": string")}) {`,
        `  let run = await ${client}.beta.threads.runs.retrieve(threadId, runId);`,
        `  while (run.status === "queued" || run.status === "in_progress") {`,
        `    await new Promise((resolve) => setTimeout(resolve, 1000));`,
        `    run = await ${client}.beta.threads.runs.retrieve(threadId, runId);`,
        `  }`,
        `  return run;`,
        `}`,
      ]);
    case 2:
      return chunkOf([
        `export async function create${T}Assistant() {`,
        `  const assistant = await ${client}.beta.assistants.create({`,
        `    name: "${n} helper",`,
        `    model: "gpt-4o",`,
        `    instructions: "You answer questions about ${n}.",`,
        `    tools: [{ type: "file_search" }],`,
        `  });`,
        `  return assistant.id;`,
        `}`,
      ]);
    case 3:
      return chunkOf([
        `export async function start${T}Run(threadId${t(": string")}, assistantId${t(": string")}) {`,
        `  const run = await ${client}.beta.threads`,
        `    .runs.create(threadId, { assistant_id: assistantId, additional_instructions: "Be brief." });`,
        `  return run.id;`,
        `}`,
      ]);
    default:
      return chunkOf([
        `export async function cleanup${T}(threadId${t(": string")}, assistantId${t(": string")}) {`,
        `  await ${client}?.beta.threads.del(threadId);`,
        `  await ${client}.beta.assistants.del(assistantId);`,
        `}`,
      ]);
  }
}

function pyAssistantsChunk(w: Writer): Chunk {
  const n = w.name().toLowerCase();
  return chunkOf([
    `def ask_${n}(client, question: str) -> str:`,
    `    thread = client.beta.threads.create()`,
    `    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)`,
    `    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=ASSISTANT_ID)`,
    `    messages = client.beta.threads.messages.list(thread_id=thread.id)`,
    `    return messages.data[0].content[0].text.value`,
  ]);
}

function header(w: Writer, lang: Lang, usesAssistants: boolean): { text: string; client: string } {
  const client = w.pick(["openai", "client", "ai", "oai"]);
  if (lang === "py") return { text: usesAssistants ? `from openai import OpenAI\n\nASSISTANT_ID = "asst_123"\n\n` : `import json\nimport logging\n\nlog = logging.getLogger(__name__)\n\n`, client };
  if (!usesAssistants) return { text: lang === "cjs" ? `"use strict";\nconst path = require("node:path");\n\n` : `import * as path from "node:path";\n\n`, client };
  const alias = w.pick(["OpenAI", "OAI", "Client"]);
  if (lang === "cjs") return { text: `"use strict";\nconst ${alias} = require("openai");\n\nconst ${client} = new ${alias}();\n\n`, client };
  return { text: `import ${alias} from "openai";\n\nconst ${client} = new ${alias}({ apiKey: process.env.OPENAI_API_KEY });\n\n`, client };
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

interface GeneratedFile {
  text: string;
  callLines: number[]; // 1-based
}

function generateFile(w: Writer, lang: Lang, size: number, usesAssistants: boolean): GeneratedFile {
  const head = header(w, lang, usesAssistants);
  const parts = [head.text];
  let length = head.text.length;
  let line = countLines(head.text);
  const callLines: number[] = [];
  const assistantsAt = usesAssistants ? new Set([w.int(0, 3), w.int(2, 8)]) : new Set<number>();
  for (let index = 0; length < size || assistantsAt.size > 0; index++) {
    let chunk: Chunk;
    if (assistantsAt.has(index)) {
      assistantsAt.delete(index);
      chunk = lang === "py" ? pyAssistantsChunk(w) : assistantsChunk(w, lang, head.client);
    } else {
      const text = lang === "py" ? pyFiller(w) : lang === "tsx" && w.chance(0.4) ? tsxFiller(w) : tsFiller(w, lang === "ts" || lang === "tsx");
      chunk = { text, callLines: [] };
    }
    for (const callLine of chunk.callLines) callLines.push(line + callLine + 1);
    parts.push(chunk.text);
    length += chunk.text.length;
    line += countLines(chunk.text);
  }
  return { text: parts.join(""), callLines };
}

function pickLang(w: Writer): Lang {
  const r = w.int(0, 99);
  if (r < 45) return "ts";
  if (r < 55) return "tsx";
  if (r < 78) return "js";
  if (r < 82) return "mjs";
  if (r < 85) return "cjs";
  return "py";
}

function write(root: string, relative: string, text: string): void {
  const full = path.join(root, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

export function readManifest(root: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

export function generateWorkspace(root: string, params: GenerateParams = DEFAULT_PARAMS, log: (line: string) => void = () => {}): Manifest {
  const existing = readManifest(root);
  if (existing && JSON.stringify(existing.params) === JSON.stringify(params)) return existing;
  log(`generating ${params.files} files (~${Math.round(params.targetBytes / 1048576)} MB) in ${root} ...`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const w = new Writer(rng(params.seed));
  const averageSize = params.targetBytes / params.files;
  const manifest: Manifest = { params, files: 0, bytes: 0, jsTsFiles: 0, pythonFiles: 0, callSites: [], pythonCallSites: [] };

  write(root, ".gitignore", "node_modules/\ndist/\n*.log\n.cache/\n");
  write(root, "package.json", JSON.stringify({ name: "bench-monorepo", private: true, dependencies: { openai: "^4.80.0" } }, null, 2) + "\n");
  const filesPerDirectory = 40;
  for (let i = 0; manifest.files < params.files; i++) {
    const lang = pickLang(w);
    // Log-normal-ish sizes around the average: many small files, a few large ones.
    const size = Math.max(300, Math.round(averageSize * Math.exp((w.random() + w.random() + w.random() - 1.5) * 1.4) * 0.76));
    const usesAssistants = w.chance(params.assistantsRatio);
    const directory = `packages/pkg-${String(Math.floor(i / (filesPerDirectory * 25))).padStart(2, "0")}/src/${w.pick(WORDS)}-${Math.floor(i / filesPerDirectory) % 25}`;
    const relative = `${directory}/${w.name()}-${i}.${lang}`;
    const file = generateFile(w, lang, size, usesAssistants);
    write(root, relative, file.text);
    manifest.files++;
    manifest.bytes += file.text.length;
    if (lang === "py") {
      manifest.pythonFiles++;
      for (const line of file.callLines) manifest.pythonCallSites.push(`${relative}:${line}`);
    } else {
      manifest.jsTsFiles++;
      for (const line of file.callLines) manifest.callSites.push(`${relative}:${line}`);
    }
  }

  // Must be skipped: build output (git-ignored) and dependencies, both full of matches.
  for (let i = 0; i < 150; i++) {
    write(root, `dist/chunk-${i}.js`, generateFile(w, "js", 4000, true).text);
    write(root, `node_modules/assistants-sdk-${i % 10}/lib/file-${i}.js`, generateFile(w, "js", 4000, true).text);
  }
  write(root, "node_modules/.package-lock.json", "{}\n");
  manifest.callSites.sort();
  manifest.pythonCallSites.sort();
  fs.writeFileSync(path.join(root, "manifest.json"), JSON.stringify(manifest));
  log(`generated ${manifest.files} files, ${(manifest.bytes / 1048576).toFixed(1)} MB, ${manifest.callSites.length} JS/TS call sites`);
  return manifest;
}

if (require.main === module) {
  const root = path.resolve(__dirname, ".workspace");
  const started = Date.now();
  generateWorkspace(root, DEFAULT_PARAMS, console.log);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
