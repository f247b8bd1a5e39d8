/**
 * MinMaxScaler: map each column's training range onto `featureRange` (default [0, 1]); a
 * constant column is only shifted. Test rows outside the training range fall outside [0, 1],
 * as in scikit-learn: the scaler never refits on them.
 */
import { AibookError } from "../core/errors";
import { StatefulEstimator, registerEstimator, type Transformer } from "../core/estimator";
import { checkColumns, readMatrix, writeLike, type Shape } from "./io";

export type MinMaxScalerOptions = {
  featureRange: [number, number];
};

interface State {
  shape: Shape;
  dataMin: number[];
  dataMax: number[];
  scale: number[];
  min: number[];
}

export class MinMaxScaler extends StatefulEstimator<MinMaxScalerOptions, State> implements Transformer {
  static override readonly estimatorName = "MinMaxScaler";

  constructor(options: Partial<MinMaxScalerOptions> = {}) {
    super({ featureRange: [0, 1] }, options);
  }

  get dataMin(): number[] {
    this.assertFitted("dataMin");
    return [...this.state!.dataMin];
  }

  get dataMax(): number[] {
    this.assertFitted("dataMax");
    return [...this.state!.dataMax];
  }

  fit(X: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const [lo, hi] = this.params.featureRange;
    if (!(lo < hi)) throw new AibookError(`${where}: featureRange must be [low, high] with low < high; got [${lo}, ${hi}].`);
    const { values, shape } = readMatrix(X, where);
    const p = shape.columns.length;
    const dataMin = new Array(p).fill(Infinity);
    const dataMax = new Array(p).fill(-Infinity);
    for (const row of values) {
      for (let j = 0; j < p; j++) {
        if (row[j] < dataMin[j]) dataMin[j] = row[j];
        if (row[j] > dataMax[j]) dataMax[j] = row[j];
      }
    }
    const scale = dataMin.map((m, j) => {
      const range = dataMax[j] - m;
      return (hi - lo) / (range < 10 * Number.EPSILON ? 1 : range);
    });
    const min = dataMin.map((m, j) => lo - m * scale[j]);
    this.state = { shape, dataMin, dataMax, scale, min };
    this.markFitted();
    return this;
  }

  transform(X: unknown): unknown {
    this.assertFitted("transform");
    const { scale, min, shape } = this.state!;
    const input = readMatrix(X, `${this.estimatorName}.transform`);
    checkColumns(shape, input.shape, `${this.estimatorName}.transform`);
    const rows = input.values;
    const p = scale.length;
    const out: number[][] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      // A copy of the row keeps V8's unboxed double layout; then scale it in place.
      const z = rows[i].slice();
      for (let j = 0; j < p; j++) z[j] = z[j] * scale[j] + min[j];
      out[i] = z;
    }
    return writeLike(X, out, input.shape.columns);
  }

  fitTransform(X: unknown): unknown {
    return this.fit(X).transform(X);
  }
}

registerEstimator(MinMaxScaler);
