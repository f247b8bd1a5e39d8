/**
 * One TypeScript language service over a notebook's joined cells (see cell-join.ts). Every
 * question is asked with a cell id and an offset in that cell, and every answer comes back in
 * cells and offsets, so the language server never sees the joined text.
 */
import path from "node:path";
import ts from "typescript";
import { CellSyntaxCache, JoinedNotebook, type CellInput, type JoinedCell } from "./cell-join";
import { JoinedSnapshot } from "./joined-snapshot";
import { createModuleResolver, typeLocations, type TypeLocations } from "./module-resolution";
import { quickInfoMarkdown, documentationMarkdown } from "./markdown";

export interface CellSpan {
  cellId: string;
  start: number;
  end: number;
}

/** A place outside the notebook (a declaration file), zero-based lines. */
export interface FileSpan {
  fileName: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface TypeDiagnostic extends CellSpan {
  message: string;
  code: number;
  category: "error" | "warning" | "suggestion" | "message";
}

export interface CompletionEntry {
  name: string;
  kind: string;
  kindModifiers?: string;
  sortText: string;
  insertText?: string;
  replacement?: CellSpan;
  source?: string;
  data?: ts.CompletionEntryData;
}

export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  /** Index into {@link semanticTokenTypes}. */
  type: number;
  /** Bit set over {@link semanticTokenModifiers}. */
  modifiers: number;
}

/** TypeScript's 2020 semantic classification legend, in its encoding order. */
export const semanticTokenTypes = ["class", "enum", "interface", "namespace", "typeParameter", "type", "parameter", "variable", "enumMember", "property", "function", "method"];
export const semanticTokenModifiers = ["declaration", "static", "async", "readonly", "defaultLibrary", "local"];

/**
 * Snapshots of the files on disk (lib, @types, packages). TypeScript asks for every file's snapshot
 * on every program update; reading them again each time (megabytes of .d.ts) would cost more than
 * the update itself. Their script version never changes either, so a cached text is what the
 * program would use anyway.
 */
const librarySnapshots = new Map<string, ts.IScriptSnapshot | undefined>();
function librarySnapshot(fileName: string): ts.IScriptSnapshot | undefined {
  if (!librarySnapshots.has(fileName)) {
    const text = ts.sys.readFile(fileName);
    librarySnapshots.set(fileName, text === undefined ? undefined : ts.ScriptSnapshot.fromString(text));
  }
  return librarySnapshots.get(fileName);
}

/** Versions unique across services: a shared document registry keys files by name and version. */
let versionCounter = 0;

/**
 * What the kernel puts on globalThis for every cell (src/kernel/main.ts), declared so that the
 * editor knows it too: without it `display(x)` ran but was marked "Cannot find name 'display'".
 */
const KERNEL_GLOBALS = `/** Shows each value as an output of the running cell, the way a cell's last expression is shown. */
declare function display(...values: unknown[]): void;
`;
const kernelGlobalsSnapshot = ts.ScriptSnapshot.fromString(KERNEL_GLOBALS);

/** Diagnostics that the joining itself causes and the kernel would not: the same name imported by two cells. */
const joinArtifactCodes = new Set([2300 /* Duplicate identifier */]);

export interface NotebookLanguageServiceOptions {
  /** Path of the notebook file: imports resolve from its folder. */
  notebookPath: string;
  /** Root of the extension (holds dist/types and node_modules). */
  extensionRoot: string;
  documentRegistry?: ts.DocumentRegistry;
  /** Where imports find their types; by default {@link typeLocations} of the extension root. */
  typeLocations?: TypeLocations;
}

export class NotebookLanguageService {
  readonly fileName: string;
  private joined: JoinedNotebook = JoinedNotebook.join([]);
  private snapshot = new JoinedSnapshot(this.joined.text);
  private version = 0;
  private readonly syntaxCache = new CellSyntaxCache();
  private readonly service: ts.LanguageService;

