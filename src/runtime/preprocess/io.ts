/**
 * Input and output of the transformers: read a numeric matrix (with the column names and the
 * kind of container it came in), check a transform's input against what fit saw, and give the
 * result back in the same kind of container — a DataFrame keeps its index and names its columns.
 */
import { AibookError } from "../core/errors";
import { hasColumnNames, isFrame, isRecords, isSeries, toMatrix, type Matrix } from "../core/data";
import { lazyFrameFromColumns, inferDtype } from "../data/frame";

export interface Shape {
  columns: string[];
  /** Whether the fit input had real column names (a DataFrame), so transform can check them. */
  named: boolean;
}

export function readMatrix(X: unknown, where: string, options: { allowMissing?: boolean } = {}): { values: Matrix; shape: Shape } {
  const read = plainNumbers(X, options.allowMissing ?? false) ?? fromMatrix(X, where, options.allowMissing);
  // Rows of [] fitted a scaler on nothing and transformed every later table to empty rows;
  // scikit-learn refuses 0 features ("a minimum of 1 is required") as well.
  if (!read.shape.columns.length) throw new AibookError(`${where}: X has no columns.`);
  return read;
}

function fromMatrix(X: unknown, where: string, allowMissing: boolean | undefined): { values: Matrix; shape: Shape } {
  const { values, columns } = toMatrix(X, { where, allowMissing });
  if (!values.length) throw new AibookError(`${where}: X has no rows.`);
  return { values, shape: { columns, named: hasColumnNames(X) } };
}

/**
 * Rows of a number[][] or DataFrame without looking at the values, for loops that check each
 * value as they use it (and fall back to readMatrix, which reports, on the first non-number).
 */
export function uncheckedRows(X: unknown): { values: unknown[][]; shape: Shape } | undefined {
  const frame = isFrame(X);
  const rows = frame ? (X.values as unknown[]) : Array.isArray(X) ? X : undefined;
  if (!rows || !rows.length || !Array.isArray(rows[0])) return undefined;
  const p = (rows[0] as unknown[]).length;
  // No columns: readMatrix reports it.
  if (p === 0) return undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== p) return undefined;
  }
  const columns = frame ? X.columns.map(String) : Array.from({ length: p }, (_, j) => `x${j}`);
  return { values: rows as unknown[][], shape: { columns, named: frame } };
}

/**
 * The common case without copying: rows that already hold only numbers (a number[][] or a
 * numeric DataFrame's rows). Anything else goes through toMatrix, which converts and reports.
 * The rows are the caller's: the transformers read them and never write to them.
 */
function plainNumbers(X: unknown, allowNaN: boolean): { values: Matrix; shape: Shape } | undefined {
  const frame = isFrame(X);
  const rows = frame ? (X.values as unknown[]) : Array.isArray(X) ? X : undefined;
  if (!rows || !rows.length || !Array.isArray(rows[0])) return undefined;
  const p = (rows[0] as unknown[]).length;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as unknown[];
    if (!Array.isArray(row) || row.length !== p) return undefined;
    for (let j = 0; j < p; j++) {
      const v = row[j];
      // ±Infinity (and NaN unless allowed) take toMatrix's path, which reports them.
      if (typeof v !== "number" || (v - v !== 0 && (v === v ? true : !allowNaN))) return undefined;
    }
  }
  const columns = frame ? X.columns.map(String) : Array.from({ length: p }, (_, j) => `x${j}`);
  return { values: rows as Matrix, shape: { columns, named: frame } };
}

/** Refuses a transform input whose columns differ from the fit input's. */
export function checkColumns(fitted: Shape, now: Shape, where: string): void {
  if (now.columns.length !== fitted.columns.length) {
    throw new AibookError(`${where}: X has ${now.columns.length} columns but the transformer was fitted on ${fitted.columns.length} (${fitted.columns.join(", ")}).`);
  }
  if (fitted.named && now.named) {
    const differ = now.columns.findIndex((c, j) => c !== fitted.columns[j]);
    if (differ >= 0) {
      throw new AibookError(`${where}: column ${differ} is "${now.columns[differ]}" but was "${fitted.columns[differ]}" in fit; pass the same columns in the same order.`);
    }
  }
}

/** `values` in the container `input` came in: DataFrame (same index), records (named by `columns`) or plain rows. */
export function writeLike(input: unknown, values: unknown[][], columns: string[]): unknown {
  if (isRecords(input)) {
    // Records keep their names, so that a pipeline's next step can still select columns by name.
    return values.map((row) => {
      const record: Record<string, unknown> = {};
      for (let j = 0; j < columns.length; j++) record[columns[j]] = row[j];
      return record;
    });
  }
  if (!isFrame(input) && !isSeries(input)) return values;
  const index = (input as { index?: (number | string)[] }).index;
  const n = values.length;
  const data = columns.map((_, j) => {
    const column = new Array(n);
    for (let i = 0; i < n; i++) column[i] = values[i][j];
    return column;
  });
  const df = lazyFrameFromColumns(columns, data, data.map(inferDtype));
  if (index && index.length === n) (df as unknown as { $index: (number | string)[] }).$index = [...index];
  return df;
}
