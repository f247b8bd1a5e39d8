/**
 * Reads the source map TypeScript emits for a cell, so that a stack frame of the generated
 * script (line, column) can be shown as the line and column the user wrote. Only what a
 * single-file map needs: base64 VLQ segments, one source.
 */
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** A generated column and the 0-based source line and column it comes from. */
type Segment = [generatedColumn: number, sourceLine: number, sourceColumn: number];

export interface Position {
  /** 1-based, as stack traces and editors count. */
  line: number;
  column: number;
}

/** Turns a position in a cell's script into the position in the cell. */
export interface PositionMap {
  /** 1-based in and out; undefined for code the compiler added. */
  original(position: Position): Position | undefined;
}

/**
 * For scripts that keep the cell's lines (./eraseTypes.ts): a fixed line offset, and the
 * column shifts of the few edits that changed a line's length.
 */
export class LineOffsetMap implements PositionMap {
  constructor(
    private readonly lineOffset: number,
    private readonly cellLines: number,
    private readonly shifts: readonly { line: number; after: number; delta: number }[],
  ) {}

  original(position: Position): Position | undefined {
    const line = position.line - this.lineOffset;
    if (line < 1 || line > this.cellLines) return undefined;
    let column = position.column - 1;
    let shift = 0;
    for (const s of this.shifts) if (s.line === line - 1 && s.after <= column) shift += s.delta;
    const before = this.shifts.filter((s) => s.line === line - 1 && s.after > column && s.after - s.delta <= column);
    column = before.length > 0 ? Math.min(...before.map((s) => s.after - s.delta)) - shift : column - shift;
    return { line, column: Math.max(0, column) + 1 };
  }
}

export class CellSourceMap implements PositionMap {
  private decoded: { lines: Segment[][]; generatedLines: string[]; sourceLines: string[] } | undefined;

  /**
   * The two texts let a position inside a segment find its token (see `original`). Decoding
   * waits for the first lookup: most cells never throw.
   */
  constructor(
    private readonly mappings: string,
    private readonly generated: string,
    private readonly source: string,
  ) {}

  private get lines(): Segment[][] {
    return this.decode().lines;
  }

  private decode() {
    this.decoded ??= { lines: decodeMappings(this.mappings), generatedLines: this.generated.split("\n"), sourceLines: this.source.split("\n") };
    return this.decoded;
  }

  static fromJson(json: string, generated: string, source: string): CellSourceMap {
    return new CellSourceMap((JSON.parse(json) as { mappings: string }).mappings, generated, source);
  }

  /** Maps a 1-based generated position; undefined when that line has no mapping. */
  original(position: Position): Position | undefined {
    const segments = this.lines[position.line - 1];
    if (!segments || segments.length === 0) return undefined;
    const column = position.column - 1;
    let best: Segment | undefined;
    for (const segment of segments) {
      if (segment[0] > column) break;
      best = segment;
    }
    // Before the first mapped column: the line's first segment. Inside a segment the generated
    // text is the source text (TypeScript maps token by token), so the offset carries over.
    const offset = best ? column - best[0] : 0;
    best ??= segments[0];
    return { line: best[1] + 1, column: this.tokenColumn(best, position, offset) + 1 };
  }

  /**
   * TypeScript maps expressions, not every token: `a!.b` becomes `a.b` under one segment, so
   * the generated offset of `b` is one short. The token at the generated position is looked up
   * in the source line from the segment's start, taking the occurrence nearest the estimate.
   */
  private tokenColumn(segment: Segment, position: Position, offset: number): number {
    const estimate = segment[2] + offset;
    const { generatedLines, sourceLines } = this.decode();
    const token = /^[\p{L}\p{N}_$]+/u.exec(generatedLines[position.line - 1]?.slice(position.column - 1) ?? "")?.[0];
    const sourceLine = sourceLines[segment[1]];
    if (!token || sourceLine === undefined || sourceLine.startsWith(token, estimate)) return estimate;
    let best = estimate;
    let bestDistance = Infinity;
    for (let at = sourceLine.indexOf(token, segment[2]); at >= 0; at = sourceLine.indexOf(token, at + 1)) {
      if (Math.abs(at - estimate) < bestDistance) [best, bestDistance] = [at, Math.abs(at - estimate)];
    }
    return best;
  }
}

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(";")) {
    const segments: Segment[] = [];
    let generatedColumn = 0;
    for (const segmentText of lineText.split(",")) {
      if (segmentText === "") continue;
      const values = decodeVlq(segmentText);
      generatedColumn += values[0];
      if (values.length >= 4) {
        sourceLine += values[2];
        sourceColumn += values[3];
        segments.push([generatedColumn, sourceLine, sourceColumn]);
      }
    }
    segments.sort((a, b) => a[0] - b[0]);
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`invalid source map character "${char}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
