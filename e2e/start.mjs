// `npm start`: build, package, provision code-server, install the VSIX, open examples/
// in a real VS Code (code-server) on 127.0.0.1, print the URL and keep running.
//   PORT=8080 npm start      choose the port (default 8080, or a free one if taken)
import { join } from "node:path";
import { provision, ROOT, CACHE } from "./provision.mjs";
import { buildAndPackage } from "./prepare.mjs";
import { profile, writeUserSettings, installExtension, startCodeServer, freePort } from "./codeServer.mjs";

const step = (n, msg) => console.log(`\n[start] ${n}/5 ${msg}`);

try {
  step(1, "building and packaging the extension");
  const vsix = buildAndPackage();

  step(2, "provisioning code-server (cached in .vscode-test/)");
  provision();

  step(3, "installing the VSIX");
  const p = profile(join(CACHE, "profile"));
  writeUserSettings(p, {});
  console.log(installExtension(p, vsix));

  step(4, "starting code-server on examples/");
  let port = Number(process.env.PORT) || 8080;
  const inUse = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
  if (inUse) port = await freePort();
  const logFile = join(CACHE, "code-server.log");
  const cs = await startCodeServer({ p, folder: join(ROOT, "examples"), port, logFile });

  step(5, "ready");
  console.log(`\n  Open ${cs.url}/  (folder: examples/)\n  code-server log: ${logFile}\n  Press Ctrl+C to stop.\n`);
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await cs.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  cs.child.on("exit", (code) => {
    if (stopping) return;
    console.error(`[start] code-server exited (${code}); see ${logFile}`);
    process.exit(1);
  });
} catch (err) {
  console.error(`\n[start] FAILED: ${err.message}`);
  process.exit(1);
}
