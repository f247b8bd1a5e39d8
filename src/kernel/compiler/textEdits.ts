/**
 * Edits on a cell's text that keep every line where it was: blanked ranges become spaces
 * (newlines stay), replacements and insertions are applied left to right. With lines kept,
 * a stack frame's line in the script is the cell's line plus a fixed offset.
 */
/** On 0-based output `line`, text from 0-based column `after` on moved right by `delta`. */
export interface ColumnShift {
  line: number;
  after: number;
  delta: number;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
  order: number;
}

export class TextEdits {
  private readonly chars: string[];
  private readonly replacements: Replacement[] = [];

  constructor(private readonly source: string) {
    this.chars = source.split(""); // UTF-16 units, as the parser's positions count
  }

  /** Turns [start, end) into spaces, keeping line breaks. */
  blank(start: number, end: number): void {
    for (let i = start; i < end; i++) if (this.chars[i] !== "\n" && this.chars[i] !== "\r") this.chars[i] = " ";
  }

  replace(start: number, end: number, text: string): void {
    this.replacements.push({ start, end, text, order: this.replacements.length });
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  /** The edited text, and for each line that got longer or shorter, where and by how much. */
  apply(): { text: string; shifts: ColumnShift[] } {
    const blanked = this.chars.join("");
    const sorted = [...this.replacements].sort((a, b) => a.start - b.start || a.order - b.order);
    const shifts: ColumnShift[] = [];
    let out = "";
    let line = 0;
    let lineStart = 0;
    let at = 0;
    const append = (piece: string) => {
      for (let i = piece.indexOf("\n"); i >= 0; i = piece.indexOf("\n", i + 1)) {
        line++;
        lineStart = out.length + i + 1;
      }
      out += piece;
    };
    for (const r of sorted) {
      if (r.start < at) throw new Error(`overlapping edits at ${r.start}`);
      append(blanked.slice(at, r.start));
      append(r.text);
      const delta = r.text.length - (r.end - r.start);
      if (delta !== 0 && !r.text.includes("\n")) shifts.push({ line, after: out.length - lineStart, delta });
      at = r.end;
    }
    append(blanked.slice(at));
    return { text: out, shifts };
  }

  /** The number of line breaks in [start, end) of the original text. */
  lineBreaks(start: number, end: number): number {
    let count = 0;
    for (let i = start; i < end; i++) if (this.source[i] === "\n") count++;
    return count;
  }
}
