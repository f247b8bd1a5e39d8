/**
 * Input checks every model shares, so that each fit/predict reports bad data the same way:
 * missing values and text in numeric columns (via core/data), X/y length mismatch, a target with
 * one class, and a predict matrix whose width differs from the one seen in fit.
 */
import { AibookError } from "../core/errors";
import { checkSameLength, showValue, toMatrix, toNumbers, toVector, type Label, type Matrix } from "../core/data";

/** Features for fit: numeric, no missing values, at least one row. */
export function fitMatrix(X: unknown, where: string): { values: Matrix; columns: string[] } {
  const m = toMatrix(X, { where });
  if (m.values.length === 0) throw new AibookError(`${where}: X has no rows.`);
  if (m.columns.length === 0) throw new AibookError(`${where}: X has no columns.`);
  return m;
}

/** Features for predict/transform: same width as in fit. */
export function predictMatrix(X: unknown, nFeatures: number, where: string): Matrix {
  const { values, columns } = toMatrix(X, { where });
  if (values.length && columns.length !== nFeatures) {
    throw new AibookError(`${where}: X has ${columns.length} columns but the model was fitted on ${nFeatures}.`);
  }
  return values;
}

/** Sorts labels the way numpy.unique does: numbers numerically, strings by code point. */
export function sortLabels(labels: Iterable<Label>): Label[] {
  const unique = [...new Set(labels)];
  const numeric = unique.every((v) => typeof v === "number");
  return numeric ? (unique as number[]).sort((a, b) => a - b) : unique.map(String).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface EncodedTarget {
  classes: Label[];
  /** Index into `classes` for each row. */
  codes: Int32Array;
}

/** Class labels for a classifier fit: sorted classes, row codes; one class only is an error. */
export function fitClasses(y: unknown, nRows: number, where: string, minClasses = 2, allowContinuous = false): EncodedTarget {
  const labels = toVector(y, `${where} (y)`);
  checkSameLength({ length: nRows }, labels, where);
  const missing = labels.filter((v) => typeof v === "number" && Number.isNaN(v)).length;
  if (missing) throw new AibookError(`${where}: y holds ${missing} NaN label${missing === 1 ? "" : "s"}; drop those rows (dropMissing(df, { columns: [target] })) or fill the labels first.`);
  const infinite = labels.findIndex((v) => v === Infinity || v === -Infinity);
  // scikit-learn refuses it too ("Input y contains infinity"): no class is called Infinity.
  if (infinite >= 0) throw new AibookError(`${where}: y holds ${labels[infinite]} at row ${infinite}; class labels must be finite numbers or text. Fix or drop that row.`);
  const numeric = labels.every((v) => typeof v === "number");
  const text = labels.find((v) => typeof v === "string");
  const number = labels.find((v) => typeof v === "number");
  if (text !== undefined && number !== undefined) {
    // scikit-learn refuses a mix too; quietly turning 1 into "1" would make predictions unlike yTest.
    throw new AibookError(`${where}: y mixes numbers and text (${showValue(number)} and ${showValue(text)}); convert the labels to one kind first, e.g. y.map(String).`);
  }
  const fraction = numeric && !allowContinuous ? labels.find((v) => Number.isFinite(v) && !Number.isInteger(v)) : undefined;
  if (fraction !== undefined) {
    // scikit-learn refuses it too ("Unknown label type: 'continuous'"): every value would become a class of its own.
    throw new AibookError(`${where}: y holds the non-integer value ${fraction}, a continuous target, not class labels; use a regressor (LinearRegression, RandomForestRegressor, ...) or bin the target into classes first.`);
  }
  const classes = sortLabels(numeric ? labels : labels.map(String));
  if (classes.length < minClasses) {
    throw new AibookError(`${where}: y holds one class only (${JSON.stringify(classes[0])}); a classifier needs at least two.`);
  }
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const codes = Int32Array.from(labels, (v) => index.get(numeric ? v : String(v))!);
  return { classes, codes };
}

/** Numeric target for a regressor fit, same length as X. */
export function fitTarget(y: unknown, nRows: number, where: string): number[] {
  const values = toNumbers(y, `${where} (y)`);
  checkSameLength({ length: nRows }, values, where);
  return values;
}

/** Index of the largest value (first on ties, as numpy.argmax). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Rows of probabilities to predicted labels. */
export function labelsFromProba(proba: number[][], classes: Label[]): Label[] {
  return proba.map((p) => classes[argmax(p)]);
}

export function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return s;
}

/** Column means and population variances. */
export function columnStats(X: Matrix): { mean: number[]; variance: number[] } {
  const p = X[0]?.length ?? 0;
  const mean = new Array(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) mean[j] += row[j];
  for (let j = 0; j < p; j++) mean[j] /= X.length;
  const variance = new Array(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) variance[j] += (row[j] - mean[j]) ** 2;
  for (let j = 0; j < p; j++) variance[j] /= X.length;
  return { mean, variance };
}

/** Softmax of each row, in place, stable for large scores. */
export function softmaxRows(scores: number[][]): number[][] {
  for (const row of scores) {
    const max = Math.max(...row);
    let sum = 0;
    for (let k = 0; k < row.length; k++) sum += row[k] = Math.exp(row[k] - max);
    for (let k = 0; k < row.length; k++) row[k] /= sum;
  }
  return scores;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Checks a choice option at fit time, naming the allowed values. */
export function checkChoice<T extends string>(where: string, option: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new AibookError(`${where}: ${option} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}; got ${JSON.stringify(value)}.`);
  }
  return value as T;
}

/** Checks a numeric option at fit time. */
export function checkNumber(where: string, option: string, value: unknown, min: number, integer = false, exclusiveMin = false): number {
  const ok = typeof value === "number" && Number.isFinite(value) && (exclusiveMin ? value > min : value >= min) && (!integer || Number.isInteger(value));
  if (!ok) throw new AibookError(`${where}: ${option} must be ${integer ? "an integer" : "a number"} ${exclusiveMin ? ">" : ">="} ${min}; got ${JSON.stringify(value)}.`);
  return value as number;
}
