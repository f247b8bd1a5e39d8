import assert from "node:assert/strict";
import { checkDuplicates, countDuplicateRows } from "../../../src/runtime/checks/duplicate-leakage";
import { checkImbalancedAccuracy, imbalanceOf } from "../../../src/runtime/checks/imbalanced-accuracy";
import { checkMissingValues, countMissing } from "../../../src/runtime/checks/missing-values";
import { compareParts } from "../../../src/runtime/checks/non-representative-test";
import { checkTemporalLeakage, findTimeColumn, timesOf } from "../../../src/runtime/checks/temporal-leakage";
import { DEFAULT_THRESHOLDS as T, thresholdsOf } from "../../../src/runtime/checks/types";
import { analyzeSplit, runtimeRules } from "../../../src/runtime/checks";
import { labelsOf, rowsOf } from "../../../src/runtime/checks/tabular";

const rows = (columns: string[], data: unknown[][]) => ({ columns, rows: data });
const repeat = <V>(n: number, f: (i: number) => V) => Array.from({ length: n }, (_, i) => f(i));

describe("runtime rules: metadata", () => {
  it("lists the five rules of pitfalls.md with their severities, and documents every threshold next to its rule", () => {
    assert.deepEqual(
      runtimeRules.map((r) => [r.id, r.severity]),
      [
        ["non-representative-test", "warning"],
        ["duplicate-leakage", "error"],
        ["imbalanced-accuracy", "warning"],
        ["missing-values", "warning"],
        ["temporal-leakage", "warning"],
      ],
    );
    for (const rule of runtimeRules) for (const t of rule.thresholds) assert.match(rule.docs, new RegExp(`\`${t.key}\` = ${T[t.key]}`), `${rule.id} documents ${t.key}`);
  });

  it("defaults are those of pitfalls.md; settings override only known finite numbers", () => {
    assert.deepEqual(T, { alpha: 0.01, minEffectSize: 0.2, minTestRows: 30, minClassRows: 5, maxDuplicateShare: 0.05, imbalanceRatio: 0.2 });
    assert.equal(thresholdsOf({ thresholds: { minTestRows: 10, alpha: Number.NaN } }).minTestRows, 10);
    assert.equal(thresholdsOf({ thresholds: { alpha: Number.NaN } }).alpha, 0.01);
  });
});

