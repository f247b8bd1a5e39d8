/**
 * Helpers the integration suites share: a notebook written into the fresh workspace copy and
 * opened with the aibook kernel, cells run by command, and waiting on a VS Code event until a
 * condition holds.
 */
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import * as vscode from "vscode";

/** Writes `cells` (code cells) as `name` in the workspace, opens it and selects the aibook kernel. */
export async function openNotebook(name: string, cells: string[]): Promise<vscode.NotebookDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the integration run opens a workspace folder");
  const uri = vscode.Uri.joinPath(folder.uri, name);
  const content = { aibook: 1, metadata: {}, cells: cells.map((source) => ({ kind: "code", language: "typescript", source: source.split("\n") })) };
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(content, null, 2) + "\n"));
  const notebook = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(notebook);
  await vscode.commands.executeCommand("notebook.selectKernel", { id: "aibook-kernel", extension: "aibook.aibook" });
  return notebook;
}

export function runCells(notebook: vscode.NotebookDocument, start: number, end: number): Thenable<unknown> {
  return vscode.commands.executeCommand("notebook.cell.execute", { ranges: [{ start, end }], document: notebook.uri });
}

/** Resolves once `check` holds, checked now and on every `event`; rejects after `timeoutMs` naming `what`. */
export function until(event: vscode.Event<unknown>, check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const listener = event(() => {
      if (!check()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

/** Kernel processes (dist/kernel.js) working in this workspace's folder: the ones this VS Code started. */
export function workspaceKernels(): string[] {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  return readdirSync("/proc").filter((pid) => {
    try {
      return /[/\\]dist[/\\]kernel\.js/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8")) && readlinkSync(`/proc/${pid}/cwd`).startsWith(folder);
    } catch {
      return false; // not a process, or gone
    }
  });
}
