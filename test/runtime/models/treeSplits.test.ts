import assert from "node:assert/strict";
import { DecisionTreeClassifier, DecisionTreeRegressor } from "../../../src/runtime/models/decisionTree";
import { RandomForestRegressor } from "../../../src/runtime/models/forest";
import { createRandom } from "../../../src/runtime/random";

/** Trees cut exactly between two neighbouring values, as scikit-learn, whatever the number of distinct values. */
describe("tree splits are exact on continuous columns", () => {
  const random = createRandom(11);
  // 3000 distinct values: far more than a 256-bin histogram can tell apart.
  const x = Array.from({ length: 3000 }, () => random.next() * 100);
  const sorted = [...x].sort((a, b) => a - b);
  const cut = (sorted[1733] + sorted[1734]) / 2;

  it("a classifier separates classes that change between two neighbouring values, at their midpoint", () => {
    const y = x.map((v) => (v > cut ? "high" : "low"));
    const m = new DecisionTreeClassifier({ seed: 0 }).fit(
      x.map((v) => [v]),
      y,
    );
    assert.equal(m.tree.feature.filter((f) => f >= 0).length, 1, "one split suffices");
    assert.equal(m.tree.threshold[0], cut);
    assert.deepEqual(m.predict(x.map((v) => [v])), y);
  });

  it("a regressor finds a step between two neighbouring values next to a noisy column", () => {
    const noise = x.map(() => random.next());
    const y = x.map((v, i) => (v > cut ? 5 : 1) + (i % 2) * 1e-9);
    const m = new DecisionTreeRegressor({ seed: 0, maxDepth: 1 }).fit(
      x.map((v, i) => [noise[i], v]),
      y,
    );
    assert.equal(m.tree.feature[0], 1);
    assert.equal(m.tree.threshold[0], cut);
  });

  it("keeps equal values together and never splits on a constant column", () => {
    const X = x.map((v, i) => [7, Math.round(v), i % 3]);
    const y = X.map((r) => r[1] * 2 + r[2]);
    const m = new RandomForestRegressor({ nEstimators: 5, seed: 1 }).fit(X, y);
    assert.equal(m.featureImportances[0], 0);
    const pred = m.predict(X);
    const worst = Math.max(...pred.map((p, i) => Math.abs(p - y[i])));
    assert.ok(worst < 20, `largest training error ${worst}`);
  });
});

describe("tree splits treat values closer than 1e-7 as equal, as scikit-learn", () => {
  it("does not cut between 0 and 5e-8, but does between 0 and 2e-7", () => {
    const X = [[0], [0], [5e-8], [5e-8], [2e-7], [2e-7]];
    const y = ["a", "a", "b", "b", "c", "c"];
    const m = new DecisionTreeClassifier({ seed: 0 }).fit(X, y);
    assert.equal(m.tree.feature.filter((f) => f >= 0).length, 1);
    assert.equal(m.tree.threshold[0], 5e-8 / 2 + 2e-7 / 2);
  });
});
