/**
 * The `.aibook` notebook type inside a real VS Code: opening, editing and saving go through the
 * extension's serializer, and the bytes on disk are what ../shared/spec/aibook-format.md says.
 * Runs on a fresh copy of test/fixtures/workspace/ (see scripts/vscode/run-integration.mjs).
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

const decoder = new TextDecoder();

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the integration run opens test/fixtures/workspace as the workspace folder");
  return vscode.Uri.joinPath(folder.uri, name);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

/** The writer's layout for a file of this shape: two-space JSON with a final newline. */
const pretty = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/**
 * Opens the file in an editor as a person would (so it has a tab), then asks for the notebook
 * document; that must fail. Returns the message so that each test can say what it must name.
 */
async function openingError(uri: vscode.Uri): Promise<string> {
  await vscode.commands.executeCommand("vscode.open", uri).then(
    () => undefined,
    () => undefined, // the editor shows the failure itself; the message is checked below
  );
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  assert.ok(
    tabs.some((t) => t.input instanceof vscode.TabInputNotebook && t.input.uri.toString() === uri.toString()),
    `${uri.path} has a notebook editor tab`,
  );
  try {
    const nb = await vscode.workspace.openNotebookDocument(uri);
    assert.fail(`${uri.path} opened as a notebook of ${nb.cellCount} cells instead of failing`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    return e instanceof Error ? e.message : String(e);
  }
}

suite("aibook notebooks in VS Code", () => {
  test("opens an .aibook with its cells, kinds, languages, sources and outputs", async () => {
    const nb = await vscode.workspace.openNotebookDocument(fixture("basic.aibook"));
    assert.equal(nb.notebookType, "aibook");
    assert.equal(nb.cellCount, 3);
    const cells = nb.getCells();
    assert.deepEqual(
      cells.map((c) => c.kind),
      [vscode.NotebookCellKind.Markup, vscode.NotebookCellKind.Code, vscode.NotebookCellKind.Code],
    );
    assert.deepEqual(
      cells.map((c) => c.document.languageId),
      ["markdown", "aibook-typescript", "aibook-javascript"], // editor ids of our own; "typescript" on disk
    );
    assert.deepEqual(
      cells.map((c) => c.document.getText()),
      ["# A fixture notebook\n\nOpened by the integration tests.", "const answer = 6 * 7;\nanswer", 'console.log("hello");'],
    );
    const outputs = cells[1].outputs;
    assert.equal(outputs.length, 1);
    assert.deepEqual(
      outputs[0].items.map((i) => [i.mime, decoder.decode(i.data)]),
      [["text/plain", "42"]],
    );
    assert.equal(cells[1].executionSummary?.executionOrder, 1);
    assert.equal(cells[1].executionSummary?.success, true);
    assert.equal(cells[2].outputs.length, 0);
  });

  test("an edited cell is saved as an array of lines and the rest of the file keeps its bytes", async () => {
    const uri = fixture("basic.aibook");
    const before = await readText(uri);
    const original = JSON.parse(before);
    assert.equal(pretty(original), before, "the fixture is in the writer's own layout");

    const nb = await vscode.workspace.openNotebookDocument(uri);
    const cell = nb.cellAt(1).document;
    const edit = new vscode.WorkspaceEdit();
    const whole = new vscode.Range(cell.positionAt(0), cell.positionAt(cell.getText().length));
    edit.replace(cell.uri, whole, "const answer = 6 * 7;\nconst doubled = answer * 2;\ndoubled");
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(nb.isDirty, true);
    assert.equal(await nb.save(), true);

    original.cells[1].source = ["const answer = 6 * 7;", "const doubled = answer * 2;", "doubled"];
    assert.equal(await readText(uri), pretty(original));
  });

  test("a cell inserted with NotebookEdit is saved in its place", async () => {
    const uri = fixture("basic.aibook");
    const before = JSON.parse(await readText(uri));
    const nb = await vscode.workspace.openNotebookDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    const inserted = new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, "## Inserted\nby a test", "markdown");
    edit.set(uri, [vscode.NotebookEdit.insertCells(1, [inserted])]);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(nb.cellCount, 4);
    assert.equal(await nb.save(), true);

    before.cells.splice(1, 0, { kind: "markdown", source: ["## Inserted", "by a test"] });
    assert.equal(await readText(uri), pretty(before));
  });

  test("an empty file opens as an empty notebook", async () => {
    const nb = await vscode.workspace.openNotebookDocument(fixture("empty.aibook"));
    assert.equal(nb.notebookType, "aibook");
    assert.equal(nb.cellCount, 0);
    assert.equal(await readText(fixture("empty.aibook")), "");
  });

  test("a file that is not JSON does not open: the error names the file and the line; the file is untouched", async () => {
    const uri = fixture("broken-json.aibook");
    const before = await vscode.workspace.fs.readFile(uri);
    const message = await openingError(uri);
    assert.match(message, /broken-json\.aibook/);
    assert.match(message, /:\d+:\d+|line \d+/i);
    assert.match(message, /JSON/);
    await vscode.workspace.saveAll(true);
    assert.deepEqual(await vscode.workspace.fs.readFile(uri), before);
  });

  test("a version 2 file does not open: the error names the file and the version; the file is untouched", async () => {
    const uri = fixture("version-2.aibook");
    const before = await vscode.workspace.fs.readFile(uri);
    const message = await openingError(uri);
    assert.match(message, /version-2\.aibook/);
    assert.match(message, /version 2\b/);
    await vscode.workspace.saveAll(true);
    assert.deepEqual(await vscode.workspace.fs.readFile(uri), before);
  });
});
