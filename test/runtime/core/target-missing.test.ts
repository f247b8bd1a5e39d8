/**
 * A missing label or regression target is not a feature to impute: the advice must be to drop
 * those rows (naming the column and a row), not "impute them with a SimpleImputer" as it was.
 */
import assert from "node:assert/strict";
import { DataFrame, Series } from "danfojs-node";
import { MissingValuesError } from "../../../src/runtime/core/errors";
import { LinearRegression, LogisticRegression } from "../../../src/runtime/models";
import { trainTestSplit } from "../../../src/runtime/split";
import { metrics } from "../../../src/runtime/metrics";

const X = [[1], [2], [3], [4], [5], [6], [7], [8]];
const isTargetAdvice = (name: string, row: number) => (e: unknown) =>
  e instanceof MissingValuesError &&
  !/SimpleImputer/.test(e.message) &&
  e.message.includes(`"${name}"`) &&
  e.message.includes(`row ${row}`) &&
  /dropMissing\(df, \{ columns: \[/.test(e.message);

describe("missing values in a target", () => {
  it("a classifier's labels: names the Series and the first row, advises dropping", () => {
    const y = new Series(["a", "b", "a", null, "a", "b", "a", "b"], { columns: ["churn"] } as never);
    assert.throws(() => new LogisticRegression().fit(X, y), isTargetAdvice("churn", 3));
  });

  it("a regression target with NaN", () => {
    assert.throws(() => new LinearRegression().fit(X, [1, 2, NaN, 4, 5, 6, 7, 8]), (e: unknown) => e instanceof MissingValuesError && !/SimpleImputer/.test(e.message) && /row 2/.test(e.message) && /drop/.test(e.message));
  });

  it("stratifying on a column with a missing label names the column", () => {
    const df = new DataFrame({ x: [1, 2, 3, 4, 5, 6, 7, 8], y: ["a", "b", "a", "b", "a", "b", null, "a"] });
    assert.throws(() => trainTestSplit(df, { testSize: 0.25, stratify: "y", seed: 0 }), isTargetAdvice("y", 6));
  });

  it("a metric with a missing label does not advise an imputer", () => {
    assert.throws(() => metrics.accuracy([1, 0, NaN], [1, 0, 1]), (e: unknown) => e instanceof MissingValuesError && !/SimpleImputer/.test(e.message) && /yTrue/.test(e.message));
  });

  it("missing features keep the imputer advice", () => {
    assert.throws(() => new LinearRegression().fit([[1], [NaN], [3]], [1, 2, 3]), /SimpleImputer/);
  });
});
