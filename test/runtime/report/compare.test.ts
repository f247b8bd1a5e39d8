import assert from "node:assert/strict";
import { compareModels } from "../../../src/runtime/report/compare";
import { Mime } from "../../../src/protocol/mime";
import { DummyClassifier, LineRegressor, ThresholdClassifier } from "./tiny-models";
import { DummyRegressor, LinearRegression } from "../../../src/runtime/models";
import { assertClose, fixture } from "../data/reference";

/** Two well separated classes: any fold's threshold between the class means splits them perfectly. */
const X = Array.from({ length: 40 }, (_, i) => [(i % 20 >= 10 ? 10 : 0) + (i % 10) / 100]);
const y = X.map(([v]) => (v >= 10 ? 1 : 0));

describe("compareModels", () => {
  it("orders rows simplest model first whatever the order given, and finds the best", () => {
    const board = compareModels({ threshold: new ThresholdClassifier(), baseline: new DummyClassifier() }, X, y, { folds: 4, metric: "accuracy" });
    assert.deepEqual(board.rows.map((r) => r.name), ["baseline", "threshold"]);
    assert.equal(board.best().name, "threshold");
    assert.equal(board.rows[1].mean, 1);
    assert.equal(board.rows[0].mean, 0.5);
    assert.equal(board.rows[0].scores.length, 4);
  });

  it("gives a tie to the simpler model", () => {
    const balanced = X.map(() => 1);
    const board = compareModels({ complex: new ThresholdClassifierAlways(), simple: new DummyClassifier() }, X, balanced.map((_, i) => (i < 38 ? 1 : 0)), { folds: 2, metric: "accuracy" });
    assert.equal(board.rows[0].mean, board.rows[1].mean);
    assert.equal(board.best().name, "simple");
  });

  it("fits a clone per fold and leaves the given model unfitted", () => {
    const model = new ThresholdClassifier();
    compareModels({ m: model }, X, y, { folds: 5 });
    assert.equal(model.fits, 0);
  });

  it("gives the model object as passed in on each row, so the winner can be refitted from best().model", () => {
    const threshold = new ThresholdClassifier();
    const baseline = new DummyClassifier();
    const board = compareModels({ threshold, baseline }, X, y, { folds: 4, metric: "accuracy" });
    assert.equal(board.best().model, threshold);
    assert.equal(board.best().modelName, "ThresholdClassifier");
    assert.equal(board.rows[0].model, baseline);
    const refitted = board.best().model.clone().fit(X, y);
    assert.deepEqual(refitted.predict([[0], [10]]), [0, 1]);
  });

  it("ranks errors lower-is-better for regression", () => {
    const Xr = Array.from({ length: 30 }, (_, i) => [i]);
    const yr = Xr.map(([v]) => 2 * v + 1 + (v % 3) * 0.1);
    const board = compareModels({ line: new LineRegressor() }, Xr, yr, { folds: 3, metric: "rmse" });
    assert.equal(board.payload.greaterIsBetter, false);
    assert.equal(board.payload.task, "regression");
    assert.ok(board.best().mean! < 0.2, String(board.best().mean));
  });

  it("best() is the lowest error for rmse, mae and mse and the highest r2; means are cross_validate's (neg_* negated)", () => {
    const c = fixture("edge-cases").crossValidateScorers.find((e: { name: string }) => e.name === "LinearRegression, errors");
    for (const metric of ["rmse", "mae", "mse", "r2"]) {
      const board = compareModels({ linear: new LinearRegression(), baseline: new DummyRegressor() }, c.X, c.y, { folds: 5, metric });
      const lowerIsBetter = metric !== "r2";
      assert.equal(board.payload.greaterIsBetter, !lowerIsBetter, metric);
      assert.deepEqual(board.rows.map((r) => r.name), ["baseline", "linear"]);
      // The baseline's error is several times the line's: picking the larger error would pick it.
      assert.equal(board.best().name, "linear", metric);
      const sign = lowerIsBetter ? -1 : 1;
      assertClose(board.rows[1].scores, c.scores[metric].map((v: number) => sign * v), 1e-9, 0, metric);
      assert.match(String(board), new RegExp(`${metric} \\(${lowerIsBetter ? "lower" : "higher"} is better\\)`));
    }
  });

  it("shows a leaderboard mime and a text table with the best marked", () => {
    const bundle = compareModels({ baseline: new DummyClassifier(), threshold: new ThresholdClassifier() }, X, y, { folds: 4 }).toMimeBundle();
    assert.deepEqual(bundle.map((b) => b.mime), [Mime.leaderboard, Mime.text]);
    assert.match(String(bundle[1].data), /threshold\s+ThresholdClassifier\s+1\s.*<- best/);
  });

  it("works with models whose classes throw before fit, as the runtime's estimators do, and names pipelines by their steps", () => {
    const board = compareModels({ strict: new StrictClassifier(), piped: new TwoStepPipeline() }, X, y, { folds: 4 });
    assert.equal(board.payload.task, "classification");
    assert.deepEqual(board.rows.map((r) => [r.name, r.modelName, r.mean]), [
      ["strict", "ThresholdClassifier", 1],
      ["piped", "Pipeline(Scale → ThresholdClassifier)", 1],
    ]);
  });

  it("text form: a failed model has no score (—, not NaN) and its error is written in full under the table", () => {
    // DummyClassifier has no predictProba nor decisionFunction: rocAuc fails for it alone.
    const text = String(compareModels({ baseline: new DummyClassifier(), threshold: new ThresholdClassifier() }, X, y, { folds: 4, metric: "rocAuc" }));
    assert.match(text, /baseline\s+DummyClassifier\s+—\s+—\s+\d+\s+error \(below\)/);
    assert.doesNotMatch(text, /NaN/);
    assert.match(text, /\n\nErrors:\nbaseline: crossValidate: rocAuc needs predictProba or decisionFunction, which DummyClassifier does not have\.$/);
  });

  it("refuses an unknown metric, listing the known ones", () => {
    assert.throws(() => compareModels({ m: new DummyClassifier() }, X, y, { metric: "auc" }), /unknown metric "auc".*balancedAccuracy/);
  });

  it("refuses a bad fold count once, as the call's mistake, instead of 'every model failed'", () => {
    for (const folds of [1, 2.5, "3"]) {
      assert.throws(() => compareModels({ m: new DummyClassifier() }, X, y, { folds: folds as number }), (e: Error) => /^compareModels: folds must be an integer of at least 2; got /.test(e.message) && !/every model failed/.test(e.message));
    }
    assert.throws(() => compareModels({ m: new DummyClassifier() }, X, y, { folds: 41 }), /compareModels: folds = 41 but X has only 40 rows\./);
  });

  it("fits the table of pipelines with a long metric name in an 80-column terminal, cutting the model's name", async () => {
    const { pipeline, StandardScaler, OneHotEncoder, SimpleImputer, LogisticRegression, DummyClassifier: Dummy } = await import("../../../src/runtime");
    const long = () => pipeline(new SimpleImputer(), new OneHotEncoder({ columns: [] }), new StandardScaler(), new LogisticRegression());
    const board = compareModels({ prior: new Dummy(), logistic: long() }, X, y, { folds: 4, metric: "balancedAccuracy" });
    const table = String(board).split("\n").slice(1, 4);
    assert.match(table[0], /model\s+balancedAccuracy mean\s+std\s+fit ms$/);
    for (const line of table) assert.ok([...line].length <= 80, `${[...line].length} columns: ${line}`);
    assert.match(table[2], /^logistic\s+Pipeline\(SimpleImputer →.*…\s+\d/);
  });

  it("names the rows of a list of models by the models' names, not 0, 1", () => {
    const board = compareModels([new DummyClassifier(), new ThresholdClassifier(), new DummyClassifier()] as never, X, y, { folds: 2, metric: "accuracy" });
    assert.deepEqual(board.rows.map((r) => r.name).sort(), ["DummyClassifier", "DummyClassifier 2", "ThresholdClassifier"].sort());
  });
});

/** Predicts 1 always but ranks as a more complex model than the Dummy baseline. */
class ThresholdClassifierAlways extends ThresholdClassifier {
  override fit(_X: number[][], y: number[]): this {
    this.classes = [...new Set(y)].sort();
    return this;
  }
  override predict(X: number[][]): number[] {
    return X.map(() => 1);
  }
}

/** Like the runtime's estimators: asking for classes before fit is an error. */
class StrictClassifier {
  readonly estimatorName = "ThresholdClassifier";
  readonly #inner = new ThresholdClassifier();
  #fitted = false;
  get classes(): number[] {
    if (!this.#fitted) throw new Error("not fitted");
    return this.#inner.classes;
  }
  fit(X: number[][], y: number[]): this {
    this.#inner.fit(X, y);
    this.#fitted = true;
    return this;
  }
  predict(X: number[][]): number[] {
    return this.#inner.predict(X);
  }
  clone(): StrictClassifier {
    return new StrictClassifier();
  }
}

/** A pipeline shape: steps, the last one a classifier. */
class TwoStepPipeline {
  readonly estimatorName = "Pipeline";
  steps = [{ estimatorName: "Scale" }, new StrictClassifier()];
  fit(X: number[][], y: number[]): this {
    (this.steps[1] as StrictClassifier).fit(X.map((r) => [r[0] * 2]), y);
    return this;
  }
  predict(X: number[][]): number[] {
    return (this.steps[1] as StrictClassifier).predict(X.map((r) => [r[0] * 2]));
  }
  clone(): TwoStepPipeline {
    return new TwoStepPipeline();
  }
}