  constructor(options: NotebookLanguageServiceOptions) {
    this.fileName = `${options.notebookPath}.ts`;
    const locations = options.typeLocations ?? typeLocations(options.extensionRoot);
    const settings: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts"],
      types: ["node"],
      typeRoots: [locations.nodeTypeRoot],
      strict: true,
      esModuleInterop: true,
      allowSyntheticDefaultImports: true,
      resolveJsonModule: true,
      allowImportingTsExtensions: true, // the kernel runs `import ... from "./helpers.ts"`
      skipLibCheck: true,
      noEmit: true,
      allowJs: false,
    };
    const fileName = this.fileName;
    const globalsName = path.join(path.dirname(fileName), "__aibook-kernel-globals.d.ts");
    const readFile = (f: string) => (f === fileName ? this.joined.text : f === globalsName ? KERNEL_GLOBALS : ts.sys.readFile(f));
    const fileExists = (f: string) => f === fileName || f === globalsName || ts.sys.fileExists(f);
    const { resolve, cache: resolutionCache } = createModuleResolver(locations, settings, { fileExists, readFile, realpath: ts.sys.realpath, directoryExists: ts.sys.directoryExists, getDirectories: ts.sys.getDirectories });
    // getModuleResolutionCache is read by createLanguageService though not in the public host type.
    const host: ts.LanguageServiceHost & { getModuleResolutionCache(): ts.ModuleResolutionCache } = {
      getCompilationSettings: () => settings,
      // Only the joined file changes (settings, globals and library files never do): an unchanged
      // version lets TypeScript skip checking every file of the program before each request.
      getProjectVersion: () => String(this.version),
      getModuleResolutionCache: () => resolutionCache,
      getScriptFileNames: () => [fileName, globalsName],
      getScriptVersion: (f) => (f === fileName ? String(this.version) : "0"),
      getScriptSnapshot: (f) => (f === fileName ? this.snapshot : f === globalsName ? kernelGlobalsSnapshot : librarySnapshot(f)),
      getCurrentDirectory: () => path.dirname(fileName),
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists,
      readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
      resolveModuleNameLiterals: (literals, containingFile) => literals.map((l) => resolve(l.text, containingFile)),
    };
    this.service = ts.createLanguageService(host, options.documentRegistry ?? ts.createDocumentRegistry());
  }

  /** Replaces the notebook's code cells (in notebook order); cheap when nothing changed. */
  update(cells: readonly CellInput[]): void {
    // The server updates before every request (completion, each item's details, hover): most
    // find the cells as they were, and need no new join.
    if (sameCells(this.joined.cells, cells)) return;
    const joined = JoinedNotebook.join(cells, this.syntaxCache);
    if (joined.text !== this.joined.text) {
      this.snapshot = new JoinedSnapshot(joined.text);
      this.version = ++versionCounter;
    }
    this.joined = joined;
  }

  get notebook(): JoinedNotebook {
    return this.joined;
  }

  dispose(): void {
    this.service.dispose();
  }

  /** Builds the program and its checker now, so that the first completion does not pay for it. */
  warm(): void {
    this.service.getProgram()?.getTypeChecker();
  }

  private at(cellId: string, offset: number): number | undefined {
    return this.joined.toJoined(cellId, offset);
  }

  private toCellSpan(start: number, length: number): CellSpan | undefined {
    const span = this.joined.spanToCell(start, length);
    return span && { cellId: span.cell.id, start: span.start, end: span.end };
  }

  completions(cellId: string, offset: number, triggerCharacter?: ts.CompletionsTriggerCharacter): CompletionEntry[] {
    const pos = this.at(cellId, offset);
    if (pos === undefined) return [];
    const info = this.service.getCompletionsAtPosition(this.fileName, pos, {
      triggerCharacter,
      includeCompletionsWithInsertText: true,
      includeCompletionsForModuleExports: false,
      includeCompletionsWithSnippetText: false,
    });
    if (!info) return [];
    return info.entries.map((e) => ({
      name: e.name,
      kind: e.kind,
      kindModifiers: e.kindModifiers,
      sortText: e.sortText,
      insertText: e.insertText,
      replacement: e.replacementSpan && this.toCellSpan(e.replacementSpan.start, e.replacementSpan.length),
      source: e.source,
      data: e.data,
    }));
  }

  completionDetails(cellId: string, offset: number, name: string, source?: string, data?: ts.CompletionEntryData): { detail: string; documentation: string } | undefined {
    const pos = this.at(cellId, offset);
    if (pos === undefined) return undefined;
    const details = this.service.getCompletionEntryDetails(this.fileName, pos, name, {}, source, {}, data);
    if (!details) return undefined;
    return { detail: ts.displayPartsToString(details.displayParts), documentation: documentationMarkdown(details.documentation, details.tags) };
  }

  hover(cellId: string, offset: number): { markdown: string; range?: CellSpan } | undefined {
    const pos = this.at(cellId, offset);
    if (pos === undefined) return undefined;
    const info = this.service.getQuickInfoAtPosition(this.fileName, pos);
    if (!info) return undefined;
    return { markdown: quickInfoMarkdown(info), range: this.toCellSpan(info.textSpan.start, info.textSpan.length) };
  }

  signatureHelp(cellId: string, offset: number): ts.SignatureHelpItems | undefined {
    const pos = this.at(cellId, offset);
    return pos === undefined ? undefined : this.service.getSignatureHelpItems(this.fileName, pos, {});
  }

  /** Definitions in the notebook's cells or in declaration files. */
  definition(cellId: string, offset: number): Array<CellSpan | FileSpan> {
    const pos = this.at(cellId, offset);
    if (pos === undefined) return [];
    const found = this.service.getDefinitionAtPosition(this.fileName, pos) ?? [];
    const result: Array<CellSpan | FileSpan> = [];
    for (const d of found) {
      if (d.fileName === this.fileName) {
        const span = this.toCellSpan(d.textSpan.start, d.textSpan.length);
        if (span) result.push(span);
      } else {
        const file = this.service.getProgram()?.getSourceFile(d.fileName);
        if (!file) continue;
        result.push({
          fileName: d.fileName,
          start: file.getLineAndCharacterOfPosition(d.textSpan.start),
          end: file.getLineAndCharacterOfPosition(d.textSpan.start + d.textSpan.length),
        });
      }
    }
    return result;
  }

  /** Where a rename applies, or why it cannot. */
  prepareRename(cellId: string, offset: number): { range: CellSpan; placeholder: string } | { error: string } | undefined {
    const pos = this.at(cellId, offset);
    if (pos === undefined) return undefined;
    const info = this.service.getRenameInfo(this.fileName, pos, {});
    if (!info.canRename) return { error: info.localizedErrorMessage };
    const range = this.toCellSpan(info.triggerSpan.start, info.triggerSpan.length);
    return range ? { range, placeholder: info.displayName } : undefined;
  }

  /** Every place in the notebook's cells to change for a rename. */
  renameLocations(cellId: string, offset: number): CellSpan[] {
    const pos = this.at(cellId, offset);
    if (pos === undefined) return [];
    const found = this.service.findRenameLocations(this.fileName, pos, false, false, { providePrefixAndSuffixTextForRename: false }) ?? [];
    return found
      .filter((l) => l.fileName === this.fileName)
      .map((l) => this.toCellSpan(l.textSpan.start, l.textSpan.length))
      .filter((s): s is CellSpan => s !== undefined);
  }

  /** Semantic tokens of one cell, in document order. */
  semanticTokens(cellId: string): SemanticToken[] {
    const cell = this.joined.cell(cellId);
    if (!cell) return [];
    const spans = [{ start: cell.bodyStart, length: cell.text.length }, ...cell.hoisted.map((h) => ({ start: h.joinedStart, length: h.cellEnd - h.cellStart }))];
    const tokens: SemanticToken[] = [];
    for (const span of spans) {
      const { spans: encoded } = this.service.getEncodedSemanticClassifications(this.fileName, span, ts.SemanticClassificationFormat.TwentyTwenty);
      for (let i = 0; i + 2 < encoded.length; i += 3) {
        const mapped = this.joined.spanToCell(encoded[i]!, encoded[i + 1]!);
        const classification = encoded[i + 2]!;
        const type = (classification >> 8) - 1;
        if (!mapped || mapped.cell !== cell || type < 0) continue;
        const at = cell.lines.positionAt(mapped.start);
        tokens.push({ line: at.line, character: at.character, length: mapped.end - mapped.start, type, modifiers: classification & 0xff });
      }
    }
    return tokens.sort((a, b) => a.line - b.line || a.character - b.character);
  }

  /**
   * Syntax and type errors of every cell. A cell's syntax errors come from parsing it alone (an
   * unclosed brace stays the cell's own problem); while a cell's errors break the joined
   * program's structure, the type errors of the cells below it wait (they would be noise).
   */
  diagnostics(): Map<string, TypeDiagnostic[]> {
    const byCell = new Map<string, TypeDiagnostic[]>(this.joined.cells.map((c) => [c.id, []]));
    for (const cell of this.joined.cells) {
      for (const d of cell.syntax.syntaxErrors) byCell.get(cell.id)!.push(toTypeDiagnostic(d, cell.id, d.start, d.start + d.length));
    }
    const structureBrokenAt = this.structureBrokenAt();
    for (const d of this.service.getSemanticDiagnostics(this.fileName)) {
      if (d.start === undefined || joinArtifactCodes.has(d.code)) continue;
      const span = this.joined.spanToCell(d.start, d.length ?? 0);
      if (!span || (structureBrokenAt >= 0 && span.cell.index > structureBrokenAt)) continue;
      if (span.cell.syntax.syntaxErrors.length > 0) continue;
      if (this.isDeferredUseOfLaterName(d, span.cell, span.cell.text.slice(span.start, span.end))) continue;
      byCell.get(span.cell.id)!.push(toTypeDiagnostic(d, span.cell.id, span.start, span.end));
    }
    return byCell;
  }

  /**
   * "Cannot find name" for a name that a later cell declares, used inside a function: the kernel
   * shares top-level names between cells, so the function finds it once that cell has run.
   */
  private isDeferredUseOfLaterName(d: ts.Diagnostic, cell: JoinedCell, name: string): boolean {
    if (d.code !== 2304 && d.code !== 2552) return false;
    if (!this.joined.cells.slice(cell.index + 1).some((c) => c.syntax.declaredNames.includes(name))) return false;
    const file = this.service.getProgram()?.getSourceFile(this.fileName);
    let node = file && findToken(file, d.start!);
    for (; node; node = node.parent) if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return true;
    return false;
  }

  /** Index of the first cell whose syntax errors spill outside it in the joined text, or -1. */
  private structureBrokenAt(): number {
    const first = this.joined.firstCellWithSyntaxErrors();
    if (first < 0) return -1;
    const brokenCells = new Set(this.joined.cells.filter((c) => c.syntax.syntaxErrors.length > 0).map((c) => c.id));
    for (const d of this.service.getSyntacticDiagnostics(this.fileName)) {
      const owner = this.joined.toCell(d.start)?.cell ?? this.joined.cellBefore(d.start);
      if (!owner || !brokenCells.has(owner.id)) return first;
    }
    return -1;
  }

  /** The cell of a cell id, for callers that need its lines. */
  cell(cellId: string): JoinedCell | undefined {
    return this.joined.cell(cellId);
  }
}

function sameCells(joined: readonly JoinedCell[], cells: readonly CellInput[]): boolean {
  return joined.length === cells.length && cells.every((c, i) => c.id === joined[i]!.id && c.text === joined[i]!.text);
}

/** The innermost node that contains a position. */
function findToken(file: ts.SourceFile, position: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (position >= node.getStart(file) && position < node.end) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(file, visit);
  return found;
}

function toTypeDiagnostic(d: ts.Diagnostic, cellId: string, start: number, end: number): TypeDiagnostic {
  const category =
    d.category === ts.DiagnosticCategory.Error ? "error" : d.category === ts.DiagnosticCategory.Warning ? "warning" : d.category === ts.DiagnosticCategory.Suggestion ? "suggestion" : "message";
  return { cellId, start, end, message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), code: d.code, category };
}
