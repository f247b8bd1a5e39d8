/** Ordinary least squares, solved by SVD so that collinear features get numpy's minimum-norm answer. */
import { BaseEstimator, registerEstimator, type Regressor } from "../core/estimator";
import { lstsq } from "./linalg";
import { fitMatrix, fitTarget, predictMatrix, columnStats } from "./shared";

export type LinearRegressionOptions = {
  fitIntercept: boolean;
}

interface LinearState {
  coef: number[];
  intercept: number;
  columns: string[];
}

export class LinearRegression extends BaseEstimator<LinearRegressionOptions> implements Regressor {
  static override readonly estimatorName = "LinearRegression";
  #state?: LinearState;

  constructor(options: Partial<LinearRegressionOptions> = {}) {
    super({ fitIntercept: true }, options);
  }

  /** Fitted coefficients, one per column (scikit-learn's coef_). */
  get coef(): number[] {
    this.assertFitted("coef");
    return [...this.#state!.coef];
  }

  get intercept(): number {
    this.assertFitted("intercept");
    return this.#state!.intercept;
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values, columns } = fitMatrix(X, where);
    const target = fitTarget(y, values.length, where);
    let xMean = new Array(columns.length).fill(0);
    let yMean = 0;
    if (this.params.fitIntercept) {
      xMean = columnStats(values).mean;
      yMean = target.reduce((a, b) => a + b, 0) / target.length;
    }
    const coef = lstsq(values, target.map((v) => v - yMean), xMean);
    const intercept = this.params.fitIntercept ? yMean - coef.reduce((s, c, j) => s + c * xMean[j], 0) : 0;
    this.#state = { coef, intercept, columns };
    this.markFitted();
    return this;
  }

  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const { coef, intercept } = this.#state!;
    return predictMatrix(X, coef.length, `${this.estimatorName}.predict`).map((row) => row.reduce((s, v, j) => s + v * coef[j], intercept));
  }

  protected saveState(): LinearState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as LinearState;
  }
}

registerEstimator(LinearRegression);
