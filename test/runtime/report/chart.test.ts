import assert from "node:assert/strict";
import { chart } from "../../../src/runtime/report/chart";
import { Mime } from "../../../src/protocol/mime";
import { POINT_LIMIT, type HistogramChart, type XYChart, type BarChart } from "../../../src/protocol/views";

describe("charts", () => {
  it("bins a histogram as numpy does (last bin closed) and skips missing values", () => {
    const p = chart.histogram([0, 1, 2, 3, 4, NaN, null], { bins: 4 }).payload as HistogramChart;
    assert.deepEqual(p.edges, [0, 1, 2, 3, 4]);
    assert.deepEqual(p.series[0].counts, [1, 1, 1, 2]);
  });

  it("puts groups of a histogram on shared bins", () => {
    const p = chart.histogram({ train: [0, 1, 1], test: [2, 4] }, { bins: 2 }).payload as HistogramChart;
    assert.deepEqual(p.edges, [0, 2, 4]);
    assert.deepEqual(p.series.map((s) => [s.name, s.counts]), [["train", [3, 0]], ["test", [0, 2]]]);
  });

  it("pairs scatter points, samples large sets, and refuses unequal lengths", () => {
    const n = POINT_LIMIT * 2;
    const p = chart.scatter(Array.from({ length: n }, (_, i) => i), Array.from({ length: n }, (_, i) => -i)).payload as XYChart;
    assert.equal(p.series[0].x.length, POINT_LIMIT);
    assert.equal(p.sampled, true);
    p.series[0].x.forEach((x, i) => assert.equal(p.series[0].y[i], -x));
    assert.throws(() => chart.scatter([1, 2], [1]), /x has 2 values but y has 1/);
  });

  it("draws a line of values by position, and bars by category", () => {
    const line = chart.line({ train: [3, 2, 1] }, { title: "loss" }).payload as XYChart;
    assert.deepEqual(line.series[0], { name: "train", x: [0, 1, 2], y: [3, 2, 1] });
    assert.equal(line.title, "loss");
    const bar = chart.bar({ a: 3, b: 5 }).payload as BarChart;
    assert.deepEqual([bar.categories, bar.series[0].values], [["a", "b"], [3, 5]]);
    assert.throws(() => chart.bar({ a: "x" }), /bars need numbers/);
  });

  it("takes a table and column names, as pandas' df.plot(x=, y=) does", async () => {
    const { DataFrame } = await import("danfojs-node");
    const df = new DataFrame({ date: ["2024-01-01", "2024-02-01", "2024-03-01"], co2: [400, 401, 403], temp: [1, 2, 3] });
    const line = chart.line(df, { x: "date", y: "co2", title: "CO2" }).payload as XYChart;
    assert.equal(line.xTime, true);
    assert.deepEqual(line.series, [{ name: "co2", x: ["2024-01-01", "2024-02-01", "2024-03-01"].map(Date.parse), y: [400, 401, 403] }]);
    assert.deepEqual([line.title, line.xLabel, line.yLabel], ["CO2", "date", "co2"]);
    const both = chart.line(df, { x: "date", y: ["co2", "temp"] }).payload as XYChart;
    assert.deepEqual(both.series.map((s) => [s.name, s.y]), [["co2", [400, 401, 403]], ["temp", [1, 2, 3]]]);
    const records = [{ a: 1, b: 2 }, { a: 2, b: 4 }];
    const scatter = chart.scatter(records, { x: "a", y: "b" }).payload as XYChart;
    assert.deepEqual(scatter.series[0], { name: "b", x: [1, 2], y: [2, 4] });
    const byPosition = chart.line(df, { y: "temp" }).payload as XYChart;
    assert.deepEqual(byPosition.series[0], { name: "temp", x: [0, 1, 2], y: [1, 2, 3] });
    const bars = chart.bar(new DataFrame({ fruit: ["apple", "pear"], n: [3, 5] }), { x: "fruit", y: "n" }).payload as BarChart;
    assert.deepEqual([bars.categories, bars.series], [["apple", "pear"], [{ name: "n", values: [3, 5] }]]);
    assert.throws(() => chart.line(df, { x: "day", y: "co2" }), /chart\.line: no column "day"; the columns are date, co2, temp\./);
  });

  it("counts a table's column picked by name, as line and scatter pick theirs", async () => {
    const { DataFrame } = await import("danfojs-node");
    // histogram(df, { x: "age" }) used to ignore x and fail on the first text column of df.
    const df = new DataFrame({ age: [20, 30, 30, 40], answer: ["no", "yes", "no", "no"], educ: [9, 12, 12, 16] });
    const p = chart.histogram(df, { x: "age", bins: 2 }).payload as HistogramChart;
    assert.deepEqual([p.edges, p.series, p.xLabel], [[20, 30, 40], [{ name: "age", counts: [1, 3] }], "age"]);
    const two = chart.histogram(df, { x: ["age", "educ"], bins: 2 }).payload as HistogramChart;
    assert.deepEqual(two.series.map((s) => s.name), ["age", "educ"]);
    assert.throws(() => chart.histogram(df, { x: "agee" }), /chart\.histogram: no column "agee"; the columns are age, answer, educ\./);
    assert.throws(() => chart.histogram(df), /chart\.histogram \(answer\): value "no" at row 0 is not a number\. Pick the numeric columns to count, e\.g\. chart\.histogram\(df, \{ x: "age" \}\)/);
  });

  it("draws a Series' values against its labels, as pandas' value_counts().plot.bar()", async () => {
    const { Series } = await import("danfojs-node");
    // bar(series) used to fail with "chart.bar values must be ... got undefined".
    const counts = new Series([5, 2], { index: ["teacher", "student"] });
    const p = chart.bar(counts).payload as BarChart;
    assert.deepEqual([p.categories, p.series], [["teacher", "student"], [{ name: "value", values: [5, 2] }]]);
    assert.deepEqual((chart.bar([3, 4]).payload as BarChart).categories, ["0", "1"]);
  });

  it("reads dates and ISO date strings on x as times", () => {
    const p = chart.line(["2024-01-01", "2024-02-01", null, "2024-04-01"], [1, 2, 3, 4]).payload as XYChart;
    assert.equal(p.xTime, true);
    assert.deepEqual(p.series[0].x, [Date.parse("2024-01-01"), Date.parse("2024-02-01"), Date.parse("2024-04-01")]);
    assert.deepEqual(p.series[0].y, [1, 2, 4]);
    assert.equal((chart.scatter([1, 2], [3, 4]).payload as XYChart).xTime, undefined);
    assert.match(chart.line([new Date("2020-05-01")], [7]).toString(), /2020-05-01\s+7/);
  });

  it("gives the chart mime and a text form with bars", () => {
    const [rich, text] = chart.bar(["cats", "dogs"], [1, 2]).toMimeBundle();
    assert.equal(rich.mime, Mime.chart);
    assert.match(String(text.data), /dogs\s+2\s+#{30}/);
  });
});
