/**
 * k-nearest-neighbours classification with scikit-learn's default algorithm "auto": its KD tree
 * (./kdTree.ts) on up to 15 columns when k is below half the rows, which decides between rows
 * at the same distance as scikit-learn does; otherwise a brute-force Euclidean search, where
 * neighbours at equal distance are taken in training-row order.
 */
import type { Label } from "../core/data";
import { BaseEstimator, registerEstimator, type Classifier } from "../core/estimator";
import { AibookError } from "../core/errors";
import { argKmin, buildKdTree, kdQuery, type KdTree } from "./kdTree";
import { checkChoice, checkNumber, fitClasses, fitMatrix, labelsFromProba, predictMatrix } from "./shared";

export type KNeighborsClassifierOptions = {
  k: number;
  weights: "uniform" | "distance";
}

interface KNeighborsState {
  classes: Label[];
  X: number[][];
  codes: number[];
}

/** Indices and distances of the k nearest rows of `train` to `x` (ties: lower index first). */
export function nearest(train: ArrayLike<number>[], x: ArrayLike<number>, k: number, skip = -1): { index: number[]; distance: number[] } {
  const index: number[] = [];
  const dist: number[] = [];
  const p = x.length;
  for (let i = 0; i < train.length; i++) {
    if (i === skip) continue;
    const row = train[i];
    let d = 0;
    for (let j = 0; j < p; j++) {
      const t = row[j] - x[j];
      d += t * t;
    }
    if (index.length === k && d >= dist[k - 1]) continue;
    let pos = index.length;
    while (pos > 0 && dist[pos - 1] > d) pos--;
    dist.splice(pos, 0, d);
    index.splice(pos, 0, i);
    if (index.length > k) {
      index.pop();
      dist.pop();
    }
  }
  return { index, distance: dist.map(Math.sqrt) };
}

export class KNeighborsClassifier extends BaseEstimator<KNeighborsClassifierOptions> implements Classifier {
  static override readonly estimatorName = "KNeighborsClassifier";
  #state?: KNeighborsState;
  /** Built on first use from the training rows (deterministic, so not saved). */
  #tree?: KdTree;

  constructor(options: Partial<KNeighborsClassifierOptions> = {}) {
    super({ k: 5, weights: "uniform" }, options);
  }

  /**
   * scikit-learn's "auto": its brute-force search above 15 columns or for k >= n/2, else its KD
   * tree (leaf_size 30); either way the rows tied at the k-th distance that it keeps.
   */
  #neighbors(train: number[][], queries: number[][], k: number): { index: number[]; distance: number[] }[] {
    let found: { index: number[]; rdist: number[] }[];
    if (train[0].length > 15 || k >= Math.floor(train.length / 2)) found = argKmin(train, queries, k);
    else {
      const tree = (this.#tree ??= buildKdTree(train, 30));
      found = queries.map((x) => kdQuery(tree, x, k));
    }
    return found.map(({ index, rdist }) => ({ index, distance: rdist.map(Math.sqrt) }));
  }

  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.#state!.classes];
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const k = checkNumber(where, "k", this.params.k, 1, true);
    checkChoice(where, "weights", this.params.weights, ["uniform", "distance"] as const);
    const { values } = fitMatrix(X, where);
    const { classes, codes } = fitClasses(y, values.length, where);
    if (k > values.length) throw new AibookError(`${where}: k = ${k} but X has only ${values.length} rows.`);
    this.#state = { classes, X: values, codes: [...codes] };
    this.#tree = undefined;
    this.markFitted();
    return this;
  }

  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const { X: train, codes, classes } = this.#state!;
    const k = this.params.k;
    const queries = predictMatrix(X, train[0].length, `${this.estimatorName}.predictProba`);
    return this.#neighbors(train, queries, k).map(({ index, distance }) => {
      let weights = index.map(() => 1);
      if (this.params.weights === "distance") {
        // scikit-learn: weight 1/d, and rows at distance 0 take all the weight.
        weights = distance.some((d) => d === 0) ? distance.map((d) => (d === 0 ? 1 : 0)) : distance.map((d) => 1 / d);
      }
      const proba = new Array(classes.length).fill(0);
      index.forEach((i, r) => (proba[codes[i]] += weights[r]));
      const total = proba.reduce((a, b) => a + b, 0);
      return proba.map((v) => v / total);
    });
  }

  predict(X: unknown): Label[] {
    this.assertFitted("predict");
    return labelsFromProba(this.predictProba(X), this.#state!.classes);
  }

  protected saveState(): KNeighborsState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as KNeighborsState;
    this.#tree = undefined;
  }
}

registerEstimator(KNeighborsClassifier);
