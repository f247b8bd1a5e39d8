/**
 * scikit-learn's DummyClassifier/DummyRegressor look only at the number of rows of X, so a
 * baseline can sit in compareModels beside pipelines on the raw frame (text and missing values
 * included). Before, the dummies converted X to numbers and failed on the first text column.
 */
import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import { DummyClassifier, DummyRegressor } from "../../../src/runtime/models";

describe("dummy baselines ignore the features", () => {
  const raw = new DataFrame({ plan: ["basic", "pro", null, "pro", "basic", "pro"], age: [20, NaN, 40, 50, 60, 70] });
  it("DummyClassifier fits and predicts on text columns", () => {
    const model = new DummyClassifier({ strategy: "most_frequent" }).fit(raw, ["a", "b", "b", "b", "a", "b"]);
    assert.deepEqual(model.predict(raw), ["b", "b", "b", "b", "b", "b"]);
    assert.equal(model.predictProba(raw).length, 6);
  });
  it("DummyRegressor fits and predicts on text columns", () => {
    const model = new DummyRegressor().fit(raw, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(model.predict(raw), [3.5, 3.5, 3.5, 3.5, 3.5, 3.5]);
  });
  it("X and y of different lengths are still an error", () => {
    assert.throws(() => new DummyClassifier().fit(raw, ["a", "b"]), /6 rows but y has 2/);
  });
});
