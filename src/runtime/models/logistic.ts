/**
 * Logistic regression as scikit-learn fits it by default: lbfgs, L2 penalty with strength 1/C,
 * unpenalised intercept, one coefficient row for two classes and a multinomial (softmax) model
 * for more. The objective is scikit-learn's, minimised along scipy's L-BFGS-B path with its
 * stopping rules (optimize.ts lbfgsb), so the coefficients are scikit-learn's, converged or not.
 */
import type { Label } from "../core/data";
import { BaseEstimator, registerEstimator, type Classifier } from "../core/estimator";
import { withKernels, type Kernels, type Placed } from "../wasm";
import { lbfgsb } from "./optimize";
import { progress } from "../core/progress";
import { checkChoice, checkNumber, fitClasses, fitMatrix, labelsFromProba, predictMatrix, sigmoid, softmaxRows } from "./shared";
import { warnOnce } from "../core/warn";

export type LogisticRegressionOptions = {
  c: number;
  /** "none" or null (scikit-learn's None, its spelling from 1.2 on): no penalty. */
  penalty: "l2" | "none" | null;
  maxIter: number;
  fitIntercept: boolean;
}

interface LogisticState {
  classes: Label[];
  /** One row per class (one row in all for two classes), as scikit-learn's coef_. */
  coef: number[][];
  intercept: number[];
  converged: boolean;
  iterations: number;
}

export class LogisticRegression extends BaseEstimator<LogisticRegressionOptions> implements Classifier {
  static override readonly estimatorName = "LogisticRegression";
  #state?: LogisticState;

  constructor(options: Partial<LogisticRegressionOptions> = {}) {
    super({ c: 1, penalty: "l2", maxIter: 100, fitIntercept: true }, options);
  }

  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.#state!.classes];
  }

  get coef(): number[][] {
    this.assertFitted("coef");
    return this.#state!.coef.map((r) => [...r]);
  }

  get intercept(): number[] {
    this.assertFitted("intercept");
    return [...this.#state!.intercept];
  }

  /** Whether lbfgs converged within maxIter (scikit-learn warns when it does not). */
  get converged(): boolean {
    this.assertFitted("converged");
    return this.#state!.converged;
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const c = checkNumber(where, "c", this.params.c, 0, false, true);
    // scikit-learn 1.2 takes penalty=None (and deprecates "none", which later versions drop).
    const penalty = this.params.penalty === null ? "none" : checkChoice(where, "penalty", this.params.penalty, ["l2", "none"] as const);
    const maxIter = checkNumber(where, "maxIter", this.params.maxIter, 1, true);
    const { values } = fitMatrix(X, where);
    const { classes, codes } = fitClasses(y, values.length, where);
    const n = values.length;
    const p = values[0].length;
    const rows = classes.length === 2 ? 1 : classes.length;
    const width = p + 1;
    const l2 = penalty === "l2" ? 1 / c : 0;
    const useIntercept = this.params.fitIntercept;
    // scikit-learn's objective exactly, summed over rows: log-loss + ||W||² / 2C. The scale
    // matters: lbfgsb stops as scipy does, on max |gradient| ≤ 1e-4 and on the relative decrease.
    const objective = (design: LinearDesign) => (w: Float64Array, grad: Float64Array): number => {
      const z = design.scores(w);
      let loss = 0;
      for (let i = 0; i < n; i++) loss += logLossResidual(z, i * rows, rows, codes[i]);
      grad.fill(0);
      design.addGradient(grad);
      let penaltyValue = 0;
      for (let k = 0; k < rows; k++) {
        for (let j = 0; j < p; j++) {
          const idx = k * width + j;
          grad[idx] += l2 * w[idx];
          penaltyValue += w[idx] * w[idx];
        }
        if (!useIntercept) grad[k * width + p] = 0;
      }
      return loss + 0.5 * l2 * penaltyValue;
    };
    const report = progress(where, "iteration", maxIter);
    const onIteration = (iteration: number, value: number) => report.tick(iteration, `loss ${(value / n).toPrecision(6)}`);
    // scikit-learn's LogisticRegression: scipy's L-BFGS-B with pgtol = tol = 1e-4 and maxiter.
    const minimize = (design: LinearDesign) => lbfgsb(objective(design), new Float64Array(rows * width), { maxIter, pgtol: 1e-4, onIteration });
    let nonzero = 0;
    for (const row of values) for (let j = 0; j < p; j++) if (row[j] !== 0) nonzero++;
    // Mostly nonzero features run through the WebAssembly kernels; sparse ones (one-hot columns,
    // pixels of a blank page) as compressed rows, where a zero costs nothing.
    const result =
      nonzero >= (n * p) / 4
        ? withKernels(
            { x: ["f64", n * width], w: ["f64", rows * width], z: ["f64", n * rows], g: ["f64", rows * width] } as const,
            (kernels, m) => {
              values.forEach((row, i) => {
                m.x.set(row, i * width);
                m.x[i * width + p] = useIntercept ? 1 : 0;
              });
              return minimize(denseDesign(kernels, m, n, width, rows));
            },
          )
        : minimize(sparseDesign(values, nonzero, rows, useIntercept));
    report.finish(`${result.iterations} iterations, loss ${(result.value / n).toPrecision(6)}`);
    // Where scikit-learn warns (ConvergenceWarning), so does this.
    const converged = result.converged;
    if (!converged) {
      warnOnce(
        `${this.estimatorName}: lbfgs did not converge in ${maxIter} iterations. Scale the features (StandardScaler in a pipeline) or raise maxIter.`,
      );
    }
    const coef = Array.from({ length: rows }, (_, k) => Array.from(result.x.subarray(k * width, k * width + p)));
    const intercept = Array.from({ length: rows }, (_, k) => (useIntercept ? result.x[k * width + p] : 0));
    this.#state = { classes, coef, intercept, converged, iterations: result.iterations };
    this.markFitted();
    return this;
  }

  /** Linear scores per row (one per class, or one in all for two classes). */
  decisionFunction(X: unknown): number[][] {
    this.assertFitted("decisionFunction");
    const { coef, intercept } = this.#state!;
    // Plain loops, summed in the same order as before: no closure or array per class and row.
    return predictMatrix(X, coef[0].length, `${this.estimatorName}.decisionFunction`).map((x) => {
      const out = new Array<number>(coef.length);
      for (let k = 0; k < coef.length; k++) {
        const w = coef[k];
        let s = intercept[k];
        for (let j = 0; j < w.length; j++) s += w[j] * x[j];
        out[k] = s;
      }
      return out;
    });
  }

  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const scores = this.decisionFunction(X);
    if (this.#state!.coef.length === 1) return scores.map(([z]) => [1 - sigmoid(z), sigmoid(z)]);
    return softmaxRows(scores);
  }

  predict(X: unknown): Label[] {
    this.assertFitted("predict");
    const { classes, coef } = this.#state!;
    const scores = this.decisionFunction(X);
    if (coef.length === 1) return scores.map(([z]) => classes[z > 0 ? 1 : 0]);
    return labelsFromProba(scores, classes);
  }

  protected saveState(): LogisticState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as LogisticState;
  }
}

