/**
 * Tiny estimators for the report tests: small enough to compute their results by hand, with the
 * runtime's estimator surface (fit returns this, clone, classes, predictProba).
 */

/** Predicts 1 when x0 exceeds a threshold learned as the midpoint of the class means of x0. */
export class ThresholdClassifier {
  readonly estimatorName = "ThresholdClassifier";
  classes: number[] = [];
  threshold = 0;
  fits = 0;
  fit(X: number[][], y: number[]): this {
    this.fits++;
    this.classes = [...new Set(y)].sort((a, b) => a - b);
    const m = (c: number) => {
      const xs = X.filter((_, i) => y[i] === c).map((r) => r[0]);
      return xs.reduce((s, v) => s + v, 0) / xs.length;
    };
    this.threshold = (m(this.classes[0]) + m(this.classes[1])) / 2;
    return this;
  }
  predict(X: number[][]): number[] {
    return X.map((r) => (r[0] > this.threshold ? 1 : 0));
  }
  predictProba(X: number[][]): number[][] {
    return X.map((r) => {
      const p = 1 / (1 + Math.exp(-(r[0] - this.threshold)));
      return [1 - p, p];
    });
  }
  clone(): this {
    return new (this.constructor as new () => this)();
  }
}

/** Always predicts the most frequent class: the baseline every model must beat. */
export class DummyClassifier {
  readonly estimatorName = "DummyClassifier";
  classes: number[] = [];
  majority = 0;
  fit(_X: unknown, y: number[]): this {
    this.classes = [...new Set(y)].sort((a, b) => a - b);
    const count = (c: number) => y.filter((v) => v === c).length;
    this.majority = this.classes.reduce((best, c) => (count(c) > count(best) ? c : best), this.classes[0]);
    return this;
  }
  predict(X: unknown[]): number[] {
    return X.map(() => this.majority);
  }
  clone(): this {
    return new (this.constructor as new () => this)();
  }
}

/** y = a * x0 + b by least squares. */
export class LineRegressor {
  readonly estimatorName = "LinearRegression";
  a = 0;
  b = 0;
  fit(X: number[][], y: number[]): this {
    const xs = X.map((r) => r[0]);
    const mx = xs.reduce((s, v) => s + v, 0) / xs.length, my = y.reduce((s, v) => s + v, 0) / y.length;
    const sxy = xs.reduce((s, x, i) => s + (x - mx) * (y[i] - my), 0), sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    this.a = sxy / sxx;
    this.b = my - this.a * mx;
    return this;
  }
  predict(X: number[][]): number[] {
    return X.map((r) => this.a * r[0] + this.b);
  }
  clone(): this {
    return new (this.constructor as new () => this)();
  }
}
