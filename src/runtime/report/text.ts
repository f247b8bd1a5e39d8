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
    if (Number.isInteger(v)) return String(v);
    const abs = Math.abs(v);
    if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) return v.toExponential(3);
    return String(Number(v.toFixed(4)));
  }
  if (typeof v === "string") return v.replace(/[\r\n\t]/g, " ");
  return String(v);
}

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
  const cut = (s: string) => (s.length > maxWidth ? s.slice(0, maxWidth - 1) + "…" : s);
  const text = (v: unknown, j: number) => (options.missing?.[j] !== undefined && (v === null || v === undefined) ? options.missing[j] : formatValue(v));
  const cells = shown.map((r) => (r ? headers.map((_, j) => cut(text(r[j], j))) : headers.map(() => "…")));
  const numeric = headers.map((_, j) => rows.every((r) => typeof r[j] === "number" || r[j] === null || r[j] === undefined));
  const widths = headers.map((h, j) => Math.max(cut(h).length, ...cells.map((r) => r[j].length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const lines = [headers.map((h, j) => pad(cut(h), j)).join("  "), ...cells.map((r) => r.map(pad).join("  "))];
  return lines.map((l) => l.trimEnd()).join("\n");
}

/** "name: value" lines, aligned on the colon. */
export function textPairs(pairs: [string, unknown][]): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${formatValue(v)}`).join("\n");
}
