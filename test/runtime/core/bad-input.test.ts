/**
 * Bad input found by fuzzing every exported function: each case either failed with a bare
 * TypeError/RangeError, an error that named the wrong thing, or went through as a silent NaN.
 * Each must now be an AibookError that says which function, which argument and what to do.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AibookError, MissingValuesError, NotFittedError } from "../../../src/runtime/core/errors";
import { isMissing } from "../../../src/runtime/core/data";
import {
  DecisionTreeClassifier,
  GaussianNB,
  GradientBoostingRegressor,
  KMeans,
  LinearRegression,
  LogisticRegression,
  RandomForestClassifier,
  loadModel,
  saveModel,
} from "../../../src/runtime/models";
import { LabelEncoder, MinMaxScaler, OneHotEncoder, Pipeline, SimpleImputer, StandardScaler } from "../../../src/runtime/preprocess";
import { metrics } from "../../../src/runtime/metrics";
import { evaluate } from "../../../src/runtime/report";
import { chart } from "../../../src/runtime/report/chart";
import { crossValidate, kFold, stratifiedKFold, timeSplit, trainTestSplit } from "../../../src/runtime/split";
import { DataFrame } from "danfojs-node";
import { permutationImportance } from "../../../src/runtime/inspect";
import { checkSplit } from "../../../src/runtime/checks";
import { createRandom } from "../../../src/runtime/random";
import { capturingWarnings } from "../warnings";

const X = [[1, 2], [2, 1], [3, 4], [4, 3], [5, 6], [6, 5], [7, 8], [8, 7]];
const y = ["a", "b", "a", "b", "a", "b", "a", "b"];
const target = [1, 2, 3, 4, 5, 6, 7, 8];
const withCell = (v: unknown) => [[v, 2], ...X.slice(1)];

/** assert.throws that also demands an AibookError (never a bare TypeError or RangeError). */
function refuses(run: () => unknown, message: RegExp, type: new (...a: never[]) => Error = AibookError): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
    assert.match((e as Error).message, message);
    return true;
  });
}

