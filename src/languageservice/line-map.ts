/**
 * Offsets <-> zero-based line/character positions (LSP's numbers) of one cell's text. The line
 * starts come from the linter's positions module, so that the editor's diagnostics and
 * `aibook lint` (1-based) always agree on where a cell's line is.
 */
import { lineColumnAt, lineStarts } from "../lint/engine/positions";

export interface LineCharacter {
  line: number;
  character: number;
}

export class LineMap {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lineStarts = lineStarts(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of an offset; offsets past the end clamp to the end. */
  positionAt(offset: number): LineCharacter {
    const at = lineColumnAt(this.lineStarts, Math.max(0, Math.min(offset, this.text.length)));
    return { line: at.line - 1, character: at.column - 1 };
  }

  /** The offset of a position; a character past the end of its line clamps to the line's end. */
  offsetAt(position: LineCharacter): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    let end = next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, position.character), end);
  }
}
