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
      return (a, b) => (gamma * dotp(a, b) + coef0) ** degree;
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
  /** Called every 1000 iterations with the count so far and the optimality gap (the stop is at eps). */
  onProgress?: (iterations: number, gap: number) => void;
}

export interface SolverResult {
  alpha: Float64Array;
  rho: number;
  iterations: number;
}

/** Rows of Q = y_i y_j K(x_i, x_j), computed on demand and kept while memory allows. */
class QMatrix {
  readonly #cache = new Map<number, Float64Array>();
  readonly #limit: number;
  constructor(
    private readonly X: ArrayLike<number>[],
    private readonly y: Int8Array,
    private readonly kernel: KernelFn,
  ) {
    this.#limit = Math.max(2, Math.floor((256 * 1024 * 1024) / 8 / Math.max(1, X.length)));
  }
  row(i: number): Float64Array {
    let r = this.#cache.get(i);
    if (r) {
      this.#cache.delete(i);
      this.#cache.set(i, r);
      return r;
    }
    const n = this.X.length;
    r = new Float64Array(n);
    const xi = this.X[i];
    const yi = this.y[i];
    for (let j = 0; j < n; j++) r[j] = yi * this.y[j] * this.kernel(xi, this.X[j]);
    if (this.#cache.size >= this.#limit) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(i, r);
    return r;
  }
}

export function solveSmo(problem: SolverProblem): SolverResult {
  const { X, y, p, C, kernel } = problem;
  const alpha = Float64Array.from(problem.alpha);
  const n = X.length;
  const eps = problem.eps ?? 1e-3;
  const maxIter = problem.maxIter ?? Math.max(10_000_000, 100 * n);
  const TAU = 1e-12;
  const Q = new QMatrix(X, y, kernel);
  const QD = Float64Array.from(X, (x) => kernel(x, x));
  const G = Float64Array.from(p);
  for (let i = 0; i < n; i++) {
    if (alpha[i] !== 0) {
      const Qi = Q.row(i);
      for (let k = 0; k < n; k++) G[k] += alpha[i] * Qi[k];
    }
  }
  const isUpper = (i: number) => alpha[i] >= C[i];
  const isLower = (i: number) => alpha[i] <= 0;
  let iterations = 0;
  while (iterations < maxIter) {
    // Select i: the most violating index in I_up.
    let Gmax = -Infinity;
    let i = -1;
    for (let t = 0; t < n; t++) {
      if (y[t] === 1) {
        if (!isUpper(t) && -G[t] >= Gmax) {
          Gmax = -G[t];
          i = t;
        }
      } else if (!isLower(t) && G[t] >= Gmax) {
        Gmax = G[t];
        i = t;
      }
    }
    let Gmax2 = -Infinity;
    let j = -1;
    let objMin = Infinity;
    const Qi = i >= 0 ? Q.row(i) : null;
    for (let t = 0; t < n; t++) {
      if (y[t] === 1) {
        if (!isLower(t)) {
          const diff = Gmax + G[t];
          if (G[t] >= Gmax2) Gmax2 = G[t];
          if (diff > 0 && Qi) {
            const quad = QD[i] + QD[t] - 2 * y[i] * Qi[t];
            const obj = -(diff * diff) / (quad > 0 ? quad : TAU);
            if (obj <= objMin) {
              objMin = obj;
              j = t;
            }
          }
        }
      } else if (!isUpper(t)) {
        const diff = Gmax - G[t];
        if (-G[t] >= Gmax2) Gmax2 = -G[t];
        if (diff > 0 && Qi) {
          const quad = QD[i] + QD[t] + 2 * y[i] * Qi[t];
          const obj = -(diff * diff) / (quad > 0 ? quad : TAU);
          if (obj <= objMin) {
            objMin = obj;
            j = t;
          }
        }
      }
    }
    if (Gmax + Gmax2 < eps || j < 0 || !Qi) break;
    iterations++;
    if (iterations % 1000 === 0) problem.onProgress?.(iterations, Gmax + Gmax2);
    const Qj = Q.row(j);
    const Ci = C[i];
    const Cj = C[j];
    const oldI = alpha[i];
    const oldJ = alpha[j];
    if (y[i] !== y[j]) {
      let quad = QD[i] + QD[j] + 2 * Qi[j];
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
      let quad = QD[i] + QD[j] - 2 * Qi[j];
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
    for (let k = 0; k < n; k++) G[k] += Qi[k] * dI + Qj[k] * dJ;
  }
  // rho, as libsvm's calculate_rho.
  let ub = Infinity;
  let lb = -Infinity;
  let free = 0;
  let sumFree = 0;
  for (let t = 0; t < n; t++) {
    const yG = y[t] * G[t];
    if (isUpper(t)) {
      if (y[t] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (isLower(t)) {
      if (y[t] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      free++;
      sumFree += yG;
    }
  }
  const rho = free > 0 ? sumFree / free : (ub + lb) / 2;
  return { alpha, rho, iterations };
}
