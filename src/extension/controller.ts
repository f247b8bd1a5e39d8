/**
 * The notebook controller "aibook (TypeScript)": runs code cells of `aibook` notebooks in one
 * kernel process per notebook (src/kernel/session.ts), with execution order, timing, streamed
 * outputs and errors mapped to cell lines. Run All stops at the first failing cell. Nothing
 * runs in an untrusted workspace.
 */
import path from "node:path";
import * as vscode from "vscode";
import { KernelSession, type CellResult, type KernelState } from "../kernel/session";
import { CellOutputWriter, errorOutput, outputItem } from "./cellOutputs";
import { LateOutput, type EndedCell } from "./lateOutput";
import { RuntimeDiagnostics, runtimeRuleSettings } from "./runtime-diagnostics";
import { runHistoryFileFor } from "./run-history-files";
import { NOTEBOOK_ENV, RUN_HISTORY_ENV } from "../protocol/run-history";

export const CONTROLLER_ID = "aibook-kernel";

interface NotebookKernel {
  session: KernelSession;
  executionOrder: number;
  /** Where output goes that comes after a cell ended, while no cell runs. */
  late: LateOutput;
  /** The cell that ran last, and how it ended. */
  lastEnded?: EndedCell;
  /** Stops publishing the session's runtime pitfall findings. */
  diagnostics?: vscode.Disposable;
}

