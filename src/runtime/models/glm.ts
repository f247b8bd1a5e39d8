/**
 * Generalized linear models fitted by IRLS with each family's canonical link, as statsmodels'
 * GLM: gaussian/identity, poisson/log, gamma/inverse-power, binomial/logit. `alpha` adds an L2
 * penalty in scikit-learn's scaling (deviance/(2n) + alpha/2 ||coef||², intercept free).
 */
import { BaseEstimator, registerEstimator, type Regressor } from "../core/estimator";
import { AibookError } from "../core/errors";
import { solveSpd, lstsq } from "./linalg";
import { checkChoice, checkNumber, fitMatrix, fitTarget, predictMatrix } from "./shared";

export type GlmFamily = "gaussian" | "poisson" | "gamma" | "binomial";

export type GLMOptions = {
  family: GlmFamily;
  alpha: number;
  maxIter: number;
}

interface GlmState {
  intercept: number;
  coef: number[];
  deviance: number;
  iterations: number;
}

interface Family {
  link(mu: number): number;
  inverse(eta: number): number;
  /** dη/dμ */
  derivative(mu: number): number;
  variance(mu: number): number;
  deviance(y: number, mu: number): number;
  start(y: number, mean: number): number;
  check(y: number): boolean;
  domain: string;
}

const xlogy = (y: number, x: number) => (y === 0 ? 0 : y * Math.log(x));
/**
 * statsmodels' Family._clean: the ratio y/μ inside a deviance is clipped to [eps, ∞). An IRLS
 * step of the inverse link can leave μ ≤ 0 on some rows (gamma on a wide-ranging feature); the
 * deviance stays finite and the next step recovers, where an unclipped log gave NaN and the fit
 * failed on data statsmodels fits (engel: food expenditure on income).
 */
/** statsmodels' Binomial._clean: a probability clipped to [eps, 1 - eps]. */
const clip01 = (p: number) => Math.min(Math.max(p, Number.EPSILON), 1 - Number.EPSILON);
const clean = (x: number) => (x > Number.EPSILON ? x : Number.EPSILON);

const families: Record<GlmFamily, Family> = {
  gaussian: {
    link: (mu) => mu,
    inverse: (eta) => eta,
    derivative: () => 1,
    variance: () => 1,
    deviance: (y, mu) => (y - mu) ** 2,
    start: (y, mean) => (y + mean) / 2,
    check: (y) => Number.isFinite(y),
    domain: "finite numbers",
  },
  poisson: {
    link: Math.log,
    inverse: Math.exp,
    derivative: (mu) => 1 / mu,
    variance: (mu) => mu,
    deviance: (y, mu) => 2 * (xlogy(y, clean(y / mu)) - (y - mu)),
    start: (y, mean) => (y + mean) / 2,
    check: (y) => y >= 0,
    domain: "counts (>= 0)",
  },
  gamma: {
    link: (mu) => 1 / mu,
    inverse: (eta) => 1 / eta,
    derivative: (mu) => -1 / (mu * mu),
    variance: (mu) => mu * mu,
    deviance: (y, mu) => 2 * (-Math.log(clean(y / mu)) + (y - mu) / mu),
    start: (y, mean) => (y + mean) / 2,
    check: (y) => y > 0,
    domain: "positive numbers",
  },
  binomial: {
    link: (mu) => Math.log(mu / (1 - mu)),
    inverse: (eta) => (eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta))),
    // statsmodels clips the probability to [eps, 1 - eps] in the logit's derivative and the
    // variance, so that IRLS stays finite where a fitted probability rounds to 0 or 1.
    derivative: (mu) => 1 / (clip01(mu) * (1 - clip01(mu))),
    variance: (mu) => clip01(mu) * (1 - clip01(mu)),
    deviance: (y, mu) => 2 * (xlogy(y, clean(y / (mu + 1e-20))) + xlogy(1 - y, clean((1 - y) / (1 - mu + 1e-20)))),
    start: (y) => (y + 0.5) / 2,
    check: (y) => y >= 0 && y <= 1,
    domain: "proportions in [0, 1] (0/1 labels)",
  },
};

export class GLM extends BaseEstimator<GLMOptions> implements Regressor {
  static override readonly estimatorName = "GLM";
  #state?: GlmState;

  constructor(options: Partial<GLMOptions> = {}) {
    super({ family: "gaussian", alpha: 0, maxIter: 100 }, options);
  }

