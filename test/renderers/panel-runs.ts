/** Run records for panel tests and screenshots, made by the runtime's own record builder. */
import { toRunRecord } from "../../src/runtime/history/record-run";
import type { RunRecord } from "../../src/protocol/run-history";
import { evaluationPayload, leaderboardPayload, multiclassEvaluation, regressionEvaluation } from "./payloads";
import { toEvaluationPayload } from "../../src/runtime/report/evaluate";
import { classificationData } from "./payloads";
import { DummyClassifier } from "../runtime/report/tiny-models";

export function sampleRuns(): RunRecord[] {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 14, minute));
  const { X, y } = classificationData();
  const baseline = toEvaluationPayload(new DummyClassifier().fit(X, y), X, y, { name: "baseline" });
  const nb = "/ws/churn.aibook";
  return [
    toRunRecord(baseline, { notebook: nb, cell: 4 }, at(1)),
    toRunRecord(evaluationPayload(), { notebook: nb, cell: 6, cellId: "c6" }, at(5)),
    toRunRecord(leaderboardPayload(), { notebook: nb, cell: 8 }, at(9)),
    toRunRecord(multiclassEvaluation(["setosa", "versicolor", "virginica"]), { notebook: "/ws/iris.aibook", cell: 2 }, at(12)),
    toRunRecord(regressionEvaluation(), { notebook: "/ws/prices.aibook", cell: 3 }, at(20)),
  ];
}
