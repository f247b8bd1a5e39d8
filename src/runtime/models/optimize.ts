/**
 * L-BFGS with a strong-Wolfe line search, for the smooth convex objectives of the linear models.
 * scikit-learn stops lbfgs at a gradient of 1e-4; stopping much tighter here lands on the true
 * optimum, which is what scikit-learn's converged fits are within ~1e-6 of, so coefficients agree.
 */

export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
  /** max |gradient| at x. */
  gradNorm: number;
}

export type LbfgsOptions = {
  maxIter: number;
  /** Stop when max |gradient| falls below this. */
  gtol?: number;
  /** Stop when the relative decrease of the objective falls below this. */
  ftol?: number;
  memory?: number;
  /** Called after each iteration with its number and the objective's value (progress reports). */
  onIteration?: (iteration: number, value: number) => void;
}

export function lbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = options.memory ?? 10;
  const gtol = options.gtol ?? 1e-10;
  const ftol = options.ftol ?? 1e-15;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  let iterations = 0;
  let converged = maxAbs(g) <= gtol;
  const d = new Float64Array(n);
  while (!converged && iterations < options.maxIter) {
    iterations++;
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const alpha = new Array(S.length);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], d);
      axpy(-alpha[k], Y[k], d);
    }
    if (S.length) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    } else {
      const norm = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) d[i] /= Math.max(norm, 1);
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], d);
      axpy(alpha[k] - beta, S[k], d);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    // The best step could lower f by about |slope|/2: below rounding of f there is nothing left
    // to gain, and line searches would only chase noise.
    if (-slope <= 1e-14 * Math.abs(fx)) {
      converged = true;
      break;
    }
    const step = wolfeSearch(f, x, fx, g, d, slope);
    if (!step) break;
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = step.x[i] - x[i];
      yv[i] = step.g[i] - g[i];
    }
    const sy = dot(s, yv);
    const decrease = (fx - step.f) / Math.max(Math.abs(fx), Math.abs(step.f), 1);
    x = step.x;
    g = step.g;
    fx = step.f;
    if (sy > 1e-300) {
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    if (maxAbs(g) <= gtol || decrease <= ftol) converged = true;
    options.onIteration?.(iterations, fx);
  }
  return { x, value: fx, iterations, converged, gradNorm: maxAbs(g) };
}

/** Strong Wolfe line search (Nocedal & Wright, algorithms 3.5 and 3.6) with cubic interpolation. */
function wolfeSearch(f: Objective, x: Float64Array, fx: number, g: Float64Array, d: Float64Array, slope: number) {
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x.length;
  type Point = { t: number; x: Float64Array; g: Float64Array; f: number; slope: number };
  const evalAt = (t: number): Point => {
    const xt = new Float64Array(n);
    for (let i = 0; i < n; i++) xt[i] = x[i] + t * d[i];
    const gt = new Float64Array(n);
    const ft = f(xt, gt);
    return { t, x: xt, g: gt, f: ft, slope: dot(gt, d) };
  };
  let prev: Point = { t: 0, x, g, f: fx, slope };
  let t = 1;
  for (let i = 0; i < 20; i++) {
    const cur = evalAt(t);
    if (!Number.isFinite(cur.f) || cur.f > fx + c1 * t * slope || (i > 0 && cur.f >= prev.f)) return zoom(prev, cur);
    if (Math.abs(cur.slope) <= -c2 * slope) return cur;
    if (cur.slope >= 0) return zoom(cur, prev);
    prev = cur;
    t *= 2;
  }
  return prev.t > 0 ? prev : null;

  // A dozen interpolations reach any useful step; beyond that the objective is rounding noise.
  function zoom(lo: Point, hi: Point): Point | null {
    for (let i = 0; i < 12; i++) {
      let tj = cubicMin(lo, hi);
      const span = Math.abs(hi.t - lo.t);
      const minT = Math.min(lo.t, hi.t);
      if (!Number.isFinite(tj) || tj < minT + 0.1 * span || tj > minT + 0.9 * span) tj = (lo.t + hi.t) / 2;
      const cur = evalAt(tj);
      if (!Number.isFinite(cur.f) || cur.f > fx + c1 * tj * slope || cur.f >= lo.f) hi = cur;
      else {
        if (Math.abs(cur.slope) <= -c2 * slope) return cur;
        if (cur.slope * (hi.t - lo.t) >= 0) hi = lo;
        lo = cur;
      }
      if (span < 1e-16) break;
    }
    return lo.t > 0 && lo.f < fx ? lo : null;
  }
}

function cubicMin(a: { t: number; f: number; slope: number }, b: { t: number; f: number; slope: number }): number {
  if (!Number.isFinite(b.f)) return NaN;
  const d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.t - b.t);
  const disc = d1 * d1 - a.slope * b.slope;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b.t - a.t) * Math.sqrt(disc);
  return b.t - (b.t - a.t) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
