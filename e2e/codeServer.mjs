// Starts code-server (provisioned by provision.mjs) on 127.0.0.1 with its own HOME,
// XDG dirs, user data and extensions, so it never touches the user's real profile.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdirSync, writeFileSync, createWriteStream } from "node:fs";
import { join } from "node:path";
import { CS_ENTRY, NODE_BIN, node24Env } from "./provision.mjs";

export const BASE_SETTINGS = {
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "git.openRepositoryInParentFolders": "never",
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Folders for one code-server profile under `home`. */
export function profile(home) {
  const p = {
    home,
    userData: join(home, "user-data"),
    extensions: join(home, "extensions"),
    xdgConfig: join(home, ".config"),
    xdgData: join(home, ".local", "share"),
    xdgCache: join(home, ".cache"),
  };
  for (const d of Object.values(p)) mkdirSync(d, { recursive: true });
  return p;
}

function csEnv(p) {
  return node24Env({
    HOME: p.home,
    XDG_CONFIG_HOME: p.xdgConfig,
    XDG_DATA_HOME: p.xdgData,
    XDG_CACHE_HOME: p.xdgCache,
    PASSWORD: "",
  });
}

export function writeUserSettings(p, settings) {
  mkdirSync(join(p.userData, "User"), { recursive: true });
  writeFileSync(join(p.userData, "User", "settings.json"), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
}

export function installExtension(p, vsix) {
  const r = spawnSync(
    join(NODE_BIN, "node"),
    [CS_ENTRY, "--user-data-dir", p.userData, "--extensions-dir", p.extensions, "--install-extension", vsix, "--force"],
    { env: csEnv(p), encoding: "utf8" },
  );
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${r.status}):\n${out}`);
  }
  return out.trim();
}

/**
 * Starts code-server on `folder`. Resolves once /healthz answers.
 * Returns { url, folderUrl, logFile, stop() }.
 */
export async function startCodeServer({ p, folder, port, logFile }) {
  port ??= await freePort();
  const args = [
    CS_ENTRY,
    "--user-data-dir", p.userData,
    "--extensions-dir", p.extensions,
    "--bind-addr", `127.0.0.1:${port}`,
    "--auth", "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    folder,
  ];
  // Its own process group, so stop() also ends the extension host and watcher it forks.
  const child = spawn(join(NODE_BIN, "node"), args, { env: csEnv(p), stdio: ["ignore", "pipe", "pipe"], detached: true });
  if (logFile) {
    const log = createWriteStream(logFile);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${logFile ?? "its output"}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`code-server did not answer ${url}/healthz within 60 s; see ${logFile ?? "its output"}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    folderUrl: `${url}/?folder=${encodeURIComponent(folder)}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        const killGroup = (signal) => {
          try {
            process.kill(-child.pid, signal);
          } catch {
            /* already gone */
          }
        };
        killGroup("SIGTERM");
        // Forked processes (extension host, file watcher) may outlive the server: end the group.
        setTimeout(() => {
          killGroup("SIGKILL");
          resolve();
        }, exited ? 0 : 1500);
      }),
  };
}
