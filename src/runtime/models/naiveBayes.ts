/** Gaussian naive Bayes, with scikit-learn's variance smoothing (a fraction of the largest feature variance). */
import type { Label } from "../core/data";
import { BaseEstimator, registerEstimator, type Classifier } from "../core/estimator";
import { checkNumber, columnStats, fitClasses, fitMatrix, labelsFromProba, predictMatrix } from "./shared";

export type GaussianNBOptions = {
  varSmoothing: number;
}

interface GaussianNBState {
  classes: Label[];
  theta: number[][];
  variance: number[][];
  classPrior: number[];
}

export class GaussianNB extends BaseEstimator<GaussianNBOptions> implements Classifier {
  static override readonly estimatorName = "GaussianNB";
  #state?: GaussianNBState;

  constructor(options: Partial<GaussianNBOptions> = {}) {
    super({ varSmoothing: 1e-9 }, options);
  }

  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.#state!.classes];
  }

  /** Per-class feature means (theta_) and variances (var_), class priors (class_prior_). */
  get theta(): number[][] {
    this.assertFitted("theta");
    return this.#state!.theta.map((r) => [...r]);
  }

  get variance(): number[][] {
    this.assertFitted("variance");
    return this.#state!.variance.map((r) => [...r]);
  }

  get classPrior(): number[] {
    this.assertFitted("classPrior");
    return [...this.#state!.classPrior];
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const smoothing = checkNumber(where, "varSmoothing", this.params.varSmoothing, 0);
    const { values } = fitMatrix(X, where);
    const { classes, codes } = fitClasses(y, values.length, where);
    const epsilon = smoothing * Math.max(...columnStats(values).variance);
    const theta: number[][] = [];
    const variance: number[][] = [];
    const classPrior: number[] = [];
    classes.forEach((_, k) => {
      const rows = values.filter((_, i) => codes[i] === k);
      const stats = columnStats(rows);
      theta.push(stats.mean);
      variance.push(stats.variance.map((v) => v + epsilon));
      classPrior.push(rows.length / values.length);
    });
    this.#state = { classes, theta, variance, classPrior };
    this.markFitted();
    return this;
  }

  /** Joint log-likelihood log P(x, class) per row and class. */
  #jointLogLikelihood(X: unknown, method: string): number[][] {
    this.assertFitted(method);
    const { theta, variance, classPrior } = this.#state!;
    const p = theta[0].length;
    const norm = variance.map((v) => -0.5 * v.reduce((s, vj) => s + Math.log(2 * Math.PI * vj), 0));
    return predictMatrix(X, p, `${this.estimatorName}.${method}`).map((x) =>
      theta.map((mu, k) => {
        let s = 0;
        for (let j = 0; j < p; j++) s += (x[j] - mu[j]) ** 2 / variance[k][j];
        return Math.log(classPrior[k]) + norm[k] - 0.5 * s;
      }),
    );
  }

  predictLogProba(X: unknown): number[][] {
    return this.#jointLogLikelihood(X, "predictLogProba").map((row) => {
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
      return row.map((v) => v - lse);
    });
  }

  predictProba(X: unknown): number[][] {
    return this.predictLogProba(X).map((row) => row.map(Math.exp));
  }

  predict(X: unknown): Label[] {
    this.assertFitted("predict");
    return labelsFromProba(this.#jointLogLikelihood(X, "predict"), this.#state!.classes);
  }

  protected saveState(): GaussianNBState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as GaussianNBState;
  }
}

registerEstimator(GaussianNB);
