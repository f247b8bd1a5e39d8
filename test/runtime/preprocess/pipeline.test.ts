import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import { pipeline, StandardScaler, SimpleImputer, SelectKBest, Pipeline } from "../../../src/runtime/preprocess";
import { estimatorFromJSON, isClassifier } from "../../../src/runtime/core/estimator";
import { NotFittedError } from "../../../src/runtime/core/errors";
import { trainTestSplit } from "../../../src/runtime/split";
import { dataset } from "../data/reference";
import { MeanRegressor, NearestCentroid } from "./toy-models";
import { SVC } from "../../../src/runtime/models";

describe("pipeline", () => {
  it("fits every step on the rows it is given only (the test rows stay out of the scaler)", async () => {
    const iris = await dataset("iris");
    const X = iris.drop({ columns: ["species"] });
    const { xTrain, xTest, yTrain } = trainTestSplit(X, iris["species"], { testSize: 0.3, stratify: true, seed: 3 });
    const model = pipeline(new StandardScaler(), new NearestCentroid()).fit(xTrain, yTrain);
    const scaler = model.steps[0] as StandardScaler;
    const alone = new StandardScaler().fit(xTrain);
    assert.deepEqual(scaler.mean, alone.mean);
    assert.notDeepEqual(scaler.mean, new StandardScaler().fit(X).mean);
    const byHand = new NearestCentroid().fit(alone.transform(xTrain), yTrain).predict(alone.transform(xTest));
    assert.deepEqual(model.predict(xTest), byHand);
  });

  it("passes y to the steps that need it (SelectKBest) and chains DataFrames by column name", async () => {
    const wine = await dataset("wine");
    const X = wine.drop({ columns: ["cultivar"] });
    const model = pipeline(new SimpleImputer(), new SelectKBest({ k: 3 }), new StandardScaler(), new NearestCentroid()).fit(X, wine["cultivar"]);
    const selected = (model.steps[1] as SelectKBest).selectedColumns;
    assert.equal(selected.length, 3);
    assert.deepEqual((model.transformUpToModel(X) as DataFrame).columns, selected);
  });

  it("is a classifier when its last step is one, and exposes its classes", () => {
    const fitted = pipeline(new StandardScaler(), new NearestCentroid()).fit([[0], [1], [5], [6]], ["a", "a", "b", "b"]);
    assert.ok(isClassifier(fitted));
    assert.deepEqual((fitted as unknown as { classes: string[] }).classes, ["a", "b"]);
    assert.ok(!isClassifier(pipeline(new StandardScaler(), new MeanRegressor())));
  });

  it("has decisionFunction exactly when its last step has one (scikit-learn's Pipeline.decision_function), on transformed rows", () => {
    const X = [[0, 5], [1, 3], [2, 8], [6, 1], [7, 4], [8, 2]];
    const y = ["a", "a", "a", "b", "b", "b"];
    const piped = pipeline(new StandardScaler(), new SVC()).fit(X, y);
    const scaler = new StandardScaler().fit(X);
    assert.deepEqual(piped.decisionFunction(X), new SVC().fit(scaler.transform(X), y).decisionFunction(scaler.transform(X)));
    assert.equal(typeof pipeline(new StandardScaler(), new NearestCentroid()).decisionFunction, "undefined");
  });

  it("clone() gives an unfitted chain of fresh steps with the same options", () => {
    const model = pipeline(new StandardScaler({ withMean: false }), new NearestCentroid()).fit([[0], [1], [5], [6]], [0, 0, 1, 1]);
    const copy = model.clone();
    assert.equal(copy.isFitted, false);
    assert.notEqual(copy.steps[0], model.steps[0]);
    assert.deepEqual(copy.steps[0].toJSON().params, { withMean: false, withStd: true });
    assert.throws(() => copy.predict([[1]]), NotFittedError);
  });

  it("saves to JSON and reloads as a whole, predicting the same", () => {
    const X = [[0, 1], [1, 1], [5, 2], [6, 3], [7, 2], [0, 0]];
    const y = [0, 0, 1, 1, 1, 0];
    const model = pipeline(new StandardScaler(), new NearestCentroid()).fit(X, y);
    const reloaded = estimatorFromJSON(JSON.parse(JSON.stringify(model.toJSON()))) as Pipeline;
    assert.ok(reloaded instanceof Pipeline);
    assert.deepEqual(reloaded.predict([[3, 1], [6, 2]]), model.predict([[3, 1], [6, 2]]));
  });

  it("refuses a model in the middle, and predict before fit", () => {
    assert.throws(() => pipeline(new NearestCentroid(), new StandardScaler()), /step 1 \(TestNearestCentroid\) has no transform\(\)/);
    assert.throws(() => pipeline(new StandardScaler(), new NearestCentroid()).predict([[1]]), NotFittedError);
    assert.throws(() => pipeline(), /at least one step/);
  });
});
