/**
 * Reads anything a user may want to look at (danfojs DataFrame or Series, a 2-D or 1-D array,
 * an array of records, an object of columns, a tfjs tensor) as named columns, and converts single
 * values to what a payload may carry. Views work column by column: types, missing values and
 * statistics are all per column.
 */
import { AibookError } from "../core/errors";
import { isMissing, isTensor } from "../core/data";
import type { CellValue, ColumnType } from "../../protocol/views";

export interface Columns {
  names: string[];
  columns: unknown[][];
  index?: (string | number)[];
  rowCount: number;
}

interface NdFrame {
  columns: string[];
  values: unknown[] | unknown[][];
  index?: (string | number)[];
  ndim?: number;
  name?: string;
}

function isNdFrame(x: unknown): x is NdFrame {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Array.isArray((x as NdFrame).columns) && "values" in x;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof Date);
}

function defaultIndex(index: (string | number)[] | undefined, n: number): (string | number)[] | undefined {
  if (!index || index.length !== n) return undefined;
  return index.every((v, i) => v === i) ? undefined : [...index];
}

export function toColumns(x: unknown, what = "data"): Columns {
  if (isTensor(x)) x = x.arraySync();
  if (isNdFrame(x)) {
    const values = x.values as unknown[];
    const oneD = x.ndim === 1 || (values.length > 0 && !Array.isArray(values[0]));
    if (oneD) {
      const name = x.columns[0] ?? x.name ?? "value";
      return { names: [String(name)], columns: [[...values]], index: defaultIndex(x.index, values.length), rowCount: values.length };
    }
    const rows = values as unknown[][];
    const names = x.columns.map(String);
    const columns = names.map((_, j) => rows.map((r) => r[j]));
    return { names, columns, index: defaultIndex(x.index, rows.length), rowCount: rows.length };
  }
  if (Array.isArray(x)) {
    if (x.length === 0) return { names: [], columns: [], rowCount: 0 };
    if (x.every(Array.isArray)) {
      const width = Math.max(...x.map((r) => (r as unknown[]).length));
      const names = Array.from({ length: width }, (_, j) => String(j));
      return { names, columns: names.map((_, j) => x.map((r) => (r as unknown[])[j])), rowCount: x.length };
    }
    if (x.every((r) => isRecord(r) || r === null || r === undefined)) {
      const names: string[] = [];
      const seen = new Set<string>();
      for (const r of x) for (const k of Object.keys(r ?? {})) if (!seen.has(k)) seen.add(k), names.push(k);
      return { names, columns: names.map((k) => x.map((r) => (r as Record<string, unknown> | null)?.[k])), rowCount: x.length };
    }
    return { names: ["value"], columns: [[...x]], rowCount: x.length };
  }
  if (isRecord(x) && Object.values(x).length > 0 && Object.values(x).every(Array.isArray)) {
    const names = Object.keys(x);
    const columns = names.map((k) => [...(x as Record<string, unknown[]>)[k]]);
    const rowCount = Math.max(...columns.map((c) => c.length));
    return { names, columns: columns.map((c) => (c.length < rowCount ? [...c, ...new Array(rowCount - c.length)] : c)), rowCount };
  }
  throw new AibookError(`${what} must be a DataFrame, a Series, an array or an object of columns; got ${typeof x}.`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The type a column shows: numbers are "integer" when every value is whole. */
export function columnType(values: unknown[]): ColumnType {
  let numbers = 0, integers = 0, strings = 0, dates = 0, booleans = 0, present = 0;
  for (const v of values) {
    if (isMissing(v)) continue;
    present++;
    if (typeof v === "number" || typeof v === "bigint") {
      numbers++;
      if (Number.isInteger(Number(v))) integers++;
    } else if (typeof v === "boolean") booleans++;
    else if (v instanceof Date) dates++;
    else if (typeof v === "string") {
      if (ISO_DATE.test(v)) dates++;
      else strings++;
    } else strings++;
  }
  if (present === 0) return "empty";
  if (numbers === present) return integers === present ? "integer" : "number";
  if (booleans === present) return "boolean";
  if (dates === present) return "datetime";
  if (strings + dates === present) return "string";
  return "mixed";
}

/** One value as a payload carries it: missing -> null, dates -> ISO, long strings cut. */
export function toCell(v: unknown, maxLength = 500): CellValue {
  if (isMissing(v)) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : v > 0 ? "Infinity" : "-Infinity";
  if (typeof v === "boolean") return v;
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  let s: string;
  if (typeof v === "string") s = v;
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > maxLength ? s.slice(0, maxLength - 1) + "…" : s;
}

/** Numbers of a column with missing values and non-numbers left out. */
export function numericValues(values: unknown[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    if (typeof v === "number" && Number.isFinite(v)) out.push(v);
    else if (typeof v === "bigint") out.push(Number(v));
  }
  return out;
}

export function isNumericType(t: ColumnType): boolean {
  return t === "number" || t === "integer";
}
