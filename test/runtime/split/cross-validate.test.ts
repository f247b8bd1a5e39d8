import assert from "node:assert/strict";
import { crossValidate, stratifiedKFold } from "../../../src/runtime/split";
import { metrics } from "../../../src/runtime/metrics";
import { takeRows } from "../../../src/runtime/data";
import { dataset } from "../data/reference";
import { MeanRegressor, NearestCentroid } from "../preprocess/toy-models";

describe("crossValidate", () => {
  it("clones the model per fold and leaves the given model unfitted", async () => {
    const iris = await dataset("iris");
    const X = iris.drop({ columns: ["species"] });
    const model = new NearestCentroid();
    const result = crossValidate(model, X, iris["species"], { folds: 5, metrics: ["accuracy", "f1"] });
    assert.equal(model.isFitted, false);
    assert.equal(model.seenLabels.length, 0);
    assert.equal(result.folds.length, 5);
    assert.equal(result.fitTimes.length, 5);
    assert.ok(result.mean.accuracy > 0.8 && result.mean.accuracy <= 1);
    const values = result.folds.map((f) => f.accuracy);
    const mean = values.reduce((a, b) => a + b, 0) / 5;
    assert.equal(result.mean.accuracy, mean);
    assert.equal(result.std.accuracy, Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 5));
  });

  it("stratifies classification folds by default: the scores are those of stratifiedKFold's folds", async () => {
    const wine = await dataset("wine");
    const X = wine.drop({ columns: ["cultivar"] });
    const y = wine["cultivar"];
    const result = crossValidate(new NearestCentroid(), X, y, { folds: 4, metrics: "f1" });
    const expected = stratifiedKFold(y, { folds: 4 }).map(({ trainIndex, testIndex }) => {
      const m = new NearestCentroid().fit(takeRows(X, trainIndex), takeRows(y, trainIndex));
      return metrics.f1(takeRows(y, testIndex), m.predict(takeRows(X, testIndex)), { average: "macro" });
    });
    assert.deepEqual(result.folds.map((f) => f.f1), expected);
  });

  it("scores regressors with r2 by default on plain k folds", async () => {
    const diabetes = await dataset("diabetes");
    const result = crossValidate(new MeanRegressor(), diabetes.drop({ columns: ["progression"] }), diabetes["progression"], { folds: 3 });
    assert.deepEqual(Object.keys(result.mean), ["r2"]);
    assert.ok(result.mean.r2 < 0.05);
  });

  it("refuses unknown metrics, options and mismatched rows", () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    const y = [0, 1, 0, 1, 0, 1];
    assert.throws(() => crossValidate(new NearestCentroid(), X, y, { folds: 2, metrics: "auc" as never }), /unknown metric "auc"/);
    assert.throws(() => crossValidate(new NearestCentroid(), X, y, { cv: 3 } as never), /no option "cv"/);
    assert.throws(() => crossValidate(new NearestCentroid(), X, y.slice(1), { folds: 2 }), /X has 6 rows but y has 5/);
  });
});
