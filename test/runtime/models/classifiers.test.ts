import assert from "node:assert/strict";
import { KNeighborsClassifier } from "../../../src/runtime/models/neighbors";
import { DummyClassifier, DummyRegressor } from "../../../src/runtime/models/dummy";
import { PCA } from "../../../src/runtime/models/pca";
import { assertClose, assertGaussianNbMatches, dataset, fixture } from "./fixtures";

describe("GaussianNB matches scikit-learn", () => {
  for (const c of fixture("gaussian_nb").cases) {
    it(`${c.dataset}: theta, var, priors, probabilities`, () => {
      assertGaussianNbMatches(c, dataset(c.dataset));
    });
  }
});

describe("KNeighborsClassifier matches scikit-learn", () => {
  for (const c of fixture("k_neighbors").cases) {
    it(`${c.dataset}, k=${c.k}, ${c.weights}: probabilities where the k-th neighbour is not tied`, () => {
      const d = dataset(c.dataset);
      const m = new KNeighborsClassifier({ k: c.k, weights: c.weights }).fit(d.xTrain, d.yTrain);
      const proba = m.predictProba(d.xTest);
      const rows = c.tiedAtK.map((t: boolean, i: number) => (t ? -1 : i)).filter((i: number) => i >= 0);
      assert.ok(rows.length >= 0.7 * proba.length, `only ${rows.length} untied rows`);
      assertClose(rows.map((i: number) => proba[i]), rows.map((i: number) => c.predictProba[i]), 1e-9, 1e-12, "predictProba");
      const pred = m.predict(d.xTest);
      assert.deepEqual(rows.map((i: number) => pred[i]), rows.map((i: number) => c.predict[i]));
    });
  }
});

describe("Dummy models match scikit-learn", () => {
  const f = fixture("dummy");
  const dc = dataset(f.classifier.dataset);
  for (const c of f.classifier.cases) {
    it(`DummyClassifier ${c.strategy}`, () => {
      const m = new DummyClassifier({ strategy: c.strategy, constant: c.constant }).fit(dc.xTrain, dc.yTrain);
      assert.deepEqual(m.classes, c.classes);
      assertClose(m.predictProba(dc.xTest.slice(0, 5)), c.predictProba, 1e-12, 0, "predictProba");
      if (c.predict) assert.deepEqual(m.predict(dc.xTest.slice(0, 5)), c.predict);
    });
  }
  it("DummyClassifier stratified draws follow the class prior and repeat with a seed", () => {
    const X = Array.from({ length: 4000 }, () => [0]);
    const y = X.map((_, i) => (i % 4 === 0 ? "a" : "b"));
    const m = new DummyClassifier({ strategy: "stratified", seed: 3 }).fit(X, y);
    const pred = m.predict(X);
    const share = pred.filter((p) => p === "a").length / pred.length;
    assert.ok(Math.abs(share - 0.25) < 0.03, `share of "a" ${share}`);
    assert.deepEqual(new DummyClassifier({ strategy: "stratified", seed: 3 }).fit(X, y).predict(X), pred);
  });
  const dr = dataset(f.regressor.dataset);
  for (const c of f.regressor.cases) {
    it(`DummyRegressor ${c.strategy}`, () => {
      const m = new DummyRegressor({ strategy: c.strategy, constant: c.constant, quantile: c.quantile }).fit(dr.xTrain, dr.yTrain);
      assertClose(m.predict(dr.xTest.slice(0, 5)), c.predict, 1e-12, 0, "predict");
    });
  }
});

describe("PCA matches scikit-learn (up to sign)", () => {
  for (const c of fixture("pca").cases) {
    it(`${c.dataset}, ${c.components} components`, () => {
      const d = dataset(c.dataset);
      const m = new PCA({ components: c.components }).fit(d.xTrain);
      assertClose(m.mean, c.mean, 1e-12, 1e-12, "mean");
      assertClose(m.explainedVariance, c.explainedVariance, 1e-9, 0, "explainedVariance");
      assertClose(m.explainedVarianceRatio, c.explainedVarianceRatio, 1e-9, 0, "explainedVarianceRatio");
      const signs = m.components.map((row, k) => Math.sign(row.reduce((s, v, j) => s + v * c.componentsMatrix[k][j], 0)));
      assertClose(m.components.map((row, k) => row.map((v) => v * signs[k])), c.componentsMatrix, 1e-6, 1e-9, "components");
      assertClose(m.transform(d.xTest).map((row) => row.map((v, k) => v * signs[k])), c.transform, 1e-6, 1e-9, "transform");
      assert.deepEqual(signs, signs.map(() => 1), "svd_flip gives scikit-learn's signs");
    });
  }
});
