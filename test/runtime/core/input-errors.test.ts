/**
 * Bad input meets a clear error on every path into the runtime — the fast number[][] paths
 * included — rather than a NaN three steps later: infinity (which scikit-learn refuses too),
 * labels that mix numbers and text, records with missing keys, and metric inputs of different
 * lengths. Records ({ column: value } per row) work wherever a DataFrame does.
 */
import assert from "node:assert/strict";
import { AibookError, MissingValuesError } from "../../../src/runtime/core/errors";
import { GaussianNB, KNeighborsClassifier, LinearRegression, PCA } from "../../../src/runtime/models";
import { LabelEncoder, MinMaxScaler, OneHotEncoder, SimpleImputer, StandardScaler, pipeline } from "../../../src/runtime/preprocess";
import { estimatorFromJSON } from "../../../src/runtime/core/estimator";
import { DataFrame } from "danfojs-node";
import { metrics } from "../../../src/runtime/metrics";
import { DummyClassifier } from "../../../src/runtime/models";
import { compareModels, evaluate } from "../../../src/runtime/report";
import { crossValidate } from "../../../src/runtime/split";

const X = [[1, 2], [2, 1], [3, 4], [4, 3], [5, 6], [6, 5]];
const y = ["a", "b", "a", "b", "a", "b"];
const target = [1, 2, 3, 4, 5, 6];
const withInfinity = X.map((r, i) => (i === 3 ? [r[0], Infinity] : r));

