/**
 * Turns what users pass (danfojs DataFrame/Series, plain arrays, tfjs tensors) into the plain
 * arrays the estimators and metrics compute on, checking shape and values on the way in so that
 * every error names the column and row instead of surfacing as a NaN three steps later.
 */
import { AibookError, MissingValuesError } from "./errors";

export type Matrix = number[][];
export type Label = number | string;

/** Anything with a DataFrame's surface: danfojs-node's DataFrame, or our own table. */
export interface FrameLike {
  readonly columns: string[];
  readonly values: unknown[][];
}

/** Anything with a Series' surface. */
export interface SeriesLike {
  readonly values: unknown[];
  readonly name?: string;
}

/** A tfjs tensor, recognised by shape without importing tfjs. */
export interface TensorLike {
  readonly shape: number[];
  arraySync(): unknown;
}

export type MatrixInput = Matrix | unknown[][] | FrameLike | TensorLike;
export type VectorInput = Label[] | unknown[] | SeriesLike | TensorLike;

export function isFrame(x: unknown): x is FrameLike {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Array.isArray((x as FrameLike).columns) && "values" in x && !isOneDimensional(x);
}

export function isSeries(x: unknown): x is SeriesLike {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Array.isArray((x as SeriesLike).values) && (!isFrame(x) || isOneDimensional(x));
}

/** danfojs' Series also has `columns` (its name): tell it from a DataFrame by `ndim` or by its flat values. */
function isOneDimensional(x: object): boolean {
  const ndim = (x as { ndim?: unknown }).ndim;
  if (ndim === 1) return true;
  if (ndim === 2) return false;
  const values = (x as { values?: unknown }).values;
  return Array.isArray(values) && values.length > 0 && !Array.isArray(values[0]);
}

/** A Series' name: its `name`, or danfojs' single column name. */
export function seriesName(x: SeriesLike): string | undefined {
  const columns = (x as { columns?: unknown }).columns;
  return x.name ?? (Array.isArray(columns) && columns.length === 1 ? String(columns[0]) : undefined);
}

export function isTensor(x: unknown): x is TensorLike {
  return typeof x === "object" && x !== null && Array.isArray((x as TensorLike).shape) && typeof (x as TensorLike).arraySync === "function";
}

/** An array of records ({ column: value } per row), as JSON data and many APIs hand rows over. */
export function isRecords(x: unknown): x is Record<string, unknown>[] {
  if (!Array.isArray(x) || x.length === 0) return false;
  const first = x[0];
  return typeof first === "object" && first !== null && !Array.isArray(first) && !isTensor(first) && Object.getPrototypeOf(first) === Object.prototype;
}

/** Whether the input names its columns (DataFrame, Series, records), so that later calls can be checked by name. */
export function hasColumnNames(x: unknown): boolean {
  return isFrame(x) || isSeries(x) || isRecords(x);
}

/**
 * The column names of a named table (DataFrame, records), or undefined for plain arrays, tensors
 * and a Series (one column, whose name arithmetic and selections change freely).
 */
export function columnNamesOf(x: unknown): string[] | undefined {
  if (isFrame(x)) return [...x.columns].map(String);
  if (isRecords(x)) {
    const names = new Set<string>();
    for (const record of x) if (typeof record === "object" && record !== null) for (const key of Object.keys(record)) names.add(key);
    return [...names];
  }
  return undefined;
}

/** True for NaN, null, undefined and blank strings: what pandas' isna() plus an empty CSV cell catch. */
export function isMissing(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    (typeof v === "number" && Number.isNaN(v)) ||
    (typeof v === "string" && v.trim() === "") ||
    // An Invalid Date (new Date("not a date")) is pandas' NaT: its time is NaN.
    (v instanceof Date && Number.isNaN(v.getTime()))
  );
}

/** A table of raw values with column names (generated as x0, x1, … for plain arrays). */
export interface Table {
  columns: string[];
  rows: unknown[][];
}

/**
 * "LogisticRegression.fit" names the function but not the argument: add it, so that the message
 * reads "LogisticRegression.fit: X must be ..." (where already names it, "silhouette (X)", as is).
 */
function namingX(what: string): string {
  return what === "X" || /\)$/.test(what) ? what : `${what}: X`;
}

