/**
 * The runtime pitfall rules inside a real VS Code: running cells of an .aibook notebook puts the
 * findings from the data on the cells as diagnostics (source "aibook", code = the rule id),
 * anchored at the line of the call; re-running a cell replaces them and a kernel restart
 * clears them.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { openNotebook, runCells, until } from "./notebooks";

const RUNTIME_RULES = new Set(["non-representative-test", "duplicate-leakage", "imbalanced-accuracy", "missing-values", "temporal-leakage"]);

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === "object" ? String(d.code.value) : String(d.code));
const runtimeDiagnostics = (cell: vscode.NotebookCell) => vscode.languages.getDiagnostics(cell.document.uri).filter((d) => RUNTIME_RULES.has(codeOf(d)));

/** Resolves once `check` holds for the diagnostics (checked on every change). */
function diagnosticsWhere(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  return until(vscode.languages.onDidChangeDiagnostics, check, what, timeoutMs);
}

suite("aibook runtime pitfall rules in VS Code", () => {
  test("running cells shows the runtime findings at the call's line; re-running and restarting clear them", async function () {
    this.timeout(180_000);
    const notebook = await openNotebook("runtime-rules.aibook", [
      `import { trainTestSplit, metrics } from "aibook";\nconst X = Array.from({ length: 100 }, (_, i) => [i, i % 7]);\nconst y = X.map(([i]) => (i < 95 ? "no" : "yes"));`,
      `const note = "a tiny test set";\nconst s = trainTestSplit(X, y, { testSize: 10, seed: 1 });`,
      `const always = Array(100).fill("no");\nconsole.log(metrics.accuracy(y, always));`,
    ]);
    const [, split, accuracy] = notebook.getCells();
    await runCells(notebook, 0, 3);
    await diagnosticsWhere(() => runtimeDiagnostics(split).length > 0 && runtimeDiagnostics(accuracy).length > 0, "runtime diagnostics on cells 1 and 2");

    const [notRepresentative] = runtimeDiagnostics(split);
    assert.equal(codeOf(notRepresentative), "non-representative-test");
    assert.equal(notRepresentative.source, "aibook");
    assert.equal(notRepresentative.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(notRepresentative.range.start.line, 1, "anchored at the split call's line");
    assert.match(notRepresentative.message, /only 10 rows/);
    assert.match(notRepresentative.message, /found from the data when the cell ran/);
    assert.equal(codeOf(runtimeDiagnostics(accuracy)[0]), "imbalanced-accuracy");
    assert.equal(runtimeDiagnostics(accuracy)[0].range.start.line, 1);

    // Re-running the accuracy cell with a second metric: the finding no longer holds.
    const edit = new vscode.WorkspaceEdit();
    const lastLine = accuracy.document.lineAt(accuracy.document.lineCount - 1);
    edit.replace(accuracy.document.uri, lastLine.range, `console.log(metrics.accuracy(y, always), metrics.balancedAccuracy(y, always));`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await runCells(notebook, 2, 3);
    await diagnosticsWhere(() => runtimeDiagnostics(accuracy).length === 0, "the imbalanced-accuracy finding to clear after the re-run");
    assert.equal(runtimeDiagnostics(split).length, 1, "other cells keep theirs");

    await vscode.commands.executeCommand("aibook.restartKernel", notebook.uri);
    await diagnosticsWhere(() => runtimeDiagnostics(split).length === 0, "a restart to clear the runtime diagnostics");
  });
});
