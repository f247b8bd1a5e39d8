/**
 * Metrics on the edge cases where a port drifts from scikit-learn: classes never predicted
 * (zero_division), labels absent from yTrue, string and number-like labels, positiveLabel, label
 * order in confusionMatrix, tied scores in ROC, multiclass one-vs-rest and one-vs-one AUC,
 * constant regression targets and singleton clusters. Reference values and the cases scikit-learn
 * refuses come from scripts/fixtures/reference_edge_cases.py.
 */
import assert from "node:assert/strict";
import { metrics, type ClassificationReportOptions } from "../../../src/runtime/metrics";
import { AibookError } from "../../../src/runtime/core/errors";
import { Series } from "danfojs-node";
import { fixture, assertClose } from "../data/reference";
import { capturingWarnings } from "../warnings";

const edge = fixture("edge-cases");
const RTOL = 1e-9;

type Metric = (...args: unknown[]) => unknown;
const call = (fn: string, ...args: unknown[]) => (metrics as unknown as Record<string, Metric>)[fn](...args);

/** scikit-learn refused this input: the runtime must throw its own clear error, not return a value. */
function assertRefused(run: () => unknown, why: string): void {
  assert.throws(run, (e: unknown) => e instanceof AibookError && e.message.length > 20, `expected an AibookError (scikit-learn: ${why})`);
}


