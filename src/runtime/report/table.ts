/**
 * A DataFrame, Series or array shown as a table: the notebook renderer gets columnar data (up to
 * TABLE_LIMITS, so 100,000 rows scroll in the virtualized view) and other front ends get the
 * first and last rows as aligned text, the way pandas prints a frame.
 */
import { Mime, type Displayable, type MimeItem } from "../../protocol/mime";
import { TABLE_LIMITS, VIEWS_VERSION, missingText, type TablePayload } from "../../protocol/views";
import { columnType, toCell, toColumns } from "./columns";
import { isMissing } from "../core/data";
import { TERMINAL_WIDTH, textTable, textWidth } from "./text";

export interface TableOptions {
  title?: string;
  /** Lower caps than TABLE_LIMITS (the kernel may send less). */
  maxRows?: number;
  maxColumns?: number;
}

export function toTablePayload(data: unknown, options: TableOptions = {}): TablePayload {
  const { names, columns, index, rowCount } = toColumns(data, "table");
  const keptColumns = Math.min(names.length, options.maxColumns ?? TABLE_LIMITS.maxColumns);
  const byCells = Math.floor(TABLE_LIMITS.maxCells / Math.max(1, keptColumns));
  const keptRows = Math.min(rowCount, options.maxRows ?? TABLE_LIMITS.maxRows, byCells);
  const cols = columns.slice(0, keptColumns).map((c) => c.slice(0, keptRows));
  return {
    kind: "table",
    version: VIEWS_VERSION,
    ...(options.title !== undefined ? { title: options.title } : {}),
    columns: cols.map((c, j) => ({ name: names[j], type: columnType(c), missing: c.reduce<number>((n, v) => n + (isMissing(v) ? 1 : 0), 0) })),
    data: cols.map((c) => c.map((v) => toCell(v, TABLE_LIMITS.maxStringLength))),
    ...(index ? { index: index.slice(0, keptRows) } : {}),
    rowCount,
    columnCount: names.length,
    truncated: keptRows < rowCount || keptColumns < names.length,
  };
}

const TEXT_COLUMNS = 10;

/**
 * Text form of a table payload: first 10 and last 5 rows, and the size like pandas' footer. Like
 * pandas in a terminal, a frame too wide for 80 columns shows its first and last columns with "…"
 * between: as many as fit.
 */
export function tableText(p: TablePayload): string {
  const n = p.data[0]?.length ?? 0;
  const all = p.columns.map((_, j) => j);
  const render = (keep: number) => {
    const tail = Math.floor(keep / 3);
    const picked: (number | null)[] = all.length > keep ? [...all.slice(0, Math.max(1, keep - 1 - tail)), null, ...(tail ? all.slice(-tail) : [])] : all;
    const headers = ["", ...picked.map((j) => (j === null ? "…" : p.columns[j].name))];
    const rows = Array.from({ length: n }, (_, r) => [p.index?.[r] ?? r, ...picked.map((j) => (j === null ? "…" : p.data[j][r]))]);
    const missing = ["", ...picked.map((j) => (j === null ? "" : missingText(p.columns[j].type)))];
    return textTable(headers, rows, { head: 10, tail: 5, missing });
  };
  let body = render(TEXT_COLUMNS);
  for (let keep = Math.min(TEXT_COLUMNS, all.length) - 1; keep >= 2 && textWidth(body) > TERMINAL_WIDTH; keep--) body = render(keep);
  const title = p.title ? `${p.title}\n` : "";
  const size = `[${p.rowCount} rows x ${p.columnCount} columns]${p.truncated ? ` (showing ${n} rows x ${p.columns.length} columns)` : ""}`;
  return `${title}${body}\n\n${size}`;
}

/** A table view; the kernel shows DataFrames and Series through it. */
export class TableView implements Displayable {
  readonly payload: TablePayload;
  constructor(data: unknown, options: TableOptions = {}) {
    this.payload = toTablePayload(data, options);
  }
  toMimeBundle(): MimeItem[] {
    return [
      { mime: Mime.table, data: this.payload },
      { mime: Mime.text, data: tableText(this.payload) },
    ];
  }
  toString(): string {
    return tableText(this.payload);
  }
}

/** `table(df, { title })`: show data as a table (the last value of a cell does this by itself). */
export function table(data: unknown, options: TableOptions = {}): TableView {
  return new TableView(data, options);
}
