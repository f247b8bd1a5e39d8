/**
 * Logistic regression as scikit-learn fits it by default: lbfgs, L2 penalty with strength 1/C,
 * unpenalised intercept, one coefficient row for two classes and a multinomial (softmax) model
 * for more. The objective is minimised to convergence, so coefficients match scikit-learn's.
 */
import type { Label } from "../core/data";
import { BaseEstimator, registerEstimator, type Classifier } from "../core/estimator";
import { lbfgs } from "./optimize";
import { checkChoice, checkNumber, fitClasses, fitMatrix, labelsFromProba, predictMatrix, sigmoid, softmaxRows } from "./shared";

export type LogisticRegressionOptions = {
  c: number;
  penalty: "l2" | "none";
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
    const penalty = checkChoice(where, "penalty", this.params.penalty, ["l2", "none"] as const);
    const maxIter = checkNumber(where, "maxIter", this.params.maxIter, 1, true);
    const { values } = fitMatrix(X, where);
    const { classes, codes } = fitClasses(y, values.length, where);
    const n = values.length;
    const p = values[0].length;
    const rows = classes.length === 2 ? 1 : classes.length;
    const width = p + 1;
    const l2 = penalty === "l2" ? 1 / (c * n) : 0;
    const useIntercept = this.params.fitIntercept;
    // The nonzero entries of X, row by row (CSR): zero features (pixels, one-hot columns) cost nothing.
    const rowStart = new Int32Array(n + 1);
    let nonzero = 0;
    for (const row of values) for (const v of row) if (v !== 0) nonzero++;
    const colIndex = new Int32Array(nonzero);
    const entry = new Float64Array(nonzero);
    let q0 = 0;
    values.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v !== 0) {
          colIndex[q0] = j;
          entry[q0++] = v;
        }
      });
      rowStart[i + 1] = q0;
    });
    const scores = new Float64Array(rows);
    // Every entry nonzero (dense features): row i is entry[i * p .. i * p + p), no column lookups.
    const dense = nonzero === n * p;
    // Mean log-loss + l2/2 ||W||^2 (scikit-learn's objective divided by n: the same optimum).
    // Coefficients and their gradient feature-major (j * rows + k) inside the loop: contiguous reads.
    const wt = new Float64Array(p * rows);
    const gt = new Float64Array(p * rows);
    const objective = (w: Float64Array, grad: Float64Array): number => {
      grad.fill(0);
      gt.fill(0);
      for (let j = 0; j < p; j++) for (let k = 0; k < rows; k++) wt[j * rows + k] = w[k * width + j];
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const qs = rowStart[i];
        const qe = rowStart[i + 1];
        // Five classes per pass over the row with the sums in registers (the same sums, in the
        // same order, as one class at a time: results do not change, loads and stores drop 5x;
        // ten classes, as digits, take two passes).
        let k0 = 0;
        if (rows === 1 && dense) {
          let z = useIntercept ? w[p] : 0;
          for (let j = 0; j < p; j++) z += w[j] * entry[qs + j];
          scores[0] = z;
          k0 = 1;
        }
        for (; k0 + 5 <= rows; k0 += 5) {
          let z0 = useIntercept ? w[k0 * width + p] : 0;
          let z1 = useIntercept ? w[(k0 + 1) * width + p] : 0;
          let z2 = useIntercept ? w[(k0 + 2) * width + p] : 0;
          let z3 = useIntercept ? w[(k0 + 3) * width + p] : 0;
          let z4 = useIntercept ? w[(k0 + 4) * width + p] : 0;
          for (let q = qs; q < qe; q++) {
            const xj = entry[q];
            const at = colIndex[q] * rows + k0;
            z0 += wt[at] * xj;
            z1 += wt[at + 1] * xj;
            z2 += wt[at + 2] * xj;
            z3 += wt[at + 3] * xj;
            z4 += wt[at + 4] * xj;
          }
          scores[k0] = z0;
          scores[k0 + 1] = z1;
          scores[k0 + 2] = z2;
          scores[k0 + 3] = z3;
          scores[k0 + 4] = z4;
        }
        for (; k0 < rows; k0++) {
          let z = useIntercept ? w[k0 * width + p] : 0;
          for (let q = qs; q < qe; q++) z += wt[colIndex[q] * rows + k0] * entry[q];
          scores[k0] = z;
        }
        if (rows === 1) {
          const z = scores[0];
          const target = codes[i] === 1 ? 1 : 0;
          const e = Math.exp(-Math.abs(z));
          loss += (z > 0 ? z : 0) - z * target + Math.log1p(e);
          const r = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - target;
          if (dense) for (let j = 0; j < p; j++) grad[j] += r * entry[qs + j];
          else for (let q = qs; q < qe; q++) grad[colIndex[q]] += r * entry[q];
          if (useIntercept) grad[p] += r;
        } else {
          let max = -Infinity;
          for (let k = 0; k < rows; k++) max = Math.max(max, scores[k]);
          const own = scores[codes[i]];
          let sum = 0;
          for (let k = 0; k < rows; k++) sum += scores[k] = Math.exp(scores[k] - max);
          loss += max + Math.log(sum) - own;
          for (let k = 0; k < rows; k++) {
            scores[k] = scores[k] / sum - (codes[i] === k ? 1 : 0);
            if (useIntercept) grad[k * width + p] += scores[k];
          }
          // X^T (P - Y), five classes per pass with their residuals in registers.
          let b = 0;
          for (; b + 5 <= rows; b += 5) {
            const r0 = scores[b];
            const r1 = scores[b + 1];
            const r2 = scores[b + 2];
            const r3 = scores[b + 3];
            const r4 = scores[b + 4];
            for (let q = qs; q < qe; q++) {
              const xj = entry[q];
              const at = colIndex[q] * rows + b;
              gt[at] += r0 * xj;
              gt[at + 1] += r1 * xj;
              gt[at + 2] += r2 * xj;
              gt[at + 3] += r3 * xj;
              gt[at + 4] += r4 * xj;
            }
          }
          for (; b < rows; b++) {
            const r = scores[b];
            for (let q = qs; q < qe; q++) gt[colIndex[q] * rows + b] += r * entry[q];
          }
        }
      }
      if (rows > 1) for (let j = 0; j < p; j++) for (let k = 0; k < rows; k++) grad[k * width + j] += gt[j * rows + k];
      let penaltyValue = 0;
      for (let k = 0; k < rows; k++) {
        for (let j = 0; j < p; j++) {
          const idx = k * width + j;
          grad[idx] = grad[idx] / n + l2 * w[idx];
          penaltyValue += w[idx] * w[idx];
        }
        grad[k * width + p] /= n;
      }
      return loss / n + 0.5 * l2 * penaltyValue;
    };
    const result = lbfgs(objective, new Float64Array(rows * width), { maxIter, gtol: 1e-10 });
    // scikit-learn's lbfgs stops at a gradient of 1e-4 on the summed loss; warn as it would.
    const converged = result.converged || result.gradNorm <= 1e-4 / n;
    if (!converged) {
      console.warn(
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

registerEstimator(LogisticRegression);
