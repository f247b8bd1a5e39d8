/**
 * `dropMissing`: pandas' dropna(subset=columns). Drops the rows with a missing value (NaN, null,
 * undefined or a blank string) in the given columns, or in any column. Index labels are kept.
 */
import type { DataFrame } from "danfojs-node";
import { isMissing } from "../core/data";
import { checkOptions } from "../options";
import { columnPositions, rowsOf } from "./drop-duplicates";
import { takeRows } from "./frame";

export interface DropMissingOptions {
  /** Look only at these columns (default: all); one name or a list, as pandas' `subset`. */
  columns?: string | string[];
}

export function dropMissing<T = DataFrame>(df: T, options: DropMissingOptions = {}): T {
  checkOptions("dropMissing", options, ["columns"]);
  const { names, rows } = rowsOf("dropMissing", df);
  const positions = columnPositions("dropMissing", names, options.columns);
  const kept: number[] = [];
  rows.forEach((row, i) => {
    if (!positions.some((j) => isMissing(row[j]))) kept.push(i);
  });
  return takeRows(df, kept);
}
