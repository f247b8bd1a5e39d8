/**
 * k-nearest-neighbours classification with scikit-learn's default algorithm "auto": its KD tree
 * (./kdTree.ts) on up to 15 columns when k is below half the rows, which decides between rows
 * at the same distance as scikit-learn does; otherwise its brute-force search (argKmin), with
 * its choice among tied rows too. LocalOutlierFactor shares the search (sklearnNeighbors).
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

/**
 * scikit-learn's neighbour search with algorithm "auto" (NearestNeighbors, KNeighborsClassifier,
 * LocalOutlierFactor): its brute-force search above 15 columns or when the estimator's
 * `nNeighbors` is at least half the rows, else its KD tree (leaf_size 30); either way the rows
 * tied at the k-th distance that it keeps. `cache` keeps the KD tree between calls.
 */
export function sklearnNeighbors(
  train: number[][],
  queries: ArrayLike<number>[],
  k: number,
  nNeighbors: number,
  cache: { tree?: KdTree } = {},
): { index: number[]; distance: number[] }[] {
  let found: { index: number[]; rdist: number[] }[];
  if (train[0].length > 15 || nNeighbors >= Math.floor(train.length / 2)) found = argKmin(train, queries, k);
  else {
    const tree = (cache.tree ??= buildKdTree(train, 30));
    found = queries.map((x) => kdQuery(tree, x, k));
  }
  return found.map(({ index, rdist }) => ({ index, distance: rdist.map(Math.sqrt) }));
}

export class KNeighborsClassifier extends BaseEstimator<KNeighborsClassifierOptions> implements Classifier {
  static override readonly estimatorName = "KNeighborsClassifier";
  #state?: KNeighborsState;
  /** The KD tree, built on first use from the training rows (deterministic, so not saved). */
  #cache: { tree?: KdTree } = {};

  constructor(options: Partial<KNeighborsClassifierOptions> = {}) {
    super({ k: 5, weights: "uniform" }, options);
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
    this.#cache = {};
    this.markFitted();
    return this;
  }

  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const { X: train, codes, classes } = this.#state!;
    const k = this.params.k;
    const queries = predictMatrix(X, train[0].length, `${this.estimatorName}.predictProba`);
    return sklearnNeighbors(train, queries, k, k, this.#cache).map(({ index, distance }) => {
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
    this.#cache = {};
  }
}

registerEstimator(KNeighborsClassifier);
