/**
 * Isolation forest as scikit-learn's: trees of random splits on subsamples of min(256, n) rows,
 * depth limit ceil(log2(subsample)); the anomaly score is 2^(-mean path length / c(subsample)).
 * `contamination: "auto"` flags scores above 0.5, a number flags that share of the training rows.
 */
import { BaseEstimator, registerEstimator } from "../core/estimator";
import { AibookError } from "../core/errors";
import { createRandom, type Random } from "../random";
import { checkNumber, fitMatrix, predictMatrix } from "./shared";

export type IsolationForestOptions = {
  nEstimators: number;
  maxSamples: number | "auto";
  contamination: number | "auto";
  seed: number | undefined;
}

interface IsoTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Path length credited at a leaf: depth + c(rows in leaf). */
  leafDepth: number[];
}

interface IsolationState {
  trees: IsoTree[];
  subsample: number;
  offset: number;
  nFeatures: number;
}

/** Average path length of an unsuccessful BST search among n rows (the normaliser c(n)). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649015329) - (2 * (n - 1)) / n;
}

export class IsolationForest extends BaseEstimator<IsolationForestOptions> {
  static override readonly estimatorName = "IsolationForest";
  #state?: IsolationState;

  constructor(options: Partial<IsolationForestOptions> = {}) {
    super({ nEstimators: 100, maxSamples: "auto", contamination: "auto", seed: undefined }, options);
  }

  fit(X: unknown, _y?: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const nEstimators = checkNumber(where, "nEstimators", this.params.nEstimators, 1, true);
    const { values } = fitMatrix(X, where);
    const n = values.length;
    const m = this.params.maxSamples;
    const subsample = m === "auto" ? Math.min(256, n) : Math.min(n, m <= 1 ? Math.max(1, Math.floor(m * n)) : checkNumber(where, "maxSamples", m, 1, true));
    const c = this.params.contamination;
    if (c !== "auto" && !(typeof c === "number" && c > 0 && c <= 0.5)) {
      throw new AibookError(`${where}: contamination must be "auto" or a number in (0, 0.5]; got ${JSON.stringify(c)}.`);
    }
    const random = createRandom(this.params.seed);
    const maxDepth = Math.ceil(Math.log2(Math.max(subsample, 2)));
    const trees = Array.from({ length: nEstimators }, () => {
      const rows = random.sample(n, subsample);
      return growIsolationTree(values, rows, maxDepth, random);
    });
    this.#state = { trees, subsample, offset: -0.5, nFeatures: values[0].length };
    this.markFitted();
    if (c !== "auto") this.#state.offset = percentile(this.scoreSamples(values), 100 * c);
    return this;
  }

  /** scikit-learn's score_samples: the opposite of the anomaly score (lower is more abnormal). */
  scoreSamples(X: unknown): number[] {
    this.assertFitted("scoreSamples");
    const { trees, subsample, nFeatures } = this.#state!;
    const norm = averagePathLength(subsample);
    return predictMatrix(X, nFeatures, `${this.estimatorName}.scoreSamples`).map((x) => {
      let total = 0;
      for (const t of trees) {
        let node = 0;
        while (t.feature[node] >= 0) node = x[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
        total += t.leafDepth[node];
      }
      return -(2 ** (-(total / trees.length) / norm));
    });
  }

  /** Score shifted so that negative means anomaly. */
  decisionFunction(X: unknown): number[] {
    this.assertFitted("decisionFunction");
    return this.scoreSamples(X).map((s) => s - this.#state!.offset);
  }

  /** 1 for normal rows, -1 for anomalies. */
  predict(X: unknown): number[] {
    this.assertFitted("predict");
    return this.decisionFunction(X).map((d) => (d < 0 ? -1 : 1));
  }

  fitPredict(X: unknown): number[] {
    return this.fit(X).predict(X);
  }

  protected saveState(): IsolationState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as IsolationState;
  }
}

function growIsolationTree(X: number[][], rows: number[], maxDepth: number, random: Random): IsoTree {
  const tree: IsoTree = { feature: [], threshold: [], left: [], right: [], leafDepth: [] };
  const p = X[0].length;
  const grow = (subset: number[], depth: number): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.leafDepth.push(depth + averagePathLength(subset.length));
    if (depth >= maxDepth || subset.length <= 1) return id;
    // A random feature that varies here, split uniformly between its min and max.
    const order = random.permutation(p);
    for (const j of order) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const r of subset) {
        lo = Math.min(lo, X[r][j]);
        hi = Math.max(hi, X[r][j]);
      }
      if (!(hi > lo)) continue;
      let threshold = lo + random.next() * (hi - lo);
      if (threshold >= hi) threshold = lo;
      const left = subset.filter((r) => X[r][j] <= threshold);
      const right = subset.filter((r) => X[r][j] > threshold);
      tree.feature[id] = j;
      tree.threshold[id] = threshold;
      tree.left[id] = grow(left, depth + 1);
      tree.right[id] = grow(right, depth + 1);
      return id;
    }
    return id;
  };
  grow(rows, 0);
  return tree;
}

/** numpy.percentile (linear interpolation). */
function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}

registerEstimator(IsolationForest);
