/**
 * scipy's L-BFGS-B, step for step, for LogisticRegression: its reference is where scikit-learn's
 * lbfgs stops, converged or not, so matching the path matters more than reaching the optimum.
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

export type LbfgsbOptions = {
  maxIter: number;
  /** Stop when max |gradient| falls to this (scipy's pgtol; scikit-learn passes its tol). */
  pgtol: number;
  /** Stop when (f_k − f_k+1) / max(|f_k|, |f_k+1|, 1) falls to this (scipy's default ftol). */
  ftol?: number;
  /** Pairs kept (scipy's maxcor). */
  memory?: number;
  /** Function evaluations per line search before it counts as failed (scipy's maxls). */
  maxLineSearch?: number;
  onIteration?: (iteration: number, value: number) => void;
};

const EPSILON = 2.220446049250313e-16;

/**
 * L-BFGS as scipy's L-BFGS-B (v3.0) runs it on a problem without bounds, which is what
 * scikit-learn's LogisticRegression calls: the same first step (1/‖g‖ along −g), the same
 * Moré–Thuente line search (dcsrch: ftol 1e-3, gtol 0.9, xtol 0.1, at most maxls evaluations),
 * the same rules to skip a pair (s·y ≤ ε·(−g·s)), to restart from steepest descent when a line
 * search fails, and to stop (max|g| ≤ pgtol, relative decrease ≤ ftol, maxIter iterations).
 * Following its iterates rather than only its optimum matters where scikit-learn stops short of
 * the optimum (maxIter reached, or a flat objective): there its coefficients are where this path
 * stops too, within rounding. The direction comes from the two-loop recursion, which equals
 * L-BFGS-B's compact form when no bound is active.
 */
export function lbfgsb(f: Objective, x0: Float64Array, options: LbfgsbOptions): LbfgsResult {
  const n = x0.length;
  const m = options.memory ?? 10;
  const maxls = options.maxLineSearch ?? 20;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  let theta = 1;
  let iterations = 0;
  if (maxAbs(g) <= options.pgtol) return { x, value: fx, iterations, converged: true, gradNorm: maxAbs(g) };
  const refresh = () => {
    S.length = Y.length = rho.length = 0;
    theta = 1;
  };
  for (;;) {
    // The step to the minimiser of the quadratic model: z = x − H g, d = z − x.
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = -g[i];
    if (S.length === 0) {
      for (let i = 0; i < n; i++) d[i] /= theta;
    } else {
      const alpha = new Array<number>(S.length);
      for (let k = S.length - 1; k >= 0; k--) {
        alpha[k] = rho[k] * dot(S[k], d);
        axpy(-alpha[k], Y[k], d);
      }
      for (let i = 0; i < n; i++) d[i] /= theta;
      for (let k = 0; k < S.length; k++) axpy(alpha[k] - rho[k] * dot(Y[k], d), S[k], d);
    }
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      z[i] = x[i] + d[i];
      d[i] = z[i] - x[i];
    }
    const search = lineSearch(f, x, fx, g, d, z, iterations === 0 ? Math.min(1 / Math.sqrt(dot(d, d)), 1e10) : 1, maxls);
    if (!search) {
      // No acceptable step: scipy restores the point and restarts from steepest descent, or
      // ends ("abnormal termination") when it already was steepest descent.
      if (S.length === 0) {
        iterations++;
        return { x, value: fx, iterations, converged: false, gradNorm: maxAbs(g) };
      }
      refresh();
      continue;
    }
    iterations++;
    const { stp, gd, gdold } = search;
    const fold = fx;
    const gold = g;
    x = search.x;
    g = search.g;
    fx = search.f;
    options.onIteration?.(iterations, fx);
    // scipy counts the iteration before its convergence tests: the limit wins on the last one.
    if (iterations >= options.maxIter) return { x, value: fx, iterations, converged: false, gradNorm: maxAbs(g) };
    if (maxAbs(g) <= options.pgtol) return { x, value: fx, iterations, converged: true, gradNorm: maxAbs(g) };
    if (fold - fx <= ftol * Math.max(Math.abs(fold), Math.abs(fx), 1)) return { x, value: fx, iterations, converged: true, gradNorm: maxAbs(g) };
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = g[i] - gold[i];
    const yy = dot(y, y);
    let dr: number;
    let ddum: number;
    if (stp === 1) {
      dr = gd - gdold;
      ddum = -gdold;
    } else {
      dr = (gd - gdold) * stp;
      for (let i = 0; i < n; i++) d[i] *= stp;
      ddum = -gdold * stp;
    }
    if (dr <= EPSILON * ddum) continue; // too little curvature along the step: keep the old pairs
    S.push(d);
    Y.push(y);
    rho.push(1 / dr);
    if (S.length > m) {
      S.shift();
      Y.shift();
      rho.shift();
    }
    theta = yy / dr;
  }
}