/** A Float64Array and friends: numeric arrays, as numpy's are (a DataView is bytes, not values). */
function isTypedArray(x: unknown): x is ArrayLike<number> {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

export function toTable(X: unknown, what = "X"): Table {
  if (isFrame(X)) return { columns: [...X.columns].map(String), rows: X.values.map((r) => [...r]) };
  if (isTensor(X)) X = X.arraySync();
  if (isTypedArray(X)) X = Array.from(X);
  // Array.from, unlike map and forEach, visits the holes of a sparse array (new Array(n), delete
  // X[i]) as undefined, so that they are reported instead of skipped; typed rows become arrays.
  else if (Array.isArray(X)) X = Array.from(X as unknown[], (row) => (isTypedArray(row) ? Array.from(row) : row));
  if (isSeries(X)) return { columns: [seriesName(X) ?? "x0"], rows: X.values.map((v) => [v]) };
  if (isRecords(X)) return recordsTable(X, what);
  if (!Array.isArray(X)) throw new AibookError(`${namingX(what)} must be a DataFrame, a 2-D array or a tensor; got ${describe(X)}.`);
  if (X.length === 0) return { columns: [], rows: [] };
  const width = Array.isArray(X[0]) ? (X[0] as unknown[]).length : -1;
  if (width < 0) throw new AibookError(`${namingX(what)} must be 2-D (one array per row); got a 1-D array. Wrap each value: X.map((v) => [v]).`);
  X.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw new AibookError(`${what}: row ${i} has ${Array.isArray(row) ? row.length : "no"} values, row 0 has ${width}.`);
    }
  });
  return { columns: Array.from({ length: width }, (_, j) => `x${j}`), rows: (X as unknown[][]).map((r) => [...r]) };
}

/** Records as a table: the columns are every key, in order of first appearance (pandas' DataFrame(records)). */
function recordsTable(records: Record<string, unknown>[], what: string): Table {
  const columns: string[] = [];
  const seen = new Set<string>();
  records.forEach((record, i) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      throw new AibookError(`${what}: row ${i} is ${describe(record)}, but row 0 is a record ({ column: value }); pass one record per row.`);
    }
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  });
  // A key absent from a record is a missing value there, as in pandas.
  return { columns, rows: records.map((record) => columns.map((c) => record[c])) };
}

export interface MatrixOptions {
  /** Where the data goes, for error messages ("LogisticRegression.fit"). */
  where?: string;
  /** Let NaN through (imputers do); otherwise missing values are an error. */
  allowMissing?: boolean;
}

/** Numeric matrix from any input, with column names; strings in numeric columns are an error. */
export function toMatrix(X: unknown, options: MatrixOptions = {}): { values: Matrix; columns: string[] } {
  const where = options.where ?? "X";
  const fast = plainNumberMatrix(X);
  if (fast) return fast;
  const { columns, rows } = toTable(X, where);
  const missing = new Map<string, number>();
  const values = rows.map((row, i) =>
    row.map((v, j) => {
      if (isMissing(v)) {
        missing.set(columns[j], (missing.get(columns[j]) ?? 0) + 1);
        return NaN;
      }
      if (typeof v === "number") {
        if (v === Infinity || v === -Infinity) throw infinite(where, `column "${columns[j]}"`, v, i);
        return v;
      }
      if (typeof v === "boolean") return v ? 1 : 0;
      if (v instanceof Date) return v.getTime();
      if (typeof v !== "string") {
        // An array or object in a cell (a nested row, a record) is no number, and no text either.
        throw new AibookError(
          `${where}: column "${columns[j]}" holds ${describe(v)} at row ${i}; models need one number per cell. ` +
            `Flatten the rows first (one column per value), or drop the column.`,
        );
      }
      const n = numberFromText(v);
      if (n === Infinity || n === -Infinity) throw infinite(where, `column "${columns[j]}"`, n, i);
      if (Number.isNaN(n)) {
        throw new AibookError(
          `${where}: column "${columns[j]}" holds the text ${JSON.stringify(v)} at row ${i}; models need numbers. ` +
            `Encode it first (OneHotEncoder or LabelEncoder), or drop the column.`,
        );
      }
      return n;
    }),
  );
  if (missing.size && !options.allowMissing) {
    // In column order (left to right, as the user reads the table), not in the order first met.
    throw new MissingValuesError(where, columns.filter((c) => missing.has(c)).map((column) => ({ column, count: missing.get(column)! })));
  }
  return { values, columns };
}

/**
 * The common case, a plain 2-D array of finite numbers, copied in one pass (the general path
 * copies twice through closures, which dominates a fast model's fit on 100,000 rows). Anything
 * else (NaN, text, ragged rows) returns undefined and takes the general path and its errors.
 */
function plainNumberMatrix(X: unknown): { values: Matrix; columns: string[] } | undefined {
  if (!Array.isArray(X) || X.length === 0 || !Array.isArray(X[0])) return undefined;
  const width = (X[0] as unknown[]).length;
  const values: Matrix = new Array(X.length);
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!Array.isArray(row) || row.length !== width) return undefined;
    const out: number[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const v = row[j];
      // NaN and ±Infinity (v - v is NaN for both) take the general path, which reports them.
      if (typeof v !== "number" || v - v !== 0) return undefined;
      out[j] = v;
    }
    values[i] = out;
  }
  return { values, columns: Array.from({ length: width }, (_, j) => `x${j}`) };
}

