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
    vscode.commands.registerCommand("aibook.applyNotebookFix", applyNotebookFix),
    vscode.commands.registerCommand("aibook.openRuleDoc", openRuleDoc),
  );
}

interface LspTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/**
 * Applies a quick fix of the language server that adds code cells (after the cells at the given
 * notebook indexes) and may also edit cells' text, as one undoable edit.
 */
async function applyNotebookFix(notebookUri: string, changes: Record<string, LspTextEdit[]>, insertions: Array<{ afterCell: number; afterCellUri?: string; source: string }>): Promise<boolean> {
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === notebookUri);
  if (!notebook) return false;
  const edit = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(changes)) {
    for (const e of edits) {
      const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
      edit.replace(vscode.Uri.parse(uri), range, e.newText);
    }
  }
  // The anchor cell by its URI when the server knows it (indexes may have moved since the analysis).
  const indexOf = (i: (typeof insertions)[number]) => {
    const byUri = i.afterCellUri ? notebook.getCells().findIndex((c) => c.document.uri.toString() === i.afterCellUri) : -1;
    return Math.min((byUri >= 0 ? byUri : i.afterCell) + 1, notebook.cellCount);
  };
  // From the last position to the first, so that each index still means the cell the server meant.
  const cellEdits = insertions
    .map((i) => ({ at: indexOf(i), source: i.source }))
    .sort((a, b) => b.at - a.at)
    .map((i) => vscode.NotebookEdit.insertCells(i.at, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, i.source, cellLanguageIds.typescript)]));
  edit.set(notebook.uri, cellEdits);
  return vscode.workspace.applyEdit(edit);
}

/** Opens a rule's documentation: a markdown file of the extension in the preview, a web page outside. */
async function openRuleDoc(url: string): Promise<void> {
  const uri = vscode.Uri.parse(url);
  if (uri.scheme === "file") await vscode.commands.executeCommand("markdown.showPreview", uri);
  else await vscode.env.openExternal(uri);
}
