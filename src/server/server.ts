/**
 * The aibook language server: LSP notebook synchronization for `aibook` notebooks, TypeScript
 * features over the joined cells, and diagnostics (type errors, source `aibook-ts`; pitfalls from
 * the static linter, source `aibook`) re-published a moment after the user stops typing.
 * It reads code and never runs it.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  NotebookDocuments,
  SemanticTokensBuilder,
  TextDocumentSyncKind,
  type Connection,
  type CompletionItem,
  type Diagnostic,
  type InitializeResult,
  type Location,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import ts from "typescript";
import { NotebookSessions } from "./notebook-sessions";
import { cellRange, completionKindOf, severityOf, signatureHelpOf } from "./lsp-convert";
import { fetchLintSettings, defaultLintSettings, type LintSettings } from "./settings";
import { pitfallDiagnostics, pitfallCodeActions } from "./pitfalls";
import { forgetLinter } from "./lint-adapter";
import { InProcessTypeCheck, type TypeCheck } from "./type-check";
import { LineMap } from "../languageservice/line-map";
import { semanticTokenModifiers, semanticTokenTypes, type CellSpan } from "../languageservice/notebook-language-service";
import { cellLanguageIds, notebookType } from "../languageservice/language-ids";
import type { TypeLocations } from "../languageservice/module-resolution";

export interface ServerOptions {
  /** Root of the extension: dist/types and node_modules are found under it. */
  extensionRoot: string;
  /** Delay after the last change before diagnostics are recomputed. */
  debounceMs?: number;
  /** Where cells' imports find their types; by default found under extensionRoot. */
  typeLocations?: TypeLocations;
  /** Runs the full type checks (a worker thread in dist/server.js); by default on the server's thread. */
  typeCheck?: TypeCheck;
}

export const typeDiagnosticSource = "aibook-ts";

interface CompletionData {
  cell: string;
  offset: number;
  name: string;
  source?: string;
  data?: ts.CompletionEntryData;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const notebooks = new NotebookDocuments(TextDocument);
  let workspaceFolder = process.cwd();
  const sessions = new NotebookSessions(notebooks, options.extensionRoot, () => workspaceFolder, options.typeLocations);
  const debounceMs = options.debounceMs ?? 150;
  const timers = new Map<string, NodeJS.Timeout>();
  const published = new Map<string, string[]>();
  const open = new Set<string>();
  let settings: LintSettings = defaultLintSettings;
  const typeCheck = options.typeCheck ?? new InProcessTypeCheck(options);
  let configurationSupported = false;

