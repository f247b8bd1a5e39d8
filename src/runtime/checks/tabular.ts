/**
 * Lenient views of whatever a cell passes to a split, fit or metric call — danfojs frames and
 * series, arrays of rows, arrays of objects, tfjs tensors — as plain rows and labels. Unlike
 * core/data's conversions these never throw: the checks must see bad data (missing values,
 * text) to report it, and must stay silent, not fail the user's call, when data is odd.
 */
import { isFrame, isSeries, isTensor, seriesName } from "../core/data";

export interface Rows {
  columns: string[];
  rows: unknown[][];
}

/** Rows and column names of a 2-D input; undefined when the value is not tabular. */
export function rowsOf(X: unknown): Rows | undefined {
  try {
    X = fromMatrix(X);
    if (isFrame(X)) return { columns: X.columns.map(String), rows: X.values as unknown[][] };
    if (isTensor(X)) {
      if (X.shape.length !== 2) return undefined;
      X = X.arraySync();
    } else if (isSeries(X)) return { columns: [seriesName(X) ?? "x0"], rows: X.values.map((v) => [v]) };
    if (!Array.isArray(X) || X.length === 0) return Array.isArray(X) ? { columns: [], rows: [] } : undefined;
    const first = X[0];
    if (Array.isArray(first) || ArrayBuffer.isView(first)) {
      const width = (first as ArrayLike<unknown>).length;
      return { columns: Array.from({ length: width }, (_, j) => `x${j}`), rows: X.map((r) => Array.from(r as ArrayLike<unknown>)) };
    }
    if (typeof first === "object" && first !== null && !(first instanceof Date)) {
      const columns = Object.keys(first);
      return { columns, rows: X.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])) };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** The values of a 1-D input (a one-column matrix and a one-hot tensor become labels). */
export function labelsOf(y: unknown): unknown[] | undefined {
  try {
    y = fromMatrix(y);
    if (isTensor(y)) {
      if (y.shape.length > 2) return undefined;
      y = y.arraySync();
      if (Array.isArray(y) && Array.isArray(y[0]) && (y[0] as unknown[]).length > 1) return (y as number[][]).map(argMax);
    } else if (isSeries(y)) return [...y.values];
    else if (isFrame(y)) return y.columns.length === 1 ? y.values.map((r) => r[0]) : undefined;
    if (ArrayBuffer.isView(y)) return Array.from(y as unknown as ArrayLike<number>);
    if (!Array.isArray(y)) return undefined;
    return y.map((v) => (Array.isArray(v) && v.length === 1 ? v[0] : v));
  } catch {
    return undefined;
  }
}

/** A name for a 1-D input, when it has one (a Series' column). */
export function nameOf(y: unknown): string | undefined {
  try {
    return isSeries(y) ? seriesName(y) : undefined;
  } catch {
    return undefined;
  }
}

/** An ml-matrix Matrix (ml-logistic-regression's input) as rows. */
function fromMatrix(x: unknown): unknown {
  const toRows = (x as { to2DArray?: unknown } | null)?.to2DArray;
  return typeof toRows === "function" && typeof (x as { rows?: unknown }).rows === "number" ? (toRows as () => unknown[][]).call(x) : x;
}

function argMax(row: number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** NaN, null, undefined: missing in any column. Empty strings count only in numeric columns. */
export function isAbsent(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

export function isBlank(v: unknown): boolean {
  return typeof v === "string" && v.trim() === "";
}

/** A number from a number, boolean or numeric string; undefined otherwise. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isNaN(v) ? undefined : v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/** A column is numeric when every present value reads as a number (and there is one). */
export function isNumericColumn(values: unknown[]): boolean {
  let seen = 0;
  for (const v of values) {
    if (isAbsent(v) || isBlank(v)) continue;
    if (typeof v === "boolean" || numberOf(v) === undefined) return false;
    seen++;
  }
  return seen > 0;
}

export function column(rows: Rows, j: number): unknown[] {
  return rows.rows.map((r) => r[j]);
}

/** A stable text key for a value, so that 1 and "1" differ but 1 and 1.0 do not. */
export function keyOf(v: unknown): string {
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (typeof v === "number" && Number.isNaN(v)) return "NaN";
  return `${typeof v}:${String(v)}`;
}

export function rowKey(row: readonly unknown[], label?: unknown): string {
  let key = "";
  for (const v of row) key += keyOf(v) + "\u0001";
  return label === undefined ? key : key + "|" + keyOf(label);
}

/**
 * Labels are categories (a classification target) when they are text or booleans, or integers
 * with few distinct values; a continuous or many-valued numeric target is regression.
 */
export function isCategorical(labels: unknown[]): boolean {
  const present = labels.filter((v) => !isAbsent(v) && !isBlank(v));
  if (present.length === 0) return false;
  if (present.some((v) => typeof v === "string" || typeof v === "boolean")) return true;
  if (!present.every((v) => typeof v === "number" && Number.isInteger(v))) return false;
  const distinct = new Set(present).size;
  return distinct <= 20 && distinct <= Math.max(2, present.length / 5);
}

/** Class counts in first-seen order. */
export function countLabels(labels: unknown[]): Map<string, { label: unknown; count: number }> {
  const counts = new Map<string, { label: unknown; count: number }>();
  for (const v of labels) {
    if (isAbsent(v) || isBlank(v)) continue;
    const k = keyOf(v);
    const entry = counts.get(k);
    if (entry) entry.count++;
    else counts.set(k, { label: v, count: 1 });
  }
  return counts;
}

export const formatShare = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