/**
 * scipy's lnsrlb: dcsrch along d from x, starting at `stp`; a trial step of exactly 1 lands on
 * z itself. Null when the search fails (an ascent direction, or maxls evaluations without a
 * step), as L-BFGS-B's info ≠ 0 or iback ≥ maxls.
 */
function lineSearch(f: Objective, x: Float64Array, fx: number, g: Float64Array, d: Float64Array, z: Float64Array, stp: number, maxls: number) {
  const n = x.length;
  const gdold = dot(g, d);
  if (gdold >= 0) return null;
  const search = new MoreThuente(fx, gdold, stp, 1e-3, 0.9, 0.1, 0, 1e10);
  for (let ifun = 1; ; ifun++) {
    if (ifun - 1 >= maxls) return null;
    stp = search.stp;
    const xt = stp === 1 ? Float64Array.from(z) : new Float64Array(n);
    if (stp !== 1) for (let i = 0; i < n; i++) xt[i] = stp * d[i] + x[i];
    const gt = new Float64Array(n);
    const ft = f(xt, gt);
    const gd = dot(gt, d);
    if (search.next(ft, gd) !== "FG") return { x: xt, g: gt, f: ft, stp, gd, gdold };
  }
}

/**
 * The Moré–Thuente line search (MINPACK-2 dcsrch with dcstep): finds a step with sufficient
 * decrease f(stp) ≤ f(0) + ftol·stp·f'(0) and curvature |f'(stp)| ≤ gtol·|f'(0)|, keeping an
 * interval of uncertainty that safeguarded cubic and quadratic steps shrink.
 */
class MoreThuente {
  stp: number;
  #brackt = false;
  #stage = 1;
  readonly #finit: number;
  readonly #ginit: number;
  readonly #gtest: number;
  #width: number;
  #width1: number;
  #stx = 0;
  #fx: number;
  #gx: number;
  #sty = 0;
  #fy: number;
  #gy: number;
  #stmin = 0;
  #stmax: number;

  constructor(
    f0: number,
    g0: number,
    stp: number,
    private readonly ftol: number,
    private readonly gtol: number,
    private readonly xtol: number,
    private readonly stpmin: number,
    private readonly stpmax: number,
  ) {
    this.stp = stp;
    this.#finit = this.#fx = this.#fy = f0;
    this.#ginit = this.#gx = this.#gy = g0;
    this.#gtest = ftol * g0;
    this.#width = stpmax - stpmin;
    this.#width1 = this.#width / 0.5;
    this.#stmax = stp + 4 * stp;
  }

