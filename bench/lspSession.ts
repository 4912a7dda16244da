// A plain LSP client over stdio for the benchmark: spawns dist/server.js in a folder, answers the
// server's requests with defaults, and reads the server's peak RSS from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from "vscode-languageserver-protocol/node";

const SERVER = path.resolve(__dirname, "..", "dist", "server.js");

export interface LspSession {
  connection: ProtocolConnection;
  child: ChildProcess;
  exited: Promise<string>;
  stop(): void;
}

/** Peak resident set size (VmHWM) of a live process, in MB; undefined where /proc is missing. */
export function peakRssMb(pid: number | undefined): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Answers whatever the server asks (configuration, progress creation, registrations) with defaults. */
export function answerWithDefaults(connection: ProtocolConnection): void {
  // (star handlers: the typed overloads want a message type)
  const untyped = connection as unknown as { onRequest(h: (method: string, params: unknown) => unknown): void; onNotification(h: () => void): void };
  untyped.onRequest((method, params) => {
    if (method === "workspace/configuration") return ((params as { items: unknown[] }).items ?? []).map(() => null);
    return null;
  });
  untyped.onNotification(() => {});
}

export async function startServer(folder: string, initializationOptions?: unknown): Promise<LspSession> {
  const child = spawn(process.execPath, [SERVER, "--stdio"], { cwd: folder, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.on("exit", (code) => resolve(`server exited with code ${code}${stderr ? `: ${stderr.trim().split("\n")[0]}` : ""}`)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  answerWithDefaults(connection);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: false } },
      textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false }, codeAction: { resolveSupport: { properties: ["edit"] } } },
      window: { workDoneProgress: true },
    },
    initializationOptions,
  });
  connection.sendNotification("initialized", {});
  return {
    connection,
    child,
    exited,
    stop() {
      connection.dispose();
      child.kill();
    },
  };
}
