/**
 * "aibook: Restart Kernel" and "aibook: Interrupt Kernel", from the Command Palette (active
 * notebook) or the notebook toolbar (which passes the notebook it belongs to).
 */
import * as vscode from "vscode";
import type { AibookController } from "./controller";

/** The toolbar passes `{ notebookEditor: { notebookUri } }`; the palette passes nothing. */
function targetNotebook(arg: unknown): vscode.NotebookDocument | undefined {
  const uri = (arg as { notebookEditor?: { notebookUri?: vscode.Uri } } | undefined)?.notebookEditor?.notebookUri ?? (arg instanceof vscode.Uri ? arg : undefined);
  if (uri) return vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === uri.toString());
  const active = vscode.window.activeNotebookEditor?.notebook;
  return active?.notebookType === "aibook" ? active : undefined;
}

export function registerKernelCommands(controller: AibookController): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand("aibook.restartKernel", async (arg?: unknown) => {
      const notebook = targetNotebook(arg);
      if (!notebook) return void vscode.window.showWarningMessage("aibook: open an aibook notebook to restart its kernel.");
      await controller.restart(notebook);
      vscode.window.setStatusBarMessage("aibook: kernel restarted", 3000);
    }),
    vscode.commands.registerCommand("aibook.interruptKernel", (arg?: unknown) => {
      const notebook = targetNotebook(arg);
      if (notebook) controller.interrupt(notebook);
    }),
  );
}
