// Extension-host tests against the `vscode` API, on a copy of examples/ opened as the workspace.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

const SOURCE = "responses-migrate";
const RULE = "no-assistants-api";
const FILES = ["src/app/api/chat/route.ts", "src/worker/triage.ts", "scripts/create-assistant.ts"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "a workspace folder is open");
  return folder.uri;
}

const fileUri = (rel: string) => vscode.Uri.joinPath(root(), rel);

function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === "object" && d.code !== null ? String(d.code.value) : String(d.code);
}

function findings(uri: vscode.Uri, rule = RULE): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && ruleOf(d) === rule);
}

async function until<T>(fn: () => T | undefined | false, what: string, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe("Responses Migrate in the extension host", () => {
  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === "responses-migrate");
    assert.ok(ext, "the extension is loaded");
    await ext.activate();
  });

  it("registers its commands", async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes("responsesMigrate.rescanWorkspace"));
    assert.ok(commands.includes("responsesMigrate.showOutput"));
  });

  it("reports Assistants calls in files that were never opened", async () => {
    for (const rel of FILES) {
      const list = await until(() => findings(fileUri(rel)).length > 0 && findings(fileUri(rel)), `${rel} findings`, 60_000);
      assert.ok(list.every((d) => d.severity === vscode.DiagnosticSeverity.Error), `${rel}: ${RULE} is an error`);
    }
    const opened = vscode.workspace.textDocuments.filter((d) => FILES.some((f) => d.uri.path.endsWith(f)));
    assert.deepEqual(opened.map((d) => d.uri.path), [], "no example file was opened");
  });

  it("offers a Rewrite quick fix; applying it removes that finding and saving writes the file", async () => {
    const uri = fileUri("src/app/api/chat/route.ts");
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const before = await until(() => findings(uri).length > 0 && findings(uri), "route.ts findings");
    const target = before.find((d) => d.message.includes("createAndPoll")) ?? before[0];

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      uri,
      target.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const rewrite = actions.find((a) => a.title.startsWith("Rewrite"));
    assert.ok(rewrite, `a Rewrite action among ${JSON.stringify(actions.map((a) => a.title))}`);
    const text = doc.getText();
    if (rewrite.edit) assert.ok(await vscode.workspace.applyEdit(rewrite.edit), "applyEdit succeeded");
    if (rewrite.command) await vscode.commands.executeCommand(rewrite.command.command, ...(rewrite.command.arguments ?? []));
    assert.notEqual(doc.getText(), text, "the text changed");
    await until(() => findings(uri).length < before.length, "the finding to clear");

    assert.ok(await doc.save(), "saved");
    const disk = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString("utf8");
    assert.equal(disk, doc.getText());
  });

  it("fixes a whole file with source.fixAll.responsesMigrate", async () => {
    const uri = fileUri("src/worker/triage.ts");
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = await until(() => findings(uri).length > 0 && findings(uri), "triage.ts findings");
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      uri,
      whole,
      "source.fixAll.responsesMigrate",
    );
    const fixAll = actions.find((a) => a.kind?.value === "source.fixAll.responsesMigrate");
    assert.ok(fixAll?.edit, `a fix-all action with an edit among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await until(() => findings(uri).length < before.length, "fix-all to reduce the findings");
  });

  it("diagnoses a newly typed client.beta.threads.create() within 2 s", async () => {
    const uri = fileUri("scripts/create-assistant.ts");
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const before = await until(() => findings(uri).length > 0 && findings(uri).length, "create-assistant.ts findings");
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(doc.getText().length), "\nconst extra = await client.beta.threads.create();\n");
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until(() => findings(uri).length > before, "a new finding", 2_000);
  });
});
