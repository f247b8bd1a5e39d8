/**
 * Activation: constructs each part of the extension and hands it to VS Code. Wiring only;
 * the behaviour lives in the modules imported here.
 */
import * as vscode from "vscode";
import { AibookNotebookSerializer, NOTEBOOK_TYPE, notebookContentOptions } from "./serializer";
import { startLanguageClient } from "./language-client";
import { AibookController } from "./controller";
import { registerKernelCommands } from "./kernelCommands";
import { createKernelStatus } from "./kernelStatus";
import { registerMetricsPanel } from "./metrics-panel";
import { registerNotebookCommands } from "./notebook-commands";

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new AibookNotebookSerializer(), notebookContentOptions),
  );
  context.subscriptions.push(startLanguageClient(context));
  const kernels = new AibookController(vscode.Uri.joinPath(context.extensionUri, "dist", "kernel.js").fsPath);
  context.subscriptions.push(kernels, registerKernelCommands(kernels), createKernelStatus(kernels));
  context.subscriptions.push(registerMetricsPanel(context));
  context.subscriptions.push(registerNotebookCommands());
}

export function deactivate(): void {}