describe("metrics edge cases against scikit-learn", () => {
  describe("label metrics", () => {
    for (const c of edge.labelMetrics) {
      it(`${c.fn}: ${c.name}${c.options ? " " + JSON.stringify(c.options) : ""}`, () => {
        const args = c.options ? [c.yTrue, c.yPred, c.options] : [c.yTrue, c.yPred];
        if (c.error) return assertRefused(() => call(c.fn, ...args), c.sklearnError);
        const { value, warnings } = capturingWarnings(() => call(c.fn, ...args));
        assertClose(value, c.expected, RTOL);
        // scikit-learn's UndefinedMetricWarning for 0/0 under zero_division="warn" (and balanced_accuracy's
        // UserWarning for predicted classes absent from yTrue): the runtime warns too.
        const balanced = c.fn === "balancedAccuracy";
        const sklearnWarned = (c.warnings ?? []).includes(balanced ? "UserWarning" : "UndefinedMetricWarning");
        assert.equal(warnings.length > 0, sklearnWarned, `warnings: ${JSON.stringify(warnings)}; scikit-learn warned: ${sklearnWarned}`);
        for (const w of warnings) assert.match(w, balanced ? /yTrue lacks; .* left out of the mean/ : /ill-defined.*zeroDivision/);
      });
    }
  });

  it("NaN predictions point at the model's output, not at dropping label rows before the split", () => {
    // Before: "mse (yPred): the target has missing values ... drop those rows before the split".
    for (const run of [() => metrics.rmse([1, 2, 3], [1, NaN, 3]), () => metrics.accuracy([1, 0, 1], [1, NaN, 1])]) {
      assert.throws(run, (e: Error) => /\(yPred\): the predictions have missing values .* in 1 row, the first at row 1\. A model should not predict NaN/.test(e.message) && !/before the split/.test(e.message));
    }
    assert.throws(() => metrics.accuracy([1, NaN, 1], [1, 0, 1]), /\(yTrue\): the target has missing values .*drop those rows before the split/);
    assert.throws(() => metrics.rmse([1, 2], [1, 2, 3]), /^AibookError: rmse: yTrue has 2 values but yPred has 3/);
    assert.throws(() => metrics.rmse([1, NaN], [1, 2]), /^MissingValuesError: rmse \(yTrue\)/);
    assert.equal(metrics.rmse([1, 2, 3], [1, 2, 5]), Math.sqrt(metrics.mse([1, 2, 3], [1, 2, 5])));
  });

  it("danfojs Series give the same values as arrays", () => {
    for (const c of edge.labelMetrics.filter((k: any) => !k.error && k.fn !== "confusionMatrix")) {
      const args = [new Series(c.yTrue), new Series(c.yPred), ...(c.options ? [c.options] : [])];
      const { value } = capturingWarnings(() => call(c.fn, ...args));
      assertClose(value, c.expected, RTOL, 0, `${c.fn} ${c.name}`);
    }
    const roc = edge.rocAuc.find((k: any) => !k.error && !Array.isArray(k.scores[0]));
    assertClose(metrics.rocAuc(new Series(roc.yTrue), new Series(roc.scores)), roc.expected, RTOL, 0, "rocAuc");
    for (const c of edge.regression) assertClose(call(c.fn, new Series(c.yTrue), new Series(c.yPred)), c.expected, RTOL, 0, `${c.fn} ${c.name}`);
  });

  describe("classificationReport", () => {
    const scores = (s: { precision: number; recall: number; f1: number; support: number }) => [s.precision, s.recall, s.f1, s.support];
    const expected = (d: Record<string, number>) => [d.precision, d.recall, d["f1-score"], d.support];
    for (const c of edge.classificationReports) {
      it(`${c.name} ${JSON.stringify(c.options)}: the text, the numbers and outputDict`, () => {
        const report = metrics.classificationReport(c.yTrue, c.yPred, c.options as ClassificationReportOptions);
        assert.equal(report.toString(), c.text);
        const labels: string[] = c.labels;
        assert.equal(report.classes.length, labels.length);
        report.classes.forEach((k, i) => assertClose(scores(k), expected(c.dict[labels[i]]), RTOL, 0, labels[i]));
        if ("accuracy" in c.dict) assertClose(report.accuracy, c.dict.accuracy, RTOL, 0, "accuracy");
        else assertClose(scores(report.microAvg!), expected(c.dict["micro avg"]), RTOL, 0, "micro avg");
        assertClose(scores(report.macroAvg), expected(c.dict["macro avg"]), RTOL, 0, "macro avg");
        assertClose(scores(report.weightedAvg), expected(c.dict["weighted avg"]), RTOL, 0, "weighted avg");
        const dict = metrics.classificationReport(c.yTrue, c.yPred, { ...c.options, digits: undefined, outputDict: true });
        assert.deepEqual(Object.keys(dict).sort(), Object.keys(c.dict).sort());
        for (const [key, value] of Object.entries(c.dict)) {
          if (typeof value === "number") assertClose(dict[key], value, RTOL, 0, key);
          else assertClose(expected(dict[key] as any), expected(value as any), RTOL, 0, key);
        }
      });
    }
  });

  describe("rocCurve with tied scores", () => {
    for (const c of edge.rocCurves) {
      it(`${c.name} ${JSON.stringify(c.options)}`, () => {
        const r = metrics.rocCurve(c.yTrue, c.scores, c.options);
        assertClose(r.fpr, c.fpr, RTOL, 0, "fpr");
        assertClose(r.tpr, c.tpr, RTOL, 0, "tpr");
        assert.equal(r.thresholds[0], Infinity);
        assertClose(r.thresholds.slice(1), c.thresholds, RTOL, 0, "thresholds");
      });
    }
  });

  describe("rocAuc", () => {
    for (const c of edge.rocAuc) {
      it(`${c.name} ${JSON.stringify(c.options)}`, () => {
        // JSON writes scikit-learn's NaN label as null: give it back as the NaN a user would pass.
        const yTrue = c.yTrue.map((v: unknown) => (v === null ? NaN : v));
        if (c.error) {
          assertRefused(() => metrics.rocAuc(yTrue, c.scores, c.options), c.sklearnError);
          if (c.curveRefused) assertRefused(() => metrics.rocCurve(yTrue, c.scores, c.options), c.sklearnError);
          return;
        }
        assertClose(metrics.rocAuc(yTrue, c.scores, c.options), c.expected, RTOL);
      });
    }
  });

  describe("seeded random inputs", () => {
    edge.random.labels.forEach((c: any, i: number) => {
      it(`labels case ${i}: ${c.yTrue.length} rows, classes ${JSON.stringify([...new Set([...c.yTrue, ...c.yPred])])}`, () => {
        for (const e of c.entries) {
          const options = e.options ? { ...e.options, zeroDivision: 0 } : undefined;
          assertClose(call(e.fn, c.yTrue, c.yPred, ...(options ? [options] : [])), e.expected, RTOL, 0, `${e.fn} ${JSON.stringify(e.options ?? {})}`);
        }
        // scikit-learn 1.2 prints supports as floats ("2.0") when no row at all is predicted right
        // (its bincount of an empty array is float); counts are integers here.
        const noHit = c.yTrue.every((v: unknown, k: number) => v !== c.yPred[k]);
        const text = noHit ? c.report.replace(/(\d+)\.0\n/g, "  $1\n") : c.report;
        assert.equal(metrics.classificationReport(c.yTrue, c.yPred).toString(), text);
      });
    });
    edge.random.roc.forEach((c: any, i: number) => {
      it(`roc case ${i}: ${c.yTrue.length} rows${c.proba ? `, ${c.proba[0].length} classes` : ""}`, () => {
        assertClose(metrics.rocAuc(c.yTrue, c.scores), c.auc, RTOL, 0, "auc");
        const r = metrics.rocCurve(c.yTrue, c.scores);
        assertClose([r.fpr, r.tpr, r.thresholds.slice(1)], [c.fpr, c.tpr, c.thresholds], RTOL, 0, "curve");
        if (!c.proba) return;
        assertClose(metrics.rocAuc(c.yMulti, c.proba), c.ovrMacro, RTOL, 0, "ovr macro");
        assertClose(metrics.rocAuc(c.yMulti, c.proba, { average: "weighted" }), c.ovrWeighted, RTOL, 0, "ovr weighted");
        assertClose(metrics.rocAuc(c.yMulti, c.proba, { multiClass: "ovo" }), c.ovoMacro, RTOL, 0, "ovo macro");
        assertClose(metrics.rocAuc(c.yMulti, c.proba, { multiClass: "ovo", average: "weighted" }), c.ovoWeighted, RTOL, 0, "ovo weighted");
      });
    });
  });

  describe("regression", () => {
    for (const c of edge.regression) {
      it(`${c.fn}: ${c.name}`, () => assertClose(call(c.fn, c.yTrue, c.yPred), c.expected, RTOL));
    }
    // Targets far from 0: numpy sums them pairwise, and a left-to-right sum gives another r2.
    for (const c of edge.summation.regression) {
      it(`${c.fn}: ${c.n} targets near ${c.offset} (numpy's summation order)`, () => {
        const spread = (i: number) => ((i * 7919) % 1013) / 997;
        const t = Array.from({ length: c.n }, (_, i) => c.offset + spread(i));
        const p = t.map((v, i) => v + (((i * 104729) % 211) - 105) / 313);
        assertClose(call(c.fn, t, p), c.expected, RTOL);
      });
    }
  });

  describe("silhouette", () => {
    for (const c of edge.silhouette) {
      it(c.name, () => {
        // JSON writes scikit-learn's NaN label as null: give it back as the NaN a user would pass.
        const labels = c.labels.map((v: unknown) => (v === null ? NaN : v));
        if (c.error) return assertRefused(() => metrics.silhouette(c.X, labels), c.sklearnError);
        assertClose(metrics.silhouette(c.X, labels), c.expected, RTOL);
      });
    }
  });
});
