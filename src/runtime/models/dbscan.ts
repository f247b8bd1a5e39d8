/**
 * DBSCAN as scikit-learn's: core rows have at least minSamples rows (themselves included)
 * within eps; clusters grow from core rows in row order; the rest is noise (-1).
 */
import { BaseEstimator, registerEstimator } from "../core/estimator";
import { progress } from "../core/progress";
import { buildKdTree, kdRadius } from "./kdTree";
import { forEachDistanceBlock } from "./pairwise";
import { checkNumber, fitMatrix, predictMatrix, squaredDistance } from "./shared";

export type DBSCANOptions = {
  eps: number;
  minSamples: number;
}

interface DBSCANState {
  labels: number[];
  coreSampleIndices: number[];
  /** Core rows and their clusters, for assigning new rows in predict. */
  cores: number[][];
  coreLabels: number[];
  nFeatures: number;
}

export class DBSCAN extends BaseEstimator<DBSCANOptions> {
  static override readonly estimatorName = "DBSCAN";
  #state?: DBSCANState;

  constructor(options: Partial<DBSCANOptions> = {}) {
    super({ eps: 0.5, minSamples: 5 }, options);
  }

  /** Cluster of each training row, -1 for noise (scikit-learn's labels_). */
  get labels(): number[] {
    this.assertFitted("labels");
    return [...this.#state!.labels];
  }

  get coreSampleIndices(): number[] {
    this.assertFitted("coreSampleIndices");
    return [...this.#state!.coreSampleIndices];
  }

  fit(X: unknown, _y?: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const eps = checkNumber(where, "eps", this.params.eps, 0, false, true);
    const minSamples = checkNumber(where, "minSamples", this.params.minSamples, 1, true);
    const { values } = fitMatrix(X, where);
    const n = values.length;
    const eps2 = eps * eps;
    const neighbors: number[][] = new Array(n);
    const report = progress(where, "rows", n);
    // scikit-learn's radius search with algorithm "auto": its KD tree on up to 15 columns (and
    // at least 12 rows), else brute force. Either finds the same rows; the tree finds them
    // faster where few columns leave most boxes out of reach.
    if (values[0].length <= 15 && n >= 12) {
      const tree = buildKdTree(values, 30);
      values.forEach((x, i) => {
        neighbors[i] = kdRadius(tree, x, eps2);
        report.tick(i + 1);
      });
    } else {
      forEachDistanceBlock(values, values, (first, count, d) => {
        for (let j = 0; j < count; j++) neighbors[first + j] = [];
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < count; j++) if (d[i * count + j] <= eps2) neighbors[first + j].push(i);
        }
        report.tick(first + count);
      });
    }
    report.finish(`${n} rows`);
    const core = neighbors.map((list) => list.length >= minSamples);
    const labels = new Array(n).fill(-1);
    let cluster = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== -1 || !core[i]) continue;
      const stack = [i];
      labels[i] = cluster;
      while (stack.length) {
        const r = stack.pop()!;
        if (!core[r]) continue;
        for (const j of neighbors[r]) {
          if (labels[j] === -1) {
            labels[j] = cluster;
            stack.push(j);
          }
        }
      }
      cluster++;
    }
    const coreSampleIndices = core.flatMap((c, i) => (c ? [i] : []));
    this.#state = { labels, coreSampleIndices, cores: coreSampleIndices.map((i) => values[i]), coreLabels: coreSampleIndices.map((i) => labels[i]), nFeatures: values[0].length };
    this.markFitted();
    return this;
  }

  fitPredict(X: unknown): number[] {
    return this.fit(X).labels;
  }

  /** New rows join the cluster of their nearest core row within eps, else noise (-1). */
  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const { cores, coreLabels, nFeatures } = this.#state!;
    const eps2 = this.params.eps ** 2;
    return predictMatrix(X, nFeatures, `${this.estimatorName}.predict`).map((x) => {
      let best = -1;
      let bestD = Infinity;
      cores.forEach((c, i) => {
        const d = squaredDistance(x, c);
        if (d <= eps2 && d < bestD) {
          bestD = d;
          best = coreLabels[i];
        }
      });
      return best;
    });
  }

  protected saveState(): DBSCANState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as DBSCANState;
  }
}

registerEstimator(DBSCAN);
