/**
 * A model fitted on named columns (a DataFrame or records) refuses, at predict, a table whose
 * columns are renamed or in another order, as scikit-learn does: the rows would otherwise be read
 * with the wrong meaning and the predictions would be silently wrong. The names survive
 * saveModel/loadModel, where production data most often arrives with keys in another order.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataFrame } from "danfojs-node";
import { AibookError } from "../../../src/runtime/core/errors";
import { DecisionTreeClassifier, LinearRegression, KMeans } from "../../../src/runtime/models";
import { loadModel, saveModel } from "../../../src/runtime/models/persist";
import { StandardScaler, pipeline } from "../../../src/runtime/preprocess";

const frame = new DataFrame({ age: [20, 30, 40, 50, 60, 70], income: [5, 1, 4, 2, 6, 3] });
const swapped = new DataFrame({ income: [5, 1, 4, 2, 6, 3], age: [20, 30, 40, 50, 60, 70] });
const renamed = new DataFrame({ age: [20, 30, 40, 50, 60, 70], salary: [5, 1, 4, 2, 6, 3] });
const target = [1, 2, 3, 4, 5, 6];
const labels = ["a", "b", "a", "b", "a", "b"];

describe("column names seen in fit are checked at predict", () => {
  it("a reordered DataFrame is an error that names both orders", () => {
    const model = new LinearRegression().fit(frame, target);
    assert.throws(
      () => model.predict(swapped),
      (e: unknown) => e instanceof AibookError && /LinearRegression\.predict/.test(e.message) && /age, income/.test(e.message) && /income, age/.test(e.message),
    );
  });

  it("a renamed column is an error that names it", () => {
    const model = new DecisionTreeClassifier({ seed: 0 }).fit(frame, labels);
    assert.throws(() => model.predict(renamed), /salary/);
    assert.throws(() => model.predictProba(renamed), /DecisionTreeClassifier\.predictProba/);
  });

  it("records with keys in another order are an error too", () => {
    const records = (frame.values as number[][]).map(([a, b]) => ({ age: a, income: b }));
    const model = new LinearRegression().fit(records, target);
    assert.throws(() => model.predict(records.map((r) => ({ income: r.income, age: r.age }))), /age, income/);
    assert.deepEqual(model.predict(records), new LinearRegression().fit(frame, target).predict(frame));
  });

  it("the same columns, or plain arrays, predict as before", () => {
    const model = new LinearRegression().fit(frame, target);
    const expected = new LinearRegression().fit(frame.values, target).predict(frame.values);
    assert.deepEqual(model.predict(frame), expected);
    assert.deepEqual(model.predict(frame.values), expected);
    // Fitted on plain arrays: there are no names to check.
    assert.deepEqual(new LinearRegression().fit(frame.values, target).predict(swapped).length, 6);
  });

  it("unsupervised models check as well", () => {
    const model = new KMeans({ k: 2, seed: 0 }).fit(frame);
    assert.throws(() => model.predict(swapped), /KMeans\.predict/);
  });

  it("the names survive saveModel / loadModel", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aibook-names-"));
    const file = saveModel(new LinearRegression().fit(frame, target), path.join(dir, "m.json"));
    const back = loadModel<LinearRegression>(file);
    assert.throws(() => back.predict(swapped), /age, income/);
    assert.equal(back.predict(frame).length, 6);
    const pipe = saveModel(pipeline(new StandardScaler(), new LinearRegression()).fit(frame, target), path.join(dir, "p.json"));
    assert.throws(() => loadModel<LinearRegression>(pipe).predict(swapped), AibookError);
  });

  it("the checked methods keep their names, so stack traces read Model.predict", () => {
    const model = new LinearRegression();
    assert.deepEqual([model.fit.name, model.predict.name], ["fit", "predict"]);
  });

  it("a clone forgets the names with the fit", () => {
    const model = new LinearRegression().fit(frame, target);
    assert.equal(model.clone().fit(swapped, target).predict(swapped).length, 6);
  });
});
