/**
 * Plain-text forms of the views, for front ends without aibook's renderers (a terminal running
 * `aibook run`, GitHub's notebook preview, a plain Node script): aligned tables that read like
 * pandas' output, numbers right-aligned, missing values shown as pandas shows them (NaN, NaT, <NA>).
 */

/** Numbers with up to 4 significant decimals; integers as they are; missing as NaN. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return "NaN";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    const abs = Math.abs(v);
    // Past 2^53 a float's "integer" digits are noise: 1e21 / 3 printed as 21 digits.
    if (Number.isInteger(v) && abs < 1e15) return String(v === 0 ? 0 : v);
    if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) return v.toExponential(3);
    return String(Number(v.toFixed(4)));
  }
  if (typeof v === "string") return v.replace(/[\r\n\t]/g, " ");
  return String(v);
}

/** Characters a terminal draws two cells wide (CJK, fullwidth forms, most emoji). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1faff}\u{20000}-\u{3fffd}]/u;
/** Characters drawn in no cell of their own (combining marks, joiners, variation selectors, skin tones). */
const ZERO = /[\u0300-\u036f\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}]/u;

/** Width of a string in terminal cells, so that a column after 日本語 or 😀 still lines up. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return w;
}

/** The longest start of `s` that fits `width` cells, with "…" when it was cut. */
export function cutTo(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = "", w = 0;
  for (const ch of s) {
    const cw = ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + "…";
}

const padEnd = (s: string, width: number) => s + " ".repeat(Math.max(0, width - displayWidth(s)));
const padStart = (s: string, width: number) => " ".repeat(Math.max(0, width - displayWidth(s))) + s;

export interface TextTableOptions {
  /** Longest cell, longer ones end with "…". */
  maxWidth?: number;
  /** Rows to keep: the first `head` and the last `tail`, with a "…" row between. */
  head?: number;
  tail?: number;
  /** Per column, how a missing value reads (default NaN): "<NA>" or "NaT" outside number columns. */
  missing?: string[];
}

/** An aligned text table; columns whose values are all numbers are right-aligned. */
export function textTable(headers: string[], rows: unknown[][], options: TextTableOptions = {}): string {
  const maxWidth = options.maxWidth ?? 24;
  const head = options.head ?? Infinity;
  const tail = options.tail ?? 0;
  let shown: (unknown[] | null)[] = rows;
  if (rows.length > head + tail) shown = [...rows.slice(0, head), null, ...rows.slice(rows.length - tail)];
  const cut = (s: string) => cutTo(s, maxWidth);
  const text = (v: unknown, j: number) => (options.missing?.[j] !== undefined && (v === null || v === undefined) ? options.missing[j] : formatValue(v));
  const cells = shown.map((r) => (r ? headers.map((_, j) => cut(text(r[j], j))) : headers.map(() => "…")));
  const numeric = headers.map((_, j) => rows.every((r) => typeof r[j] === "number" || r[j] === null || r[j] === undefined));
  const widths = headers.map((h, j) => Math.max(displayWidth(cut(h)), ...cells.map((r) => displayWidth(r[j]))));
  const pad = (s: string, j: number) => (numeric[j] ? padStart(s, widths[j]) : padEnd(s, widths[j]));
  const lines = [headers.map((h, j) => pad(cut(h), j)).join("  "), ...cells.map((r) => r.map(pad).join("  "))];
  return lines.map((l) => l.trimEnd()).join("\n");
}

/** "name: value" lines, aligned on the colon. */
/** Columns of a terminal the text forms are made to fit. */
export const TERMINAL_WIDTH = 80;

/** Widest line of a text, in terminal cells. */
export function textWidth(text: string): number {
  return Math.max(0, ...text.split("\n").map(displayWidth));
}

export function textPairs(pairs: [string, unknown][]): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${formatValue(v)}`).join("\n");
}
