/**
 * Input and output of the transformers: read a numeric matrix (with the column names and the
 * kind of container it came in), check a transform's input against what fit saw, and give the
 * result back in the same kind of container — a DataFrame keeps its index and names its columns.
 */
import { AibookError } from "../core/errors";
import { isFrame, isSeries, toMatrix, type Matrix } from "../core/data";
import { frameFromColumns } from "../data/frame";

export interface Shape {
  columns: string[];
  /** Whether the fit input had real column names (a DataFrame), so transform can check them. */
  named: boolean;
}

export function readMatrix(X: unknown, where: string, options: { allowMissing?: boolean } = {}): { values: Matrix; shape: Shape } {
  const { values, columns } = toMatrix(X, { where, allowMissing: options.allowMissing });
  if (!values.length) throw new AibookError(`${where}: X has no rows.`);
  return { values, shape: { columns, named: isFrame(X) || isSeries(X) } };
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

/** `values` in the container `input` came in: DataFrame (same index) or plain rows. */
export function writeLike(input: unknown, values: unknown[][], columns: string[]): unknown {
  if (!isFrame(input) && !isSeries(input)) return values;
  const index = (input as { index?: (number | string)[] }).index;
  const data = columns.map((_, j) => values.map((r) => r[j]));
  return frameFromColumns(columns, data, { index: index && index.length === values.length ? [...index] : undefined });
}
