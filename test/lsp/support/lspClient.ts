// A minimal LSP client for tests: spawns `node dist/server.js --stdio` and speaks JSON-RPC over pipes,
// answering the server's requests (configuration, registrations, progress creation, refresh).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from "vscode-languageserver-protocol/node";
import { URI } from "vscode-uri";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
export const SERVER_JS = path.join(REPO_ROOT, "dist", "server.js");

export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

export interface ClientSettings {
  responsesMigrate: Record<string, unknown>;
  filesExclude: Record<string, boolean>;
}

/** What a non-VS Code client declares instead of the default capabilities (see test/lsp/push.test.ts). */
export interface InitializeOverrides {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Extra environment for the server process (fault injection in tests). */
  env?: Record<string, string>;
}

/** The capabilities the tests declare by default: VS Code's relevant subset, pull diagnostics included. */
export const PULL_CLIENT_CAPABILITIES: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } },
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
    },
    hover: { contentFormat: ["markdown", "plaintext"] },
  },
};

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  readonly progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];
  refreshRequests = 0;
  /** Every textDocument/publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private publishedListeners: Array<() => void> = [];
  settings: ClientSettings = { responsesMigrate: {}, filesExclude: {} };
  stderr = "";
  private exited = false;
  private registered!: Promise<void>;

  private constructor(readonly proc: ChildProcessWithoutNullStreams) {
    proc.stderr.on("data", (chunk) => (this.stderr += String(chunk)));
    proc.on("exit", () => (this.exited = true));
    this.connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    this.connection.onNotification(LogMessageNotification.type, ({ message }) => {
      this.logs.push(message);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const listener of this.publishedListeners) listener();
    });
    this.connection.onRequest(ConfigurationRequest.type, ({ items }) =>
      items.map((item) => (item.section === "files.exclude" ? this.settings.filesExclude : item.section === "responsesMigrate" ? this.settings.responsesMigrate : null)),
    );
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
        this.progress.push(value);
      });
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
    });
    this.registered = new Promise((resolve) => {
      this.connection.onRequest(RegistrationRequest.type, ({ registrations }) => {
        this.registrations.push(...registrations);
        // Answer first, then let the test go on once the server has processed the reply.
        setTimeout(resolve, 50);
      });
    });
    this.connection.listen();
  }

  /** Spawns the server and completes initialize/initialized for one workspace folder. */
  static async start(root: string, settings?: Partial<ClientSettings>, overrides: InitializeOverrides = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [SERVER_JS, "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...overrides.env } });
    const client = new TestClient(proc);
    if (settings) client.settings = { ...client.settings, ...settings };
    const result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: fileUri(root),
      workspaceFolders: [{ uri: fileUri(root), name: path.basename(root) }],
      capabilities: overrides.capabilities ?? PULL_CLIENT_CAPABILITIES,
      initializationOptions: overrides.initializationOptions,
    });
    client.initializeResult = result;
    await client.connection.sendNotification(InitializedNotification.type, {});
    const capabilities = overrides.capabilities ?? PULL_CLIENT_CAPABILITIES;
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) await client.registered;
    return client;
  }

  initializeResult: unknown;

  /** The latest publishDiagnostics for `uri` that satisfies `accept`, waiting for it up to `ms`. */
  async publishedFor(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, ms = 10000): Promise<PublishDiagnosticsParams> {
    const find = () => [...this.published].reverse().find((params) => params.uri === uri && accept(params));
    const found = find();
    if (found) return found;
    return withTimeout(
      new Promise<PublishDiagnosticsParams>((resolve) => {
        const listener = () => {
          const hit = find();
          if (!hit) return;
          this.publishedListeners = this.publishedListeners.filter((other) => other !== listener);
          resolve(hit);
        };
        this.publishedListeners.push(listener);
      }),
      ms,
    ).catch((error: Error) => {
      throw new Error(`${error.message} waiting for diagnostics on ${uri}; got ${JSON.stringify(this.published.map((params) => [params.uri, params.diagnostics.length]))}`);
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest("shutdown"), 2000);
        await this.connection.sendNotification("exit");
      } catch {
        // fall through to kill
      }
      await new Promise<void>((resolve) => {
        if (this.exited) return resolve();
        const timer = setTimeout(() => {
          this.proc.kill();
          resolve();
        }, 2000);
        this.proc.on("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.connection.dispose();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Resolves "pending" if the promise has not settled within `ms`. */
export async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | "pending"> {
  return Promise.race([promise, new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), ms))]);
}
