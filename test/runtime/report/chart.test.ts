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
