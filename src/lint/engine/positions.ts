/**
 * Where a position of the analysed program lies in the notebook. The linter parses each code cell
 * on its own (so an edit re-parses one cell), and the kernel and the language server may join the
 * cells into one text; both need the same answer to "which cell, which line, which column", in the
 * 1-based numbers people and cli.md use. No editor import here: the CLI, the kernel, the language
 * server and the tests share it.
 */

/** 1-based line and column inside one cell; `cell` is the cell's index in the notebook. */
export interface CellPosition {
  cell: number;
  line: number;
  column: number;
}

/** Line starts of one text (`\n`, `\r\n`, `\r` end a line, as TypeScript and LSP count). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10) starts.push(i + 1);
  }
  return starts;
}

function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** 1-based line/column of an offset in a text whose line starts are given. */
export function lineColumnAt(starts: readonly number[], offset: number): { line: number; column: number } {
  const line = lastAtOrBefore(starts, Math.max(0, offset));
  return { line: line + 1, column: offset - starts[line]! + 1 };
}

/**
 * The code cells of a notebook joined into one program text, one cell after the other with a
 * newline between them, and the map both ways between program offsets and cell positions.
 * `cellIndexes[i]` is the notebook index of the i-th joined cell (markdown cells are skipped).
 */
export class CellPositionMap {
  readonly text: string;
  private readonly cellStarts: number[] = [];
  private readonly perCellLines: number[][] = [];

  constructor(
    readonly cellSources: readonly string[],
    readonly cellIndexes: readonly number[] = cellSources.map((_, i) => i),
  ) {
    let offset = 0;
    for (const source of cellSources) {
      this.cellStarts.push(offset);
      this.perCellLines.push(lineStarts(source));
      offset += source.length + 1;
    }
    this.text = cellSources.join("\n");
  }

  /** The cell position of a program offset (an offset on a joining newline belongs to the cell before it). */
  toCell(offset: number): CellPosition {
    const ordinal = lastAtOrBefore(this.cellStarts, offset);
    const local = Math.min(offset - this.cellStarts[ordinal]!, this.cellSources[ordinal]!.length);
    return { cell: this.cellIndexes[ordinal]!, ...lineColumnAt(this.perCellLines[ordinal]!, local) };
  }

  /** The program offset of a cell position; undefined when the cell is not one of the joined cells. */
  toProgram(position: CellPosition): number | undefined {
    const ordinal = this.cellIndexes.indexOf(position.cell);
    if (ordinal < 0) return undefined;
    const starts = this.perCellLines[ordinal]!;
    const lineStart = starts[Math.min(Math.max(position.line - 1, 0), starts.length - 1)]!;
    return this.cellStarts[ordinal]! + Math.min(lineStart + position.column - 1, this.cellSources[ordinal]!.length);
  }
}
