/**
 * Output that a cell's timers or unawaited promises print after the cell ended, while no cell
 * runs (a training loop in setInterval, a promise that resolves later). VS Code takes outputs
 * only through an execution, so the output is appended to the cell in a short execution of its
 * own, which ends once the output has been quiet for a moment and leaves the cell's execution
 * order and success mark as they were. Nothing is dropped: output that comes while the next cell
 * is about to start is held and goes into that cell, as it would once the cell runs.
 */
import * as vscode from "vscode";
import type { CellOutput } from "../kernel/session";
import { CellOutputWriter } from "./cellOutputs";

/** How long output must be quiet before the late execution ends (its spinner goes away). */
const QUIET_MS = 400;

/** What the cell showed when it ended, restored when the late execution ends. */
export interface EndedCell {
  cell: vscode.NotebookCell;
  executionOrder: number | undefined;
  success: boolean;
}

export class LateOutput implements vscode.Disposable {
  private current: { ended: EndedCell; execution: vscode.NotebookCellExecution; writer: CellOutputWriter; timer?: NodeJS.Timeout } | undefined;
  private held: CellOutput[] | undefined;

  constructor(private readonly controller: vscode.NotebookController) {}

  write(ended: EndedCell, output: CellOutput): void {
    if (this.held) {
      this.held.push(output);
      return;
    }
    if (this.current && this.current.ended.cell !== ended.cell) void this.end();
    if (!this.current) {
      let execution: vscode.NotebookCellExecution;
      try {
        execution = this.controller.createNotebookCellExecution(ended.cell);
      } catch {
        // The cell is running elsewhere (another controller): keep the output for our next cell.
        (this.held ??= []).push(output);
        return;
      }
      execution.executionOrder = ended.executionOrder;
      execution.start();
      this.current = { ended, execution, writer: new CellOutputWriter(execution) };
    }
    const current = this.current;
    current.writer.write(output);
    clearTimeout(current.timer);
    current.timer = setTimeout(() => void this.end(), QUIET_MS);
  }

  /**
   * Before a cell starts: ends the late execution (a cell cannot have two) and holds output that
   * comes until the new cell takes it with `release`.
   */
  async hold(): Promise<void> {
    this.held ??= [];
    await this.end();
  }

  /** The output held since `hold`, for the cell that starts now; late output flows again. */
  release(): CellOutput[] {
    const held = this.held ?? [];
    this.held = undefined;
    return held;
  }

  private async end(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    await current.writer.flushed();
    current.execution.end(current.ended.success);
  }

  dispose(): void {
    void this.end();
  }
}
