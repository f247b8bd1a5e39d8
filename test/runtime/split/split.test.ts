import assert from "node:assert/strict";
import { DataFrame, Series } from "danfojs-node";
import { trainTestSplit, timeSplit, kFold, stratifiedKFold, splitInfoOf } from "../../../src/runtime/split";
import { fixture, dataset } from "../data/reference";

const reference = fixture("split");

async function labelsOf(name: string, target: string | null): Promise<(string | number)[]> {
  if (name === "fair_binary") {
    const fair = await dataset("fair");
    return (fair["affairs"].values as number[]).map((v) => (v > 0 ? 1 : 0));
  }
  const df = await dataset(name);
  return df[target!].values as (string | number)[];
}

function countsOf(labels: (string | number)[], classes: (string | number)[]): number[] {
  return classes.map((c) => labels.filter((l) => l === c).length);
}

describe("kFold and stratifiedKFold match scikit-learn", () => {
  it("kFold fold sizes", () => {
    for (const c of reference.kFoldSizes) {
      assert.deepEqual(kFold(c.n, { folds: c.folds }).map((f) => f.testIndex.length), c.testSizes, `n=${c.n}, folds=${c.folds}`);
    }
  });

  it("kFold folds partition the rows, shuffled or not, and a seed repeats them", () => {
    for (const options of [{ folds: 4 }, { folds: 4, shuffle: true, seed: 1 }]) {
      const folds = kFold(23, options);
      const all = folds.flatMap((f) => f.testIndex).sort((a, b) => a - b);
      assert.deepEqual(all, Array.from({ length: 23 }, (_, i) => i));
      for (const f of folds) assert.equal(f.trainIndex.length + f.testIndex.length, 23);
    }
    assert.deepEqual(kFold(23, { folds: 4, seed: 5 }), kFold(23, { folds: 4, seed: 5 }));
    assert.notDeepEqual(kFold(23, { folds: 4, seed: 5 }), kFold(23, { folds: 4, seed: 6 }));
  });

  for (const c of reference.stratifiedKFold) {
    it(`stratifiedKFold on ${c.dataset}, ${c.folds} folds: the same test rows as scikit-learn`, async () => {
      const y = await labelsOf(c.dataset, c.target);
      assert.deepEqual(stratifiedKFold(y, { folds: c.folds }).map((f) => f.testIndex), c.testIndex);
      const shuffled = stratifiedKFold(y, { folds: c.folds, shuffle: true, seed: 2 });
      assert.deepEqual(shuffled.map((f) => f.testIndex.length), c.testIndex.map((t: number[]) => t.length));
    });
  }

  it("refuses one class, too many folds and unknown options", () => {
    assert.throws(() => stratifiedKFold([1, 1, 1, 1], { folds: 2 }), /one class only/);
    assert.throws(() => stratifiedKFold([0, 1, 0, 1], { folds: 3 }), /more than the rows of every class/);
    assert.throws(() => kFold(3, { folds: 4 }), /folds = 4 is more than the 3 rows/);
    assert.throws(() => kFold(10, { nSplits: 3 } as never), /no option "nSplits"/);
  });
});