describe("input errors", () => {
  const fits: [string, (data: unknown) => unknown][] = [
    ["LinearRegression.fit", (d) => new LinearRegression().fit(d, target)],
    ["GaussianNB.fit", (d) => new GaussianNB().fit(d, y)],
    ["KNeighborsClassifier.fit", (d) => new KNeighborsClassifier({ k: 3 }).fit(d, y)],
    ["StandardScaler.fit", (d) => new StandardScaler().fit(d)],
    ["MinMaxScaler.fit", (d) => new MinMaxScaler().fit(d)],
    ["PCA.fit", (d) => new PCA().fit(d)],
    ["StandardScaler.transform", (d) => new StandardScaler().fit(X).transform(d)],
    ["LinearRegression.predict", (d) => new LinearRegression().fit(X, target).predict(d)],
  ];
  for (const [where, run] of fits) {
    it(`${where}: Infinity in X names the column and row`, () => {
      assert.throws(() => run(withInfinity), (e: unknown) => e instanceof AibookError && new RegExp(`${where.replace(".", "\\.")}: column "x1" holds Infinity at row 3`).test(e.message));
      assert.throws(() => run(X.map((r, i) => (i === 1 ? [String(-Infinity), r[1]] : r))), /column "x0" holds -Infinity at row 1/);
    });
  }

  it("missing values in a regression target are counted, all of them", () => {
    assert.throws(() => new LinearRegression().fit(X, [1, NaN, 3, NaN, "", 6]), (e: unknown) => e instanceof MissingValuesError && /LinearRegression\.fit \(y\): .* in 3 rows/.test(e.message));
  });

  it("an infinite regression target or metric input is refused", () => {
    assert.throws(() => new LinearRegression().fit(X, [1, 2, Infinity, 4, 5, 6]), /the target holds Infinity at row 2/);
    assert.throws(() => metrics.mse([1, 2, 3], [1, -Infinity, 3]), /mse \(yPred\): the target holds -Infinity at row 1/);
  });

  it("numbers written as text are read as numpy reads them; hex, binary and other text are refused", () => {
    const asText = X.map((r) => r.map((v) => ` ${v}.0 `));
    const fromText = new LinearRegression().fit(asText, target.map(String)).predict([["1e0", "+2"]]);
    assert.deepEqual(fromText, new LinearRegression().fit(X, target).predict([[1, 2]]));
    assert.throws(() => new StandardScaler().fit([["1"], ["0x10"]]), /column "x0" holds the text "0x10" at row 1/);
    assert.throws(() => new StandardScaler().fit([["0b11"], ["1"]]), /holds the text "0b11" at row 0/);
    assert.throws(() => new LinearRegression().fit(X, ["1", "2", "0o7", "4", "5", "6"]), /the target holds the text "0o7" at row 2/);
    assert.throws(() => new LinearRegression().fit(X, ["1", "2", "-inf", "4", "5", "6"]), /the target holds -Infinity at row 2/);
  });

  it("classifier labels that mix numbers and text are refused, not turned into strings", () => {
    for (const model of [new GaussianNB(), new KNeighborsClassifier({ k: 1 })]) {
      assert.throws(() => model.fit(X, [1, "a", 1, "a", 2, 2]), /y mixes numbers and text \(1 and "a"\)/);
    }
    assert.throws(() => new LabelEncoder().fit([1, "a", 2]), /mixes numbers and text/);
    assert.throws(() => new OneHotEncoder().fit([[1], ["a"], [2]]), /column "x0" mixes numbers and text/);
  });

  it("NaN labels are counted as missing, in metrics and in a classifier's fit", () => {
    assert.throws(() => metrics.accuracy([1, NaN, 0, NaN], [1, 1, 0, 0]), (e: unknown) => e instanceof MissingValuesError && /accuracy \(yTrue\): .* in 2 rows/.test(e.message));
    assert.throws(() => metrics.f1([1, 0, 1], [1, NaN, 0]), (e: unknown) => e instanceof MissingValuesError && /f1 \(yPred\)/.test(e.message));
    assert.throws(() => new GaussianNB().fit(X, [1, 0, NaN, 1, 0, NaN]), /GaussianNB\.fit: y holds 2 NaN labels; drop those rows/);
  });

  it("r2 of a single row is an error (scikit-learn gives NaN)", () => {
    assert.throws(() => metrics.r2([1], [2]), /r2: needs at least two rows/);
  });

  it("regression metrics name yTrue and yPred when their lengths differ", () => {
    for (const fn of [metrics.r2, metrics.mse, metrics.mae, metrics.rmse]) {
      assert.throws(() => fn([1, 2, 3], [1, 2]), /yTrue has 3 values but yPred has 2/);
    }
  });

  it("an options object that a function does not take is refused, naming the known options", () => {
    assert.throws(() => (metrics.accuracy as any)(y, y, { normalize: false }), /accuracy has no option "normalize". Known options: \(none\)/);
    assert.throws(() => (metrics.r2 as any)([1, 2], [1, 2], { multioutput: "raw_values" }), /r2 has no option "multioutput"/);
    assert.throws(() => (metrics.silhouette as any)(X, [0, 0, 0, 1, 1, 1], { metric: "cosine" }), /silhouette has no option "metric"/);
    const model = new GaussianNB().fit(X, y);
    assert.throws(() => evaluate(model, X, y, { nmae: "nb" } as never), /evaluate has no option "nmae". Known options: name, task, positiveLabel/);
    assert.throws(() => compareModels({ nb: new GaussianNB() }, X, y, { metrc: "f1" } as never), /compareModels has no option "metrc". Known options: folds, metric, task/);
  });

  it("an ill-defined precision warns when called directly, but not once per fold inside crossValidate", () => {
    const warned: string[] = [];
    const original = console.warn;
    console.warn = (...parts: unknown[]) => void warned.push(parts.join(" "));
    try {
      const labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 0];
      const rows = labels.map((_, i) => [i]);
      const cv = crossValidate(new DummyClassifier({ strategy: "most_frequent" }), rows, labels, { folds: 2, metrics: "precision" });
      assert.deepEqual(cv.folds.map((f) => f.precision), [0, 0]);
      assert.deepEqual(warned, []);
      assert.equal(metrics.precision(labels, labels.map(() => 0)), 0);
      assert.equal(warned.length, 1);
      assert.match(warned[0], /precision is ill-defined and set to 0 for class 1 \(no predicted rows\); pass \{ zeroDivision: 0 \}/);
      assert.equal(metrics.precision(labels, labels.map(() => 0), { zeroDivision: 1 }), 1);
      assert.equal(warned.length, 1);
    } finally {
      console.warn = original;
    }
  });

  it("records: a missing key is a missing value, counted per column in fit", () => {
    const records = [{ a: 1, b: 2 }, { a: 2 }, { a: 3, b: null }, { a: 4, b: 1 }];
    assert.throws(
      () => new LinearRegression().fit(records, [1, 2, 3, 4]),
      (e: unknown) => e instanceof MissingValuesError && /LinearRegression\.fit: .*missing values.* in b \(2\)/.test(e.message) && /SimpleImputer/.test(e.message),
    );
    assert.deepEqual(new SimpleImputer().fit(records).transform(records), [{ a: 1, b: 2 }, { a: 2, b: 1.5 }, { a: 3, b: 1.5 }, { a: 4, b: 1 }]);
  });

  it("records: text in a numeric column names the column by its key", () => {
    assert.throws(() => new StandardScaler().fit([{ age: 3 }, { age: "old" }]), /StandardScaler\.fit: column "age" holds the text "old" at row 1/);
  });

  it("records: a pipeline selects columns by name after an imputer, as with a DataFrame, and reloads from JSON", () => {
    const rows = [{ a: 1, b: "x", c: 2 }, { a: null, b: "y", c: 3 }, { a: 3, b: "x", c: null }, { a: 4, b: "z", c: 1 }, { a: 5, b: "y", c: 2 }, { a: 6, b: "x", c: 3 }];
    const labels = [0, 1, 0, 1, 1, 0];
    const steps = () => [new SimpleImputer({ strategy: "most_frequent" }), new OneHotEncoder({ columns: ["b"], drop: "first" }), new StandardScaler(), new GaussianNB()] as const;
    const fromRecords = pipeline(...steps()).fit(rows, labels);
    const fromFrame = pipeline(...steps()).fit(new DataFrame(rows.map((r) => ({ ...r, a: r.a ?? NaN, c: r.c ?? NaN }))), labels);
    assert.deepEqual(fromRecords.predictProba(rows), fromFrame.predictProba(rows));
    const reloaded = estimatorFromJSON(JSON.parse(JSON.stringify(fromRecords.toJSON()))) as unknown as typeof fromRecords;
    assert.deepEqual(reloaded.predictProba(rows), fromRecords.predictProba(rows));
  });

  it("records: transform checks the columns by name against fit", () => {
    const scaler = new StandardScaler().fit([{ a: 1, b: 2 }, { a: 3, b: 5 }]);
    assert.throws(() => scaler.transform([{ b: 1, a: 2 }]), /column 0 is "b" but was "a" in fit/);
    assert.deepEqual(scaler.transform([{ a: 2, b: 3.5 }]), [{ a: 0, b: 0 }]);
  });
});
