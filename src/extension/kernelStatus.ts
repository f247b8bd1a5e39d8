/**
 * The status bar item that shows the state of the active notebook's kernel
 * (starting, idle, busy, stopped); clicking it offers restart.
 */
import * as vscode from "vscode";
import type { KernelState } from "../kernel/session";
import type { AibookController } from "./controller";

const ICONS: Record<KernelState, string> = {
  starting: "$(loading~spin)",
  idle: "$(circle-outline)",
  busy: "$(circle-filled)",
  stopped: "$(circle-slash)",
};

export function createKernelStatus(controller: AibookController): vscode.Disposable {
  const item = vscode.window.createStatusBarItem("aibook.kernelStatus", vscode.StatusBarAlignment.Right, 100);
  item.name = "aibook kernel";
  item.command = "aibook.restartKernel";
  const update = () => {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    if (notebook?.notebookType !== "aibook") {
      item.hide();
      return;
    }
    const state = controller.stateOf(notebook);
    item.text = `${ICONS[state]} aibook: ${state}`;
    item.tooltip = `aibook kernel: ${state}. Click to restart.`;
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    controller.onDidChangeState(update),
    vscode.window.onDidChangeActiveNotebookEditor(update),
  );
}