/** Labels or a numeric target from any 1-D input (or an n×1 matrix); `name` names it in errors (a Series' own name by default). */
export function toVector(y: unknown, where = "y", name?: string): Label[] {
  if (isTensor(y)) y = y.arraySync();
  let values: unknown[];
  if (isSeries(y)) {
    values = y.values;
    name ??= seriesName(y);
  } else if (isFrame(y)) {
    name ??= String(y.columns[0]);
    if (y.columns.length !== 1) throw new AibookError(`${where} must be one column; got a DataFrame with ${y.columns.length} columns.`);
    values = y.values.map((r) => r[0]);
  } else if (Array.isArray(y) || isTypedArray(y)) {
    // Array.from visits holes (a deleted label) as undefined, which map would leave out of every check.
    values = Array.from(y as ArrayLike<unknown>, (v) => (Array.isArray(v) && v.length === 1 ? v[0] : v));
  } else throw new AibookError(`${where} must be a Series, an array or a tensor; got ${describe(y)}.`);
  return values.map((v, i) => {
    if (typeof v === "number" || typeof v === "string") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v === null || v === undefined) throw missingTarget(where, name ?? "", values);
    throw new AibookError(`${where}: value at row ${i} is ${describe(v)}; labels must be numbers or strings.`);
  });
}

/**
 * Class labels from any 1-D input. NaN is a missing label: refused, as scikit-learn refuses it
 * ("Input y contains NaN"), instead of becoming a class of its own that sorts nowhere.
 */
export function toLabels(y: unknown, where = "y", name?: string): Label[] {
  const labels = toVector(y, where, name);
  if (labels.some((v) => typeof v === "number" && Number.isNaN(v))) {
    throw missingTarget(where, name ?? (isSeries(y) ? (seriesName(y) ?? "") : ""), labels);
  }
  return labels;
}

const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$|^\s*[+-]?(?:inf|infinity)\s*$/i;

/**
 * A number written as text, as numpy's float() reads it (" 12 ", "1e-3", "-inf"); NaN for anything
 * else. Number() would also take "0x10", "0b11" and "" (as 0), which are not numbers in a data set.
 */
export function numberFromText(text: string): number {
  if (!DECIMAL.test(text)) return NaN;
  return /inf/i.test(text) ? (text.includes("-") ? -Infinity : Infinity) : Number(text);
}

/** Numeric target (regression): labels that are numbers, NaN refused. */
export function toNumbers(y: unknown, where = "y"): number[] {
  const values = toVector(y, where);
  if (values.some(isMissing)) throw missingTarget(where, isSeries(y) ? (seriesName(y) ?? "") : "", values);
  return values.map((v, i) => {
    const n = typeof v === "string" ? numberFromText(v) : Number(v);
    if (n === Infinity || n === -Infinity) throw infinite(where, "the target", n, i);
    if (Number.isNaN(n)) {
      throw new AibookError(`${where}: the target holds the text ${JSON.stringify(v)} at row ${i}; a regression target must be numeric.`);
    }
    return n;
  });
}

/** Missing labels or targets: how many, the first row, and the advice to drop (not impute) them. */
export function missingTarget(where: string, name: string, values: ArrayLike<unknown>): MissingValuesError {
  const all = Array.from(values);
  return new MissingValuesError(where, [{ column: name, count: all.filter(isMissing).length }], { firstRow: all.findIndex(isMissing) });
}

/** Checks that X and y describe the same rows. */
export function checkSameLength(X: { length: number }, y: { length: number }, where: string): void {
  if (X.length !== y.length) {
    throw new AibookError(`${where}: X has ${X.length} rows but y has ${y.length}; they must describe the same rows.`);
  }
}

/** scikit-learn refuses infinity too ("Input contains infinity"): it would turn into NaN in the sums. */
function infinite(where: string, what: string, v: number, row: number): AibookError {
  return new AibookError(`${where}: ${what} holds ${v} at row ${row}; models and metrics need finite numbers. Replace it (a cap, or a missing value to impute) or drop the row.`);
}

/** A label or value as a message shows it: text quoted, numbers as written (NaN and Infinity too, which JSON turns into null). */
export function showValue(v: unknown): string {
  return typeof v === "number" ? String(v) : JSON.stringify(v) ?? String(v);
}

/** What a value is, for messages: "undefined", "the number 3", "an array of 2", "an object (Date)". */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "number" || typeof v === "bigint") return `the ${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object") return `an object (${(v as object).constructor?.name ?? "Object"})`;
  return `${typeof v} ${JSON.stringify(v)}`;
}
