// Python over a real LSP connection: unopened .py files and notebooks in workspace diagnostics
// (virtual environments never scanned), and a notebook cell document (`vscode-notebook-cell:`,
// language id `python`) that gets a diagnostic, a quick fix and a `#` disable comment on the cell.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  WorkspaceDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver-protocol/node";
import { fileUri, TestClient, withTimeout } from "./support/lspClient";

const BOT = "from openai import OpenAI\n\nclient = OpenAI()\nthread = client.beta.threads.create()\n";
const CELL = "store = client.beta.vector_stores.create(name='docs')\n";

function notebook(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source) => ({ cell_type: "code", metadata: {}, outputs: [], execution_count: null, source: source.split(/(?<=\n)/) })),
    metadata: { kernelspec: { language: "python", name: "python3", display_name: "Python 3" } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);
}

describe("Python in the language server", () => {
  let root: string;
  let client: TestClient;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rm-lsp-py-"));
    fs.mkdirSync(path.join(root, "app"));
    fs.writeFileSync(path.join(root, "app", "bot.py"), BOT);
    fs.writeFileSync(path.join(root, "quickstart.ipynb"), notebook(["from openai import OpenAI\nclient = OpenAI()\n", CELL]));
    for (const venv of [".venv/lib/python3.11/site-packages/openai", "venv/lib/site-packages/x", "app/__pycache__"]) {
      fs.mkdirSync(path.join(root, venv), { recursive: true });
      fs.writeFileSync(path.join(root, venv, "resource.py"), BOT);
    }
    client = await TestClient.start(root);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("reports unopened .py files and notebooks, and never a virtual environment", async () => {
    const reports = new Map<string, WorkspaceDocumentDiagnosticReport>();
    const token = "python-partial";
    const subscription = client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (partial) => {
      for (const item of partial.items) reports.set(item.uri, item);
    });
    const response = await withTimeout(client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { identifier: "responses-migrate", partialResultToken: token, previousResultIds: [] }), 20000);
    subscription.dispose();
    for (const item of response.items) reports.set(item.uri, item);
    assert.deepEqual([...reports.keys()].sort(), [fileUri(path.join(root, "app", "bot.py")), fileUri(path.join(root, "quickstart.ipynb"))].sort());
    const bot = reports.get(fileUri(path.join(root, "app", "bot.py")))!;
    assert.equal(bot.kind, "full");
    assert.deepEqual(bot.kind === "full" && bot.items.map((d) => [d.code, d.range]), [["no-assistants-api", { start: { line: 3, character: 9 }, end: { line: 3, character: 35 } }]]);
    const nb = reports.get(fileUri(path.join(root, "quickstart.ipynb")))!;
    const nbText = fs.readFileSync(path.join(root, "quickstart.ipynb"), "utf8");
    const line = nbText.split("\n").findIndex((text) => text.includes("vector_stores"));
    const character = nbText.split("\n")[line].indexOf("client.beta.vector_stores.create");
    assert.deepEqual(nb.kind === "full" && nb.items.map((d) => [d.code, d.range]), [["no-beta-vector-stores", { start: { line, character }, end: { line, character: character + "client.beta.vector_stores.create".length } }]]);
  });

  it("gives a notebook cell a diagnostic, a quick fix on that cell and a # disable comment", async () => {
    const cellUri = `vscode-notebook-cell:${path.join(root, "quickstart.ipynb")}#W1sZmlsZQ%3D%3D`;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: cellUri, languageId: "python", version: 1, text: CELL } });
    const report = await withTimeout(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: cellUri } }), 10000);
    assert.equal(report.kind, "full");
    const diagnostics: Diagnostic[] = report.kind === "full" ? report.items : [];
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [["no-beta-vector-stores", { start: { line: 0, character: 8 }, end: { line: 0, character: 40 } }]]);
    const listed = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: cellUri }, range: diagnostics[0].range, context: { diagnostics } })) as CodeAction[];
    // Edits the list leaves out arrive on codeAction/resolve.
    const actions = await Promise.all(listed.map(async (action) => (action.edit ? action : ((await client.connection.sendRequest(CodeActionResolveRequest.type, action)) as CodeAction))));
    assert.deepEqual(
      actions.map((action) => [action.title, action.edit?.changes?.[cellUri]?.map((edit) => [edit.range, edit.newText])]),
      [
        ["Use `vector_stores` (drop `beta.`)", [[{ start: { line: 0, character: 15 }, end: { line: 0, character: 20 } }, ""]]],
        ["Disable no-beta-vector-stores for this line", [[{ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, "# responses-migrate-disable-next-line no-beta-vector-stores\n"]]],
        ["Responses Migrate: fix all safe migrations", [[{ start: { line: 0, character: 15 }, end: { line: 0, character: 20 } }, ""]]],
      ],
    );
  });
});
