/**
 * StandardScaler: centre each column on its training mean and divide by its training standard
 * deviation (population, as scikit-learn); a constant column keeps scale 1. Fitting it inside a
 * pipeline keeps the test rows' statistics out of the model.
 */
import { BaseEstimator, registerEstimator, type Transformer } from "../core/estimator";
import { checkColumns, readMatrix, writeLike, type Shape } from "./io";

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

export class StandardScaler extends BaseEstimator<StandardScalerOptions> implements Transformer {
  static override readonly estimatorName = "StandardScaler";
  #state?: State;

  constructor(options: Partial<StandardScalerOptions> = {}) {
    super({ withMean: true, withStd: true }, options);
  }

  get mean(): number[] {
    this.assertFitted("mean");
    return [...this.#state!.mean];
  }

  get scale(): number[] {
    this.assertFitted("scale");
    return [...this.#state!.scale];
  }

  get variance(): number[] {
    this.assertFitted("variance");
    return [...this.#state!.variance];
  }

  fit(X: unknown): this {
    const { values, shape } = readMatrix(X, `${this.estimatorName}.fit`);
    const n = values.length;
    const p = shape.columns.length;
    const sum = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const row = values[i];
      for (let j = 0; j < p; j++) sum[j] += row[j];
    }
    const mean = Array.from(sum, (s) => s / n);
    // Corrected two-pass variance (Chan, Golub, LeVeque), as scikit-learn computes it.
    const sq = new Float64Array(p);
    const dev = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const row = values[i];
      for (let j = 0; j < p; j++) {
        const d = row[j] - mean[j];
        sq[j] += d * d;
        dev[j] += d;
      }
    }
    const variance = Array.from(sq, (s, j) => (s - (dev[j] * dev[j]) / n) / n);
    // scikit-learn's _is_constant_feature: a variance within rounding of zero means a constant column.
    const scale = variance.map((v, j) => (v <= n * Number.EPSILON * v + (n * mean[j] * Number.EPSILON) ** 2 ? 1 : Math.sqrt(v)));
    this.#state = { shape, offset: this.params.withMean ? mean : mean.map(() => 0), mean, scale: this.params.withStd ? scale : scale.map(() => 1), variance };
    this.markFitted();
    return this;
  }

  transform(X: unknown): unknown {
    this.assertFitted("transform");
    const { offset: mean, scale, shape } = this.#state!;
    const input = readMatrix(X, `${this.estimatorName}.transform`);
    checkColumns(shape, input.shape, `${this.estimatorName}.transform`);
    const rows = input.values;
    const p = mean.length;
    const out: number[][] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      // A copy of the row keeps V8's unboxed double layout; then scale it in place.
      const z = rows[i].slice();
      for (let j = 0; j < p; j++) z[j] = (z[j] - mean[j]) / scale[j];
      out[i] = z;
    }
    return writeLike(X, out, input.shape.columns);
  }

  fitTransform(X: unknown): unknown {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: unknown): unknown {
    this.assertFitted("inverseTransform");
    const { offset: mean, scale } = this.#state!;
    const input = readMatrix(X, `${this.estimatorName}.inverseTransform`);
    return writeLike(X, input.values.map((row) => row.map((v, j) => v * scale[j] + mean[j])), input.shape.columns);
  }

  protected saveState(): unknown {
    return this.#state;
  }

  protected loadState(state: unknown): void {
    this.#state = state as State;
  }
}

registerEstimator(StandardScaler);