describe("bad input: what the fuzzing found", () => {
  it("an Invalid Date is a missing value (pandas' NaT), not a NaN that slips into the model", () => {
    assert.equal(isMissing(new Date("not a date")), true);
    assert.equal(isMissing(new Date(0)), false);
    for (const fit of [() => new KMeans({ k: 2, seed: 1 }).fit(withCell(new Date("x"))), () => new StandardScaler().fit(withCell(new Date("x")))]) {
      refuses(fit, /\.fit: the data holds missing values .* in x0 \(1\)/, MissingValuesError);
    }
    refuses(() => new LinearRegression().fit(X, target).predict([[new Date("x"), 1]]), /LinearRegression\.predict: .*missing values/, MissingValuesError);
    // The imputer sees it as missing too, and fills it.
    assert.deepEqual(new SimpleImputer({ strategy: "constant", fillValue: 0 }).fit([[new Date("x"), 1], [2, 2]]).transform([[new Date("x"), 1]]), [[0, 1]]);
  });

  it("an array or object in a cell is named as such, not as text", () => {
    refuses(() => new LogisticRegression().fit(withCell([1]), y), /LogisticRegression\.fit: column "x0" holds an array of 1 at row 0; models need one number per cell/);
    refuses(() => new StandardScaler().fit(withCell({ a: 1 })), /StandardScaler\.fit: column "x0" holds an object \(Object\) at row 0/);
  });

  it("a missing X or y names the function and the argument, and says undefined once", () => {
    refuses(() => new LogisticRegression().fit(undefined, y), /^LogisticRegression\.fit: X must be a DataFrame, a 2-D array or a tensor; got undefined\.$/);
    refuses(() => new LinearRegression().fit(X, target).predict(null), /^LinearRegression\.predict: X must be .* got null\.$/);
    refuses(() => new LinearRegression().fit([1, 2, 3], [1, 2, 3]), /^LinearRegression\.fit: X must be 2-D/);
    refuses(() => new GaussianNB().fit(X, undefined), /^GaussianNB\.fit \(y\) must be a Series, an array or a tensor; got undefined\.$/);
  });

  it("infinite class labels are refused as scikit-learn refuses them, and shown as Infinity, not null", () => {
    refuses(() => new LogisticRegression().fit(X, [Infinity, 0, 1, 0, 1, 0, 1, 0]), /LogisticRegression\.fit: y holds Infinity at row 0; class labels must be finite/);
    refuses(() => new GaussianNB().fit(X, [-Infinity, ...y.slice(1)]), /GaussianNB\.fit: y holds -Infinity at row 0/);
  });

  it("a NaN among text labels is a missing label, not a mix of numbers and text", () => {
    refuses(() => metrics.accuracy(["a", NaN, "b"], ["a", "b", "b"]), /accuracy \(yTrue\): the target has missing values .* in 1 row, the first at row 1/, MissingValuesError);
    refuses(() => metrics.f1(["a", "b", "b"], ["a", "b", NaN], { average: "macro" }), /f1 \(yPred\): .*missing values/, MissingValuesError);
    const model = new LogisticRegression().fit(X, y);
    refuses(() => evaluate(model, X, [NaN, ...y.slice(1)]), /^evaluate \(yTest\): the target has missing values .* the first at row 0/, MissingValuesError);
    refuses(() => evaluate(model, X, undefined), /^evaluate \(yTest\) must be a Series/);
    // A true mix still says so, with a number and a text label as the example.
    refuses(() => metrics.accuracy([0, 1, 0], ["a", "b", "a"]), /mix numbers and text labels \(for example 0 and "a"\)/);
  });

  it("a seed that is not a number is an AibookError naming the function, not a RangeError", () => {
    refuses(() => trainTestSplit(X, y, { seed: "1" as never }), /^trainTestSplit: seed must be a finite number, e\.g\. seed: 42; got "1" \(text\)\.$/);
    refuses(() => kFold(X, { folds: 2, seed: "7" as never }), /^kFold: seed must be a finite number/);
    refuses(() => new RandomForestClassifier({ seed: "42" as never }), /^RandomForestClassifier: seed must be a finite number/);
    refuses(() => new DecisionTreeClassifier({ seed: NaN }), /^DecisionTreeClassifier: seed must be a finite number.*got NaN/);
    const model = new LogisticRegression().fit(X, y);
    refuses(() => permutationImportance(model, X, y, { seed: Infinity }), /^permutationImportance: seed must be a finite number/);
    // The exported generator keeps its signature (the editor's hover shows it) and names itself.
    refuses(() => createRandom("1" as never), /^createRandom: seed must be a finite number/);
    assert.equal(createRandom.length, 1);
    // Numbers, including the unseeded default, still work.
    assert.equal(trainTestSplit(X, y, { seed: 3 }).xTest.length, 2);
    assert.equal(new RandomForestClassifier({ nEstimators: 3 }).fit(X, y).classes.length, 2);
  });

  it("splits name themselves and the argument when the data is missing", () => {
    refuses(() => trainTestSplit(undefined as never), /^trainTestSplit: the data \(first argument\) must be a DataFrame, Series, array or tensor; got undefined\.$/);
    refuses(() => trainTestSplit(X, null as never), /^trainTestSplit: y must be a DataFrame, Series, array or tensor; got null\.$/);
    refuses(() => kFold(undefined), /^kFold: the data \(first argument\) must be/);
    refuses(() => crossValidate(new LogisticRegression(), "abc", y), /^crossValidate: X must be .* got the string "abc"\.$/);
  });

  it("an option given as text is shown quoted, so that folds: \"3\" does not read as got 3", () => {
    refuses(() => kFold(X, { folds: "3" as never }), /folds must be an integer of at least 2; got "3"\./);
    const model = new LogisticRegression().fit(X, y);
    refuses(() => permutationImportance(model, X, y, { repeats: "3" as never }), /repeats must be a whole number ≥ 1; got "3"\./);
  });

  it("saveModel and loadModel without a path say so instead of a TypeError from node:path", () => {
    const model = new LogisticRegression().fit(X, y);
    refuses(() => saveModel(model, undefined as never), /^saveModel: the path must be a file name, e\.g\. saveModel\(model, "model\.json"\); got undefined\.$/);
    refuses(() => saveModel(model, ""), /^saveModel: the path must be a file name.*got an empty string\.$/);
    refuses(() => loadModel(undefined as never), /^loadModel: the path must be a file name, e\.g\. loadModel\("model\.json"\); got undefined\.$/);
    const dir = mkdtempSync(path.join(tmpdir(), "aibook-bad-input-"));
    try {
      // A folder where the file should go: the errno alone did not say which file.
      refuses(() => saveModel(model, dir), new RegExp(`^saveModel: cannot write ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: EISDIR`));
      assert.ok(existsSync(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rocCurve refuses no rows, and warns (as scikit-learn does) when one class leaves a rate undefined", () => {
    refuses(() => metrics.rocCurve([], []), /^rocCurve: no rows to score/);
    const { value, warnings } = capturingWarnings(() => metrics.rocCurve([1, 1, 1], [0.2, 0.5, 0.9]));
    assert.ok(value.fpr.every(Number.isNaN));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /rocCurve: yTrue holds no negative rows, so the false positive rates are undefined \(NaN\)/);
  });

  it("rocAuc refuses an unknown average for two classes too (scikit-learn checks it first)", () => {
    refuses(() => metrics.rocAuc([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8], { average: "mean" as never }), /^rocAuc: average must be "macro", "weighted" or "micro"; got "mean"\.$/);
    assert.equal(metrics.rocAuc([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8], { average: "weighted" }), 1);
  });

  it("chart.histogram refuses a bad bins, a misspelt option and infinity instead of drawing something else", () => {
    refuses(() => chart.histogram([1, 2, 3], { bins: 0 }), /^chart\.histogram: bins must be a whole number ≥ 1, e\.g\. \{ bins: 20 \}; got 0\.$/);
    refuses(() => chart.histogram([1, 2, 3], { bins: "5" as never }), /bins must be a whole number ≥ 1.*got "5"/);
    refuses(() => chart.histogram([1, 2, 3], { bin: 5 } as never), /^chart\.histogram has no option "bin"\. Known options: title, xLabel, yLabel, bins, x\.$/);
    refuses(() => chart.histogram([1, Infinity, 3]), /^chart\.histogram \(values\): value Infinity at row 1 has no bin/);
  });

  it("chart values: blank text is missing and other text is read as numpy reads it, not by Number()", () => {
    const p = chart.histogram([1, " ", 2, "3"], { bins: 2 }).payload as { series: { counts: number[] }[] };
    assert.deepEqual(p.series[0].counts, [1, 2]);
    refuses(() => chart.scatter([1, 2], ["0x10", 2]), /chart\.scatter y: value "0x10" at row 0 is not a number/);
    refuses(() => chart.line([1, 2], [[5], 2]), /chart\.line y: value \[5\] \(an array\) at row 0 is not a number/);
  });

  it("an error from a method that the called one calls in turn names the called one", () => {
    for (const make of [() => new RandomForestClassifier({ nEstimators: 3, seed: 1 }), () => new DecisionTreeClassifier(), () => new GaussianNB(), () => new LogisticRegression()]) {
      const name = make().estimatorName;
      refuses(() => make().predict(X), new RegExp(`^${name} is not fitted yet: call fit\\(X, y\\) before predict\\(\\)\\.$`), NotFittedError);
      refuses(() => make().fit(X, y).predict([[1, 2, 3]]), new RegExp(`^${name}\\.predict: X has 3 columns but the model was fitted on 2\\.$`));
    }
    // Called directly, the inner method keeps its own name.
    refuses(() => new LogisticRegression().fit(X, y).decisionFunction([[1]]), /^LogisticRegression\.decisionFunction: X has 1 columns/);
    // And the error still points at the caller's line: the stack holds this file.
    try {
      new RandomForestClassifier({ nEstimators: 3, seed: 1 }).fit(X, y).predict([[1]]);
      assert.fail("no error");
    } catch (e) {
      assert.match((e as Error).stack ?? "", /^AibookError: RandomForestClassifier\.predict: X has 1 columns/);
      assert.match((e as Error).stack ?? "", /bad-input\.test\.ts/);
    }
  });

  it("OneHotEncoder reports an Invalid Date as a missing value", () => {
    refuses(() => new OneHotEncoder().fit([[new Date("x")], [new Date(0)]]), /OneHotEncoder\.fit: column "x0" has 1 missing values/);
  });

  it("transformers refuse X without columns, as scikit-learn does, instead of fitting on nothing", () => {
    const noColumns = X.map(() => []);
    for (const make of [() => new StandardScaler(), () => new MinMaxScaler(), () => new SimpleImputer(), () => new OneHotEncoder()]) {
      refuses(() => make().fit(noColumns), new RegExp(`^${make().estimatorName}\\.fit: X has no columns\\.$`));
    }
    refuses(() => new SimpleImputer().fit(X).transform([]), /^SimpleImputer\.transform: X has no rows\.$/);
  });

  it("SimpleImputer and OneHotEncoder refuse infinity (scikit-learn: 'Input X contains infinity') instead of imputing Infinity", () => {
    refuses(() => new SimpleImputer().fit([[1, NaN], [Infinity, 2], [3, 4]]), /^SimpleImputer\.fit: column "x0" holds Infinity at row 1; impute missing values, not infinite ones/);
    refuses(() => new SimpleImputer().fit([[1, NaN], [2, 2]]).transform([[-Infinity, NaN]]), /^SimpleImputer\.transform: column "x0" holds -Infinity at row 0/);
    refuses(() => new OneHotEncoder().fit([[1], [Infinity]]), /^OneHotEncoder\.fit: column "x0" holds the number Infinity at row 1; categories must be text or finite numbers\.$/);
  });

  it("an array in a cell is named as an array by the imputer and the encoder, not as text or a mix", () => {
    refuses(() => new SimpleImputer().fit([[[1]], [2]]), /^SimpleImputer\.fit: column "x0" holds an array of 1; strategy "mean" needs numbers/);
    refuses(() => new OneHotEncoder().fit([["a"], [["b"]]]), /^OneHotEncoder\.fit: column "x0" holds an array of 1 at row 1; categories must be text or finite numbers/);
  });

  it("a sparse array's holes are missing rows or labels, not skipped (map and forEach skip them)", () => {
    const sparse: number[][] = new Array(8);
    sparse[0] = [1, 2];
    refuses(() => new LinearRegression().fit(sparse, target), /^LinearRegression\.fit: row 1 has no values, row 0 has 2\.$/);
    const holey: (number | string)[] = [...target];
    delete holey[3];
    refuses(() => new LinearRegression().fit(X, holey), /^LinearRegression\.fit \(y\): the target has missing values .* in 1 row, the first at row 3/, MissingValuesError);
    const holeyLabels = [...y];
    delete holeyLabels[5];
    refuses(() => new LogisticRegression().fit(X, holeyLabels), /the first at row 5/, MissingValuesError);
    refuses(() => metrics.mae(holey, target), /^mae \(yTrue\): the target has missing values/, MissingValuesError);
  });

  it("typed arrays are numeric arrays, as numpy's are: rows of X, y and metric inputs", () => {
    const typed = X.map((r) => Float64Array.from(r));
    const fromTyped = new LinearRegression().fit(typed, Float64Array.from(target)).predict([Float64Array.from([1, 2])]);
    assert.deepEqual(fromTyped, new LinearRegression().fit(X, target).predict([[1, 2]]));
    assert.deepEqual(new LogisticRegression().fit(X, Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1])).classes, [0, 1]);
    assert.equal(metrics.accuracy(Int32Array.from([0, 1, 1]), [0, 1, 0]), 2 / 3);
    refuses(() => new LinearRegression().fit(Float64Array.from(target), target), /^LinearRegression\.fit: X must be 2-D/);
  });

  it("maxFeatures and subsample outside scikit-learn's ranges are refused, not turned into leaves or ignored", () => {
    refuses(() => new RandomForestClassifier({ nEstimators: 2, maxFeatures: "foo" as never }).fit(X, y), /^RandomForestClassifier\.fit: maxFeatures must be "sqrt", "log2", a whole number of columns \(≥ 1\) or a fraction in \(0, 1\]; got "foo"\.$/);
    refuses(() => new DecisionTreeClassifier({ maxFeatures: 1.5 }).fit(X, y), /^DecisionTreeClassifier\.fit: maxFeatures must be .* got 1\.5\.$/);
    refuses(() => new GradientBoostingRegressor({ subsample: 2 }).fit(X, target), /^GradientBoostingRegressor\.fit: subsample must be a fraction in \(0, 1\] of the rows each tree sees; got 2\.$/);
    // More columns than X has means all of them, as in scikit-learn.
    const all = new DecisionTreeClassifier({ maxFeatures: 5, seed: 1 }).fit(X, y).predict(X);
    assert.deepEqual(all, new DecisionTreeClassifier({ seed: 1 }).fit(X, y).predict(X));
  });

  it("timeSplit without a column and a Pipeline whose steps are no array say what to pass", () => {
    refuses(() => timeSplit(new DataFrame({ day: [1, 2, 3, 4] }), {} as never), /^timeSplit: name the time column, e\.g\. timeSplit\(df, \{ column: "day", testSize: 0\.2 \}\)/);
    refuses(() => new Pipeline({ steps: new LogisticRegression() as never }), /^Pipeline: steps must be an array of estimators.*got one estimator\.$/);
  });

  it("checkSplit refuses parts with other columns or no rows instead of comparing columns by position", () => {
    refuses(() => checkSplit({ xTrain: X, xTest: X.map((r) => [r[0]]), yTrain: y, yTest: y }), /^checkSplit: xTrain has 2 columns \(x0, x1\) but xTest has 1 \(x0\); pass the two parts of one split/);
    const train = new DataFrame({ a: [1, 2, 3, 4], b: [1, 2, 1, 2] });
    refuses(() => checkSplit({ train, test: new DataFrame({ b: [1, 2], a: [3, 4] }) }), /^checkSplit: train has 2 columns \(a, b\) but test has 2 \(b, a\)/);
    refuses(() => checkSplit({ xTrain: X, xTest: [], yTrain: y, yTest: [] }), /^checkSplit: xTest has no rows; there is nothing to compare/);
  });

  it("a switch option given as text or a number is refused, not read as truthy", () => {
    refuses(() => new LinearRegression({ fitIntercept: "false" as never }), /^LinearRegression: fitIntercept must be true or false; got "false"\.$/);
    refuses(() => new StandardScaler({ withMean: 0 as never }), /^StandardScaler: withMean must be true or false; got 0\.$/);
    refuses(() => new RandomForestClassifier({ bootstrap: "no" as never }), /^RandomForestClassifier: bootstrap must be true or false/);
    // Booleans, and leaving it out, are fine.
    assert.equal(new LinearRegression({ fitIntercept: false }).params.fitIntercept, false);
    assert.equal(new LinearRegression({ fitIntercept: undefined }).params.fitIntercept, true);
  });

  it("split switches given as text are refused, not read as truthy (shuffle: \"no\" shuffled)", () => {
    refuses(() => trainTestSplit(X, y, { shuffle: "no" as never }), /^trainTestSplit: shuffle must be true or false; got "no"\.$/);
    refuses(() => kFold(X, { folds: 2, shuffle: "no" as never }), /^kFold: shuffle must be true or false/);
    refuses(() => stratifiedKFold(y, { folds: 2, shuffle: 0 as never }), /^stratifiedKFold: shuffle must be true or false; got 0\.$/);
    refuses(() => crossValidate(new LogisticRegression(), X, y, { folds: 2, stratify: "yes" as never }), /^crossValidate: stratify must be true or false; got "yes"\.$/);
    assert.deepEqual(kFold(X, { folds: 2, shuffle: false })[0].testIndex, [0, 1, 2, 3]);
  });

  it("LabelEncoder.inverseTransform shows a NaN code as NaN, not null", () => {
    refuses(() => new LabelEncoder().fit(["a", "b"]).inverseTransform([NaN]), /^LabelEncoder\.inverseTransform: value NaN at row 0 is not a code between 0 and 1\.$/);
  });
});
