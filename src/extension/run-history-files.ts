/**
 * The run-history files of the workspace (`**\/.aibook/runs.jsonl`): read them all, watch them
 * for appends while cells run, and clear them. Files on disk are the state, so the history
 * survives a restart of VS Code and is shared with `aibook run` in a terminal.
 */
import * as vscode from "vscode";
import { parseRunHistory, RUN_HISTORY_GLOB, runHistoryPath, type RunRecord } from "../protocol/run-history";

export class RunHistoryFiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) when a history file is created, appended to or deleted. */
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher(RUN_HISTORY_GLOB);
    const fire = () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed.fire(), 150);
    };
    this.watcher.onDidCreate(fire);
    this.watcher.onDidChange(fire);
    this.watcher.onDidDelete(fire);
  }

  async files(): Promise<vscode.Uri[]> {
    return vscode.workspace.findFiles(RUN_HISTORY_GLOB, "**/node_modules/**");
  }

  /** Every run of every history file, oldest first. */
  async read(): Promise<{ runs: RunRecord[]; files: string[] }> {
    const uris = await this.files();
    const runs: RunRecord[] = [];
    for (const uri of uris) {
      try {
        runs.push(...parseRunHistory(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))));
      } catch {
        // Deleted between findFiles and readFile: nothing to show from it.
      }
    }
    runs.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    return { runs, files: uris.map((u) => u.fsPath) };
  }

  /** Empties every history file (kept, so that a running kernel's next append still lands there). */
  async clear(): Promise<void> {
    for (const uri of await this.files()) await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher.dispose();
    this.changed.dispose();
  }
}

/** Where a notebook's runs go: the history file of its workspace folder, else next to the notebook. */
export function runHistoryFileFor(notebook: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(notebook);
  return runHistoryPath(folder ? folder.uri.fsPath : vscode.Uri.joinPath(notebook, "..").fsPath);
}
