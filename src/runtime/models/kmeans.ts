/**
 * k-means as scikit-learn's KMeans: greedy k-means++ seeding (2 + log k local trials), Lloyd
 * iterations until the centre shift falls under tol × mean feature variance, best of nInit runs.
 */
import { BaseEstimator, registerEstimator } from "../core/estimator";
import { AibookError } from "../core/errors";
import { createRandom, type Random } from "../random";
import { withKernels, type Kernels, type Placed } from "../wasm";
import { progress, type Progress } from "../core/progress";
import { checkNumber, columnStats, fitMatrix, predictMatrix } from "./shared";

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
    const n = values.length;
    const p = values[0].length;
    const trials = seedingTrials(k);
    const layout = {
      data: ["f64", n * p],
      centers: ["f64", k * p],
      labels: ["i32", n],
      upper: ["f64", n],
      lower: ["f64", n],
      moved: ["f64", k],
      half: ["f64", k],
      sums: ["f64", k * p],
      counts: ["f64", k],
      candidates: ["f64", trials * p],
      candidateDistances: ["f64", n * trials],
      closest: ["f64", n],
    } as const;
    const best = withKernels(layout, (kernels, m) => {
      values.forEach((row, i) => m.data.set(row, i * p));
      let best: KMeansState | undefined;
      for (let run = 0; run < nInit; run++) {
        const report = progress(nInit > 1 ? `${where} (run ${run + 1}/${nInit})` : where, "iteration", maxIter);
        kmeansPlusPlus(kernels, m, n, p, k, random);
        const result = lloyd(kernels, m, n, p, k, maxIter, tol, report);
        report.finish(`${result.iterations} iterations, inertia ${result.inertia.toPrecision(6)}`);
        if (!best || result.inertia < best.inertia) best = result;
      }
      return best!;
    });
    this.#state = best;
    this.markFitted();
    return this;
  }

  /** The nearest centre of each row. */
  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const { centers } = this.#state!;
    const p = centers[0].length;
    const values = predictMatrix(X, p, `${this.estimatorName}.predict`);
    const n = values.length;
    const k = centers.length;
    const layout = { data: ["f64", n * p], centers: ["f64", k * p], labels: ["i32", n], first: ["f64", n], second: ["f64", n] } as const;
    return withKernels(layout, (kernels, m) => {
      values.forEach((row, i) => m.data.set(row, i * p));
      centers.forEach((row, c) => m.centers.set(row, c * p));
      kernels.nearestTwo(m.at.data, n, p, m.at.centers, k, m.at.labels, m.at.first, m.at.second);
      return Array.from(m.labels);
    });
  }

  fitPredict(X: unknown): number[] {
    return this.fit(X).labels;
  }

  /** Distances to every centre (scikit-learn's transform). */
  transform(X: unknown): number[][] {
    this.assertFitted("transform");
    const { centers } = this.#state!;
    const p = centers[0].length;
    const values = predictMatrix(X, p, `${this.estimatorName}.transform`);
    const n = values.length;
    const k = centers.length;
    const layout = { data: ["f64", n * p], centers: ["f64", k * p], out: ["f64", n * k] } as const;
    return withKernels(layout, (kernels, m) => {
      values.forEach((row, i) => m.data.set(row, i * p));
      centers.forEach((row, c) => m.centers.set(row, c * p));
      kernels.squaredDistances(m.at.data, n, p, m.at.centers, k, m.at.out);
      return values.map((_, i) => Array.from(m.out.subarray(i * k, i * k + k), Math.sqrt));
    });
  }

  protected saveState(): KMeansState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as KMeansState;
  }
}

/** The arrays of one fit in the kernels' memory (see KMeans.fit for their sizes). */
type FitArrays = Placed<{
  data: ["f64", number];
  centers: ["f64", number];
  labels: ["i32", number];
  upper: ["f64", number];
  lower: ["f64", number];
  moved: ["f64", number];
  half: ["f64", number];
  sums: ["f64", number];
  counts: ["f64", number];
  candidates: ["f64", number];
  candidateDistances: ["f64", number];
  closest: ["f64", number];
}>;

/** Candidates per new centre in greedy k-means++, as scikit-learn: 2 + floor(ln k). */
function seedingTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/**
 * Greedy k-means++ into m.centers: each new centre is the best of the candidates drawn by D²
 * (the one that lowers the total squared distance most). A round measures all its candidates
 * in one kernel call; each candidate's total still sums over the rows in order.
 */
