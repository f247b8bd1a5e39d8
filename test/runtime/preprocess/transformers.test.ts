import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import { StandardScaler, MinMaxScaler, SimpleImputer, OneHotEncoder, LabelEncoder, SelectKBest } from "../../../src/runtime/preprocess";
import { estimatorFromJSON } from "../../../src/runtime/core/estimator";
import { MissingValuesError, NotFittedError, UnknownOptionError } from "../../../src/runtime/core/errors";
import { fixture, assertClose, dataset } from "../data/reference";

const reference = fixture("preprocess");
const RTOL = 1e-9;
/** Transformed values near zero are compared with an absolute floor: a relative error is meaningless there. */
const ATOL = 1e-12;

function columnSums(rows: number[][]): number[] {
  return rows[0].map((_, j) => rows.reduce((s, r) => s + r[j], 0));
}

async function features(name: string, target: string) {
  const df = await dataset(name);
  return df.drop({ columns: [target] });
}

describe("scalers match scikit-learn", () => {
  for (const c of reference.scalers) {
    it(`StandardScaler on ${c.dataset}`, async () => {
      const X = await features(c.dataset, c.target);
      const scaler = new StandardScaler().fit(X);
      assertClose(scaler.mean, c.standard.mean, RTOL, 0, "mean");
      assertClose(scaler.variance, c.standard.variance, RTOL, 1e-15, "variance");
      assertClose(scaler.scale, c.standard.scale, RTOL, 0, "scale");
      const Z = (scaler.transform(X) as DataFrame).values as number[][];
      assertClose(Z.slice(0, c.standard.head.length), c.standard.head, RTOL, ATOL, "rows");
      assertClose(columnSums(Z.map((r) => r.map(Math.abs))), c.standard.columnAbsSums, RTOL, ATOL, "column |sums|");
    });

    it(`MinMaxScaler on ${c.dataset}, default and custom range`, async () => {
      const X = await features(c.dataset, c.target);
      const scaler = new MinMaxScaler().fit(X);
      assertClose(scaler.dataMin, c.minMax.dataMin, 0);
      assertClose(scaler.dataMax, c.minMax.dataMax, 0);
      const M = (scaler.transform(X) as DataFrame).values as number[][];
      assertClose(M.slice(0, c.minMax.head.length), c.minMax.head, RTOL, ATOL, "rows");
      assertClose(columnSums(M), c.minMax.columnSums, RTOL, ATOL, "column sums");
      const ranged = new MinMaxScaler({ featureRange: c.minMaxRange.featureRange }).fitTransform(X) as DataFrame;
      assertClose((ranged.values as number[][]).slice(0, c.minMaxRange.head.length), c.minMaxRange.head, RTOL, ATOL, "ranged rows");
    });
  }
});

describe("SimpleImputer matches scikit-learn", () => {
  const input = reference.imputer.input.map((r: (number | null)[]) => r.map((v) => (v === null ? NaN : v)));
  for (const [strategy, expected] of Object.entries<any>(reference.imputer.strategies)) {
    it(`strategy "${strategy}"`, () => {
      const imputer = new SimpleImputer({ strategy: strategy as "mean", fillValue: strategy === "constant" ? -1 : undefined }).fit(input);
      assertClose(imputer.statistics, expected.statistics, RTOL);
      assertClose(columnSums(imputer.transform(input) as number[][]), expected.columnSums, RTOL, ATOL);
    });
  }

  it("keeps text columns and fills them with the most frequent value", () => {
    const df = new DataFrame({ city: ["Oslo", null, "Rome", "Oslo"], n: [1, 2, NaN, 4] });
    const out = new SimpleImputer({ strategy: "most_frequent" }).fitTransform(df) as DataFrame;
    assert.deepEqual(out.columns, ["city", "n"]);
    assert.deepEqual(out.values, [["Oslo", 1], ["Oslo", 2], ["Rome", 1], ["Oslo", 4]]);
  });

  it("refuses the mean of a text column, naming it", () => {
    assert.throws(() => new SimpleImputer().fit([["a", 1], [null, 2]]), /column "x0" holds text \("a"\); strategy "mean" needs numbers/);
  });
});

