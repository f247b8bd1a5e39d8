/**
 * Joins a notebook's code cells into one TypeScript module that type-checks the way the kernel
 * runs the cells, and maps offsets between the cells and that module.
 *
 * Layout of the joined text:
 *
 *     import ... from "aibook";        <- every cell's static imports, hoisted (ES imports are hoisted anyway)
 *     export {};                       <- a module: top-level `await` is fine
 *     {                                <- cell 1 (its imports blanked out, lines kept)
 *     ...
 *     ;{                               <- cell 2, nested inside cell 1's block
 *     ...
 *     ;}}                              <- one closing brace per cell
 *
 * Each cell is a block nested in the previous cell's block, so a cell sees every declaration of
 * the cells above it, and a name declared again in a later cell shadows the earlier one instead of
 * being a "cannot redeclare" error -- the kernel replaces the binding in the same situation.
 * No editor, LSP or `vscode` import: the linter and the kernel can map positions with it too.
 */
import ts from "typescript";
import { LineMap, type LineCharacter } from "./line-map";
import { blankLine, parseSourceFile, type ParserFailure } from "../format/parse-typescript";

export interface CellInput {
  /** A stable id for the cell, e.g. its document URI. */
  id: string;
  text: string;
}

/** What the joiner needs to know of one cell's syntax, computed once per distinct text. */
export interface CellSyntax {
  /** A line TypeScript's parser fails on (format/parse-typescript.ts): blanked in the joined text. */
  parserFailure?: ParserFailure;
  /** Top-level `import` statements as [start, end) offsets in the cell; they are hoisted. */
  imports: Array<{ start: number; end: number }>;
  /**
   * `export` (and `default`) keywords and `export { ... }` statements, blanked out: the kernel
   * drops them (a cell's names are shared anyway), and inside a block they would be errors.
   */
  exports: Array<{ start: number; end: number }>;
  /** Names the cell declares at its top level (variables, functions, classes, types, imports). */
  declaredNames: string[];
  /** Errors of the cell parsed on its own (an unclosed brace here would swallow later cells). */
  syntaxErrors: ts.DiagnosticWithLocation[];
}

export interface JoinedCell {
  id: string;
  index: number;
  text: string;
  lines: LineMap;
  /** Offset in the joined text where the cell's body starts. */
  bodyStart: number;
  /** The hoisted imports: their offsets in the cell and where they start in the joined text. */
  hoisted: Array<{ cellStart: number; cellEnd: number; joinedStart: number }>;
  syntax: CellSyntax;
}

/** An offset inside one cell. */
export interface CellOffset {
  cell: JoinedCell;
  offset: number;
}

const headerEnd = "export {};\n";
const cellOpen = "{\n";
const cellClose = "\n;";

/** Parses cells on their own, caching by text so that an edit re-parses only the edited cell. */
export class CellSyntaxCache {
  private entries = new Map<string, CellSyntax>();

  get(text: string): CellSyntax {
    let syntax = this.entries.get(text);
    if (!syntax) {
      syntax = parseCellSyntax(text);
      this.entries.set(text, syntax);
    }
    return syntax;
  }

  /** Forgets texts that no cell has any more (called after each join). */
  keepOnly(texts: Iterable<string>): void {
    const keep = new Set(texts);
    for (const text of this.entries.keys()) if (!keep.has(text)) this.entries.delete(text);
  }
}

export function parseCellSyntax(text: string): CellSyntax {
  const { file, failure } = parseSourceFile("cell.ts", text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const imports: CellSyntax["imports"] = [];
  const exports: CellSyntax["exports"] = [];
  for (const statement of file.statements) {
    const isImport =
      ts.isImportDeclaration(statement) ||
      (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference));
    if (isImport) imports.push({ start: statement.getStart(file), end: statement.end });
    else if (ts.isExportDeclaration(statement)) exports.push({ start: statement.getStart(file), end: statement.end });
    else if (ts.isExportAssignment(statement) && statement.isExportEquals) exports.push({ start: statement.getStart(file), end: statement.end });
    else if (ts.isExportAssignment(statement)) exports.push({ start: statement.getStart(file), end: statement.expression.getStart(file) });
    else if (ts.canHaveModifiers(statement)) {
      for (const m of ts.getModifiers(statement) ?? []) {
        if (m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword) exports.push({ start: m.getStart(file), end: m.end });
      }
    }
  }
  const syntaxErrors = [...((file as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [])];
  if (failure) {
    const start = text.split("\n").slice(0, failure.line - 1).reduce((at, l) => at + l.length + 1, 0);
    const length = text.split("\n")[failure.line - 1].length;
    syntaxErrors.unshift({ file, start, length, messageText: failure.message, category: ts.DiagnosticCategory.Error, code: 1005 });
  }
  return { imports, exports, declaredNames: topLevelNames(file), syntaxErrors, ...(failure ? { parserFailure: failure } : {}) };
}

function bindingNames(name: ts.BindingName, into: string[]): void {
  if (ts.isIdentifier(name)) into.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
}

function topLevelNames(file: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindingNames(d.name, names);
    else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.push(clause.name.text);
      if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.push(clause.namedBindings.name.text);
      else if (clause.namedBindings) for (const e of clause.namedBindings.elements) names.push(e.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) names.push(statement.name.text);
  }
  return names;
}

/** Replaces a span by spaces, keeping line breaks so that the cell's lines stay where they are. */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, " ") + text.slice(end);
}

