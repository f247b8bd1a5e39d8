/**
 * One-class SVM as libsvm's (scikit-learn's OneClassSVM): nu bounds the share of training rows
 * outside the boundary; predict gives 1 inside (normal) and -1 outside (anomaly).
 */
import { BaseEstimator, registerEstimator } from "../core/estimator";
import { AibookError } from "../core/errors";
import { progress } from "../core/progress";
import { kernelFunction, resolveGamma, solveSmo, type KernelSpec } from "./svmSolver";
import { checkChoice, checkNumber, fitMatrix, predictMatrix } from "./shared";

export type OneClassSVMOptions = {
  nu: number;
  kernel: "rbf" | "linear" | "poly" | "sigmoid";
  gamma: number | "scale" | "auto";
  degree: number;
  coef0: number;
  tol: number;
}

interface OneClassState {
  spec: KernelSpec;
  vectors: number[][];
  coef: number[];
  rho: number;
}

export class OneClassSVM extends BaseEstimator<OneClassSVMOptions> {
  static override readonly estimatorName = "OneClassSVM";
  #state?: OneClassState;

  constructor(options: Partial<OneClassSVMOptions> = {}) {
    super({ nu: 0.5, kernel: "rbf", gamma: "scale", degree: 3, coef0: 0, tol: 1e-3 }, options);
  }

  fit(X: unknown, _y?: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const kernel = checkChoice(where, "kernel", this.params.kernel, ["rbf", "linear", "poly", "sigmoid"] as const);
    const nu = this.params.nu;
    if (!(typeof nu === "number" && nu > 0 && nu <= 1)) throw new AibookError(`${where}: nu must be in (0, 1]; got ${JSON.stringify(nu)}.`);
    const tol = checkNumber(where, "tol", this.params.tol, 0, false, true);
    const { values } = fitMatrix(X, where);
    const n = values.length;
    const spec: KernelSpec = { kernel, gamma: resolveGamma(this.params.gamma, values, where), degree: this.params.degree, coef0: this.params.coef0 };
    // scikit-learn's libsvm start (solve_one_class with unit sample weights): nu summed once per
    // row, in floating point (0.1 added 400 times is 40.00000000000003, not 40), then handed out
    // greedily, 1 per row. The rounding left over is a tiny free alpha that the working-set
    // selection sees, so it is kept rather than nu * n.
    const alpha = new Float64Array(n);
    let nuL = 0;
    for (let i = 0; i < n; i++) nuL += nu;
    for (let i = 0; i < n && nuL > 0; i++) {
      alpha[i] = Math.min(1, nuL);
      nuL -= alpha[i];
    }
    const report = progress(where, "SMO iteration", undefined);
    const result = solveSmo({
      X: values, y: new Int8Array(n).fill(1), p: new Float64Array(n), C: new Float64Array(n).fill(1), alpha, kernel: kernelFunction(spec), eps: tol,
      onProgress: (iterations, gap) => report.tick(iterations, `gap ${gap.toExponential(2)} (stops below ${tol})`),
    });
    report.finish(`${result.iterations} iterations`);
    const vectors: number[][] = [];
    const coef: number[] = [];
    result.alpha.forEach((a, i) => {
      if (a > 0) {
        vectors.push(values[i]);
        coef.push(a);
      }
    });
    this.#state = { spec, vectors, coef, rho: result.rho };
    this.markFitted();
    return this;
  }

  /** Signed distance to the boundary: positive inside (normal), negative outside. */
  decisionFunction(X: unknown): number[] {
    this.assertFitted("decisionFunction");
    const { spec, vectors, coef, rho } = this.#state!;
    const k = kernelFunction(spec);
    return predictMatrix(X, vectors[0].length, `${this.estimatorName}.decisionFunction`).map((x) => vectors.reduce((s, v, i) => s + coef[i] * k(v, x), -rho));
  }

  /** 1 for normal rows, -1 for anomalies. */
  predict(X: unknown): number[] {
    this.assertFitted("predict");
    return this.decisionFunction(X).map((d) => (d > 0 ? 1 : -1));
  }

  fitPredict(X: unknown): number[] {
    return this.fit(X).predict(X);
  }

  protected saveState(): OneClassState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as OneClassState;
  }
}

registerEstimator(OneClassSVM);