function kmeansPlusPlus(kernels: Kernels, m: FitArrays, n: number, p: number, k: number, random: Random): void {
  const trials = seedingTrials(k);
  const { data, centers, closest, candidates, candidateDistances: distances } = m;
  const first = random.int(n);
  centers.set(data.subarray(first * p, first * p + p), 0);
  kernels.squaredDistances(m.at.data, n, p, m.at.centers, 1, m.at.closest);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i];
  const cumulative = new Float64Array(n);
  const potentials = new Float64Array(trials);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumulative[i] = acc += closest[i];
    for (let t = 0; t < trials; t++) {
      const u = random.next() * potential;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] <= u) lo = mid + 1;
        else hi = mid;
      }
      candidates.set(data.subarray(lo * p, lo * p + p), t * p);
    }
    kernels.squaredDistances(m.at.data, n, p, m.at.candidates, trials, m.at.candidateDistances);
    potentials.fill(0);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < trials; t++) potentials[t] += Math.min(closest[i], distances[i * trials + t]);
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if (potentials[t] < potentials[best]) best = t;
    centers.set(candidates.subarray(best * p, best * p + p), c * p);
    for (let i = 0; i < n; i++) closest[i] = Math.min(closest[i], distances[i * trials + best]);
    potential = potentials[best];
  }
}

/**
 * Lloyd iterations from the centres in m.centers until the centres move less than tol in all
 * (squared) or no row changes cluster. The assignment step (hamerlyStep) keeps Hamerly's bounds,
 * so a row is measured only when its bounds no longer prove its centre nearest, and moves its
 * values between the per-centre sums only when it changes cluster: plain Lloyd's result (up to
 * rounding of the sums) for a fraction of the work.
 */
function lloyd(kernels: Kernels, m: FitArrays, n: number, p: number, k: number, maxIter: number, tol: number, report: Progress): KMeansState {
  const { data, centers, labels, upper, lower, moved, half, sums, counts } = m;
  kernels.nearestTwo(m.at.data, n, p, m.at.centers, k, m.at.labels, m.at.upper, m.at.lower);
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    upper[i] = Math.sqrt(upper[i]);
    lower[i] = Math.sqrt(lower[i]);
    const c = labels[i];
    counts[c]++;
    for (let j = 0; j < p; j++) sums[c * p + j] += data[i * p + j];
  }
  const next = new Float64Array(k * p);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) next.set(farthestRow(data, n, p, centers, labels), c * p);
      else for (let j = 0; j < p; j++) next[c * p + j] = sums[c * p + j] / counts[c];
    }
    let shift = 0;
    let maxMoved = 0;
    let secondMoved = 0;
    let maxAt = -1;
    for (let c = 0; c < k; c++) {
      const d2 = squaredDistanceAt(next, c * p, centers, c * p, p);
      shift += d2;
      moved[c] = Math.sqrt(d2);
      if (moved[c] > maxMoved) {
        secondMoved = maxMoved;
        maxMoved = moved[c];
        maxAt = c;
      } else if (moved[c] > secondMoved) secondMoved = moved[c];
    }
    centers.set(next);
    report.tick(iterations + 1, `centre shift ${shift.toExponential(2)}`);
    if (shift <= tol) {
      iterations++;
      break;
    }
    for (let c = 0; c < k; c++) {
      let nearest = Infinity;
      for (let o = 0; o < k; o++) if (o !== c) nearest = Math.min(nearest, squaredDistanceAt(centers, c * p, centers, o * p, p));
      half[c] = Math.sqrt(nearest) / 2;
    }
    const changed = kernels.hamerlyStep(
      m.at.data, n, p, m.at.centers, k,
      m.at.labels, m.at.upper, m.at.lower, m.at.moved, m.at.half,
      maxAt, maxMoved, secondMoved, m.at.sums, m.at.counts,
    );
    if (changed === 0) {
      iterations++;
      break;
    }
  }
  // Final labels against the final centres, and the inertia from their squared distances.
  kernels.nearestTwo(m.at.data, n, p, m.at.centers, k, m.at.labels, m.at.upper, m.at.lower);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += upper[i];
  return {
    centers: Array.from({ length: k }, (_, c) => Array.from(centers.subarray(c * p, c * p + p))),
    labels: Array.from(labels),
    inertia,
    iterations,
  };
}

/** An empty cluster moves to the row farthest from its centre, as in scikit-learn. */
function farthestRow(data: Float64Array, n: number, p: number, centers: Float64Array, labels: Int32Array): Float64Array {
  let far = 0;
  let farD = -1;
  for (let i = 0; i < n; i++) {
    const d = squaredDistanceAt(data, i * p, centers, labels[i] * p, p);
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  return data.slice(far * p, far * p + p);
}

function squaredDistanceAt(a: Float64Array, ai: number, b: Float64Array, bi: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const d = a[ai + j] - b[bi + j];
    s += d * d;
  }
  return s;
}

registerEstimator(KMeans);