describe("trainTestSplit", () => {
  it("rounds sizes as scikit-learn (test part up, train part down)", () => {
    for (const c of reference.trainTestSizes) {
      const X = Array.from({ length: c.n }, (_, i) => [i]);
      const y = Array.from({ length: c.n }, (_, i) => i % 2);
      const { xTrain, xTest } = trainTestSplit(X, y, { testSize: c.testSize, seed: 0 });
      assert.deepEqual([xTrain.length, xTest.length], [c.nTrain, c.nTest], `n=${c.n}, testSize=${c.testSize}`);
    }
  });

  for (const c of reference.stratifiedTestCounts) {
    it(`stratify keeps scikit-learn's per-class test counts on ${c.dataset}, testSize ${c.testSize}`, async () => {
      const y = await labelsOf(c.dataset, c.target);
      const X = y.map((_, i) => [i]);
      const expected: number[][] = c.testCounts;
      const agree = expected.every((counts) => JSON.stringify(counts) === JSON.stringify(expected[0]));
      for (const seed of [0, 1, 2, 3]) {
        const { yTest, yTrain } = trainTestSplit(X, y, { testSize: c.testSize, stratify: true, seed });
        const counts = countsOf(yTest, c.classes);
        if (agree) assert.deepEqual(counts, expected[0], `seed ${seed}`);
        else {
          // Ties in the remainders are broken at random, by scikit-learn too: stay within its range.
          assert.equal(counts.reduce((a, b) => a + b, 0), expected[0].reduce((a, b) => a + b, 0));
          counts.forEach((k, j) => {
            const seen = expected.map((e) => e[j]);
            assert.ok(k >= Math.min(...seen) && k <= Math.max(...seen), `class ${c.classes[j]}: ${k} outside ${seen}`);
          });
        }
        assert.equal(yTrain.length + yTest.length, y.length);
      }
    });
  }

  it("keeps the kinds of its inputs: DataFrame and Series in, DataFrame and Series (with index) out", async () => {
    const iris = await dataset("iris");
    const X = iris.drop({ columns: ["species"] });
    const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, iris["species"], { testSize: 0.2, stratify: true, seed: 42 });
    assert.ok(xTrain instanceof DataFrame && xTest instanceof DataFrame);
    assert.ok(yTrain instanceof Series && yTest instanceof Series);
    assert.deepEqual(xTest.index, yTest.index);
    const rows = iris.values as unknown[][];
    const i = xTest.index[0] as number;
    assert.deepEqual(xTest.values[0], rows[i].slice(0, 4));
    assert.equal(splitInfoOf(xTest)?.method, "stratified");
  });

  it("the same seed gives the same split, another seed another one; no row is in both parts", () => {
    const X = Array.from({ length: 50 }, (_, i) => [i]);
    const y = X.map(([i]) => i % 3);
    const a = trainTestSplit(X, y, { seed: 7 });
    assert.deepEqual(a, trainTestSplit(X, y, { seed: 7 }));
    assert.notDeepEqual(a.xTest, trainTestSplit(X, y, { seed: 8 }).xTest);
    const test = new Set(a.xTest.map(([i]) => i));
    assert.ok(a.xTrain.every(([i]) => !test.has(i)));
    assert.deepEqual(trainTestSplit(X, y, { shuffle: false, testSize: 10 }).xTest.map(([i]) => i), [40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
  });

  it("accepts the labels to stratify on, and the one-frame form with a column name", async () => {
    const wine = await dataset("wine");
    const { train, test } = trainTestSplit(wine, { testSize: 0.25, stratify: "cultivar", seed: 1 });
    assert.equal(train.shape[0] + test.shape[0], 178);
    assert.deepEqual(countsOf(test["cultivar"].values, ["class_0", "class_1", "class_2"]), [15, 18, 12]);
    const y = wine["cultivar"];
    const split = trainTestSplit(wine.drop({ columns: ["cultivar"] }), y, { testSize: 0.25, stratify: y, seed: 1 });
    assert.equal(split.xTest.shape[0], 45);
  });

  it("refuses one class, X/y of different lengths, a class of one row, unknown options", () => {
    const X = [[1], [2], [3], [4]];
    assert.throws(() => trainTestSplit(X, [1, 1, 1, 1], { stratify: true, testSize: 0.5 }), /one class only/);
    assert.throws(() => trainTestSplit(X, [1, 0, 1], {}), /X has 4 rows but y has 3/);
    assert.throws(() => trainTestSplit(X, [1, 0, 0, 0], { stratify: true, testSize: 0.5 }), /class 1 has only 1 row/);
    assert.throws(() => trainTestSplit(X, [1, 0, 1, 0], { test_size: 0.5 } as never), /no option "test_size".*testSize/);
    assert.throws(() => trainTestSplit(X, [1, 0, 1, 0], { stratify: true, shuffle: false }), /stratify needs shuffle/);
    assert.throws(() => trainTestSplit(X, [1, 0, 1, 0], { testSize: 4 }), /testSize = 4 rows, but there are 4 rows/);
  });

  it("a size above 1 that is not a whole number says it is neither a fraction nor a row count", () => {
    const X = [[1], [2], [3], [4]];
    // Before: "testSize = 1.5 rows, but there are 4 rows", which reads as if 1.5 rows were too many.
    assert.throws(() => trainTestSplit(X, [1, 0, 1, 0], { testSize: 1.5 }), /testSize = 1\.5 is neither a fraction in \(0, 1\) nor a whole number of rows/);
    assert.throws(() => trainTestSplit(X, [1, 0, 1, 0], { trainSize: 2.5 }), /trainSize = 2\.5 is neither/);
    assert.throws(() => trainTestSplit(X, [1, 0, 1, 0], { testSize: "0.25" as never }), /testSize must be a number .*; got "0\.25"/);
  });
});

describe("timeSplit", () => {
  it("puts the latest rows in the test set, in time order", async () => {
    const co2 = await dataset("co2");
    const { train, test } = timeSplit(co2, { column: "date", testSize: 0.2 });
    assert.equal(test.shape[0], Math.ceil(co2.shape[0] * 0.2));
    assert.equal(train.shape[0] + test.shape[0], co2.shape[0]);
    const trainDates = train["date"].values as string[];
    const testDates = test["date"].values as string[];
    assert.ok(Date.parse(trainDates[trainDates.length - 1]) <= Date.parse(testDates[0]));
    assert.ok(testDates.every((d, i) => i === 0 || Date.parse(testDates[i - 1]) <= Date.parse(d)));
    assert.equal(splitInfoOf(test)?.method, "time");
  });

  it("sorts shuffled rows by a numeric column", () => {
    const df = new DataFrame({ year: [2003, 2001, 2004, 2002], v: [3, 1, 4, 2] });
    const { train, test } = timeSplit(df, { column: "year", testSize: 0.5 });
    assert.deepEqual(train["v"].values, [1, 2]);
    assert.deepEqual(test["v"].values, [3, 4]);
  });

  it("reads years written as text beside full dates as dates, not as small numbers", () => {
    const df = new DataFrame({ when: ["2021-06-01", "2019", "2020-03-01", "2022"], v: [3, 1, 2, 4] });
    const { train, test } = timeSplit(df, { column: "when", testSize: 0.5 });
    assert.deepEqual(train["v"].values, [1, 2]);
    assert.deepEqual(test["v"].values, [3, 4]);
    // Years alone stay numbers (sorted as such, not as text).
    const years = timeSplit(new DataFrame({ when: ["2019", "999", "2020", "1000"], v: [3, 1, 4, 2] }), { column: "when", testSize: 0.5 });
    assert.deepEqual(years.test["v"].values, [3, 4]);
  });

  it("names a missing column and a missing time", () => {
    const df = new DataFrame({ year: [2001, NaN], v: [1, 2] });
    assert.throws(() => timeSplit(df, { column: "date" }), /no column "date"/);
    // Without options it said 'no column undefined'.
    assert.throws(() => (timeSplit as (df: unknown) => unknown)(df), /timeSplit: name the time column, e\.g\. timeSplit\(df, \{ column: "year", testSize: 0\.2 \}\); the columns are year, v\./);
    assert.throws(() => timeSplit(df, { column: "year" }), /column "year" is missing at row 1/);
  });
});
