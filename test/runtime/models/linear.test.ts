import assert from "node:assert/strict";
import { LinearRegression } from "../../../src/runtime/models/linear";
import { LogisticRegression } from "../../../src/runtime/models/logistic";
import { GLM } from "../../../src/runtime/models/glm";
import { assertClose, dataset, fixture } from "./fixtures";

describe("LinearRegression matches scikit-learn", () => {
  for (const c of fixture("linear_regression").cases) {
    it(`${c.dataset}: coefficients, intercept and predictions`, () => {
      const d = dataset(c.dataset);
      const m = new LinearRegression().fit(d.xTrain, d.yTrain);
      assertClose(m.coef, c.coef, 1e-8, 0, "coef");
      assertClose(m.intercept, c.intercept, 1e-8, 0, "intercept");
      assertClose(m.predict(d.xTest), c.predict, 1e-8, 0, "predict");
    });
  }

  it("gives numpy's minimum-norm answer for duplicated columns", () => {
    const X = [[1, 1], [2, 2], [3, 3], [4, 4]];
    const m = new LinearRegression().fit(X, [2, 4, 6, 8]);
    assertClose(m.coef, [1, 1], 1e-12, 1e-12, "coef");
  });
});

describe("LogisticRegression matches scikit-learn (lbfgs, L2, C)", () => {
  for (const c of fixture("logistic_regression").cases) {
    it(`${c.dataset}, C=${c.c}: coefficients and probabilities`, () => {
      const d = dataset(c.dataset);
      const m = new LogisticRegression({ c: c.c }).fit(d.xTrain, d.yTrain);
      assert.deepEqual(m.classes, c.classes);
      // The same L-BFGS-B path as scipy: the same iterations, where scikit-learn converges and where
      // it stops at maxIter short of the optimum (digits600 unscaled), so the same coefficients.
      assert.equal((m.toJSON().state as { iterations: number }).iterations, c.nIter, "lbfgs iterations");
      assert.equal(m.converged, c.sklearnConverged);
      const scale = Math.max(...c.coef.flat().map(Math.abs));
      assertClose(m.coef, c.coef, 0, 1e-6 * scale, "coef vs scikit-learn");
      assertClose(m.intercept, c.intercept, 0, 1e-6 * Math.max(1, ...c.intercept.map(Math.abs)), "intercept vs scikit-learn");
      assertClose(m.predictProba(d.xTest), c.predictProba, 0, 1e-6, "predictProba");
      const pred = m.predict(d.xTest);
      const agree = pred.filter((p, i) => p === c.predict[i]).length / pred.length;
      assert.ok(agree >= 0.99, `predictions agree on ${agree}`);
    });
  }
});

describe("LogisticRegression reaches the optimum on dense and on sparse features", () => {
  // At the optimum of scikit-learn's objective, log-loss + ||W||²/2C summed over rows, the
  // gradient Xᵀ(P − Y) + W/C is zero, and Σ(P − Y) = 0 for the intercepts. Checked in plain loops,
  // whichever path (compressed rows or WebAssembly) the fit took; lbfgs stops, as scipy's, once no
  // entry exceeds 1e-4 or the objective falls by less than 2.2e-9 of itself, hence a bound of 1e-2
  // (a wrong gradient in either path leaves entries of 0.1 and more).
  const gradientAtFit = (X: number[][], y: number[], m: LogisticRegression, c: number, intercept = true): number => {
    const proba = m.predictProba(X);
    const classes = m.classes as number[];
    const coef = m.coef;
    let worst = 0;
    coef.forEach((w, k) => {
      // Two classes: one row of coefficients, for the second class.
      const cls = coef.length === 1 ? 1 : k;
      const residual = X.map((_, i) => proba[i][cls] - (y[i] === classes[cls] ? 1 : 0));
      w.forEach((wj, j) => {
        const g = X.reduce((s, x, i) => s + residual[i] * x[j], 0) + wj / c;
        worst = Math.max(worst, Math.abs(g));
      });
      if (intercept) worst = Math.max(worst, Math.abs(residual.reduce((s, r) => s + r, 0)));
    });
    return worst;
  };
  let s = 11;
  const next = () => ((s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647);
  // Scaled one-hot blocks (about 1 in 8 entries nonzero: compressed rows) and Gaussian-ish values (dense).
  const sparse = Array.from({ length: 400 }, () => Array.from({ length: 24 }, (_, j) => (Math.floor(next() * 8) === j % 8 ? 0.5 + next() : 0)));
  const dense = Array.from({ length: 400 }, () => Array.from({ length: 6 }, () => next() * 2 - 1));
  const label = (x: number[], classes: number) => {
    const score = Math.floor((x.reduce((a, v, j) => a + v * (j + 1), 0) + 3 * next()) * 7);
    return ((score % classes) + classes) % classes;
  };
  for (const [name, X] of [["sparse", sparse], ["dense", dense]] as const) {
    for (const classes of [2, 3]) {
      it(`${name} features, ${classes} classes: zero gradient at the fit`, () => {
        const y = X.map((x) => label(x, classes));
        const m = new LogisticRegression({ c: 0.5 }).fit(X, y);
        assert.equal(m.classes.length, classes);
        assert.ok(gradientAtFit(X, y, m, 0.5) < 1e-2, `gradient ${gradientAtFit(X, y, m, 0.5)}`);
      });
    }
  }
  it("without an intercept, the intercepts stay zero and the coefficients still reach the optimum", () => {
    const y = dense.map((x) => label(x, 2));
    for (const X of [dense, sparse]) {
      const m = new LogisticRegression({ fitIntercept: false }).fit(X, y);
      assert.deepEqual(m.intercept, [0]);
      assert.ok(gradientAtFit(X, y, m, 1, false) < 1e-2, `gradient ${gradientAtFit(X, y, m, 1, false)}`);
    }
  });
});

describe("GLM matches statsmodels (canonical links) and scikit-learn (alpha)", () => {
  for (const c of fixture("glm").cases) {
    it(`${c.family} on ${c.dataset}, alpha=${c.alpha} (${c.reference})`, () => {
      const d = dataset(c.dataset);
      let { xTrain, xTest } = d;
      if (c.standardizeWithTrain) {
        const p = xTrain[0].length;
        const mean = Array.from({ length: p }, (_, j) => xTrain.reduce((s, r) => s + r[j], 0) / xTrain.length);
        const sd = mean.map((m, j) => Math.sqrt(xTrain.reduce((s, r) => s + (r[j] - m) ** 2, 0) / xTrain.length) || 1);
        const scale = (X: number[][]) => X.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
        xTrain = scale(xTrain);
        xTest = scale(xTest);
      }
      const m = new GLM({ family: c.family, alpha: c.alpha }).fit(xTrain, d.yTrain);
      assertClose([m.intercept, ...m.coef], [c.intercept, ...c.coef], 1e-4, 1e-8, "params");
      assertClose(m.predict(xTest), c.predict, 1e-4, 1e-10, "predict");
    });
  }

  it("refuses a target outside the family's domain", () => {
    assert.throws(() => new GLM({ family: "poisson" }).fit([[1], [2], [3]], [1, -2, 3]), /poisson family needs a target of counts/);
  });
});
