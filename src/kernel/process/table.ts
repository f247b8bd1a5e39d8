/**
 * A danfojs DataFrame or Series as the table payload of src/protocol/views.ts, read through
 * duck typing so the kernel does not load danfojs itself (the cell's copy is the one in use).
 */
import { TABLE_LIMITS, VIEWS_VERSION, type CellValue, type ColumnType, type TablePayload } from "../../protocol/views";

interface DanfoLike {
  columns: string[];
  values: unknown[];
  dtypes: string[] | string;
  index: (string | number)[];
  shape: number[];
  constructor: { name: string };
}

export function isDanfo(value: unknown): value is DanfoLike {
  if (typeof value !== "object" || value === null) return false;
  const name = (value as DanfoLike).constructor?.name;
  return (name === "DataFrame" || name === "Series") && Array.isArray((value as DanfoLike).values) && "dtypes" in value;
}

export function danfoTable(frame: DanfoLike): TablePayload {
  const isSeries = frame.constructor.name === "Series";
  const names = isSeries ? [String(frame.columns?.[0] ?? "value")] : frame.columns.map(String);
  const dtypes = Array.isArray(frame.dtypes) ? frame.dtypes : [frame.dtypes];
  const rows = frame.values as unknown[];
  const columnCount = names.length;
  const shownColumns = Math.min(columnCount, TABLE_LIMITS.maxColumns);
  const shownRows = Math.min(rows.length, TABLE_LIMITS.maxRows, Math.floor(TABLE_LIMITS.maxCells / Math.max(1, shownColumns)));
  const data: CellValue[][] = [];
  for (let c = 0; c < shownColumns; c++) {
    const column: CellValue[] = [];
    for (let r = 0; r < shownRows; r++) column.push(cellValue(isSeries ? rows[r] : (rows[r] as unknown[])[c]));
    data.push(column);
  }
  return {
    kind: "table",
    version: VIEWS_VERSION,
    columns: names.slice(0, shownColumns).map((name, c) => ({ name, type: columnType(dtypes[c]), missing: data[c].filter((v) => v === null).length })),
    data,
    index: frame.index?.slice(0, shownRows),
    rowCount: rows.length,
    columnCount,
    truncated: shownRows < rows.length || shownColumns < columnCount,
  };
}

function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  return text.length > TABLE_LIMITS.maxStringLength ? text.slice(0, TABLE_LIMITS.maxStringLength - 1) + "…" : text;
}

function columnType(dtype: string | undefined): ColumnType {
  switch (dtype) {
    case "float32":
    case "float64":
      return "number";
    case "int32":
    case "int64":
      return "integer";
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    default:
      return "mixed";
  }
}
