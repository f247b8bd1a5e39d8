/**
 * The kernel inside a real VS Code: the "aibook (TypeScript)" controller runs cells of an
 * .aibook notebook, streams their outputs, stops Run All at a failing cell, interrupts an
 * endless loop and restarts to a clean state. Notebooks are written into the fresh workspace
 * copy by each test.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { openNotebook, runCells, until, workspaceKernels } from "./notebooks";

const decoder = new TextDecoder();

/** Resolves when the cell has ended an execution (its summary says success or failure). */
function ended(cell: vscode.NotebookCell, timeoutMs = 30_000): Promise<void> {
  return until(vscode.workspace.onDidChangeNotebookDocument, () => cell.executionSummary?.success !== undefined, `cell ${cell.index} to end`, timeoutMs);
}

function outputTexts(cell: vscode.NotebookCell): { mime: string; text: string }[] {
  return cell.outputs.flatMap((output) => output.items.map((item) => ({ mime: item.mime, text: decoder.decode(item.data) })));
}

suite("aibook kernel in VS Code", () => {
  test("runs cells with shared state, streamed output, execution order and the last value", async () => {
    const notebook = await openNotebook("kernel-run.aibook", ["const answer: number = 41;\nconsole.log('computing');", "answer + 1"]);
    await runCells(notebook, 0, 2);
    const [first, second] = notebook.getCells();
    await ended(second);
    assert.deepEqual(outputTexts(first), [{ mime: "application/vnd.code.notebook.stdout", text: "computing\n" }]);
    assert.deepEqual(outputTexts(second), [{ mime: "text/plain", text: "42" }]);
    assert.equal(first.executionSummary?.success, true);
    assert.equal(second.executionSummary?.executionOrder, (first.executionSummary?.executionOrder ?? 0) + 1);
    assert.ok(second.executionSummary?.timing, "the cell records its start and end");
    assert.ok(workspaceKernels().length >= 1, "a kernel process runs in the notebook's folder");
  });

  test("keeps a burst of output whole and in order with displays", async () => {
    const notebook = await openNotebook("kernel-burst.aibook", ["for (let i = 0; i < 2000; i++) console.log(i);\ndisplay({ shown: true });\nconsole.log('after');"]);
    const [cell] = notebook.getCells();
    await runCells(notebook, 0, 1);
    await ended(cell);
    const outputs = outputTexts(cell);
    assert.deepEqual(outputs.map((o) => o.mime), ["application/vnd.code.notebook.stdout", "text/plain", "application/vnd.code.notebook.stdout"]);
    assert.equal(outputs[0].text, Array.from({ length: 2000 }, (_, i) => `${i}\n`).join(""));
    assert.equal(outputs[1].text, "{ shown: true }");
    assert.equal(outputs[2].text, "after\n");
  });

  test("output a cell's timer prints after the cell ended shows in that cell, which keeps its order and success", async () => {
    const notebook = await openNotebook("kernel-late.aibook", ["let n = 0;\nconst timer = setInterval(() => { console.log('tick', ++n); if (n === 3) clearInterval(timer); }, 300);\n'started'"]);
    const [cell] = notebook.getCells();
    await runCells(notebook, 0, 1);
    await ended(cell);
    const order = cell.executionSummary?.executionOrder;
    await until(vscode.workspace.onDidChangeNotebookDocument, () => outputTexts(cell).some((o) => o.text.includes("tick 3")), "the third tick", 10_000);
    const text = outputTexts(cell).filter((o) => o.mime === "application/vnd.code.notebook.stdout").map((o) => o.text).join("");
    assert.equal(text, "tick 1\ntick 2\ntick 3\n");
    assert.deepEqual(outputTexts(cell)[0], { mime: "text/plain", text: "'started'" });
    await until(vscode.workspace.onDidChangeNotebookDocument, () => cell.executionSummary?.success !== undefined, "the late output's execution to end", 5000);
    assert.equal(cell.executionSummary?.success, true);
    assert.equal(cell.executionSummary?.executionOrder, order);
  });

  test("Run All stops at the first failing cell and shows the error at the cell's line", async () => {
    const notebook = await openNotebook("kernel-fail.aibook", ["const ok = 1;", "const missing: any = undefined;\nmissing.field;", "console.log('after');"]);
    await runCells(notebook, 0, 3);
    const cells = notebook.getCells();
    await ended(cells[1]);
    assert.equal(cells[1].executionSummary?.success, false);
    const error = JSON.parse(outputTexts(cells[1])[0].text) as { name: string; stack: string };
    assert.equal(error.name, "TypeError");
    assert.match(error.stack, /cell 2:2:9/);
    assert.equal(cells[2].executionSummary?.success, undefined, "the cell after the failure did not run");
  });

  test("interrupts an endless loop and keeps the state", async () => {
    const notebook = await openNotebook("kernel-interrupt.aibook", ["const kept = 'still here';", "while (true) {}", "kept"]);
    const [first, loop, after] = notebook.getCells();
    await runCells(notebook, 0, 1);
    await ended(first);
    void runCells(notebook, 1, 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await vscode.commands.executeCommand("aibook.interruptKernel");
    await ended(loop, 5000);
    assert.equal(loop.executionSummary?.success, false);
    const stopped = JSON.parse(outputTexts(loop)[0].text) as { name: string; message: string };
    assert.equal(stopped.name, "Interrupted");
    assert.match(stopped.message, /keeps its state/);
    await runCells(notebook, 2, 3);
    await ended(after);
    assert.deepEqual(outputTexts(after), [{ mime: "text/plain", text: "'still here'" }]);
  });

  test("Restart Kernel gives a clean process", async () => {
    const notebook = await openNotebook("kernel-restart.aibook", ["const marker = 1;", "typeof marker"]);
    const [first, second] = notebook.getCells();
    await runCells(notebook, 0, 1);
    await ended(first);
    await vscode.commands.executeCommand("aibook.restartKernel");
    await runCells(notebook, 1, 2);
    await ended(second);
    assert.deepEqual(outputTexts(second), [{ mime: "text/plain", text: "'undefined'" }]);
  });
});
