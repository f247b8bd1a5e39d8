/**
 * libsvm's SMO solver (second-order working-set selection, Fan, Chen & Lin 2005) and kernels,
 * shared by SVC and OneClassSVM so that they land on libsvm's (and so scikit-learn's) solutions.
 */
import { AibookError } from "../core/errors";

export interface KernelSpec {
  kernel: "rbf" | "linear" | "poly" | "sigmoid";
  gamma: number;
  degree: number;
  coef0: number;
}

export type KernelFn = (a: ArrayLike<number>, b: ArrayLike<number>) => number;

export function kernelFunction(spec: KernelSpec): KernelFn {
  const { gamma, degree, coef0 } = spec;
  const dotp = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  };
  switch (spec.kernel) {
    case "linear":
      return dotp;
    case "poly":
      return (a, b) => powi(gamma * dotp(a, b) + coef0, degree);
    case "sigmoid":
      return (a, b) => Math.tanh(gamma * dotp(a, b) + coef0);
    case "rbf":
      return (a, b) => {
        let s = 0;
        for (let i = 0; i < a.length; i++) {
          const d = a[i] - b[i];
          s += d * d;
        }
        return Math.exp(-gamma * s);
      };
  }
}

/** libsvm's powi: the power by repeated squaring (an integer degree), rounded as libsvm rounds it. */
function powi(base: number, times: number): number {
  if (!Number.isInteger(times) || times < 0) return base ** times;
  let tmp = base;
  let ret = 1;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp;
    tmp = tmp * tmp;
  }
  return ret;
}

/** scikit-learn's gamma: "scale" = 1 / (p * var(X)), "auto" = 1 / p, or a number. */
export function resolveGamma(gamma: number | "scale" | "auto", X: number[][], where: string): number {
  const p = X[0].length;
  if (gamma === "auto") return 1 / p;
  if (gamma === "scale") {
    let sum = 0;
    let sq = 0;
    for (const row of X) for (const v of row) sum += v;
    const mean = sum / (X.length * p);
    for (const row of X) for (const v of row) sq += (v - mean) ** 2;
    const variance = sq / (X.length * p);
    return variance > 0 ? 1 / (p * variance) : 1;
  }
  if (typeof gamma !== "number" || !(gamma > 0)) throw new AibookError(`${where}: gamma must be "scale", "auto" or a positive number; got ${JSON.stringify(gamma)}.`);
  return gamma;
}

export interface SolverProblem {
  /** Rows the kernel is computed on. */
  X: ArrayLike<number>[];
  /** +1 / -1 per row. */
  y: Int8Array;
  /** Linear term p of 0.5 a'Qa + p'a. */
  p: Float64Array;
  /** Upper bound per row. */
  C: Float64Array;
  alpha: Float64Array;
  kernel: KernelFn;
  eps?: number;
  maxIter?: number;
  /** libsvm's shrinking heuristic (scikit-learn's default, shrinking=True). */
  shrinking?: boolean;
  /** Called every 1000 iterations with the count so far and the optimality gap (the stop is at eps). */
  onProgress?: (iterations: number, gap: number) => void;
}

export interface SolverResult {
  alpha: Float64Array;
  rho: number;
  iterations: number;
}

/**
 * Rows of Q = y_a y_b K(x_a, x_b) by original row, computed on demand and kept while memory
 * allows. libsvm keeps Q in single precision (Qfloat is float), and the SMO path depends on
 * those roundings: stored as float32 here too.
 */