  /** Takes f and f' at `stp`; "FG" asks for them at the new `stp`, else the search has ended. */
  next(f: number, g: number): "FG" | "CONVERGENCE" | "WARNING" {
    let stp = this.stp;
    const ftest = this.#finit + stp * this.#gtest;
    if (this.#stage === 1 && f <= ftest && g >= 0) this.#stage = 2;
    const warning =
      (this.#brackt && (stp <= this.#stmin || stp >= this.#stmax)) ||
      (this.#brackt && this.#stmax - this.#stmin <= this.xtol * this.#stmax) ||
      (stp === this.stpmax && f <= ftest && g <= this.#gtest) ||
      (stp === this.stpmin && (f > ftest || g >= this.#gtest));
    if (f <= ftest && Math.abs(g) <= this.gtol * -this.#ginit) return "CONVERGENCE";
    if (warning) return "WARNING";
    if (this.#stage === 1 && f <= this.#fx && f > ftest) {
      // A lower value without sufficient decrease: step on the modified function ψ.
      const gtest = this.#gtest;
      const r = dcstep(this.#stx, this.#fx - this.#stx * gtest, this.#gx - gtest, this.#sty, this.#fy - this.#sty * gtest, this.#gy - gtest, stp, f - stp * gtest, g - gtest, this.#brackt, this.#stmin, this.#stmax);
      [this.#stx, this.#sty, stp, this.#brackt] = [r.stx, r.sty, r.stp, r.brackt];
      this.#fx = r.fx + this.#stx * gtest;
      this.#fy = r.fy + this.#sty * gtest;
      this.#gx = r.dx + gtest;
      this.#gy = r.dy + gtest;
    } else {
      const r = dcstep(this.#stx, this.#fx, this.#gx, this.#sty, this.#fy, this.#gy, stp, f, g, this.#brackt, this.#stmin, this.#stmax);
      [this.#stx, this.#fx, this.#gx, this.#sty, this.#fy, this.#gy, stp, this.#brackt] = [r.stx, r.fx, r.dx, r.sty, r.fy, r.dy, r.stp, r.brackt];
    }
    if (this.#brackt) {
      if (Math.abs(this.#sty - this.#stx) >= 0.66 * this.#width1) stp = this.#stx + 0.5 * (this.#sty - this.#stx);
      this.#width1 = this.#width;
      this.#width = Math.abs(this.#sty - this.#stx);
      this.#stmin = Math.min(this.#stx, this.#sty);
      this.#stmax = Math.max(this.#stx, this.#sty);
    } else {
      this.#stmin = stp + 1.1 * (stp - this.#stx);
      this.#stmax = stp + 4 * (stp - this.#stx);
    }
    stp = Math.min(Math.max(stp, this.stpmin), this.stpmax);
    if ((this.#brackt && (stp <= this.#stmin || stp >= this.#stmax)) || (this.#brackt && this.#stmax - this.#stmin <= this.xtol * this.#stmax)) stp = this.#stx;
    this.stp = stp;
    return "FG";
  }
}

/** One safeguarded step of Moré–Thuente (dcstep): the new trial step and the updated interval. */
function dcstep(stx: number, fx: number, dx: number, sty: number, fy: number, dy: number, stp: number, fp: number, dp: number, brackt: boolean, stpmin: number, stpmax: number) {
  const sgnd = Math.sign(dp) * Math.sign(dx);
  let stpf: number;
  if (fp > fx) {
    // Higher value: the minimum is bracketed; the cubic step if closer to stx, else the cubic/quadratic mean.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const stpc = stx + (p / q) * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) <= Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    brackt = true;
  } else if (sgnd < 0) {
    // Lower value, derivatives of opposite sign: bracketed; the cubic step if farther from stp, else the secant.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const stpc = stp + (p / q) * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Lower value, same sign, the derivative shrinks: cubic step only if the cubic tends to infinity
    // along the step or its minimum lies beyond stp; else the secant step.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    const stpc = r < 0 && gamma !== 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      stpf = stp > stx ? Math.min(stp + 0.66 * (sty - stp), stpf) : Math.max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.min(Math.max(stpf, stpmin), stpmax);
    }
  } else if (brackt) {
    // Lower value, same sign, the derivative does not shrink: the cubic step between stp and sty.
    const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dy / s) * (dp / s));
    if (stp > sty) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dy;
    stpf = stp + (p / q) * (sty - stp);
  } else {
    stpf = stp > stx ? stpmax : stpmin;
  }
  if (fp > fx) {
    sty = stp;
    fy = fp;
    dy = dp;
  } else {
    if (sgnd < 0) {
      sty = stx;
      fy = fx;
      dy = dx;
    }
    stx = stp;
    fx = fp;
    dx = dp;
  }
  return { stx, fx, dx, sty, fy, dy, stp: stpf, brackt };
}
