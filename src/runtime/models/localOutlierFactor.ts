/**
 * Local outlier factor as scikit-learn's: the density of a row's k neighbours compared with its
 * own (reachability distances). `fitPredict(X)` flags outliers among the training rows (scikit-
 * learn's default); `predict(X)` scores new rows against the training rows (novelty = True).
 */
import { BaseEstimator, registerEstimator } from "../core/estimator";
import { AibookError } from "../core/errors";
import type { KdTree } from "./kdTree";
import { sklearnNeighbors } from "./neighbors";
import { checkNumber, fitMatrix, predictMatrix } from "./shared";

export type LocalOutlierFactorOptions = {
  k: number;
  contamination: number | "auto";
}

interface LofState {
  X: number[][];
  kDistance: number[];
  lrd: number[];
  negativeOutlierFactor: number[];
  offset: number;
  k: number;
}

export class LocalOutlierFactor extends BaseEstimator<LocalOutlierFactorOptions> {
  static override readonly estimatorName = "LocalOutlierFactor";
  #state?: LofState;
  /** The KD tree over the training rows, built on first use (deterministic, so not saved). */
  #cache: { tree?: KdTree } = {};

  constructor(options: Partial<LocalOutlierFactorOptions> = {}) {
    super({ k: 20, contamination: "auto" }, options);
  }

  /** -LOF of each training row (scikit-learn's negative_outlier_factor_). */
  get negativeOutlierFactor(): number[] {
    this.assertFitted("negativeOutlierFactor");
    return [...this.#state!.negativeOutlierFactor];
  }

  fit(X: unknown, _y?: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values } = fitMatrix(X, where);
    if (values.length < 2) throw new AibookError(`${where}: LocalOutlierFactor needs at least 2 rows.`);
    const k = Math.min(checkNumber(where, "k", this.params.k, 1, true), values.length - 1);
    const c = this.params.contamination;
    if (c !== "auto" && !(typeof c === "number" && c > 0 && c <= 0.5)) {
      throw new AibookError(`${where}: contamination must be "auto" or a number in (0, 0.5]; got ${JSON.stringify(c)}.`);
    }
    // scikit-learn's kneighbors() on the training rows: k + 1 neighbours by its search (KD tree or
    // brute force, chosen with the k asked for), then each row's own index removed, or the first
    // neighbour when the row is not among them (more than k duplicates of it). Which of several
    // rows at the k-th distance are kept changes their densities in the sums, so it must be its.
    this.#cache = {};
    const userK = this.params.k;
    const neighbors = sklearnNeighbors(values, values, k + 1, userK, this.#cache).map((nb, i) => {
      let drop = nb.index.indexOf(i);
      if (drop < 0) drop = 0;
      return { index: nb.index.filter((_, r) => r !== drop), distance: nb.distance.filter((_, r) => r !== drop) };
    });
    const kDistance = neighbors.map((nb) => nb.distance[k - 1]);
    const lrd = neighbors.map((nb) => 1 / (nb.index.reduce((s, j, r) => s + Math.max(kDistance[j], nb.distance[r]), 0) / k + 1e-10));
    const negativeOutlierFactor = neighbors.map((nb, i) => -(nb.index.reduce((s, j) => s + lrd[j], 0) / k) / lrd[i]);
    const offset = c === "auto" ? -1.5 : percentile(negativeOutlierFactor, 100 * c);
    this.#state = { X: values, kDistance, lrd, negativeOutlierFactor, offset, k };
    this.markFitted();
    return this;
  }

  /** Outliers among the training rows: 1 normal, -1 outlier. */
  fitPredict(X: unknown): number[] {
    this.fit(X);
    const { negativeOutlierFactor, offset } = this.#state!;
    return negativeOutlierFactor.map((v) => (v < offset ? -1 : 1));
  }

  /** -LOF of new rows measured against the training rows (scikit-learn's novelty score_samples). */
  scoreSamples(X: unknown): number[] {
    this.assertFitted("scoreSamples");
    const { X: train, kDistance, lrd, k } = this.#state!;
    const queries = predictMatrix(X, train[0].length, `${this.estimatorName}.scoreSamples`);
    return sklearnNeighbors(train, queries, k, this.params.k, this.#cache).map((nb) => {
      const own = 1 / (nb.index.reduce((s, j, r) => s + Math.max(kDistance[j], nb.distance[r]), 0) / k + 1e-10);
      return -(nb.index.reduce((s, j) => s + lrd[j], 0) / k) / own;
    });
  }

  /** New rows: 1 normal, -1 outlier. */
  predict(X: unknown): number[] {
    this.assertFitted("predict");
    return this.scoreSamples(X).map((v) => (v < this.#state!.offset ? -1 : 1));
  }

  protected saveState(): LofState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as LofState;
    this.#cache = {};
  }
}

function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}

registerEstimator(LocalOutlierFactor);
