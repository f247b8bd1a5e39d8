import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import { dropDuplicates, dropMissing, trainTestSplit } from "../../../src/runtime";
import { maskPositions } from "../../../src/runtime/data/danfo-repair";

/**
 * danfojs 1.2 reads a boolean mask's `true`s as row labels used as positions: after dropMissing or
 * a split (which keep pandas' labels) `df.query(mask)` gave other rows, or a raw TypeError.
 */
describe("boolean masks on frames that keep their row labels", () => {
  const frame = () => new DataFrame({ a: [1, 2, NaN, 4, 5, 6], b: ["x", "y", "x", "y", "x", "y"] });

  it("df.query(mask) after dropMissing returns the rows the mask picks", () => {
    const df = dropMissing(frame()) as DataFrame & Record<string, any>;
    assert.deepEqual(df.index, [0, 1, 3, 4, 5]);
    const xs = df.query(df["b"].eq("x"));
    assert.deepEqual(xs.index, [0, 4]);
    assert.deepEqual(xs["a"].values, [1, 5]);
    const big = df.query(df["a"].gt(3));
    assert.deepEqual(big["a"].values, [4, 5, 6]);
    // a frame danfojs made itself (the result of a query) filtered again
    assert.deepEqual(big.query(big["b"].eq("y"))["a"].values, [4, 6]);
  });

  it("df.iloc({ rows: mask }) and series.iloc(mask) after a split, and query after dropDuplicates", () => {
    const { test } = trainTestSplit(new DataFrame({ a: [10, 11, 12, 13, 14, 15, 16, 17], b: [0, 1, 0, 1, 0, 1, 0, 1] }), { testSize: 4, seed: 3 }) as { test: DataFrame & Record<string, any> };
    const mask = test["b"].eq(1);
    const expected = test["a"].values.filter((_: number, i: number) => mask.values[i]);
    assert.deepEqual(test.iloc({ rows: mask })["a"].values, expected);
    assert.deepEqual(test["a"].iloc(mask.values).values, expected);
    const dd = dropDuplicates(new DataFrame({ a: [1, 1, 2, 3], b: ["p", "p", "q", "p"] })) as DataFrame & Record<string, any>;
    assert.deepEqual(dd.query(dd["b"].eq("p"))["a"].values, [1, 3]);
  });

  it("leaves positions, slices and masks of another length to danfojs", () => {
    assert.deepEqual(maskPositions([true, false, true], 3), [0, 2]);
    assert.deepEqual(maskPositions([0, 2], 3), [0, 2]);
    assert.deepEqual(maskPositions(["0:2"], 3), ["0:2"]);
    assert.deepEqual(maskPositions([true, false], 3), [true, false]);
  });
});
