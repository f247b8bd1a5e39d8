/**
 * `dropDuplicates`: pandas' drop_duplicates. Repeated rows inflate a model's apparent skill when
 * copies land on both sides of a split, so this runs before splitting. Index labels are kept.
 */
import type { DataFrame } from "danfojs-node";
import { AibookError } from "../core/errors";
import { isFrame, isSeries } from "../core/data";
import { checkOptions } from "../options";
import { takeRows } from "./frame";

export interface DropDuplicatesOptions {
  /** Compare only these columns (default: all); one name or a list, as pandas' `subset`. */
  columns?: string | string[];
  /** Which copy to keep (default "first"); false drops every copy. */
  keep?: "first" | "last" | false;
}

export function dropDuplicates<T = DataFrame>(df: T, options: DropDuplicatesOptions = {}): T {
  checkOptions("dropDuplicates", options, ["columns", "keep"]);
  const { names, rows } = rowsOf("dropDuplicates", df);
  const keep = options.keep ?? "first";
  // Any other value used to act as "first" without a word (pandas raises).
  if (keep !== "first" && keep !== "last" && keep !== false) throw new AibookError(`dropDuplicates: keep must be "first", "last" or false; got ${JSON.stringify(keep)}.`);
  const positions = columnPositions("dropDuplicates", names, options.columns);
  const keys = rows.map((row) => rowKey(row, positions));
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const seen = new Set<string>();
  const order = keep === "last" ? keys.map((_, i) => keys.length - 1 - i) : keys.map((_, i) => i);
  const kept: number[] = [];
  for (const i of order) {
    const k = keys[i];
    if (keep === false) {
      if (counts.get(k) === 1) kept.push(i);
    } else if (!seen.has(k)) {
      seen.add(k);
      kept.push(i);
    }
  }
  kept.sort((a, b) => a - b);
  return takeRows(df, kept);
}

/**
 * The rows of a DataFrame, a Series or plain arrays (rows of values, or one value per row), with
 * column names (x0, x1, … for arrays, as profile and the models' errors name them). The runtime
 * API takes plain arrays everywhere; these two refused them with "expected a DataFrame".
 */
export function rowsOf(where: string, data: unknown): { names: string[]; rows: unknown[][] } {
  if (isFrame(data)) {
    const df = data as unknown as DataFrame;
    return { names: df.columns, rows: df.values as unknown[][] };
  }
  const values = isSeries(data) ? ((data as { values: unknown[] }).values) : data;
  if (!Array.isArray(values)) throw new AibookError(`${where}: expected a DataFrame, a Series or an array; got ${typeof data}.`);
  if (values.length && values.every(Array.isArray)) {
    const width = Math.max(...values.map((r) => r.length));
    return { names: Array.from({ length: width }, (_, j) => `x${j}`), rows: values as unknown[][] };
  }
  return { names: ["x0"], rows: values.map((v) => [v]) };
}

/** A key equal for rows pandas considers duplicates (NaN equals NaN; 1 and "1" differ). */
export function rowKey(row: unknown[], positions: number[]): string {
  return JSON.stringify(positions.map((j) => {
    const v = row[j];
    return typeof v === "number" && Number.isNaN(v) ? { nan: 1 } : v === undefined ? null : v;
  }));
}

export function columnPositions(where: string, all: string[], wanted: string | string[] | undefined): number[] {
  if (wanted === undefined) return all.map((_, j) => j);
  // One column name is accepted as pandas' subset="b" is; before, it failed with "wanted.map is not a function".
  const names = typeof wanted === "string" ? [wanted] : wanted;
  if (!Array.isArray(names)) throw new AibookError(`${where}: columns must be a column name or a list of them; got ${JSON.stringify(wanted)}.`);
  return names.map((c) => {
    const j = all.indexOf(c);
    if (j < 0) throw new AibookError(`${where}: no column "${c}"; the columns are ${all.join(", ")}.`);
    return j;
  });
}