/**
 * The linear part of the model over the training rows: scores X Wᵀ + b for given coefficients
 * (w holds one row of p coefficients and an intercept per class), and the gradient Rᵀ X and
 * Σ R once logLossResidual has turned the scores into residuals R in place.
 */
interface LinearDesign {
  /** Scores, n × rows: the array that addGradient later reads the residuals from. */
  scores(w: Float64Array): Float64Array;
  /** Adds Rᵀ X (and the residual sums, for the intercepts) into grad, laid out as w. */
  addGradient(grad: Float64Array): void;
}

type DenseArrays = Placed<{ x: ["f64", number]; w: ["f64", number]; z: ["f64", number]; g: ["f64", number] }>;

/**
 * Dense rows in the kernels' memory, each followed by a 1 (or a 0 without an intercept), so the
 * coefficients and their gradient keep w's layout and the intercepts need no loops of their own:
 * both products run in WebAssembly SIMD.
 */
function denseDesign(kernels: Kernels, m: DenseArrays, n: number, width: number, rows: number): LinearDesign {
  return {
    scores(w) {
      m.w.set(w);
      kernels.dotRows(m.at.x, n, width, m.at.w, rows, m.at.z);
      return m.z;
    },
    addGradient(grad) {
      m.g.fill(0);
      kernels.addTransposedProduct(m.at.x, n, width, m.at.z, rows, m.at.g);
      for (let i = 0; i < grad.length; i++) grad[i] += m.g[i];
    },
  };
}

/** Compressed rows (the nonzero entries of each row): a zero feature costs nothing. */
function sparseDesign(values: number[][], nonzero: number, rows: number, useIntercept: boolean): LinearDesign {
  const n = values.length;
  const width = values[0].length + 1;
  const p = width - 1;
  const rowStart = new Int32Array(n + 1);
  const colIndex = new Int32Array(nonzero);
  const entry = new Float64Array(nonzero);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const row = values[i];
    for (let j = 0; j < p; j++) {
      if (row[j] !== 0) {
        colIndex[q] = j;
        entry[q++] = row[j];
      }
    }
    rowStart[i + 1] = q;
  }
  const z = new Float64Array(n * rows);
  return {
    scores(w) {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < rows; k++) {
          const base = k * width;
          let s = useIntercept ? w[base + p] : 0;
          for (let e = rowStart[i]; e < rowStart[i + 1]; e++) s += w[base + colIndex[e]] * entry[e];
          z[i * rows + k] = s;
        }
      }
      return z;
    },
    addGradient(grad) {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < rows; k++) {
          const r = z[i * rows + k];
          const base = k * width;
          for (let e = rowStart[i]; e < rowStart[i + 1]; e++) grad[base + colIndex[e]] += r * entry[e];
          grad[base + p] += r;
        }
      }
    },
  };
}

/**
 * Log-loss of one row from its scores z[at .. at + rows), which it replaces by the residuals
 * (predicted probability minus target): one sigmoid score for two classes, softmax for more.
 */
function logLossResidual(z: Float64Array, at: number, rows: number, code: number): number {
  if (rows === 1) {
    const s = z[at];
    const target = code === 1 ? 1 : 0;
    const e = Math.exp(-Math.abs(s));
    z[at] = (s >= 0 ? 1 / (1 + e) : e / (1 + e)) - target;
    return (s > 0 ? s : 0) - s * target + Math.log1p(e);
  }
  let max = -Infinity;
  for (let k = 0; k < rows; k++) max = Math.max(max, z[at + k]);
  const own = z[at + code];
  let sum = 0;
  for (let k = 0; k < rows; k++) sum += z[at + k] = Math.exp(z[at + k] - max);
  for (let k = 0; k < rows; k++) z[at + k] = z[at + k] / sum - (code === k ? 1 : 0);
  return max + Math.log(sum) - own;
}

registerEstimator(LogisticRegression);
