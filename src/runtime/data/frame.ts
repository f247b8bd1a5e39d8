/**
 * Building and slicing danfojs DataFrames the way the runtime needs: from column arrays with
 * known dtypes (so danfojs does not re-infer them row by row), and by row positions keeping the
 * original index labels, as pandas does after a split.
 */
import type { DataFrame, Series } from "danfojs-node";
import { repairDanfo } from "./danfo-repair";

let danfoModule: typeof import("danfojs-node") | undefined;

/**
 * danfojs-node, loaded on first use: it takes seconds to load (mathjs, xlsx, ...), and a cell
 * that imports `aibook` for arrays and models should not wait for it.
 */
export function danfo(): typeof import("danfojs-node") {
  if (!danfoModule) {
    danfoModule = repairDanfo(require("danfojs-node") as typeof import("danfojs-node"));
    // The kernel's runtime pitfall checks follow sample/iloc on the frames the runtime makes.
    const announce = (globalThis as Record<symbol, unknown>)[Symbol.for("aibook.danfoLoaded")];
    if (typeof announce === "function") announce(danfoModule);
  }
  return danfoModule;
}
import { AibookError } from "../core/errors";
import { isFrame, isSeries, isTensor, seriesName } from "../core/data";

export type Dtype = "float32" | "int32" | "string" | "boolean";

/** danfojs' dtype for a column of values (numbers with a fraction or NaN are float32). */
export function inferDtype(values: ArrayLike<unknown>): Dtype {
  let kind: Dtype | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === "number") {
      if (kind === "string" || kind === "boolean") return "string";
      if (!Number.isInteger(v)) kind = "float32";
      else if (kind === undefined) kind = "int32";
    } else if (typeof v === "boolean") {
      if (kind !== undefined && kind !== "boolean") return "string";
      kind = "boolean";
    } else return "string";
  }
  return kind ?? "float32";
}

/** A DataFrame from column arrays; `index` keeps row labels (default 0..n-1). */
export function frameFromColumns(names: string[], columns: ArrayLike<unknown>[], options: { dtypes?: Dtype[]; index?: (number | string)[] } = {}): DataFrame {
  const n = columns.length ? columns[0].length : 0;
  const dtypes = options.dtypes ?? columns.map(inferDtype);
  if (n === 0) return new (danfo().DataFrame)([], { columns: names, dtypes });
  const rows: unknown[][] = new Array(n);
  const width = columns.length;
  for (let i = 0; i < n; i++) {
    const row = new Array(width);
    for (let j = 0; j < width; j++) row[j] = columns[j][i];
    rows[i] = row;
  }
  return new (danfo().DataFrame)(rows, { columns: names, dtypes, index: options.index });
}

/**
 * A DataFrame over column arrays whose row form (danfojs' `$data`) is built only when something
 * asks for it. Reading a large CSV then costs one copy of the data, as in pandas, instead of
 * three (columns, boxed rows, danfojs' transposed copy); `df["col"]`, `shape` and `columns` never
 * build the rows. Any danfojs method that reads or replaces `$data` sees an ordinary frame.
 */
export function lazyFrameFromColumns(names: string[], columns: unknown[][], dtypes: Dtype[]): DataFrame {
  const n = columns.length ? columns[0].length : 0;
  if (n === 0) return frameFromColumns(names, columns, { dtypes });
  const df = new (danfo().DataFrame)([], { columns: names, dtypes });
  const internal = df as unknown as { $data: unknown[][]; $dataIncolumnFormat: unknown[][]; $index: number[]; $columns: string[] };
  let rows: unknown[][] | undefined;
  Object.defineProperty(df, "$data", {
    get: () => (rows ??= transpose(columns, n)),
    set: (value: unknown[][]) => {
      rows = value;
    },
    configurable: true,
    enumerable: true,
  });
  Object.defineProperty(df, "shape", {
    get: () => (rows ? (rows.length ? [rows.length, rows[0].length] : [0, internal.$columns.length]) : [n, internal.$columns.length]),
    configurable: true,
  });
  internal.$dataIncolumnFormat = columns;
  internal.$index = Array.from({ length: n }, (_, i) => i);
  return df;
}

function transpose(columns: unknown[][], n: number): unknown[][] {
  const width = columns.length;
  const rows: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array(width);
    for (let j = 0; j < width; j++) row[j] = columns[j][i];
    rows[i] = row;
  }
  return rows;
}

/** The frame's columns as arrays (danfojs keeps them transposed already unless in low-memory mode). */
export function frameColumns(df: DataFrame): unknown[][] {
  const rows = df.values as unknown[][];
  return df.columns.map((_, j) => rows.map((r) => r[j]));
}

/**
 * The rows at `indices` of a DataFrame, Series, array or tensor, as the same kind of value
 * (tensors come back as arrays). DataFrames and Series keep their index labels and dtypes.
 */
export function takeRows<T>(data: T, indices: number[]): T {
  if (isFrame(data)) {
    const df = data as unknown as DataFrame;
    const index = df.index as (number | string)[];
    const dtypes = df.dtypes as Dtype[];
    if (!indices.length) return new (danfo().DataFrame)([], { columns: df.columns, dtypes }) as unknown as T;
    // Column by column from danfojs' column copy, so a lazily built frame never builds its rows.
    const columns = df.getColumnData as unknown[][];
    const picked = columns.map((column) => {
      const out = new Array(indices.length);
      for (let k = 0; k < indices.length; k++) out[k] = column[indices[k]];
      return out;
    });
    const result = lazyFrameFromColumns(df.columns, picked, dtypes);
    (result as unknown as { $index: (number | string)[] }).$index = indices.map((i) => index[i]);
    return result as unknown as T;
  }
  if (isSeries(data)) {
    const s = data as unknown as Series;
    const values = s.values as unknown[];
    const index = (s.index ?? []) as (number | string)[];
    const name = seriesName(data);
    if (!indices.length) return new (danfo().Series)([], { columns: name ? [name] : undefined }) as unknown as T;
    return new (danfo().Series)(indices.map((i) => values[i]) as number[], {
      columns: name ? [name] : undefined,
      dtypes: s.dtypes as Dtype[],
      index: indices.map((i) => index[i] ?? i),
    }) as unknown as T;
  }
  const rows = isTensor(data) ? (data.arraySync() as unknown[]) : data;
  if (!Array.isArray(rows)) throw new AibookError(`Cannot select rows of ${typeof data}: pass a DataFrame, Series, array or tensor.`);
  return indices.map((i) => rows[i]) as unknown as T;
}

/** Number of rows of a DataFrame, Series, array or tensor; `where` names the function and argument in the error. */
export function rowCount(data: unknown, where?: string): number {
  if (isTensor(data)) return data.shape[0] ?? 0;
  if (isFrame(data) || isSeries(data)) return (data as { values: unknown[] }).values.length;
  if (Array.isArray(data)) return data.length;
  const got = data === null ? "null" : typeof data === "string" ? `the string ${JSON.stringify(data)}` : typeof data === "object" ? "an object" : typeof data;
  throw new AibookError(`${where ? `${where} must be` : "Expected"} a DataFrame, Series, array or tensor; got ${got}.`);
}
