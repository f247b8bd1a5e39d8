import assert from "node:assert/strict";
import { metricColumns } from "../../webview/runs-view";
import type { RunRecord } from "../../src/protocol/run-history";

const run = (id: string, metrics: Record<string, number>) => ({ id, metrics }) as unknown as RunRecord;

describe("metrics panel columns", () => {
  it("are the most common metric names, at most the limit", () => {
    const runs = [run("a", { accuracy: 1, "f1 (macro)": 1, recall: 1 }), run("b", { accuracy: 1, "f1 (macro)": 1 })];
    assert.deepEqual(metricColumns(runs, 2), ["accuracy", "f1 (macro)"]);
  });

  it("add a compareModels run's own metric when no common column would show it", () => {
    const runs = [
      run("a", { accuracy: 0.9, "f1 (macro)": 0.8 }),
      run("b", { accuracy: 0.7, "f1 (macro)": 0.6 }),
      run("board", { f1: 0.75, "f1 std": 0.02 }),
    ];
    const columns = metricColumns(runs, 2);
    assert.deepEqual(columns, ["accuracy", "f1 (macro)", "f1"]);
    for (const r of runs) assert.ok(columns.some((c) => c in r.metrics), `run ${r.id} shows a metric`);
  });
});