class QMatrix {
  readonly #cache = new Map<number, Float32Array>();
  readonly #limit: number;
  constructor(
    private readonly X: ArrayLike<number>[],
    private readonly y: Int8Array,
    private readonly kernel: KernelFn,
  ) {
    this.#limit = Math.max(2, Math.floor((256 * 1024 * 1024) / 4 / Math.max(1, X.length)));
  }
  row(a: number): Float32Array {
    let r = this.#cache.get(a);
    if (r) {
      this.#cache.delete(a);
      this.#cache.set(a, r);
      return r;
    }
    const n = this.X.length;
    r = new Float32Array(n);
    const xa = this.X[a];
    const ya = this.y[a];
    for (let b = 0; b < n; b++) r[b] = ya * this.y[b] * this.kernel(xa, this.X[b]);
    if (this.#cache.size >= this.#limit) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(a, r);
    return r;
  }
}

const LOWER = 0;
const UPPER = 1;
const FREE = 2;

/**
 * libsvm's Solver::Solve (svm.cpp, as scikit-learn ships it), with its shrinking (scikit-learn's
 * default shrinking=True): every min(n, 1000) iterations the bounded variables that cannot move
 * leave the active set, swapped to its end, and the working-set search then runs over the active
 * positions in their swapped order. The gradient of the shrunk ones is rebuilt from G_bar before
 * stopping. Ties in the search go to the last position, so the swaps change the path, and on long
 * paths (a poly kernel, unscaled columns) the solution, within the tolerance: followed exactly.
 */
export function solveSmo(problem: SolverProblem): SolverResult {
  const { X, kernel } = problem;
  const l = X.length;
  const eps = problem.eps ?? 1e-3;
  const shrinking = problem.shrinking ?? true;
  const maxIter = problem.maxIter ?? Math.max(10_000_000, 100 * l);
  const TAU = 1e-12;
  const Q = new QMatrix(X, problem.y, kernel);
  // Per position (libsvm swaps them all in swap_index); activeSet maps a position to its row.
  const y = Int8Array.from(problem.y);
  const p = Float64Array.from(problem.p);
  const C = Float64Array.from(problem.C);
  const alpha = Float64Array.from(problem.alpha);
  const activeSet = Int32Array.from({ length: l }, (_, i) => i);
  const QD = Float64Array.from(X, (x) => kernel(x, x));
  const status = new Uint8Array(l);
  const updateStatus = (i: number) => {
    status[i] = alpha[i] >= C[i] ? UPPER : alpha[i] <= 0 ? LOWER : FREE;
  };
  for (let i = 0; i < l; i++) updateStatus(i);
  let activeSize = l;
  let unshrink = false;
  /** Q_i[j] for positions i and j. */
  const rowAt = (i: number) => Q.row(activeSet[i]);
  const G = Float64Array.from(p);
  const Gbar = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    if (status[i] !== LOWER) {
      const Qi = rowAt(i);
      const ai = alpha[i];
      for (let j = 0; j < l; j++) G[j] += ai * Qi[activeSet[j]];
      if (status[i] === UPPER) for (let j = 0; j < l; j++) Gbar[j] += C[i] * Qi[activeSet[j]];
    }
  }

  const swapIndex = (i: number, j: number) => {
    const sw = <T extends { [k: number]: number }>(a: T) => {
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    };
    sw(QD);
    sw(y);
    sw(G);
    sw(status);
    sw(alpha);
    sw(p);
    sw(activeSet);
    sw(Gbar);
    sw(C);
  };

  const reconstructGradient = () => {
    if (activeSize === l) return;
    for (let j = activeSize; j < l; j++) G[j] = Gbar[j] + p[j];
    // libsvm picks one of two loop orders by cost; both add the free alphas' terms to each
    // inactive G[j] in position order, with the same (symmetric) kernel values.
    for (let i = 0; i < activeSize; i++) {
      if (status[i] === FREE) {
        const Qi = rowAt(i);
        const ai = alpha[i];
        for (let j = activeSize; j < l; j++) G[j] += ai * Qi[activeSet[j]];
      }
    }
  };

  const beShrunk = (i: number, gmax1: number, gmax2: number): boolean => {
    if (status[i] === UPPER) return y[i] === 1 ? -G[i] > gmax1 : -G[i] > gmax2;
    if (status[i] === LOWER) return y[i] === 1 ? G[i] > gmax2 : G[i] > gmax1;
    return false;
  };

  const doShrinking = () => {
    let gmax1 = -Infinity;
    let gmax2 = -Infinity;
    for (let i = 0; i < activeSize; i++) {
      if (y[i] === 1) {
        if (status[i] !== UPPER && -G[i] >= gmax1) gmax1 = -G[i];
        if (status[i] !== LOWER && G[i] >= gmax2) gmax2 = G[i];
      } else {
        if (status[i] !== UPPER && -G[i] >= gmax2) gmax2 = -G[i];
        if (status[i] !== LOWER && G[i] >= gmax1) gmax1 = G[i];
      }
    }
    if (!unshrink && gmax1 + gmax2 <= eps * 10) {
      unshrink = true;
      reconstructGradient();
      activeSize = l;
    }
    for (let i = 0; i < activeSize; i++) {
      if (beShrunk(i, gmax1, gmax2)) {
        activeSize--;
        while (activeSize > i) {
          if (!beShrunk(activeSize, gmax1, gmax2)) {
            swapIndex(i, activeSize);
            break;
          }
          activeSize--;
        }
      }
    }
  };

