/**
 * `dropMissing`: pandas' dropna(subset=columns). Drops the rows with a missing value (NaN, null,
 * undefined or a blank string) in the given columns, or in any column. Index labels are kept.
 */
import type { DataFrame } from "danfojs-node";
import { AibookError } from "../core/errors";
import { isFrame, isMissing } from "../core/data";
import { checkOptions } from "../options";
import { columnPositions } from "./drop-duplicates";
import { takeRows } from "./frame";

export interface DropMissingOptions {
  /** Look only at these columns (default: all); one name or a list, as pandas' `subset`. */
  columns?: string | string[];
}

export function dropMissing(df: DataFrame, options: DropMissingOptions = {}): DataFrame {
  checkOptions("dropMissing", options, ["columns"]);
  if (!isFrame(df)) throw new AibookError("dropMissing: expected a DataFrame.");
  const positions = columnPositions("dropMissing", df.columns, options.columns);
  const rows = df.values as unknown[][];
  const kept: number[] = [];
  rows.forEach((row, i) => {
    if (!positions.some((j) => isMissing(row[j]))) kept.push(i);
  });
  return takeRows(df, kept);
}