export class AibookController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly kernels = new Map<string, NotebookKernel>();
  private readonly stateChanged = new vscode.EventEmitter<vscode.NotebookDocument>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The runtime pitfall findings of each kernel, as diagnostics on the cells. */
  private readonly runtimeDiagnostics: RuntimeDiagnostics;
  /** Fires when the kernel of a notebook changes state (for the status bar). */
  readonly onDidChangeState = this.stateChanged.event;

  constructor(private readonly kernelPath: string) {
    this.controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, "aibook", "aibook (TypeScript)");
    this.controller.supportedLanguages = ["aibook-typescript", "aibook-javascript", "typescript", "javascript"];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = "Runs TypeScript cells in a Node process of their own";
    this.controller.executeHandler = (cells, notebook) => this.executeCells(cells, notebook);
    this.controller.interruptHandler = (notebook) => this.interrupt(notebook);
    this.runtimeDiagnostics = new RuntimeDiagnostics(path.resolve(path.dirname(kernelPath), ".."));
    this.disposables.push(
      this.runtimeDiagnostics,
      this.controller,
      this.stateChanged,
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.disposeKernel(notebook)),
    );
  }

  /** The kernel state of a notebook; "stopped" before its first run. */
  stateOf(notebook: vscode.NotebookDocument): KernelState {
    return this.kernels.get(notebook.uri.toString())?.session.state ?? "stopped";
  }

  interrupt(notebook: vscode.NotebookDocument): void {
    this.kernels.get(notebook.uri.toString())?.session.interrupt();
  }

  /** A clean process for the notebook; execution counts start again at 1. */
  async restart(notebook: vscode.NotebookDocument): Promise<void> {
    const kernel = this.kernelFor(notebook);
    kernel.executionOrder = 0;
    await kernel.session.restart();
  }

  dispose(): void {
    for (const kernel of this.kernels.values()) {
      kernel.late.dispose();
      kernel.session.dispose();
    }
    this.kernels.clear();
    for (const d of this.disposables) d.dispose();
  }

  private async executeCells(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      if (cells[0]) await this.refuseUntrusted(cells[0]);
      return;
    }
    const kernel = this.kernelFor(notebook);
    for (const cell of cells) {
      const ok = await this.executeCell(cell, kernel);
      if (!ok) break; // Run All stops at the first failing cell
    }
  }

  private async executeCell(cell: vscode.NotebookCell, kernel: NotebookKernel): Promise<boolean> {
    // A cell has one execution at a time: end the late-output one; output meanwhile waits for this cell.
    await kernel.late.hold();
    const execution = this.controller.createNotebookCellExecution(cell);
    if (execution.token.isCancellationRequested) {
      execution.start();
      execution.end(undefined);
      for (const output of kernel.late.release()) if (kernel.lastEnded) kernel.late.write(kernel.lastEnded, output);
      return false;
    }
    execution.executionOrder = ++kernel.executionOrder;
    execution.start(Date.now());
    await execution.clearOutput();
    const writer = new CellOutputWriter(execution);
    const language = cell.document.languageId.endsWith("javascript") ? "javascript" : "typescript";
    const ended: EndedCell = { cell, executionOrder: execution.executionOrder, success: false };
    let running = true;
    const done = kernel.session.execute(cell.document.getText(), {
      language,
      label: `cell ${cell.index + 1}`,
      cellId: cell.document.uri.toString(),
      runContext: { notebook: cell.notebook.uri.scheme === "file" ? cell.notebook.uri.fsPath : null, cell: cell.index },
      onOutput: (output) => writer.write(output),
      onLateOutput: (output) => (running ? writer.write(output) : kernel.late.write(ended, output)),
    });
    for (const output of kernel.late.release()) writer.write(output);
    const result = await done;
    this.appendResult(writer, result);
    await writer.flushed();
    execution.end(result.status === "ok", Date.now());
    running = false;
    ended.success = result.status === "ok";
    kernel.lastEnded = ended;
    return result.status === "ok";
  }

  private appendResult(writer: CellOutputWriter, result: CellResult): void {
    switch (result.status) {
      case "ok":
        if (result.value) writer.append(new vscode.NotebookCellOutput(result.value.map(outputItem)));
        break;
      case "error":
        writer.append(errorOutput(result.error));
        break;
      case "interrupted":
        writer.append(
          errorOutput({
            name: "Interrupted",
            message: result.restarted ? "The cell did not stop in time, so the kernel was restarted: names defined by earlier cells are gone." : "Stopped by the user. The kernel keeps its state: names defined by earlier cells are still there.",
            stack: "",
          }),
        );
        break;
      case "died":
        writer.append(errorOutput({ name: "KernelStopped", message: `the kernel stopped: ${result.reason}. The next run starts a new kernel.`, stack: "" }));
        break;
    }
  }

  private async refuseUntrusted(cell: vscode.NotebookCell): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.start(Date.now());
    await execution.replaceOutput(
      errorOutput({
        name: "Workspace not trusted",
        message: "aibook runs no code in an untrusted workspace, because cells can read and change your files. To run this notebook, trust its folder: run \"Workspaces: Manage Workspace Trust\" from the Command Palette.",
        stack: "",
      }),
    );
    execution.end(false, Date.now());
  }

  private kernelFor(notebook: vscode.NotebookDocument): NotebookKernel {
    const key = notebook.uri.toString();
    let kernel = this.kernels.get(key);
    if (!kernel) {
      const session = new KernelSession({ notebookDir: notebookFolder(notebook), kernelPath: this.kernelPath, runtimeRules: runtimeRuleSettings(), env: runHistoryEnvFor(notebook) });
      session.on("state", () => this.stateChanged.fire(notebook));
      kernel = { session, executionOrder: 0, late: new LateOutput(this.controller), diagnostics: this.runtimeDiagnostics.attach(session, notebook) };
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  private disposeKernel(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.kernels.get(key)?.diagnostics?.dispose();
    this.kernels.get(key)?.late.dispose();
    this.kernels.get(key)?.session.dispose();
    this.kernels.delete(key);
  }
}

/** Tells the kernel where evaluate/compareModels record their runs, so that "aibook: Show Metrics" lists them. */
function runHistoryEnvFor(notebook: vscode.NotebookDocument): Record<string, string> {
  if (notebook.uri.scheme === "file") return { [RUN_HISTORY_ENV]: runHistoryFileFor(notebook.uri), [NOTEBOOK_ENV]: notebook.uri.fsPath };
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? { [RUN_HISTORY_ENV]: runHistoryFileFor(folder.uri) } : {};
}

/** Where relative paths of the notebook's cells resolve: its folder, else the workspace's. */
function notebookFolder(notebook: vscode.NotebookDocument): string {
  if (notebook.uri.scheme === "file") return path.dirname(notebook.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}
