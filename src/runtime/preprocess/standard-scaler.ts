/**
 * StandardScaler: centre each column on its training mean and divide by its training standard
 * deviation (population, as scikit-learn); a constant column keeps scale 1. Fitting it inside a
 * pipeline keeps the test rows' statistics out of the model.
 */
import { StatefulEstimator, registerEstimator, type Transformer } from "../core/estimator";
import { checkColumns, readMatrix, uncheckedRows, writeLike, type Shape } from "./io";
import { numpySum, sumsColumnwise } from "../core/sum";

export type StandardScalerOptions = {
  withMean: boolean;
  withStd: boolean;
};

interface State {
  shape: Shape;
  /** What transform subtracts: the mean, or zeros with withMean false. */
  offset: number[];
  mean: number[];
  scale: number[];
  variance: number[];
}

export class StandardScaler extends StatefulEstimator<StandardScalerOptions, State> implements Transformer {
  static override readonly estimatorName = "StandardScaler";

  constructor(options: Partial<StandardScalerOptions> = {}) {
    super({ withMean: true, withStd: true }, options);
  }

  get mean(): number[] {
    this.assertFitted("mean");
    return [...this.state!.mean];
  }

  get scale(): number[] {
    this.assertFitted("scale");
    return [...this.state!.scale];
  }

  get variance(): number[] {
    this.assertFitted("variance");
    return [...this.state!.variance];
  }

  fit(X: unknown): this {
    // A quick pass checks the values are plain numbers; anything unusual goes through readMatrix.
    const fast = uncheckedRows(X);
    const fastOk = fast && allNumbers(fast.values);
    const { values, shape } = fastOk ? (fast as { values: number[][]; shape: Shape }) : readMatrix(X, `${this.estimatorName}.fit`);
    const n = values.length;
    const p = shape.columns.length;
    // Corrected two-pass variance (Chan, Golub, LeVeque), as scikit-learn computes it, each sum in
    // the order numpy adds that input's columns, which decides the last bits of data far from 0.
    const { mean, variance } = sumsColumnwise(shape, p) ? momentsByColumn(values, p) : momentsByRow(values, p);
    // scikit-learn's _is_constant_feature: a variance within rounding of zero means a constant column.
    const scale = variance.map((v, j) => (v <= n * Number.EPSILON * v + (n * mean[j] * Number.EPSILON) ** 2 ? 1 : Math.sqrt(v)));
    this.state = { shape, offset: this.params.withMean ? mean : mean.map(() => 0), mean, scale: this.params.withStd ? scale : scale.map(() => 1), variance };
    this.markFitted();
    return this;
  }

  transform(X: unknown): unknown {
    this.assertFitted("transform");
    const { offset: mean, scale, shape } = this.state!;
    const fast = uncheckedRows(X);
    const fastOut = fast && scaleRows(fast.values, mean, scale);
    const input = fastOut ? fast : readMatrix(X, `${this.estimatorName}.transform`);
    checkColumns(shape, input.shape, `${this.estimatorName}.transform`);
    const out = fastOut ?? scaleRows(input.values, mean, scale)!;
    return writeLike(X, out, input.shape.columns);
  }

  fitTransform(X: unknown): unknown {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: unknown): unknown {
    this.assertFitted("inverseTransform");
    const { offset: mean, scale } = this.state!;
    const input = readMatrix(X, `${this.estimatorName}.inverseTransform`);
    return writeLike(X, input.values.map((row) => row.map((v, j) => v * scale[j] + mean[j])), input.shape.columns);
  }
}

/** Means and variances summed column by column pairwise, as numpy sums a contiguous column. */
function momentsByColumn(values: number[][], p: number): { mean: number[]; variance: number[] } {
  const n = values.length;
  const mean = new Array<number>(p);
  const variance = new Array<number>(p);
  const column = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) column[i] = values[i][j];
    mean[j] = numpySum(column) / n;
    for (let i = 0; i < n; i++) column[i] -= mean[j];
    const correction = numpySum(column);
    for (let i = 0; i < n; i++) column[i] *= column[i];
    variance[j] = (numpySum(column) - (correction * correction) / n) / n;
  }
  return { mean, variance };
}

/**
 * The same sums left to right down each column, as numpy sums a row-major array of rows: here
 * row by row, all columns at once, which reads the rows in memory order (a column at a time made
 * 100,000 x 20 half as fast again).
 */
function momentsByRow(values: number[][], p: number): { mean: number[]; variance: number[] } {
  const n = values.length;
  const sum = new Float64Array(p);
  for (const row of values) for (let j = 0; j < p; j++) sum[j] += row[j];
  const mean = Array.from(sum, (s) => s / n);
  const sq = new Float64Array(p);
  const dev = new Float64Array(p);
  for (const row of values) {
    for (let j = 0; j < p; j++) {
      const d = row[j] - mean[j];
      sq[j] += d * d;
      dev[j] += d;
    }
  }
  return { mean, variance: Array.from(sq, (s, j) => (s - (dev[j] * dev[j]) / n) / n) };
}

/** Whether every value is a finite number; if not, readMatrix converts or reports. */
function allNumbers(rows: unknown[][]): boolean {
  const p = rows[0].length;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let j = 0; j < p; j++) {
      const v = row[j];
      // NaN and ±Infinity (v - v is NaN for both) go through readMatrix, which reports them.
      if (typeof v !== "number" || v - v !== 0) return false;
    }
  }
  return true;
}

/** (x − offset) / scale per row, or undefined at the first value that is not a number. */
function scaleRows(rows: unknown[][], offset: number[], scale: number[]): number[][] | undefined {
  const p = offset.length;
  const out: number[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    // A copy of the row keeps V8's unboxed double layout; then scale it in place.
    const z = (rows[i] as number[]).slice();
    if (z.length !== p) return undefined;
    for (let j = 0; j < p; j++) {
      const v = z[j];
      if (typeof v !== "number" || v - v !== 0) return undefined;
      z[j] = (v - offset[j]) / scale[j];
    }
    out[i] = z;
  }
  return out;
}

registerEstimator(StandardScaler);
