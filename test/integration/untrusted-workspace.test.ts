/**
 * A workspace that is not trusted (run by `run-integration.mjs --untrusted`): aibook still opens
 * notebooks and lints them, but runs no cell and starts no kernel process.
 */
import * as assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as vscode from "vscode";
import { openNotebook, runCells, until, workspaceKernels } from "./notebooks";

const decoder = new TextDecoder();

suite("aibook in an untrusted workspace", () => {
  test("the workspace really is untrusted", () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test("running a cell runs none of its code and starts no kernel", async () => {
    const marker = `/tmp/aibook-untrusted-${Date.now()}`;
    const notebook = await openNotebook("untrusted.aibook", [`require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\n"should not run"`]);
    const [cell] = notebook.getCells();
    // VS Code asks for trust before it hands cells to a kernel (the test run refuses the dialog);
    // if a cell still reached aibook's controller, it would refuse too and say how to trust.
    void runCells(notebook, 0, 1);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    assert.notEqual(cell.executionSummary?.success, true);
    assert.ok(!cell.outputs.some((o) => o.items.some((i) => decoder.decode(i.data).includes("should not run"))), "no value from the cell");
    assert.equal(existsSync(marker), false, "the cell's code did not run");
    assert.deepEqual(workspaceKernels(), [], "no kernel process was started");
  });

  test("pitfall diagnostics still show: linting reads the code and runs none of it", async () => {
    const notebook = await openNotebook("untrusted-lint.aibook", [
      'import { LogisticRegression, metrics } from "aibook";\nconst X = [[0], [1], [2], [3]];\nconst y = [0, 0, 1, 1];\nconst model = new LogisticRegression().fit(X, y);\nmetrics.accuracy(y, model.predict(X));',
    ]);
    const [cell] = notebook.getCells();
    const codes = () => vscode.languages.getDiagnostics(cell.document.uri).map((d) => (typeof d.code === "object" ? d.code.value : d.code));
    await until(vscode.languages.onDidChangeDiagnostics, () => codes().includes("evaluate-on-train"), "the evaluate-on-train diagnostic", 30_000);
    assert.deepEqual(codes(), ["evaluate-on-train"], "and no type error: the types of aibook load too");
  });
});
