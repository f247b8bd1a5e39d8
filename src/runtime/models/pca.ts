/**
 * Principal component analysis as scikit-learn's full-SVD PCA: centred data, components signed
 * by svd_flip (largest |u| positive), explained variance with n-1. Also a transformer for pipelines.
 */
import { BaseEstimator, registerEstimator, type Transformer } from "../core/estimator";
import { AibookError } from "../core/errors";
import { svdValues } from "./linalg";
import { fitMatrix, predictMatrix } from "./shared";
import { columnMeans, sumsColumnwise } from "../core/sum";
import { hasColumnNames } from "../core/data";

export type PCAOptions = {
  /** Number of components, or a fraction of variance to keep (0 < f < 1); all by default. */
  components: number | undefined;
  whiten: boolean;
}

interface PcaState {
  mean: number[];
  components: number[][];
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  singularValues: number[];
}

export class PCA extends BaseEstimator<PCAOptions> implements Transformer {
  static override readonly estimatorName = "PCA";
  #state?: PcaState;

  constructor(options: Partial<PCAOptions> = {}) {
    super({ components: undefined, whiten: false }, options);
  }

  get components(): number[][] {
    this.assertFitted("components");
    return this.#state!.components.map((r) => [...r]);
  }

  get explainedVariance(): number[] {
    this.assertFitted("explainedVariance");
    return [...this.#state!.explainedVariance];
  }

  get explainedVarianceRatio(): number[] {
    this.assertFitted("explainedVarianceRatio");
    return [...this.#state!.explainedVarianceRatio];
  }

  get mean(): number[] {
    this.assertFitted("mean");
    return [...this.#state!.mean];
  }

  fit(X: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values } = fitMatrix(X, where);
    const n = values.length;
    const p = values[0].length;
    if (n < 2) throw new AibookError(`${where}: PCA needs at least 2 rows.`);
    // np.mean in numpy's order: what centring subtracts decides the scores of data far from 0 (1e9 ± 1).
    const mean = columnMeans(values, p, sumsColumnwise({ named: hasColumnNames(X) }, p));
    const { s, v } = svdValues(values, mean);
    const r = s.length;
    // svd_flip: the largest |u| of each component is positive. U's column c is X·v_c / s_c, so
    // its signs are those of the scores X·v_c, computed for the kept components only (below).
    const signOf = (c: number) => {
      let largest = 0;
      for (const row of values) {
        let score = 0;
        for (let j = 0; j < p; j++) score += (row[j] - mean[j]) * v[j][c];
        if (Math.abs(score) > Math.abs(largest)) largest = score;
      }
      return largest < 0 ? -1 : 1;
    };
    const variance = s.map((x) => (x * x) / (n - 1));
    const total = variance.reduce((a, b) => a + b, 0);
    const ratio = variance.map((x) => x / total);
    const wanted = this.params.components;
    let keep = Math.min(n, p);
    if (wanted !== undefined) {
      if (typeof wanted !== "number" || !(wanted > 0)) throw new AibookError(`${where}: components must be a positive number; got ${JSON.stringify(wanted)}.`);
      if (wanted < 1) {
        let acc = 0;
        keep = ratio.findIndex((x) => (acc += x) > wanted) + 1 || r;
      } else {
        if (!Number.isInteger(wanted) || wanted > Math.min(n, p)) {
          throw new AibookError(`${where}: components = ${wanted}; it must be an integer at most min(rows, columns) = ${Math.min(n, p)}.`);
        }
        keep = wanted;
      }
    }
    const components = Array.from({ length: keep }, (_, c) => {
      const sign = signOf(c);
      return v.map((row) => row[c] * sign);
    });
    this.#state = {
      mean,
      components,
      explainedVariance: variance.slice(0, keep),
      explainedVarianceRatio: ratio.slice(0, keep),
      singularValues: s.slice(0, keep),
    };
    this.markFitted();
    return this;
  }

  transform(X: unknown): number[][] {
    this.assertFitted("transform");
    const { mean, components, explainedVariance } = this.#state!;
    const scale = this.params.whiten ? explainedVariance.map((v) => 1 / Math.sqrt(v)) : components.map(() => 1);
    return predictMatrix(X, mean.length, `${this.estimatorName}.transform`).map((row) =>
      components.map((w, c) => w.reduce((s, wj, j) => s + wj * (row[j] - mean[j]), 0) * scale[c]),
    );
  }

  fitTransform(X: unknown): number[][] {
    return this.fit(X).transform(X);
  }

  /** Back from component scores to the original columns. */
  inverseTransform(Z: number[][]): number[][] {
    this.assertFitted("inverseTransform");
    const { mean, components, explainedVariance } = this.#state!;
    const scale = this.params.whiten ? explainedVariance.map((v) => Math.sqrt(v)) : components.map(() => 1);
    return Z.map((z) => mean.map((m, j) => z.reduce((s, zc, c) => s + zc * scale[c] * components[c][j], m)));
  }

  protected saveState(): PcaState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as PcaState;
  }
}

registerEstimator(PCA);