export class JoinedNotebook {
  private constructor(
    readonly text: string,
    readonly cells: readonly JoinedCell[],
    private readonly byId: ReadonlyMap<string, JoinedCell>,
    /** Joined offsets of [start, end) of every mapped segment, sorted by start. */
    private readonly segments: ReadonlyArray<{ start: number; end: number; cell: JoinedCell; cellStart: number }>,
  ) {}

  static join(inputs: readonly CellInput[], cache = new CellSyntaxCache()): JoinedNotebook {
    const cells: JoinedCell[] = [];
    let header = "";
    const bodies: string[] = [];
    for (const [index, input] of inputs.entries()) {
      const syntax = cache.get(input.text);
      const hoisted: JoinedCell["hoisted"] = [];
      // TypeScript's language service parses the joined text: a line its parser fails on is blanked.
      let body = syntax.parserFailure ? blankLine(input.text, syntax.parserFailure.line) : input.text;
      for (const span of syntax.imports) {
        hoisted.push({ cellStart: span.start, cellEnd: span.end, joinedStart: header.length });
        header += input.text.slice(span.start, span.end) + "\n";
        body = blank(body, span.start, span.end);
      }
      for (const span of syntax.exports) body = blank(body, span.start, span.end);
      bodies.push(body);
      cells.push({ id: input.id, index, text: input.text, lines: new LineMap(input.text), bodyStart: 0, hoisted, syntax });
    }
    let text = header + headerEnd;
    for (const [index, cell] of cells.entries()) {
      text += cellOpen;
      cell.bodyStart = text.length;
      text += bodies[index] + cellClose;
    }
    text += "}".repeat(cells.length) + "\n";

    const segments: Array<{ start: number; end: number; cell: JoinedCell; cellStart: number }> = [];
    for (const cell of cells) {
      for (const h of cell.hoisted) {
        segments.push({ start: h.joinedStart, end: h.joinedStart + h.cellEnd - h.cellStart, cell, cellStart: h.cellStart });
      }
    }
    for (const cell of cells) segments.push({ start: cell.bodyStart, end: cell.bodyStart + cell.text.length, cell, cellStart: 0 });
    segments.sort((a, b) => a.start - b.start);
    cache.keepOnly(inputs.map((c) => c.text));
    return new JoinedNotebook(text, cells, new Map(cells.map((c) => [c.id, c])), segments);
  }

  cell(id: string): JoinedCell | undefined {
    return this.byId.get(id);
  }

  /** The joined offset of an offset in a cell (inside a hoisted import: its copy in the header). */
  toJoined(cellId: string, offset: number): number | undefined {
    const cell = this.byId.get(cellId);
    if (!cell) return undefined;
    const clamped = Math.max(0, Math.min(offset, cell.text.length));
    for (const h of cell.hoisted) {
      if (clamped >= h.cellStart && clamped <= h.cellEnd) return h.joinedStart + clamped - h.cellStart;
    }
    return cell.bodyStart + clamped;
  }

  /** The cell offset of a joined offset; undefined inside generated text (header, braces). */
  toCell(joinedOffset: number): CellOffset | undefined {
    let low = 0;
    let high = this.segments.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const s = this.segments[mid]!;
      if (joinedOffset < s.start) high = mid - 1;
      else if (joinedOffset > s.end) low = mid + 1;
      else return { cell: s.cell, offset: s.cellStart + joinedOffset - s.start };
    }
    return undefined;
  }

  /**
   * Maps a joined span to a span of one cell. A span that starts in generated text is dropped;
   * one that runs past its cell's segment is cut at the segment's end.
   */
  spanToCell(start: number, length: number): { cell: JoinedCell; start: number; end: number } | undefined {
    const from = this.toCell(start);
    if (!from) return undefined;
    const to = this.toCell(start + length);
    const end = to && to.cell === from.cell && to.offset >= from.offset ? to.offset : segmentEnd(from);
    return { cell: from.cell, start: from.offset, end };
  }

  /** Line/character in a cell of a joined offset. */
  positionInCell(joinedOffset: number): { cell: JoinedCell; position: LineCharacter } | undefined {
    const at = this.toCell(joinedOffset);
    return at ? { cell: at.cell, position: at.cell.lines.positionAt(at.offset) } : undefined;
  }

  /** The joined offset of a line/character in a cell. */
  offsetOfPosition(cellId: string, position: LineCharacter): number | undefined {
    const cell = this.byId.get(cellId);
    return cell ? this.toJoined(cellId, cell.lines.offsetAt(position)) : undefined;
  }

  /** The last cell whose body starts at or before a joined offset (the generated text after a cell belongs to it). */
  cellBefore(joinedOffset: number): JoinedCell | undefined {
    let found: JoinedCell | undefined;
    for (const cell of this.cells) {
      if (cell.bodyStart > joinedOffset) break;
      found = cell;
    }
    return found;
  }

  /** Index of the first cell that does not parse on its own, or -1. */
  firstCellWithSyntaxErrors(): number {
    return this.cells.findIndex((c) => c.syntax.syntaxErrors.length > 0);
  }
}

/** End offset (in the cell) of the segment an offset lies in: its hoisted import, or the cell. */
function segmentEnd(at: CellOffset): number {
  for (const h of at.cell.hoisted) if (at.offset >= h.cellStart && at.offset <= h.cellEnd) return h.cellEnd;
  return at.cell.text.length;
}
