/**
 * Activation: constructs each part of the extension and hands it to VS Code. Wiring only;
 * the behaviour lives in the modules imported here.
 */
import * as vscode from "vscode";

export function activate(context: vscode.ExtensionContext): void {
  void context;
}

export function deactivate(): void {}
