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
    const n = values.length;
    const p = values[0].length;
    const data = new Float64Array(n * p);
    values.forEach((row, i) => data.set(row, i * p));
    for (let run = 0; run < nInit; run++) {
      const result = lloyd(data, n, p, kmeansPlusPlus(data, n, p, k, random), maxIter, tol);
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

/**
 * Greedy k-means++: each new centre is the best of 2 + floor(ln k) candidates drawn by D².
 * Works on the flat row-major copy of X; sums run in the same order as over number[][] rows.
 */
function kmeansPlusPlus(data: Float64Array, n: number, p: number, k: number, random: Random): number[][] {
  const trials = 2 + Math.floor(Math.log(k));
  const rowOf = (i: number): number[] => Array.from(data.subarray(i * p, i * p + p));
  const first = random.int(n);
  const centers = [rowOf(first)];
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i] = flatSquaredDistance(data, i * p, first * p, p);
  const cumulative = new Float64Array(n);
  let distances = new Float64Array(n);
  let bestDistances = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumulative[i] = acc += closest[i];
    let bestPotential = Infinity;
    let bestCandidate = 0;
    for (let t = 0; t < trials; t++) {
      const u = random.next() * potential;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] <= u) lo = mid + 1;
        else hi = mid;
      }
      let pot = 0;
      for (let i = 0; i < n; i++) pot += distances[i] = Math.min(closest[i], flatSquaredDistance(data, i * p, lo * p, p));
      if (pot < bestPotential) {
        bestPotential = pot;
        bestCandidate = lo;
        [bestDistances, distances] = [distances, bestDistances];
      }
    }
    centers.push(rowOf(bestCandidate));
    closest.set(bestDistances);
    potential = bestPotential;
  }
  return centers;
}

function flatSquaredDistance(data: Float64Array, a: number, b: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const d = data[a + j] - data[b + j];
    s += d * d;
  }
  return s;
}

/**
 * Lloyd iterations on flat typed arrays, with Hamerly's bounds: a row whose distance to its
 * centre is provably below the distance to every other centre is not re-measured. Same result
 * as plain Lloyd, a fraction of the distance computations once clusters settle.
 */
function lloyd(data: Float64Array, n: number, p: number, start: number[][], maxIter: number, tol: number): KMeansState {
  const k = start.length;
  let centers = new Float64Array(k * p);
  start.forEach((c, j) => centers.set(c, j * p));
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const dist = (i: number, c: number): number => {
    const base = i * p;
    const cb = c * p;
    let d = 0;
    for (let j = 0; j < p; j++) {
      const t = data[base + j] - centers[cb + j];
      d += t * t;
    }
    return Math.sqrt(d);
  };
  /** Nearest and second-nearest centre of row i. */
  const full = (i: number): void => {
    let best = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let c = 0; c < k; c++) {
      const d = dist(i, c);
      if (d < d1) {
        d2 = d1;
        d1 = d;
        best = c;
      } else if (d < d2) d2 = d;
    }
    labels[i] = best;
    upper[i] = d1;
    lower[i] = d2;
  };
  for (let i = 0; i < n; i++) full(i);
  const half = new Float64Array(k);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    const sums = new Float64Array(k * p);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const base = i * p;
      const cb = c * p;
      for (let j = 0; j < p; j++) sums[cb + j] += data[base + j];
    }
    const next = new Float64Array(k * p);
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // Empty cluster: move it to the row farthest from its centre, as scikit-learn does.
        let far = 0;
        let farD = -1;
        for (let i = 0; i < n; i++) {
          const d = dist(i, labels[i]);
          if (d > farD) {
            farD = d;
            far = i;
          }
        }
        next.set(data.subarray(far * p, far * p + p), c * p);
      } else for (let j = 0; j < p; j++) next[c * p + j] = sums[c * p + j] / counts[c];
    }
    const moved = new Float64Array(k);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      let m = 0;
      for (let j = 0; j < p; j++) m += (next[c * p + j] - centers[c * p + j]) ** 2;
      shift += m;
      moved[c] = Math.sqrt(m);
    }
    centers = next;
    if (shift <= tol) {
      iterations++;
      break;
    }
    let maxMoved = 0;
    let secondMoved = 0;
    let maxAt = -1;
    for (let c = 0; c < k; c++) {
      if (moved[c] > maxMoved) {
        secondMoved = maxMoved;
        maxMoved = moved[c];
        maxAt = c;
      } else if (moved[c] > secondMoved) secondMoved = moved[c];
    }
    for (let c = 0; c < k; c++) {
      let nearest = Infinity;
      for (let o = 0; o < k; o++) {
        if (o === c) continue;
        let d = 0;
        for (let j = 0; j < p; j++) d += (centers[c * p + j] - centers[o * p + j]) ** 2;
        nearest = Math.min(nearest, Math.sqrt(d));
      }
      half[c] = nearest / 2;
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      upper[i] += moved[a];
      lower[i] -= a === maxAt ? secondMoved : maxMoved;
      const bound = Math.max(half[a], lower[i]);
      if (upper[i] <= bound) continue;
      upper[i] = dist(i, a);
      if (upper[i] <= bound) continue;
      full(i);
      if (labels[i] !== a) changed = true;
    }
    if (!changed) {
      iterations++;
      break;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    full(i);
    inertia += upper[i] * upper[i];
  }
  return {
    centers: Array.from({ length: k }, (_, c) => Array.from(centers.subarray(c * p, c * p + p))),
    labels: Array.from(labels),
    inertia,
    iterations,
  };
}

registerEstimator(KMeans);