describe("non-representative-test", () => {
  it("reports a class missing from the test labels, and one never seen in training", () => {
    const trainY = [...repeat(40, () => "a"), ...repeat(40, () => "b"), ...repeat(40, () => "c")];
    const testY = [...repeat(20, () => "a"), ...repeat(20, () => "b"), ...repeat(5, () => "d")];
    const [f] = compareParts({ trainY, testY }, T).findings;
    assert.equal(f.rule, "non-representative-test");
    assert.match(f.message, /class c of the training labels is missing from the test labels/);
    assert.match(f.message, /class d of the test labels never occurs in the training labels/);
  });

  it("reports fewer than 30 test rows, and fewer than 5 test rows of a class", () => {
    assert.match(compareParts({ trainY: repeat(100, (i) => i % 2), testY: repeat(29, (i) => i % 2) }, T).findings[0].message, /only 29 rows \(fewer than 30\)/);
    assert.equal(compareParts({ trainY: repeat(100, (i) => i % 2), testY: repeat(30, (i) => i % 2) }, T).findings.length, 0);
    const few = compareParts({ trainY: repeat(100, (i) => (i % 10 === 0 ? "rare" : "common")), testY: [...repeat(4, () => "rare"), ...repeat(40, () => "common")] }, T);
    assert.match(few.findings[0].message, /fewer than 5 rows of class rare \(4\)/);
  });

  it("needs both significance after Bonferroni and an effect of at least 0.2 for a numeric feature", () => {
    // Shifted by half a standard deviation of a uniform: large effect, tiny p-value.
    const train = rows(["x", "noise"], repeat(300, (i) => [i / 300, (i * 7919) % 300]));
    const shifted = rows(["x", "noise"], repeat(100, (i) => [0.5 + i / 200, (i * 7919) % 300]));
    const found = compareParts({ trainX: train, testX: shifted }, T);
    const x = found.columns.find((c) => c.column === "x")!;
    assert.equal(x.test, "ks");
    assert.ok(x.shifted && x.effect! >= 0.2 && x.pValue! < 0.01 / 2);
    assert.equal(found.columns.find((c) => c.column === "noise")!.shifted, false);
    assert.match(found.findings[0].message, /distribution of "x" differs/);
    // The same shift with a threshold of effect above it is not reported.
    assert.equal(compareParts({ trainX: train, testX: shifted }, { ...T, minEffectSize: 0.9 }).findings.length, 0);
  });

  it("reports categories of the test set never seen in training", () => {
    const train = rows(["color"], repeat(200, (i) => [["red", "green", "blue"][i % 3]]));
    const test = rows(["color"], repeat(60, (i) => [i < 10 ? "purple" : ["red", "green", "blue"][i % 3]]));
    assert.match(compareParts({ trainX: train, testX: test }, T).findings[0].message, /column "color" of the test set holds a category never seen in training: "purple" \(10 rows/);
  });

  it("checks only classes and size for a time-ordered split: drift is what it measures", () => {
    const train = rows(["x"], repeat(300, (i) => [i]));
    const test = rows(["x"], repeat(100, (i) => [300 + i]));
    assert.equal(compareParts({ trainX: train, testX: test, timeOrdered: true }, T).findings.length, 0);
    assert.equal(compareParts({ trainX: train, testX: test }, T).findings.length, 1);
    assert.match(compareParts({ trainX: train, testX: test, trainY: repeat(300, (i) => i % 2), testY: repeat(100, () => 0), timeOrdered: true }, T).findings[0].message, /class 1 .* missing from the test labels/);
  });
});

describe("duplicate-leakage", () => {
  const train = rows(["a", "b"], repeat(100, (i) => [i, i % 3]));
  it("counts test rows equal to a training row, features and label", () => {
    const test = rows(["a", "b"], [...repeat(6, (i) => [i, i % 3]), ...repeat(94, (i) => [1000 + i, 0])]);
    const count = countDuplicateRows(train, test, repeat(100, () => "y"), [...repeat(3, () => "y"), ...repeat(97, () => "n")]);
    assert.deepEqual(count, { duplicates: 3, testRows: 100 });
    assert.deepEqual(countDuplicateRows(train, test), { duplicates: 6, testRows: 100 });
  });

  it("does not count rows without any value as copies", () => {
    const empty = rows(["a", "b"], [[Number.NaN, null], [Number.NaN, null], [1, 2]]);
    assert.deepEqual(countDuplicateRows(empty, empty), { duplicates: 1, testRows: 3 });
  });

  it("reports more than 5% with the count and the share, not 5% exactly", () => {
    assert.equal(checkDuplicates({ duplicates: 5, testRows: 100 }, T).length, 0);
    const [f] = checkDuplicates({ duplicates: 6, testRows: 100 }, T);
    assert.equal(f.severity, "error");
    assert.match(f.message, /^6 of the 100 test rows \(6\.0%\) are exact copies of training rows/);
    assert.match(f.message, /dropDuplicates/);
  });
});

describe("imbalanced-accuracy", () => {
  const labels = [...repeat(95, () => 0), ...repeat(5, () => 1)];
  it("fires when accuracy is the only classification metric for labels whose rarest class is under a fifth of the commonest", () => {
    const [f] = checkImbalancedAccuracy(labels, ["accuracy"], T);
    assert.equal(f.rule, "imbalanced-accuracy");
    assert.match(f.message, /class 1 has 5 of 100 rows \(5\.0%\)/);
    assert.match(f.message, /always predicting 0 scores 95%/);
  });
  it("stays silent with another metric, regression metrics aside, or balanced enough labels", () => {
    assert.equal(checkImbalancedAccuracy(labels, ["accuracy", "f1"], T).length, 0);
    assert.equal(checkImbalancedAccuracy(labels, ["accuracy", "evaluate"], T).length, 0);
    assert.equal(checkImbalancedAccuracy(labels, ["accuracy", "rmse"], T).length, 1);
    assert.equal(checkImbalancedAccuracy([...repeat(80, () => "a"), ...repeat(20, () => "b")], ["accuracy"], T).length, 0); // 20/80 = 0.25
    assert.equal(checkImbalancedAccuracy([...repeat(81, () => "a"), ...repeat(16, () => "b")], ["accuracy"], T).length, 1); // 16/81 < 0.2
    assert.equal(imbalanceOf(repeat(100, (i) => i * 1.5)), undefined);
  });
});

describe("missing-values", () => {
  it("counts NaN, null, undefined, and empty strings in numeric columns only, and the target", () => {
    const X = rows(["age", "city", "income"], [
      [30, "Paris", "1200"],
      [Number.NaN, "", "  "],
      [null, "Rome", "900"],
      [undefined, "Oslo", "1000"],
    ]);
    const counts = countMissing(X, [1, Number.NaN, 0, 1], "label");
    assert.deepEqual(counts, [
      { column: "age", count: 3 },
      { column: "income", count: 1 },
      { column: "label (the target)", count: 1 },
    ]);
    const [f] = checkMissingValues(counts, 4, "LinearRegression.fit");
    assert.match(f.message, /LinearRegression\.fit is trained on 4 rows .* age: 3, income: 1, label \(the target\): 1/);
    assert.match(f.message, /SimpleImputer/);
    assert.match(f.message, /dropMissing/);
    assert.equal(checkMissingValues(countMissing(rows(["a"], [[1], [2]]), [0, 1]), 2, "fit").length, 0);
  });
});

describe("tabular views of inputs", () => {
  it("reads arrays of rows and of objects, one-hot labels, and ml-matrix matrices", async () => {
    const { Matrix } = await import("ml-matrix");
    assert.deepEqual(rowsOf([{ a: 1, b: "x" }, { a: 2, b: "y" }]), { columns: ["a", "b"], rows: [[1, "x"], [2, "y"]] });
    assert.deepEqual(rowsOf(new Matrix([[1, Number.NaN], [3, 4]]))?.rows, [[1, Number.NaN], [3, 4]]);
    assert.deepEqual(labelsOf(Matrix.columnVector([0, 1])), [0, 1]);
    assert.deepEqual(labelsOf([[1], [0]]), [1, 0]);
    assert.equal(rowsOf(42), undefined);
  });
});

describe("analyzeSplit: unshuffled cuts", () => {
  it("an unshuffled cut of rows in an order (a column that never decreases) is a time split: no drift finding", () => {
    const trainX = rows(["x0", "x1"], repeat(150, (i) => [1959 + Math.floor(i / 4), (i * 37) % 11]));
    const testX = rows(["x0", "x1"], repeat(50, (i) => [1996 + Math.floor(i / 4), (i * 37) % 11]));
    assert.equal(analyzeSplit({ trainX, testX, method: "ordered" }, T).timeOrdered, true);
    assert.deepEqual(analyzeSplit({ trainX, testX, method: "ordered" }, T).findings, []);
    assert.deepEqual(analyzeSplit({ trainX, testX, method: "random" }, T).findings.map((f) => f.rule), ["non-representative-test"]);
  });
  it("rows in the order of a trending series (a quarterly level with dips) cut unshuffled are a time split too; rows in no order are not", () => {
    // A level that grows with a dip every fifth step, as GDP does: not sorted, but in time order.
    const level = (i: number) => 100 + i - (i % 5 === 4 ? 3 : 0) + ((i * 7) % 3);
    const noise = (i: number) => (i * 37) % 11;
    const trainX = rows(["level", "x1"], repeat(150, (i) => [level(i), noise(i)]));
    const testX = rows(["level", "x1"], repeat(50, (i) => [level(150 + i), noise(150 + i)]));
    assert.equal(analyzeSplit({ trainX, testX, method: "ordered" }, T).timeOrdered, true);
    assert.deepEqual(analyzeSplit({ trainX, testX, method: "ordered" }, T).findings, []);
    // The same values in a scrambled order: an unshuffled cut of them is no time split, and drift counts.
    const scrambled = (i: number) => (i * 61) % 200;
    const trainS = rows(["level", "x1"], repeat(150, (i) => [level(scrambled(i)) + (scrambled(i) > 150 ? 500 : 0), noise(i)]));
    const testS = rows(["level", "x1"], repeat(50, (i) => [level(scrambled(150 + i)) + 500, noise(150 + i)]));
    assert.equal(analyzeSplit({ trainX: trainS, testX: testS, method: "ordered" }, T).timeOrdered, false);
  });
});

describe("temporal-leakage", () => {
  it("recognises parsed dates, ISO strings, and time-named columns whose values look like times", () => {
    assert.ok(timesOf("when", [new Date(2020, 0, 1), new Date(2021, 0, 1)]));
    assert.ok(timesOf("day_of_sale", ["2020-01-05", "2020-02-01T10:00:00Z"]));
    assert.deepEqual(timesOf("year", [1959, 1960.0, 2009]), [1959, 1960, 2009]);
    assert.ok(timesOf("sale_date", ["2020/01/05", "2020/02/01"]));
    assert.ok(timesOf("createdAt", [1_700_000_000_000, 1_700_000_100_000]));
    assert.equal(timesOf("yrs_married", [0.5, 2.5, 9, 23]), undefined);
    assert.equal(timesOf("year", [0.5, 23]), undefined);
    assert.equal(timesOf("rate", [1990, 2000]), undefined);
    assert.equal(timesOf("age", ["30", "41"]), undefined);
    assert.equal(findTimeColumn(rows(["yrs_married", "year"], [[1, 1990], [2, 1991]]))?.name, "year");
  });

  it("fires for a random split with training rows later than test rows, not for a split by time", () => {
    const [f] = checkTemporalLeakage({ name: "year", train: [1990, 2005, 2010], test: [2000, 2001] }, true);
    assert.match(f.message, /2 of the 3 training rows are later than the earliest test row/);
    assert.match(f.message, /timeSplit\(df, \{ column: "year"/);
    assert.equal(checkTemporalLeakage({ name: "year", train: [1990, 2005, 2010], test: [2000] }, false).length, 0);
    assert.equal(checkTemporalLeakage({ name: "year", train: [1990, 1995], test: [2000, 2001] }, true).length, 0);
  });
});
