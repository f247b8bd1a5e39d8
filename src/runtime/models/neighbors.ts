/**
 * k-nearest-neighbours classification with scikit-learn's default algorithm "auto": its KD tree
 * (./kdTree.ts) on up to 15 columns when k is below half the rows, which decides between rows
 * at the same distance as scikit-learn does; otherwise its brute-force search (argKmin), whose
 * distances the WebAssembly kernels compute (./pairwise.ts).
 */
import type { Label } from "../core/data";
import { BaseEstimator, registerEstimator, type Classifier } from "../core/estimator";
import { AibookError } from "../core/errors";
import { progress } from "../core/progress";
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

/** The k nearest training rows of each query: indices, and Euclidean distances (not squared). */
export type Neighbors = { index: number[]; distance: number[] }[];

/**
 * scikit-learn's k-nearest search with algorithm "auto": brute force (its ArgKmin) above 15
 * columns or when `nNeighbors` (the estimator's option, which scikit-learn decides on) is at least
 * half the rows, else its KD tree (leaf_size 30), built by `tree` on first need; either way the
 * rows tied at the k-th distance that scikit-learn keeps. Prints progress for a long search.
 */
export function kNeighbors(
  train: number[][],
  queries: number[][],
  k: number,
  nNeighbors: number,
  tree: () => KdTree,
  where: string,
): Neighbors {
  const report = progress(where, "rows", queries.length);
  let found: { index: number[]; rdist: number[] }[];
  if (train[0].length > 15 || nNeighbors >= Math.floor(train.length / 2)) {
    found = argKmin(train, queries, k, undefined, (done) => report.tick(done));
  } else {
    const built = tree();
    found = queries.map((x, i) => {
      report.tick(i);
      return kdQuery(built, x, k);
    });
  }
  report.finish(`${queries.length} rows`);
  return found.map(({ index, rdist }) => ({ index, distance: rdist.map(Math.sqrt) }));
}

export class KNeighborsClassifier extends BaseEstimator<KNeighborsClassifierOptions> implements Classifier {
  static override readonly estimatorName = "KNeighborsClassifier";
  #state?: KNeighborsState;
  /** Built on first use from the training rows (deterministic, so not saved). */
  #tree?: KdTree;

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
    this.#tree = undefined;
    this.markFitted();
    return this;
  }

  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const { X: train, codes, classes } = this.#state!;
    const k = this.params.k;
    const where = `${this.estimatorName}.predictProba`;
    const queries = predictMatrix(X, train[0].length, where);
    return kNeighbors(train, queries, k, k, () => (this.#tree ??= buildKdTree(train, 30)), where).map(({ index, distance }) => {
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
