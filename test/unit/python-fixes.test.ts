// Python fix snapshots (Ruff style: <name>.py and <name>.fixed.py, notebooks too): `fix --unsafe` gives the snapshot,
// a second run changes nothing, and every fixed file compiles (`python3 -m py_compile`) and type-checks
// with pyright against the real `openai` package that .ci/run installs into .venv-test/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { analyzeText, ensurePythonParser, fixAll } from "../../server/src/engine/index";
import { notebookCode } from "../../server/src/engine/python/notebook";

const REPO = path.join(__dirname, "..", "..");
const FIXTURES = path.join(REPO, "test", "fixtures", "fixes-python");
export const VENV_PYTHON = path.join(REPO, ".venv-test", "bin", "python");
const cases = readdirSync(FIXTURES).filter((name) => /\.(py|ipynb)$/.test(name) && !/\.fixed\.(py|ipynb)$/.test(name)).sort();
const fixedName = (name: string) => name.replace(/\.(py|ipynb)$/, ".fixed.$1");
const pythonCases = cases.filter((name) => name.endsWith(".py"));

describe("Python fixes", () => {
  before(() => ensurePythonParser());
  it("has fixtures", () => assert.ok(cases.length >= 2));

  for (const name of cases) {
    it(`${name}: fix --unsafe gives the snapshot, and a second run changes nothing`, () => {
      const before = readFileSync(path.join(FIXTURES, name), "utf8");
      const expected = readFileSync(path.join(FIXTURES, fixedName(name)), "utf8");
      assert.ok(analyzeText(name, before).findings.length > 0, "the fixture has findings to fix");
      const once = fixAll(name, before, { unsafe: true });
      assert.equal(once.text, expected);
      // What is left is only a definition stub a human fills in, and the steps left to do by hand (their TODOs are reported).
      assert.deepEqual(once.remaining.filter((finding) => !/^(Assistant definition stub|Migration left a step to do by hand)/.test(finding.message)).map((finding) => finding.message), []);
      assert.equal(fixAll(name, once.text, { unsafe: true }).text, once.text);
    });
  }

  it("every fixed file compiles, and a fixed notebook's code cells too", () => {
    for (const name of pythonCases) execFileSync("python3", ["-m", "py_compile", path.join(FIXTURES, fixedName(name))], { stdio: "pipe", env: { ...process.env, PYTHONPYCACHEPREFIX: os.tmpdir() } });
    for (const name of cases.filter((name) => name.endsWith(".ipynb"))) {
      const code = notebookCode(readFileSync(path.join(FIXTURES, fixedName(name)), "utf8"))!.python;
      execFileSync("python3", ["-c", "import sys; compile(sys.stdin.read(), 'notebook', 'exec')"], { input: code, stdio: ["pipe", "pipe", "pipe"] });
      assert.doesNotMatch(code, /\.beta\.|runs\.|threads\./);
    }
  });

  it("every fixed file type-checks with pyright against the openai package", { skip: existsSync(VENV_PYTHON) ? false : "no .venv-test/ (.ci/run creates it: python3 -m venv .venv-test && .venv-test/bin/pip install openai==3.3.1)" }, () => {
    const fixed = pythonCases.map((name) => path.join(FIXTURES, fixedName(name)));
    const run = (files: string[]) => {
      try {
        return JSON.parse(execFileSync(process.execPath, [require.resolve("pyright/index.js"), "--outputjson", "--pythonpath", VENV_PYTHON, ...files], { encoding: "utf8" }));
      } catch (error) {
        return JSON.parse((error as { stdout: string }).stdout);
      }
    };
    // One pyright run over both: the unfixed fixtures must fail (Chat-shaped tools are rejected), so the check can fail.
    const report = run([...fixed, ...pythonCases.map((name) => path.join(FIXTURES, name))]);
    const errors = report.generalDiagnostics.filter((d: { severity: string }) => d.severity === "error").map((d: { file: string; message: string }) => `${path.basename(d.file)}: ${d.message.split("\n")[0]}`);
    assert.deepEqual(errors.filter((line: string) => line.includes(".fixed.py")), []);
    assert.ok(errors.some((line: string) => !line.includes(".fixed.py")), "the unfixed fixtures have type errors");
  });
});
