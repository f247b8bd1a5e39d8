/**
 * k-means as scikit-learn's KMeans: greedy k-means++ seeding (2 + log k local trials), Lloyd
 * iterations until the centre shift falls under tol × mean feature variance, best of nInit runs.
 */
import { BaseEstimator, registerEstimator } from "../core/estimator";
import { AibookError } from "../core/errors";
import { createRandom, type Random } from "../random";
import { checkNumber, columnStats, fitMatrix, predictMatrix, squaredDistance } from "./shared";

export type KMeansOptions = {
  k: number;
  nInit: number;
  maxIter: number;
  tol: number;
  seed: number | undefined;
}

interface KMeansState {
  centers: number[][];
  labels: number[];
  inertia: number;
  iterations: number;
}

export class KMeans extends BaseEstimator<KMeansOptions> {
  static override readonly estimatorName = "KMeans";
  #state?: KMeansState;

  constructor(options: Partial<KMeansOptions> = {}) {
    super({ k: 8, nInit: 1, maxIter: 300, tol: 1e-4, seed: undefined }, options);
  }

  get centers(): number[][] {
    this.assertFitted("centers");
    return this.#state!.centers.map((c) => [...c]);
  }

  /** Cluster of each training row (scikit-learn's labels_). */
  get labels(): number[] {
    this.assertFitted("labels");
    return [...this.#state!.labels];
  }

  /** Sum of squared distances of the training rows to their centre. */
  get inertia(): number {
    this.assertFitted("inertia");
    return this.#state!.inertia;
  }

  fit(X: unknown, _y?: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const k = checkNumber(where, "k", this.params.k, 1, true);
    const nInit = checkNumber(where, "nInit", this.params.nInit, 1, true);
    const maxIter = checkNumber(where, "maxIter", this.params.maxIter, 1, true);
    const { values } = fitMatrix(X, where);
    if (values.length < k) throw new AibookError(`${where}: k = ${k} clusters but X has only ${values.length} rows.`);
    const variance = columnStats(values).variance;
    const tol = (this.params.tol * variance.reduce((a, b) => a + b, 0)) / variance.length;
    const random = createRandom(this.params.seed);
    let best: KMeansState | undefined;
    for (let run = 0; run < nInit; run++) {
      const result = lloyd(values, kmeansPlusPlus(values, k, random), maxIter, tol);
      if (!best || result.inertia < best.inertia) best = result;
    }
    this.#state = best;
    this.markFitted();
    return this;
  }

  /** The nearest centre of each row. */
  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const { centers } = this.#state!;
    return predictMatrix(X, centers[0].length, `${this.estimatorName}.predict`).map((x) => nearestCenter(x, centers).index);
  }

  fitPredict(X: unknown): number[] {
    return this.fit(X).labels;
  }

  /** Distances to every centre (scikit-learn's transform). */
  transform(X: unknown): number[][] {
    this.assertFitted("transform");
    const { centers } = this.#state!;
    return predictMatrix(X, centers[0].length, `${this.estimatorName}.transform`).map((x) => centers.map((c) => Math.sqrt(squaredDistance(x, c))));
  }

  protected saveState(): KMeansState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as KMeansState;
  }
}

function nearestCenter(x: number[], centers: number[][]): { index: number; distance: number } {
  let index = 0;
  let distance = Infinity;
  for (let c = 0; c < centers.length; c++) {
    const d = squaredDistance(x, centers[c]);
    if (d < distance) {
      distance = d;
      index = c;
    }
  }
  return { index, distance };
}

/** Greedy k-means++: each new centre is the best of 2 + floor(ln k) candidates drawn by D². */
function kmeansPlusPlus(X: number[][], k: number, random: Random): number[][] {
  const n = X.length;
  const trials = 2 + Math.floor(Math.log(k));
  const centers = [[...X[random.int(n)]]];
  const closest = Float64Array.from(X, (x) => squaredDistance(x, centers[0]));
  let potential = closest.reduce((a, b) => a + b, 0);
  const cumulative = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumulative[i] = acc += closest[i];
    let bestPotential = Infinity;
    let bestCandidate = 0;
    let bestDistances: Float64Array | undefined;
    for (let t = 0; t < trials; t++) {
      const u = random.next() * potential;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] <= u) lo = mid + 1;
        else hi = mid;
      }
      const distances = Float64Array.from(X, (x, i) => Math.min(closest[i], squaredDistance(x, X[lo])));
      const pot = distances.reduce((a, b) => a + b, 0);
      if (pot < bestPotential) {
        bestPotential = pot;
        bestCandidate = lo;
        bestDistances = distances;
      }
    }
    centers.push([...X[bestCandidate]]);
    closest.set(bestDistances!);
    potential = bestPotential;
  }
  return centers;
}

function lloyd(X: number[][], centers: number[][], maxIter: number, tol: number): KMeansState {
  const n = X.length;
  const p = X[0].length;
  const k = centers.length;
  const labels = new Array(n).fill(-1);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    let changed = false;
    const distances = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const { index, distance } = nearestCenter(X[i], centers);
      if (labels[i] !== index) changed = true;
      labels[i] = index;
      distances[i] = distance;
    }
    const sums = Array.from({ length: k }, () => new Array(p).fill(0));
    const counts = new Array(k).fill(0);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let j = 0; j < p; j++) sums[labels[i]][j] += X[i][j];
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      let next: number[];
      if (counts[c] === 0) {
        // Empty cluster: move it to the row farthest from its centre, as scikit-learn does.
        const far = distances.indexOf(Math.max(...distances));
        distances[far] = 0;
        next = [...X[far]];
      } else next = sums[c].map((s) => s / counts[c]);
      shift += squaredDistance(next, centers[c]);
      centers[c] = next;
    }
    if (!changed && iterations > 0) break;
    if (shift <= tol) {
      iterations++;
      break;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const { index, distance } = nearestCenter(X[i], centers);
    labels[i] = index;
    inertia += distance;
  }
  return { centers, labels, inertia, iterations };
}

registerEstimator(KMeans);
