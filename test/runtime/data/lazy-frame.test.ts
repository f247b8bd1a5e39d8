import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import { lazyFrameFromColumns, takeRows } from "../../../src/runtime/data/frame";

/** readCsv returns frames whose row form is built on first use: danfojs must not notice. */
describe("lazily built DataFrames behave as danfojs frames", () => {
  const make = () => lazyFrameFromColumns(["a", "b", "s"], [[1, 2, 3, 4], [0.5, NaN, 1.5, 2], ["x", "y", null, "x"]], ["int32", "float32", "string"]);

  it("answers shape, columns and column access without building rows, and rows on demand", () => {
    const df = make() as DataFrame & Record<string, any>;
    assert.deepEqual(df.shape, [4, 3]);
    assert.deepEqual(df["a"].values, [1, 2, 3, 4]);
    assert.deepEqual(df.values[1], [2, NaN, "y"]);
    assert.deepEqual(df.index, [0, 1, 2, 3]);
  });

  it("supports danfojs' drop, loc, iloc, dropNa, addColumn and query", () => {
    const df = make() as DataFrame & Record<string, any>;
    assert.deepEqual(df.drop({ columns: ["s"] }).values, [[1, 0.5], [2, NaN], [3, 1.5], [4, 2]]);
    assert.deepEqual(df.loc({ columns: ["a"] }).values, [[1], [2], [3], [4]]);
    assert.deepEqual(df.iloc({ rows: ["1:3"] }).index, [1, 2]);
    assert.deepEqual(df.dropNa().index, [0, 3]);
    assert.deepEqual(df.query(df["a"].gt(2)).index, [2, 3]);
    df.addColumn("c", [9, 8, 7, 6], { inplace: true });
    assert.deepEqual(df.shape, [4, 4]);
    assert.deepEqual(df["c"].values, [9, 8, 7, 6]);
    df.drop({ index: [0], inplace: true });
    assert.deepEqual(df.shape, [3, 4]);
  });

  it("takeRows keeps index labels and dtypes", () => {
    const picked = takeRows(make(), [3, 1]) as DataFrame;
    assert.deepEqual(picked.index, [3, 1]);
    assert.deepEqual(picked.values, [[4, 2, "x"], [2, NaN, "y"]]);
    assert.deepEqual(picked.dtypes, ["int32", "float32", "string"]);
  });
});
