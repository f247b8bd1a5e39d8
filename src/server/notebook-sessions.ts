/**
 * One language service per open notebook, kept in step with the notebook's code cells as LSP
 * notebook synchronization reports them. Cell ids are the cells' document URIs.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NotebookCellKind, type NotebookDocument, type NotebookDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import ts from "typescript";
import { NotebookLanguageService } from "../languageservice/notebook-language-service";
import { analysedCellLanguages } from "../languageservice/language-ids";
import type { TypeLocations } from "../languageservice/module-resolution";

export interface CodeCell {
  uri: string;
  /** Index in the notebook (markdown cells count). */
  index: number;
  document: TextDocument;
}

export class NotebookSessions {
  private readonly services = new Map<string, NotebookLanguageService>();
  private readonly registry = ts.createDocumentRegistry();

  constructor(
    private readonly notebooks: NotebookDocuments<TextDocument>,
    private readonly extensionRoot: string,
    private readonly fallbackFolder: () => string,
    private readonly typeLocations?: TypeLocations,
  ) {}

  /** The notebook's code cells of an analysed language, in notebook order. */
  codeCells(notebook: NotebookDocument): CodeCell[] {
    const cells: CodeCell[] = [];
    notebook.cells.forEach((cell, index) => {
      if (cell.kind !== NotebookCellKind.Code) return;
      const document = this.notebooks.getCellTextDocument(cell);
      if (document && analysedCellLanguages.includes(document.languageId)) cells.push({ uri: cell.document, index, document });
    });
    return cells;
  }

  /** The notebook's service, brought up to date with its cells. */
  serviceFor(notebook: NotebookDocument): NotebookLanguageService {
    let service = this.services.get(notebook.uri);
    if (!service) {
      service = new NotebookLanguageService({ notebookPath: this.notebookPath(notebook.uri), extensionRoot: this.extensionRoot, documentRegistry: this.registry, typeLocations: this.typeLocations });
      this.services.set(notebook.uri, service);
    }
    service.update(this.codeCells(notebook).map((c) => ({ id: c.uri, text: c.document.getText() })));
    return service;
  }

  /** The service and notebook of a cell document, or undefined for a document of no open notebook. */
  forCell(cellUri: string): { service: NotebookLanguageService; notebook: NotebookDocument } | undefined {
    const notebook = this.notebooks.findNotebookDocumentForCell(cellUri);
    if (!notebook) return undefined;
    return { service: this.serviceFor(notebook), notebook };
  }

  close(notebookUri: string): void {
    this.services.get(notebookUri)?.dispose();
    this.services.delete(notebookUri);
  }

  /** A path for the notebook: its file, or (untitled) a file in the workspace's folder. */
  notebookPath(uri: string): string {
    if (uri.startsWith("file:")) return fileURLToPath(uri);
    return path.join(this.fallbackFolder(), "untitled.aibook");
  }
}
