/**
 * The few dense linear-algebra routines the models need, written for accuracy first: a
 * one-sided Jacobi SVD (accurate small singular values, so least squares and PCA agree with
 * LAPACK to ~1e-12 on well-posed data) and a Cholesky solve for the IRLS normal equations.
 */
import type { Matrix } from "../core/data";

export interface Svd {
  /** n×r left singular vectors (columns), r = min(n, p). */
  u: Matrix;
  /** Singular values, descending. */
  s: number[];
  /** p×r right singular vectors (columns). */
  v: Matrix;
}

/** Thin SVD of an n×p matrix by one-sided Jacobi rotations (Hestenes). */
export function svd(A: Matrix): Svd {
  const n = A.length;
  const p = A[0]?.length ?? 0;
  if (n < p) {
    const t = svd(transpose(A));
    return { u: t.v, s: t.s, v: t.u };
  }
  // Work on columns (column-major copies) for speed.
  const cols = Array.from({ length: p }, (_, j) => Float64Array.from(A, (row) => row[j]));
  const V = Array.from({ length: p }, (_, j) => {
    const c = new Float64Array(p);
    c[j] = 1;
    return c;
  });
  const eps = 1e-15;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) {
        const a = cols[i];
        const b = cols[j];
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let k = 0; k < n; k++) {
          alpha += a[k] * a[k];
          beta += b[k] * b[k];
          gamma += a[k] * b[k];
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < n; k++) {
          const x = a[k];
          const y = b[k];
          a[k] = c * x - s * y;
          b[k] = s * x + c * y;
        }
        const va = V[i];
        const vb = V[j];
        for (let k = 0; k < p; k++) {
          const x = va[k];
          const y = vb[k];
          va[k] = c * x - s * y;
          vb[k] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = cols.map((c) => Math.sqrt(c.reduce((acc, x) => acc + x * x, 0)));
  const order = norms.map((_, j) => j).sort((x, y) => norms[y] - norms[x]);
  const s = order.map((j) => norms[j]);
  const u: Matrix = Array.from({ length: n }, () => new Array(p).fill(0));
  const v: Matrix = Array.from({ length: p }, () => new Array(p).fill(0));
  order.forEach((j, r) => {
    const norm = norms[j];
    for (let k = 0; k < n; k++) u[k][r] = norm > 0 ? cols[j][k] / norm : 0;
    for (let k = 0; k < p; k++) v[k][r] = V[j][k];
  });
  return { u, s, v };
}

export function transpose(A: Matrix): Matrix {
  const p = A[0]?.length ?? 0;
  return Array.from({ length: p }, (_, j) => A.map((row) => row[j]));
}

/** Minimum-norm least squares solution of A x ≈ b (numpy.linalg.lstsq's cutoff). */
export function lstsq(A: Matrix, b: number[]): number[] {
  const { u, s, v } = svd(A);
  const p = A[0].length;
  const cutoff = Math.max(A.length, p) * 2.220446049250313e-16 * (s[0] ?? 0);
  const x = new Array(p).fill(0);
  for (let r = 0; r < s.length; r++) {
    if (s[r] <= cutoff) continue;
    let ub = 0;
    for (let k = 0; k < A.length; k++) ub += u[k][r] * b[k];
    const coef = ub / s[r];
    for (let j = 0; j < p; j++) x[j] += coef * v[j][r];
  }
  return x;
}

/** Solves the symmetric positive definite system M x = b by Cholesky; null if M is not SPD. */
export function solveSpd(M: Matrix, b: number[]): number[] | null {
  const n = M.length;
  const L: Matrix = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = M[i][j];
      for (let k = 0; k < j; k++) sum -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i][i] = Math.sqrt(sum);
      } else L[i][j] = sum / L[j][j];
    }
  }
  const y = new Array(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= L[i][k] * y[k];
    y[i] = sum / L[i][i];
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= L[k][i] * x[k];
    x[i] = sum / L[i][i];
  }
  return x;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