  get coef(): number[] {
    this.assertFitted("coef");
    return [...this.#state!.coef];
  }

  get intercept(): number {
    this.assertFitted("intercept");
    return this.#state!.intercept;
  }

  get deviance(): number {
    this.assertFitted("deviance");
    return this.#state!.deviance;
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const name = checkChoice(where, "family", this.params.family, ["gaussian", "poisson", "gamma", "binomial"] as const);
    const alpha = checkNumber(where, "alpha", this.params.alpha, 0);
    const maxIter = checkNumber(where, "maxIter", this.params.maxIter, 1, true);
    const family = families[name];
    const { values } = fitMatrix(X, where);
    let target: number[];
    try {
      target = fitTarget(y, values.length, where);
    } catch (error) {
      // Class labels ("no"/"yes") handed to the binomial family: say how to get its 0/1 target.
      if (name === "binomial" && error instanceof AibookError && /holds the text/.test(error.message)) {
        throw new AibookError(`${error.message.replace(/; a regression target must be numeric\.$/, ".")} The binomial family needs 0/1 (or proportions): encode the labels first, e.g. new LabelEncoder().fitTransform(y), or use LogisticRegression, which takes labels as they are.`);
      }
      throw error;
    }
    const bad = target.findIndex((v) => !family.check(v));
    if (bad >= 0) throw new AibookError(`${where}: the ${name} family needs a target of ${family.domain}; row ${bad} holds ${target[bad]}.`);
    const n = values.length;
    const design = values.map((row) => [1, ...row]);
    const q = design[0].length;
    const mean = target.reduce((a, b) => a + b, 0) / n;
    let mu = target.map((v) => family.start(v, mean));
    let eta = mu.map(family.link);
    let beta = new Array(q).fill(0);
    let deviance = Infinity;
    let iterations = 0;
    for (; iterations < maxIter; iterations++) {
      // Weighted least squares on the working response z with weights w.
      const w = mu.map((m) => 1 / (family.derivative(m) ** 2 * family.variance(m)));
      const z = eta.map((e, i) => e + (target[i] - mu[i]) * family.derivative(mu[i]));
      let next: number[] | null;
      if (alpha === 0) {
        const sw = w.map(Math.sqrt);
        next = lstsq(design.map((row, i) => row.map((v) => v * sw[i])), z.map((v, i) => v * sw[i]));
      } else {
        const M = Array.from({ length: q }, () => new Array(q).fill(0));
        const b = new Array(q).fill(0);
        for (let i = 0; i < n; i++) {
          const row = design[i];
          for (let a = 0; a < q; a++) {
            b[a] += w[i] * row[a] * z[i];
            for (let c = 0; c <= a; c++) M[a][c] += w[i] * row[a] * row[c];
          }
        }
        for (let a = 0; a < q; a++) for (let c = 0; c < a; c++) M[c][a] = M[a][c];
        for (let a = 1; a < q; a++) M[a][a] += n * alpha;
        next = solveSpd(M, b);
        if (!next) throw new AibookError(`${where}: the weighted normal equations are singular; remove constant or duplicate columns.`);
      }
      beta = next;
      eta = design.map((row) => row.reduce((s, v, j) => s + v * beta[j], 0));
      mu = eta.map(family.inverse);
      if (!beta.every(Number.isFinite) || !mu.every(Number.isFinite)) {
        throw new AibookError(`${where}: IRLS diverged for the ${name} family (non-finite coefficients); scale the features or check the target.`);
      }
      // statsmodels' check: fitted values equal to the target on every row. For 0/1 targets the
      // classes are separated, the unpenalised coefficients grow without bound and statsmodels
      // refuses (PerfectSeparationError); without this the fit ran on into NaN coefficients.
      if (alpha === 0 && name === "binomial" && mu.every((m, i) => Math.abs(m - target[i]) <= 1e-8)) {
        throw new AibookError(
          `${where}: perfect separation: the features separate the 0 and 1 rows, so the binomial coefficients are infinite (statsmodels refuses this fit too). Add a penalty (alpha > 0) or use LogisticRegression.`,
        );
      }
      const dev = mu.reduce((s, m, i) => s + family.deviance(target[i], m), 0);
      if (!Number.isFinite(dev)) {
        throw new AibookError(`${where}: IRLS diverged for the ${name} family (non-finite deviance); scale the features or check the target.`);
      }
      const done = Math.abs(dev - deviance) <= 1e-12 * (Math.abs(dev) + 1e-300);
      deviance = dev;
      if (done) break;
    }
    this.#state = { intercept: beta[0], coef: beta.slice(1), deviance, iterations };
    this.markFitted();
    return this;
  }

  /** The linear predictor η = intercept + X·coef. */
  predictLinear(X: unknown): number[] {
    this.assertFitted("predictLinear");
    const { coef, intercept } = this.#state!;
    return predictMatrix(X, coef.length, `${this.estimatorName}.predict`).map((row) => row.reduce((s, v, j) => s + v * coef[j], intercept));
  }

  /** The expected response μ (for binomial: the probability of 1). */
  predict(X: unknown): number[] {
    this.assertFitted("predict");
    return this.predictLinear(X).map(families[this.params.family].inverse);
  }

  protected saveState(): GlmState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as GlmState;
  }
}

registerEstimator(GLM);
