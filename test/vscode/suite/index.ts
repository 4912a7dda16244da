// Mocha entry point loaded by the extension host (extensionTestsPath).
import Mocha from "mocha";
import * as fs from "node:fs";
import * as path from "node:path";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", color: true, timeout: 60_000 });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith(".test.js"))) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