describe("encoders match scikit-learn", () => {
  const c = reference.oneHot;

  it("OneHotEncoder: sorted categories, column_category names, 0/1 columns", () => {
    const df = new DataFrame(c.input);
    const encoder = new OneHotEncoder().fit(df);
    assert.deepEqual(encoder.categories, c.categories);
    assert.deepEqual(encoder.featureNames, c.featureNames);
    const out = encoder.transform(df) as DataFrame;
    assert.deepEqual(out.columns, encoder.featureNames);
    assertClose(columnSums(out.values as number[][]), c.columnSums, 0);
    assertClose(c.headRows.map((i: number) => (out.values as number[][])[i]), c.head, 0);
  });

  it("OneHotEncoder: an unseen category is an error, or zeros with handleUnknown ignore", () => {
    const train = [["red"], ["blue"]];
    assert.throws(() => new OneHotEncoder().fit(train).transform([["green"]]), /"green" at row 0, a category not seen in fit \("blue", "red"\)/);
    assert.deepEqual(new OneHotEncoder({ handleUnknown: "ignore" }).fit(train).transform([["green"], ["red"]]), [[0, 0], [0, 1]]);
  });

  it("OneHotEncoder({ columns }) encodes those columns in place and passes the rest through", () => {
    const df = new DataFrame({ color: ["red", "blue", "red"], size: [1, 2, 3] });
    const out = new OneHotEncoder({ columns: ["color"] }).fitTransform(df) as DataFrame;
    assert.deepEqual(out.columns, ["color_blue", "color_red", "size"]);
    assert.deepEqual(out.values, [[0, 1, 1], [1, 0, 2], [0, 1, 3]]);
  });

  it("OneHotEncoder names the categories of a float-typed column as pandas' float64 prints them", () => {
    // A CSV column written "1.0, 2.0" is float64 in pandas: scikit-learn names its columns educ_1.0, not educ_1.
    const df = new DataFrame({ educ: [1, 2, 1, 7], party: [0, 1, 1, 0] }, { dtypes: ["float32", "int32"] });
    assert.deepEqual(new OneHotEncoder().fit(df).featureNames, ["educ_1.0", "educ_2.0", "educ_7.0", "party_0", "party_1"]);
  });

  it("LabelEncoder: sorted classes and codes, and back", async () => {
    const wine = await dataset("wine");
    const encoder = new LabelEncoder().fit(wine["cultivar"]);
    assert.deepEqual(encoder.classes, reference.labelEncoder.classes);
    const codes = encoder.transform(wine["cultivar"]) as { values: number[] };
    assert.deepEqual(codes.values, reference.labelEncoder.codes);
    assert.deepEqual(encoder.inverseTransform([0, 2]), ["class_0", "class_2"]);
    assert.throws(() => encoder.transform(["class_9"]), /"class_9" at row 0, a label not seen in fit/);
  });

  it("LabelEncoder refuses NaN labels as it refuses null, naming the first row, instead of making NaN a class", () => {
    // scikit-learn would sort NaN last as a class of its own; a missing label is dropped, not encoded.
    assert.throws(() => new LabelEncoder().fit([1, NaN, 2, NaN]), (e: unknown) => e instanceof MissingValuesError && /2 rows, the first at row 1/.test(e.message));
    assert.throws(() => new LabelEncoder().fit([1, 2]).transform([2, NaN]), (e: unknown) => e instanceof MissingValuesError && /first at row 1/.test(e.message));
  });
});

describe("SelectKBest matches scikit-learn", () => {
  for (const c of reference.selectKBest) {
    it(`${c.scoreFunc} on ${c.dataset}, k = ${c.k}`, async () => {
      const df = await dataset(c.dataset);
      const X = df.drop({ columns: [c.target] });
      const selector = new SelectKBest({ k: c.k, scoreFunc: c.scoreFunc }).fit(X, df[c.target]);
      assertClose(selector.scores, c.scores, RTOL, 0, "scores");
      assertClose(selector.pValues, c.pValues, 1e-6, 1e-300, "p-values");
      const out = selector.transform(X) as DataFrame;
      assert.deepEqual(out.columns, c.support.map((j: number) => X.columns[j]));
      assert.deepEqual(selector.selectedColumns, out.columns);
    });
  }

  it("refuses a k larger than the number of columns, and a fit without y", () => {
    assert.throws(() => new SelectKBest({ k: 3 }).fit([[1, 2], [3, 4]], [0, 1]), /k = 3 but X has only 2 columns/);
    assert.throws(() => new SelectKBest({ k: 1 }).fit([[1, 2], [3, 4]]), /call fit\(X, y\)/);
  });
});

