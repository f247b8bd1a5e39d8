/**
 * Palette commands that start work: "aibook: New Notebook" opens an aibook notebook with the
 * starter cells, and the walkthrough is contributed under the id the command opens.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { starterCells } from "../../src/extension/notebook-commands";

suite("aibook palette commands in VS Code", () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension("aibook.aibook")?.activate();
  });

  test("New Notebook opens an aibook notebook with a load, a stratified split and a baseline", async () => {
    await vscode.commands.executeCommand("aibook.newNotebook");
    const editor = vscode.window.activeNotebookEditor;
    assert.ok(editor, "a notebook editor is active");
    const doc = editor.notebook;
    assert.equal(doc.notebookType, "aibook");
    assert.equal(doc.cellCount, starterCells.length);
    assert.equal(doc.cellAt(0).kind, vscode.NotebookCellKind.Markup);
    assert.match(doc.cellAt(2).document.getText(), /stratify: true/);
    assert.match(doc.cellAt(2).document.getText(), /DummyClassifier/);
    assert.equal(doc.cellAt(1).document.languageId, "aibook-typescript");
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  test("the walkthrough and the snippets are contributed", () => {
    const manifest = vscode.extensions.getExtension("aibook.aibook")!.packageJSON;
    const ids = (manifest.contributes.walkthroughs as { id: string }[]).map((w) => w.id);
    assert.ok(ids.includes("aibook.gettingStarted"));
    assert.ok((manifest.contributes.snippets as { language: string }[]).some((s) => s.language === "aibook-typescript"));
  });
});
