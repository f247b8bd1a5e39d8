/**
 * `timeSplit`: the latest rows become the test set, so a model is tested on the future as it
 * will be used. Rows are ordered by `column` (numbers, Dates, or date strings); both parts come
 * back in time order. A random split of time-ordered data lets a model learn from the future.
 */
import type { DataFrame } from "danfojs-node";
import { AibookError } from "../core/errors";
import { isFrame, isMissing } from "../core/data";
import { takeRows } from "../data/frame";
import { checkOptions } from "../options";
import { rememberSplit } from "./split-info";
import { splitSizes } from "./test-size";

export interface TimeSplitOptions {
  column: string;
  /** Fraction (0–1) or number of the latest rows for the test set (default 0.25). */
  testSize?: number;
}

export function timeSplit<D extends DataFrame>(df: D, options: TimeSplitOptions): { train: D; test: D } {
  checkOptions("timeSplit", options, ["column", "testSize"]);
  if (!isFrame(df)) throw new AibookError("timeSplit: expected a DataFrame with a time column.");
  const column = options?.column;
  // Without it the message was 'no column undefined'; say which option is missing.
  if (typeof column !== "string") {
    throw new AibookError(`timeSplit: name the time column, e.g. timeSplit(df, { column: "${df.columns[0] ?? "date"}", testSize: 0.2 }); the columns are ${df.columns.join(", ")}.`);
  }
  const j = df.columns.indexOf(column);
  if (j < 0) throw new AibookError(`timeSplit: no column ${JSON.stringify(column)}; the columns are ${df.columns.join(", ")}.`);
  const rows = df.values as unknown[][];
  // Years written as text ("2020") beside full dates ("2020-03-01") are dates too, not small numbers.
  const dates = rows.some((r) => typeof r[j] === "string" && Number.isNaN(Number(r[j])));
  const keys = rows.map((r, i) => timeKey(r[j], column, i, dates));
  const order = keys.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  const { nTest } = splitSizes(rows.length, options.testSize, undefined, "timeSplit");
  const train = order.slice(0, rows.length - nTest);
  const test = order.slice(rows.length - nTest);
  const result = { train: takeRows(df, train), test: takeRows(df, test) };
  rememberSplit([result.train, result.test], { method: "time", trainIndex: train, testIndex: test, column });
  return result;
}

function timeKey(v: unknown, column: string, row: number, dates: boolean): number {
  if (isMissing(v)) throw new AibookError(`timeSplit: column "${column}" is missing at row ${row}; drop or fill those rows first.`);
  if (typeof v === "number") return v;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "string") {
    const asNumber = Number(v);
    if (!dates && !Number.isNaN(asNumber)) return asNumber;
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  throw new AibookError(`timeSplit: column "${column}" holds ${JSON.stringify(v)} at row ${row}, which is neither a number nor a date.`);
}