describe("the transformer contract", () => {
  const makers = [
    () => new StandardScaler(),
    () => new MinMaxScaler(),
    () => new SimpleImputer({ strategy: "median" }),
    () => new OneHotEncoder({ handleUnknown: "ignore" }),
    () => new SelectKBest({ k: 1 }),
  ];
  const X = [[1, 10], [2, 20], [3, 15], [4, 40]];
  const y = [0, 0, 1, 1];

  for (const make of makers) {
    const name = make().estimatorName;
    it(`${name}: fit returns this, transform before fit fails, clone is unfitted, toJSON reloads`, () => {
      assert.throws(() => make().transform(X), NotFittedError);
      const t = make();
      assert.equal(t.fit(X, y), t);
      const before = JSON.stringify(t.transform(X));
      const copy = t.clone();
      assert.equal(copy.isFitted, false);
      assert.deepEqual(copy.params, t.params);
      const reloaded = estimatorFromJSON(JSON.parse(JSON.stringify(t.toJSON()))) as unknown as { transform(X: unknown): unknown };
      assert.equal(JSON.stringify(reloaded.transform(X)), before);
      // transform never refits: new rows do not change the learned state
      t.transform([[100, 1000], [200, 2000]]);
      assert.equal(JSON.stringify(t.transform(X)), before);
    });
  }

  it("arrays in give arrays out; DataFrames in give DataFrames with the same index out", () => {
    assert.ok(Array.isArray(new StandardScaler().fitTransform(X)));
    const df = new DataFrame({ a: [1, 2, 3], b: [4, 5, 7] }, { index: [10, 11, 12] });
    const out = new StandardScaler().fitTransform(df) as DataFrame;
    assert.deepEqual(out.columns, ["a", "b"]);
    assert.deepEqual(out.index, [10, 11, 12]);
  });

  it("missing values in fit name the columns and counts and say how to fix it", () => {
    const df = new DataFrame({ age: [30, NaN, 40, NaN], income: [1, 2, null, 4] });
    assert.throws(
      () => new StandardScaler().fit(df),
      (e: unknown) => e instanceof MissingValuesError && /age \(2\), income \(1\)/.test(e.message) && /SimpleImputer/.test(e.message) && /dropMissing/.test(e.message),
    );
    assert.throws(() => new OneHotEncoder().fit([["a"], [null]]), /1 missing values; impute them first/);
  });

  it("a string in a numeric column is an error naming column and row", () => {
    const df = new DataFrame({ age: [30, 31], city: ["Oslo", "Rome"] });
    assert.throws(() => new MinMaxScaler().fit(df), /column "city" holds the text "Oslo" at row 0/);
  });

  it("unknown option names are errors listing the known ones", () => {
    assert.throws(() => new StandardScaler({ with_mean: false } as never), (e: unknown) => e instanceof UnknownOptionError && /withMean, withStd/.test((e as Error).message));
    assert.throws(() => new SimpleImputer({ strategy: "mode" as never }).fit([[1]]), /strategy must be one of mean, median, most_frequent, constant/);
  });

  it("transform refuses columns that differ from fit", () => {
    const scaler = new StandardScaler().fit(new DataFrame({ a: [1, 2], b: [3, 4] }));
    assert.throws(() => scaler.transform(new DataFrame({ b: [1, 2], a: [3, 4] })), /column 0 is "b" but was "a" in fit/);
    assert.throws(() => scaler.transform([[1, 2, 3]]), /X has 3 columns but the transformer was fitted on 2/);
  });
});

describe("StandardScaler options", () => {
  it("withMean false only divides, withStd false only centres (mean is still learnt)", () => {
    const X = [[1, 10], [3, 30]];
    const noMean = new StandardScaler({ withMean: false }).fit(X);
    assert.deepEqual(noMean.mean, [2, 20]);
    assert.deepEqual(noMean.transform(X), [[1, 1], [3, 3]]);
    assert.deepEqual(new StandardScaler({ withStd: false }).fitTransform(X), [[-1, -10], [1, 10]]);
    assert.deepEqual(new StandardScaler().fit(X).inverseTransform([[0, 0]]), [[2, 20]]);
  });
});
