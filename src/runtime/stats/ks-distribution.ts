/**
 * Distribution of the two-sided Kolmogorov–Smirnov statistic, as scipy computes it for
 * ks_2samp: the exact two-sample probability by lattice-path counting (small samples), and the
 * one-sample distribution of D_n (scipy's kstwo, after Simard & L'Ecuyer 2011) for large ones.
 */
import { logGamma } from "./special";

/** P(D ≥ h/n) for two samples of the same size n (scipy's _compute_prob_outside_square). */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * P(D ≥ d) for samples of sizes m and n, by lattice paths from (0,0) to (m,n) that must stay
 * strictly inside |i·n/g − j·m/g| < h. Each cell holds the share of paths to it that have
 * already left the band (Viehmann 2021, as scipy): cells outside hold 1, and the recursion is a
 * weighted mean, so small p-values come out without the cancellation of 1 − (inside share).
 */
export function probOutsideLattice(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = m / g;
  const ng = n / g;
  const inside = (i: number, j: number) => Math.abs(i * ng - j * mg) < h;
  // One column, updated in place with j ascending: A[j] still holds column i-1 when it is read,
  // A[j-1] already holds column i. The band of inside cells only moves up, so each column costs
  // its band's width (about 2·d·n), not n.
  const A = new Float64Array(n + 1).fill(1);
  let lastLo = 0;
  for (let j = 0; j <= n && inside(0, j); j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(0, Math.floor((i * ng - h) / mg));
    const hi = Math.min(n, Math.ceil((i * ng + h) / mg));
    for (let j = lastLo; j < lo; j++) A[j] = 1;
    for (let j = lo; j <= hi; j++) {
      if (!inside(i, j)) A[j] = 1;
      else if (j > 0) A[j] = (i * A[j] + j * A[j - 1]) / (i + j);
    }
    lastLo = lo;
  }
  return A[n];
}

/** scipy's kstwo.sf(x, n): P(D_n > x) for one sample of size n. */
export function kolmogorovSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob = 1;
    if (n <= 140) for (let i = 1; i <= n; i++) prob *= (i / n) * (2 * t - 1);
    else prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnov(n, x));
  const nxx = t * x;
  if (n <= 140) {
    if (nxx <= 4) return clip(1 - durbinMatrix(n, x));
    return clip(2 * smirnov(n, x));
  }
  if (nxx >= 370) return 0;
  if (nxx >= 2.2) return clip(2 * smirnov(n, x));
  let cdf: number;
  if (nxx >= 18) cdf = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdf = durbinMatrix(n, x);
  else return clip(pelzGoodSf(n, x));
  return clip(1 - cdf);
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** log(n! / n^n) by Stirling's series (scipy's _log_nfactorial_div_n_pow_n). */
function logFactorialOverPower(n: number): number {
  const coeffs = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.417508417508417508e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2];
  const rn = 1 / n;
  let poly = 0;
  for (const c of coeffs) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}

/** One-sided Smirnov survival P(D_n^+ ≥ d) by the Birnbaum–Tingey sum, in logs for large n. */
export function smirnov(n: number, d: number): number {
  if (d <= 0) return 1;
  if (d >= 1) return 0;
  const last = Math.floor(n * (1 - d));
  const lgn = logGamma(n + 1);
  let p = 0;
  for (let v = 0; v <= last; v++) {
    const evn = d + v / n;
    const omevn = 1 - evn;
    if (omevn <= 0 && n - v > 0) continue;
    const t = lgn - logGamma(v + 1) - logGamma(n - v + 1) + (v - 1) * Math.log(evn) + (n - v) * (n - v > 0 ? Math.log(omevn) : 0);
    p += Math.exp(t);
  }
  return p * d;
}

/** P(D_n ≤ d) by Durbin's matrix method as Marsaglia, Tsang and Wang compute it. */
function durbinMatrix(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const H: number[][] = Array.from({ length: m }, () => new Array(m).fill(0));
  const v = new Array(m);
  const w = new Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r][i] = w[r - i + 1];
  for (let r = 0; r < m; r++) H[r][0] = v[r];
  for (let c = 0; c < m; c++) H[m - 1][c] = v[m - 1 - c];
  const E128 = 2 ** 128;
  let power: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  let base = H;
  let expnt = 0;
  let baseExpnt = 0;
  let nn = n;
  while (nn > 0) {
    if (nn % 2) {
      power = matmul(power, base);
      expnt += baseExpnt;
    }
    base = matmul(base, base);
    baseExpnt *= 2;
    if (Math.abs(base[k - 1][k - 1]) > E128) {
      base = base.map((row) => row.map((x) => x / E128));
      baseExpnt += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = power[k - 1][k - 1];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / E128) {
      p *= E128;
      expnt -= 128;
    }
  }
  return p * 2 ** expnt;
}

function matmul(a: number[][], b: number[][]): number[][] {
  const m = a.length;
  const out = Array.from({ length: m }, () => new Array(m).fill(0));
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i][k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i][j] += aik * b[k][j];
    }
  }
  return out;
}

/** Pelz–Good approximation of P(D_n > x) (scipy's _kolmogn_PelzGood with cdf=False). */
function pelzGoodSf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const PI2 = Math.PI ** 2;
  const PI4 = PI2 * PI2;
  const PI6 = PI4 * PI2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 1;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qp + coeffs[i];
  }
  const SQRT2PI = Math.sqrt(2 * Math.PI);
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / div[i];
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = q ** k2;
    k2extra += k2 * qp;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
  }
  K[2] += (k2extra * PI2 * SQRT2PI) / (-36 * z ** 3);
  K[3] += (k3extra * PI2 * SQRT2PI) / (216 * z6);
  for (let i = 0; i < 4; i++) K[i] /= n ** (i / 2);
  return 1 - K[0] - K[1] - K[2] - K[3];
}
