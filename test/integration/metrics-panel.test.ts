/**
 * The metrics panel in a real VS Code: "aibook: Show Metrics" finds the workspace's run history,
 * follows appends while cells run, opens the cell a run came from, and empties on clear.
 * Runs on a fresh copy of test/fixtures/workspace/ (see scripts/vscode/run-integration.mjs).
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { toRunRecord } from "../../src/runtime/history/record-run";
import { toEvaluationPayload } from "../../src/runtime/report/evaluate";
import { runHistoryPath, type RunRecord } from "../../src/protocol/run-history";
import { openCell, type MetricsPanel } from "../../src/extension/metrics-panel";
import { RunHistoryFiles } from "../../src/extension/run-history-files";

const encoder = new TextEncoder();

function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the integration run opens a workspace folder");
  return folder.uri;
}

function run(name: string, notebook: string, cell: number): RunRecord {
  const model = { estimatorName: "Fixed", classes: [0, 1], predict: () => [0, 1, 1, 0] };
  return toRunRecord(toEvaluationPayload(model, [[1], [2], [3], [4]], [0, 1, 0, 0], { name }), { notebook, cell });
}

async function until(panel: MetricsPanel, count: number, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (panel.runs.length !== count) {
    if (Date.now() > deadline) assert.fail(`${what}: the panel shows ${panel.runs.length} runs, expected ${count}`);
    await new Promise<void>((resolve) => {
      const sub = panel.onDidSendRuns(() => (sub.dispose(), resolve()));
      setTimeout(() => (sub.dispose(), resolve()), 500);
    });
  }
}

suite("aibook metrics panel in VS Code", () => {
  const history = () => vscode.Uri.file(runHistoryPath(workspaceFolder().fsPath));
  const notebook = () => vscode.Uri.joinPath(workspaceFolder(), "basic.aibook").fsPath;

  suiteTeardown(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  test("shows the runs of the workspace's history, follows appends and empties on clear", async () => {
    const lines = [run("first", notebook(), 1), run("second", notebook(), 1)].map((r) => JSON.stringify(r) + "\n").join("");
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(history(), ".."));
    await vscode.workspace.fs.writeFile(history(), encoder.encode(lines));
    const panel = await vscode.commands.executeCommand<MetricsPanel>("aibook.showMetrics");
    assert.ok(panel && Array.isArray(panel.runs), "the command returns the panel");
    await until(panel, 2, "after opening");
    assert.deepEqual(panel.runs.map((r) => r.name), ["first", "second"]);

    const appended = new TextDecoder().decode(await vscode.workspace.fs.readFile(history())) + JSON.stringify(run("third", notebook(), 1)) + "\n";
    await vscode.workspace.fs.writeFile(history(), encoder.encode(appended));
    await until(panel, 3, "after a run was appended");
    assert.equal(panel.runs[2].name, "third");

    const files = new RunHistoryFiles();
    await files.clear();
    files.dispose();
    await until(panel, 0, "after clearing");
    assert.equal((await vscode.workspace.fs.readFile(history())).byteLength, 0);
  });

  test("opens the notebook at the cell a run came from", async () => {
    await openCell(notebook(), 1);
    const editor = vscode.window.activeNotebookEditor;
    assert.ok(editor, "a notebook editor is active");
    assert.equal(editor.notebook.uri.fsPath, notebook());
    assert.equal(editor.selection.start, 1);
  });
});
