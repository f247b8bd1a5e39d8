/**
 * Two tiny models for the pipeline and cross-validation tests, so those tests exercise the
 * contract without depending on the real models: a nearest-centroid classifier and a
 * mean regressor, each recording what fit saw.
 */
import { BaseEstimator, registerEstimator } from "../../../src/runtime/core/estimator";
import { toMatrix, toVector, type Label } from "../../../src/runtime/core/data";

interface CentroidState {
  classes: Label[];
  centroids: number[][];
}

export class NearestCentroid extends BaseEstimator<{ shrink: number }> {
  static override readonly estimatorName = "TestNearestCentroid";
  #state?: CentroidState;
  /** Labels of every fit call on this instance (for the tests). */
  seenLabels: Label[][] = [];

  constructor(options: Partial<{ shrink: number }> = {}) {
    super({ shrink: 0 }, options);
  }

  get classes(): Label[] {
    this.assertFitted("classes");
    return this.#state!.classes;
  }

  fit(X: unknown, y: unknown): this {
    const { values } = toMatrix(X, { where: "NearestCentroid.fit" });
    const labels = toVector(y);
    this.seenLabels.push(labels);
    const classes = [...new Set(labels)].sort();
    const centroids = classes.map((c) => {
      const rows = values.filter((_, i) => labels[i] === c);
      return rows[0].map((_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
    });
    this.#state = { classes, centroids };
    this.markFitted();
    return this;
  }

  predict(X: unknown): Label[] {
    this.assertFitted("predict");
    const { values } = toMatrix(X);
    const { classes, centroids } = this.#state!;
    return values.map((r) => {
      const d = centroids.map((c) => c.reduce((s, v, j) => s + (v - r[j]) ** 2, 0));
      return classes[d.indexOf(Math.min(...d))];
    });
  }

  predictProba(X: unknown): number[][] {
    const pred = this.predict(X);
    return pred.map((p) => this.#state!.classes.map((c) => (c === p ? 0.8 : 0.2 / (this.#state!.classes.length - 1))));
  }

  protected saveState(): unknown {
    return this.#state;
  }

  protected loadState(state: unknown): void {
    this.#state = state as CentroidState;
  }
}

export class MeanRegressor extends BaseEstimator<Record<string, never>> {
  static override readonly estimatorName = "TestMeanRegressor";
  #mean = 0;

  constructor(options: Partial<Record<string, never>> = {}) {
    super({}, options);
  }

  fit(_X: unknown, y: unknown): this {
    const v = toVector(y).map(Number);
    this.#mean = v.reduce((a, b) => a + b, 0) / v.length;
    this.markFitted();
    return this;
  }

  predict(X: unknown): number[] {
    this.assertFitted("predict");
    return toMatrix(X).values.map(() => this.#mean);
  }

  protected saveState(): unknown {
    return this.#mean;
  }

  protected loadState(state: unknown): void {
    this.#mean = state as number;
  }
}

registerEstimator(NearestCentroid);
registerEstimator(MeanRegressor);