  /** select_working_set: [i, j, gap], or null when optimal within eps. */
  const selectWorkingSet = (): [number, number, number] | null => {
    let Gmax = -Infinity;
    let Gmax2 = -Infinity;
    let i = -1;
    let j = -1;
    let objMin = Infinity;
    for (let t = 0; t < activeSize; t++) {
      if (y[t] === 1) {
        if (status[t] !== UPPER && -G[t] >= Gmax) {
          Gmax = -G[t];
          i = t;
        }
      } else if (status[t] !== LOWER && G[t] >= Gmax) {
        Gmax = G[t];
        i = t;
      }
    }
    const Qi = i >= 0 ? rowAt(i) : null;
    for (let t = 0; t < activeSize; t++) {
      if (y[t] === 1) {
        if (status[t] !== LOWER) {
          const diff = Gmax + G[t];
          if (G[t] >= Gmax2) Gmax2 = G[t];
          if (diff > 0 && Qi) {
            const quad = QD[i] + QD[t] - 2 * y[i] * Qi[activeSet[t]];
            const obj = -(diff * diff) / (quad > 0 ? quad : TAU);
            if (obj <= objMin) {
              objMin = obj;
              j = t;
            }
          }
        }
      } else if (status[t] !== UPPER) {
        const diff = Gmax - G[t];
        if (-G[t] >= Gmax2) Gmax2 = -G[t];
        if (diff > 0 && Qi) {
          const quad = QD[i] + QD[t] + 2 * y[i] * Qi[activeSet[t]];
          const obj = -(diff * diff) / (quad > 0 ? quad : TAU);
          if (obj <= objMin) {
            objMin = obj;
            j = t;
          }
        }
      }
    }
    if (Gmax + Gmax2 < eps || j < 0) return null;
    return [i, j, Gmax + Gmax2];
  };

  let iterations = 0;
  let counter = Math.min(l, 1000) + 1;
  while (iterations < maxIter) {
    if (--counter === 0) {
      counter = Math.min(l, 1000);
      if (shrinking) doShrinking();
    }
    let ws = selectWorkingSet();
    if (!ws) {
      reconstructGradient();
      activeSize = l;
      ws = selectWorkingSet();
      if (!ws) break;
      counter = 1; // shrink again on the next iteration
    }
    const [i, j, gap] = ws;
    iterations++;
    if (iterations % 1000 === 0) problem.onProgress?.(iterations, gap);
    const Qi = rowAt(i);
    const Qj = rowAt(j);
    const ri = activeSet[i];
    const rj = activeSet[j];
    const Ci = C[i];
    const Cj = C[j];
    const oldI = alpha[i];
    const oldJ = alpha[j];
    if (y[i] !== y[j]) {
      let quad = QD[i] + QD[j] + 2 * Qi[rj];
      if (quad <= 0) quad = TAU;
      const delta = (-G[i] - G[j]) / quad;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = diff;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = -diff;
      }
      if (diff > Ci - Cj) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = Ci - diff;
        }
      } else if (alpha[j] > Cj) {
        alpha[j] = Cj;
        alpha[i] = Cj + diff;
      }
    } else {
      let quad = QD[i] + QD[j] - 2 * Qi[rj];
      if (quad <= 0) quad = TAU;
      const delta = (G[i] - G[j]) / quad;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > Ci) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = sum - Ci;
        }
      } else if (alpha[j] < 0) {
        alpha[j] = 0;
        alpha[i] = sum;
      }
      if (sum > Cj) {
        if (alpha[j] > Cj) {
          alpha[j] = Cj;
          alpha[i] = sum - Cj;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = sum;
      }
    }
    const dI = alpha[i] - oldI;
    const dJ = alpha[j] - oldJ;
    for (let k = 0; k < activeSize; k++) {
      const rk = activeSet[k];
      G[k] += Qi[rk] * dI + Qj[rk] * dJ;
    }
    const ui = status[i] === UPPER;
    const uj = status[j] === UPPER;
    updateStatus(i);
    updateStatus(j);
    if (ui !== (status[i] === UPPER)) {
      const sign = ui ? -Ci : Ci;
      for (let k = 0; k < l; k++) Gbar[k] += sign * Qi[activeSet[k]];
    }
    if (uj !== (status[j] === UPPER)) {
      const sign = uj ? -Cj : Cj;
      for (let k = 0; k < l; k++) Gbar[k] += sign * Qj[activeSet[k]];
    }
  }
  if (activeSize < l) {
    reconstructGradient();
    activeSize = l;
  }
  // rho, as libsvm's calculate_rho (over positions, in their swapped order).
  let ub = Infinity;
  let lb = -Infinity;
  let free = 0;
  let sumFree = 0;
  for (let t = 0; t < activeSize; t++) {
    const yG = y[t] * G[t];
    if (status[t] === UPPER) {
      if (y[t] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (status[t] === LOWER) {
      if (y[t] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      free++;
      sumFree += yG;
    }
  }
  const rho = free > 0 ? sumFree / free : (ub + lb) / 2;
  // Back in row order.
  const out = new Float64Array(l);
  for (let t = 0; t < l; t++) out[activeSet[t]] = alpha[t];
  return { alpha: out, rho, iterations };
}