  connection.onInitialize((params): InitializeResult => {
    configurationSupported = !!params.capabilities.workspace?.configuration;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder?.startsWith("file:")) workspaceFolder = fileURLToPath(folder);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        notebookDocumentSync: {
          // Every cell, markdown too: cell indexes then match the notebook's (the linter's messages count them).
          notebookSelector: [{ notebook: { notebookType } }],
        },
        completionProvider: { triggerCharacters: [".", '"', "'", "/", "@", "<"], resolveProvider: true },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ["(", ","], retriggerCharacters: [")"] },
        definitionProvider: true,
        renameProvider: { prepareProvider: true },
        semanticTokensProvider: { legend: { tokenTypes: semanticTokenTypes, tokenModifiers: semanticTokenModifiers }, full: true },
        codeActionProvider: { codeActionKinds: ["quickfix"] },
      },
      serverInfo: { name: "aibook language server" },
    };
  });

  // Diagnostics wait for the user's settings, so that a rule turned off never flashes up.
  let settingsLoaded: () => void = () => {};
  const settingsReady = new Promise<void>((resolve) => (settingsLoaded = resolve));
  connection.onInitialized(async () => {
    settings = await fetchLintSettings(connection, configurationSupported);
    settingsLoaded();
  });

  connection.onDidChangeConfiguration(async () => {
    settings = await fetchLintSettings(connection, configurationSupported);
    for (const uri of open) schedule(uri, 0);
  });

  /** Recomputes a notebook's diagnostics once the user has paused. */
  function schedule(notebookUri: string, delay = debounceMs): void {
    clearTimeout(timers.get(notebookUri));
    timers.set(
      notebookUri,
      setTimeout(async () => {
        timers.delete(notebookUri);
        await settingsReady;
        try {
          await publish(notebookUri);
        } catch (error) {
          connection.console.error(`aibook: analysing ${notebookUri} failed: ${(error as Error).stack ?? error}`);
        }
      }, delay),
    );
  }

  /** Notebooks being checked, and those that changed meanwhile (checked again right after). */
  const checking = new Set<string>();
  const changedWhileChecking = new Set<string>();

  async function publish(notebookUri: string): Promise<void> {
    const notebook = notebooks.getNotebookDocument(notebookUri);
    if (!notebook) return;
    if (checking.has(notebookUri)) {
      changedWhileChecking.add(notebookUri);
      return;
    }
    checking.add(notebookUri);
    try {
      // One snapshot of the cells for both analyses, so that their ranges agree.
      const cells = sessions.codeCells(notebook);
      const snapshot = cells.map((c) => ({ id: c.uri, text: c.document.getText() }));
      const lint = settings.enable ? pitfallDiagnostics(notebookUri, cells, settings, options.extensionRoot) : new Map<string, Diagnostic[]>();
      const types = await typeCheck.check({ notebookUri, notebookPath: sessions.notebookPath(notebookUri), cells: snapshot });
      if (!open.has(notebookUri)) return;
      const byCell = new Map<string, Diagnostic[]>(cells.map((c) => [c.uri, []]));
      for (const cell of cells) {
        const lines = new LineMap(snapshot.find((c) => c.id === cell.uri)!.text);
        const javascript = cell.document.languageId === cellLanguageIds.javascript;
        for (const d of types.get(cell.uri) ?? []) {
          if (javascript && d.code >= 2000) continue; // JavaScript cells: syntax only, no type checking
          byCell.get(cell.uri)!.push({ range: cellRange(lines, d), message: d.message, severity: severityOf(d.category), code: d.code, source: typeDiagnosticSource });
        }
        byCell.get(cell.uri)!.push(...(lint.get(cell.uri) ?? []));
      }
      const previous = published.get(notebookUri) ?? [];
      for (const uri of previous) if (!byCell.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      for (const [uri, diagnostics] of byCell) void connection.sendDiagnostics({ uri, diagnostics });
      published.set(notebookUri, [...byCell.keys()]);
    } finally {
      checking.delete(notebookUri);
      if (changedWhileChecking.delete(notebookUri)) schedule(notebookUri, 0);
    }
  }

  notebooks.onDidOpen((notebook) => {
    open.add(notebook.uri);
    schedule(notebook.uri, 0);
    setTimeout(() => {
      const current = notebooks.getNotebookDocument(notebook.uri);
      if (current) sessions.serviceFor(current).warm();
    }, 0);
  });
  notebooks.onDidChange((event) => schedule(event.notebookDocument.uri));
  notebooks.onDidClose((notebook) => {
    open.delete(notebook.uri);
    clearTimeout(timers.get(notebook.uri));
    timers.delete(notebook.uri);
    sessions.close(notebook.uri);
    typeCheck.close(notebook.uri);
    forgetLinter(notebook.uri);
    for (const uri of published.get(notebook.uri) ?? []) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.delete(notebook.uri);
  });

  /** The service of a cell and the cell's offset of an LSP position. */
  function locate(cellUri: string, position: { line: number; character: number }) {
    const found = sessions.forCell(cellUri);
    const cell = found?.service.cell(cellUri);
    if (!found || !cell) return undefined;
    return { service: found.service, cell, offset: cell.lines.offsetAt(position) };
  }

  function location(service: ReturnType<NotebookSessions["serviceFor"]>, span: CellSpan): Location | undefined {
    const cell = service.cell(span.cellId);
    return cell && { uri: span.cellId, range: cellRange(cell.lines, span) };
  }

  connection.onCompletion((params) => {
    const at = locate(params.textDocument.uri, params.position);
    if (!at) return [];
    const trigger = params.context?.triggerCharacter as ts.CompletionsTriggerCharacter | undefined;
    return at.service.completions(params.textDocument.uri, at.offset, trigger).map((e): CompletionItem => {
      const data: CompletionData = { cell: params.textDocument.uri, offset: at.offset, name: e.name, source: e.source, data: e.data };
      const item: CompletionItem = { label: e.name, kind: completionKindOf(e.kind), sortText: e.sortText, data };
      if (e.kindModifiers?.includes("deprecated")) item.tags = [1];
      const newText = e.insertText ?? e.name;
      if (e.replacement && e.replacement.cellId === params.textDocument.uri) {
        item.textEdit = { range: cellRange(at.cell.lines, e.replacement), newText };
      } else if (e.insertText) {
        item.insertText = e.insertText;
      }
      return item;
    });
  });

  connection.onCompletionResolve((item) => {
    const data = item.data as CompletionData | undefined;
    if (!data) return item;
    const found = sessions.forCell(data.cell);
    const details = found?.service.completionDetails(data.cell, data.offset, data.name, data.source, data.data);
    if (details) {
      item.detail = details.detail;
      if (details.documentation) item.documentation = { kind: "markdown", value: details.documentation };
    }
    return item;
  });

  connection.onHover((params) => {
    const at = locate(params.textDocument.uri, params.position);
    const hover = at?.service.hover(params.textDocument.uri, at.offset);
    if (!at || !hover) return null;
    const range = hover.range?.cellId === params.textDocument.uri ? cellRange(at.cell.lines, hover.range) : undefined;
    return { contents: { kind: "markdown", value: hover.markdown }, range };
  });

  connection.onSignatureHelp((params) => {
    const at = locate(params.textDocument.uri, params.position);
    const items = at?.service.signatureHelp(params.textDocument.uri, at.offset);
    return items ? signatureHelpOf(items) : null;
  });

  connection.onDefinition((params) => {
    const at = locate(params.textDocument.uri, params.position);
    if (!at) return [];
    const result: Location[] = [];
    for (const d of at.service.definition(params.textDocument.uri, at.offset)) {
      if ("cellId" in d) {
        const l = location(at.service, d);
        if (l) result.push(l);
      } else {
        result.push({ uri: pathToFileURL(d.fileName).href, range: { start: d.start, end: d.end } });
      }
    }
    return result;
  });

  connection.onPrepareRename((params) => {
    const at = locate(params.textDocument.uri, params.position);
    const prepared = at?.service.prepareRename(params.textDocument.uri, at.offset);
    if (!at || !prepared) return null;
    if ("error" in prepared) throw new Error(prepared.error);
    if (prepared.range.cellId !== params.textDocument.uri) return null;
    return { range: cellRange(at.cell.lines, prepared.range), placeholder: prepared.placeholder };
  });

  connection.onRenameRequest((params) => {
    const at = locate(params.textDocument.uri, params.position);
    if (!at) return null;
    const changes: Record<string, Array<{ range: ReturnType<typeof cellRange>; newText: string }>> = {};
    for (const span of at.service.renameLocations(params.textDocument.uri, at.offset)) {
      const l = location(at.service, span);
      if (l) (changes[l.uri] ??= []).push({ range: l.range, newText: params.newName });
    }
    return { changes };
  });

  connection.languages.semanticTokens.on((params) => {
    const found = sessions.forCell(params.textDocument.uri);
    const builder = new SemanticTokensBuilder();
    for (const t of found?.service.semanticTokens(params.textDocument.uri) ?? []) builder.push(t.line, t.character, t.length, t.type, t.modifiers);
    return builder.build();
  });

  connection.onCodeAction((params) => {
    const notebook = notebooks.findNotebookDocumentForCell(params.textDocument.uri);
    if (!notebook) return [];
    return pitfallCodeActions(notebook.uri, sessions.codeCells(notebook), params);
  });

  notebooks.listen(connection);
  connection.listen();
}
