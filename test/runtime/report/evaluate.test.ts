import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { evaluate, evaluationText, toEvaluationPayload } from "../../../src/runtime/report/evaluate";
import { Mime } from "../../../src/protocol/mime";
import { ThresholdClassifier } from "./tiny-models";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/report/metrics.json", import.meta.url), "utf8"));

/** A "model" that returns fixed predictions and probabilities, so evaluate can be checked against scikit-learn. */
function fixed(pred: unknown[], proba?: number[][], classes?: unknown[]) {
  return { estimatorName: "Fixed", ...(classes ? { classes } : {}), predict: () => pred, ...(proba ? { predictProba: () => proba } : {}) };
}
const fixedMulticlassReport = () => evaluate(fixed(fixture.multiclass.pred, fixture.multiclass.proba, fixture.multiclass.classes), rowsOf(fixture.multiclass.y.length), fixture.multiclass.y);
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => [i]);
const close = (a: number | null | undefined, b: number, what: string) => assert.ok(a !== null && a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe("evaluate", () => {
  it("matches scikit-learn on a binary problem: metrics, confusion matrix and ROC curve", () => {
    const f = fixture.binary;
    const r = evaluate(fixed(f.pred, f.proba, [0, 1]), rowsOf(f.y.length), f.y);
    for (const k of ["accuracy", "balancedAccuracy", "precision", "recall", "f1", "rocAuc"]) close(r.metrics[k], f[k], k);
    assert.deepEqual(r.confusionMatrix, f.confusion);
    assert.equal(r.payload.roc?.length, 1);
    assert.deepEqual(r.payload.roc![0].fpr.map((v) => +v.toFixed(12)), f.fpr.map((v: number) => +v.toFixed(12)));
    assert.deepEqual(r.payload.roc![0].tpr.map((v) => +v.toFixed(12)), f.tpr.map((v: number) => +v.toFixed(12)));
  });

  it("draws the binary ROC from decisionFunction when the model has no predictProba (an SVC without probability), as scikit-learn does", () => {
    // Decision values 2p - 1 rank the rows as the fixture's probabilities p do, so scikit-learn's AUC and curve are those of p.
    const f = fixture.binary;
    const decisionOnly = { estimatorName: "SVC", classes: [0, 1], predict: () => f.pred, decisionFunction: () => f.proba.map((p: number[]) => [2 * p[1] - 1]) };
    const r = evaluate(decisionOnly, rowsOf(f.y.length), f.y);
    close(r.metrics.rocAuc, f.rocAuc, "rocAuc");
    assert.deepEqual(r.payload.roc![0].fpr.map((v) => +v.toFixed(12)), f.fpr.map((v: number) => +v.toFixed(12)));
    // Class 0 as the positive one ranks by -d: the same area.
    close(evaluate(decisionOnly, rowsOf(f.y.length), f.y, { positiveLabel: 0 }).metrics.rocAuc, f.rocAuc, "rocAuc of class 0");
  });

  it("scores class 1 as positive for labels 1 and 2, scikit-learn's default pos_label=1 (not the greater label)", () => {
    const f = fixture.binary12;
    const r = evaluate(fixed(f.pred, fixture.binary.proba, [1, 2]), rowsOf(f.y.length), f.y);
    for (const k of ["precision", "recall", "f1", "rocAuc"]) close(r.metrics[k], f[k], k);
    assert.equal(r.payload.roc![0].positiveLabel, "1");
    // The text says which class the binary scores are about.
    assert.equal(r.payload.positiveLabel, "1");
    assert.match(String(r), /\nPositive class: 1 \(precision, recall, f1, ROC; set with \{ positiveLabel \}\)\n/);
    assert.equal(fixedMulticlassReport().payload.positiveLabel, undefined);
  });

  it("says in the text when there is no ROC because the model gives no probabilities (three classes, no predictProba)", () => {
    const f = fixture.multiclass;
    const r = evaluate(fixed(f.pred, undefined, f.classes), rowsOf(f.y.length), f.y);
    assert.equal(r.payload.roc, undefined);
    assert.match(String(r), /No ROC curve: the model gives no class probabilities \(predictProba\)\./);
    assert.doesNotMatch(String(fixedMulticlassReport()), /No ROC curve/);
  });

  it("gives a class that was never predicted a precision of 0, as scikit-learn and the macro average do, not NaN", () => {
    // y and pred checked with scikit-learn: precision_recall_fscore_support(y, pred, zero_division=0)
    const y = ["a", "a", "b", "b", "c", "c", "c"];
    const pred = ["b", "b", "c", "b", "b", "c", "c"];
    const r = evaluate(fixed(pred), rowsOf(7), y);
    const rows = r.payload.perClass!;
    assert.deepEqual(rows.map((row) => [row.label, row.precision, row.recall, row.f1]), [["a", 0, 0, 0], ["b", 0.25, 0.5, 1 / 3], ["c", 2 / 3, 2 / 3, 2 / 3]]);
    close(r.metrics["precision (macro)"], 0.3055555555555555, "precision (macro)");
    assert.doesNotMatch(String(r), /NaN/);
  });

  it("titles the text with the model's name once when no name is given", () => {
    const y = [0, 1, 1, 0];
    assert.match(String(evaluate(fixed(y), rowsOf(4), y)), /^Fixed on 4 rows, 1 feature — classification/);
    assert.match(String(evaluate(fixed(y), rowsOf(4), y, { name: "mine" })), /^mine \(Fixed\) on 4 rows/);
  });

  it("matches scikit-learn on three string classes: macro scores and one-vs-rest AUC", () => {
    const f = fixture.multiclass;
    const r = evaluate(fixed(f.pred, f.proba, f.classes), rowsOf(f.y.length), f.y, { name: "zoo" });
    close(r.metrics.accuracy, f.accuracy, "accuracy");
    close(r.metrics.balancedAccuracy, f.balancedAccuracy, "balancedAccuracy");
    close(r.metrics["precision (macro)"], f.precisionMacro, "precision");
    close(r.metrics["recall (macro)"], f.recallMacro, "recall");
    close(r.metrics["f1 (macro)"], f.f1Macro, "f1");
    close(r.metrics["rocAuc (ovr macro)"], f.rocAucOvrMacro, "rocAuc");
    assert.deepEqual(r.confusionMatrix, f.confusion);
    assert.deepEqual(r.payload.confusion?.labels, ["cat", "dog", "emu"]);
    assert.equal(r.payload.roc?.length, 3);
    assert.equal(r.payload.name, "zoo");
  });

  it("reports r2, rmse, mae and residuals for regression, as scikit-learn computes them", () => {
    const f = fixture.regression;
    const r = evaluate(fixed(f.pred), f.y.map((v: number) => [v]), f.y, { task: "regression" });
    close(r.metrics.r2, f.r2, "r2");
    close(r.metrics.rmse, f.rmse, "rmse");
    close(r.metrics.mae, f.mae, "mae");
    assert.equal(r.payload.residuals?.residual.length, f.y.length);
    close(r.payload.residuals!.residual[3], f.y[3] - f.pred[3], "residual");
    assert.equal(r.payload.confusion, undefined);
  });

  it("measures a model that predicts fractions for a 0/1 target (a binomial GLM) as a regression", () => {
    const r = evaluate(fixed([0.1, 0.8, 0.3, 0.9]), rowsOf(4), [0, 1, 0, 1]);
    assert.equal(r.payload.task, "regression");
    close(r.metrics.mae, 0.175, "mae");
    assert.equal(evaluate(fixed([0, 1, 1, 1]), rowsOf(4), [0, 1, 0, 1]).payload.task, "classification", "whole-number predictions stay labels");
  });

  it("never reports accuracy alone for classification", () => {
    const X = [[1], [2], [3], [4], [5], [6]];
    const y = [0, 0, 0, 1, 1, 1];
    const r = evaluate(new ThresholdClassifier().fit(X, y), X, y);
    const names = r.payload.metrics.map((m) => m.name);
    assert.ok(names.includes("balancedAccuracy") && names.includes("recall") && names.includes("f1"), names.join());
  });

  it("gives its own mime and a text table", () => {
    const f = fixture.binary;
    const bundle = evaluate(fixed(f.pred, f.proba, [0, 1]), rowsOf(f.y.length), f.y).toMimeBundle();
    assert.deepEqual(bundle.map((b) => b.mime), [Mime.evaluation, Mime.text]);
    const text = String(bundle[1].data);
    assert.match(text, /accuracy\s+0\.\d+/);
    assert.match(text, /Confusion matrix/);
  });

  it("says what is wrong when rows differ or the model cannot predict", () => {
    assert.throws(() => evaluate(fixed([0, 1]), [[1], [2], [3]], [0, 1]), /3 rows but yTest has 2/);
    assert.throws(() => evaluate({}, [[1]], [0]), /no predict/);
  });

  it("text form of 100 classes fits an 80-column terminal: the most frequent confusions instead of a 100-column matrix", () => {
    const classes = Array.from({ length: 100 }, (_, i) => `class_${i}`);
    const y = Array.from({ length: 1000 }, (_, i) => classes[i % 100]);
    const pred = y.map((v, i) => (i % 7 === 0 ? classes[(i * 13) % 100] : v));
    const text = evaluationText(toEvaluationPayload({ estimatorName: "Big", classes, predict: () => pred }, y.map((_, i) => [i]), y));
    const long = text.split("\n").filter((l) => l.length > 80);
    assert.deepEqual(long, []);
    assert.match(text, /Most frequent confusions \(true -> predicted\)/);
  });
});

