/**
 * Starts the aibook language server (dist/server.js) over IPC and hands it the `aibook`
 * notebooks with LSP notebook synchronization. Also the two client-side commands its quick fixes
 * use: inserting a code cell (LSP's workspace edits cannot add a notebook cell) and opening a
 * rule's documentation.
 */
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { analysedCellLanguages, cellLanguageIds, notebookType } from "../languageservice/language-ids";

export function startLanguageClient(context: vscode.ExtensionContext): vscode.Disposable {
  const module = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: analysedCellLanguages.map((language) => ({ notebook: notebookType, language })),
    synchronize: { configurationSection: "aibook" },
    diagnosticCollectionName: "aibook",
  };
  const client = new LanguageClient("aibook", "aibook language server", serverOptions, clientOptions);
  void client.start();
  return vscode.Disposable.from(
    { dispose: () => void client.stop() },
    vscode.commands.registerCommand("aibook.insertCodeCell", insertCodeCell),
    vscode.commands.registerCommand("aibook.openRuleDoc", (url: string) => vscode.env.openExternal(vscode.Uri.parse(url))),
  );
}

/** Inserts a TypeScript code cell after the cell at `afterCell` (a notebook index) of a notebook. */
async function insertCodeCell(notebookUri: string, afterCell: number, source: string): Promise<boolean> {
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === notebookUri);
  if (!notebook) return false;
  const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, cellLanguageIds.typescript);
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(Math.min(afterCell + 1, notebook.cellCount), [cell])]);
  return vscode.workspace.applyEdit(edit);
}
