import assert from "node:assert/strict";
import { metrics } from "../../../src/runtime/metrics";
import { fixture, assertClose, dataset } from "../data/reference";

const reference = fixture("metrics");
const RTOL = 1e-9;

describe("metrics match scikit-learn", () => {
  for (const c of reference.classification) {
    describe(`${c.dataset}, ${c.model} predictions`, () => {
      it("accuracy, balanced accuracy and confusion matrices", () => {
        assertClose(metrics.accuracy(c.yTrue, c.yPred), c.accuracy, RTOL);
        assertClose(metrics.balancedAccuracy(c.yTrue, c.yPred), c.balancedAccuracy, RTOL);
        assert.deepEqual(metrics.confusionMatrix(c.yTrue, c.yPred), c.confusionMatrix);
        assertClose(metrics.confusionMatrix(c.yTrue, c.yPred, { normalize: "true" }), c.confusionMatrixNormTrue, RTOL);
      });

      for (const [average, expected] of Object.entries<any>(c.averages)) {
        it(`precision, recall, f1 and specificity with average "${average}"`, () => {
          const options = average === "binary" ? { average: "binary" as const, positiveLabel: c.positiveLabel } : { average: average as "macro" };
          assertClose(metrics.precision(c.yTrue, c.yPred, options), expected.precision, RTOL, 0, "precision");
          assertClose(metrics.recall(c.yTrue, c.yPred, options), expected.recall, RTOL, 0, "recall");
          assertClose(metrics.f1(c.yTrue, c.yPred, options), expected.f1, RTOL, 0, "f1");
          assertClose(metrics.specificity(c.yTrue, c.yPred, options), expected.specificity, RTOL, 0, "specificity");
        });
      }

      it("classification report", () => {
        const report = metrics.classificationReport(c.yTrue, c.yPred);
        for (const k of report.classes) {
          const e = c.report[String(k.label)];
          assertClose([k.precision, k.recall, k.f1, k.support], [e.precision, e.recall, e["f1-score"], e.support], RTOL, 0, String(k.label));
        }
        assertClose(report.accuracy, c.report.accuracy, RTOL);
        for (const [ours, theirs] of [[report.macroAvg, c.report["macro avg"]], [report.weightedAvg, c.report["weighted avg"]]] as const) {
          assertClose([ours.precision, ours.recall, ours.f1, ours.support], [theirs.precision, theirs.recall, theirs["f1-score"], theirs.support], RTOL);
        }
        assert.match(String(report), /precision +recall +f1-score +support/);
      });

      if (c.rocCurve) {
        it("ROC AUC and ROC curve (binary scores and the probability matrix)", () => {
          const scores = c.proba.map((r: number[]) => r[1]);
          assertClose(metrics.rocAuc(c.yTrue, scores), c.rocAuc, RTOL);
          assertClose(metrics.rocAuc(c.yTrue, c.proba), c.rocAuc, RTOL);
          const curve = metrics.rocCurve(c.yTrue, scores, { positiveLabel: c.positiveLabel });
          assertClose(curve.fpr, c.rocCurve.fpr, RTOL);
          assertClose(curve.tpr, c.rocCurve.tpr, RTOL);
          assert.equal(curve.thresholds[0], Infinity);
          assertClose(curve.thresholds.slice(1), c.rocCurve.thresholds, RTOL);
        });
      } else {
        it("one-vs-rest ROC AUC of the probability matrix (macro and weighted)", () => {
          assertClose(metrics.rocAuc(c.yTrue, c.proba), c.rocAucOvrMacro, RTOL);
          assertClose(metrics.rocAuc(c.yTrue, c.proba, { average: "weighted" }), c.rocAucOvrWeighted, RTOL);
        });
      }
    });
  }

  for (const c of reference.regression) {
    it(`r2, mse, rmse and mae on ${c.dataset}`, () => {
      assertClose(metrics.r2(c.yTrue, c.yPred), c.r2, RTOL);
      assertClose(metrics.mse(c.yTrue, c.yPred), c.mse, RTOL);
      assertClose(metrics.rmse(c.yTrue, c.yPred), c.rmse, RTOL);
      assertClose(metrics.mae(c.yTrue, c.yPred), c.mae, RTOL);
    });
  }

  for (const c of reference.silhouette) {
    it(`silhouette on ${c.dataset} (${typeof c.labels[0] === "string" ? "true classes" : "k-means clusters"})`, async () => {
      const df = await dataset(c.dataset);
      const target = df.columns[df.columns.length - 1];
      const X = df.drop({ columns: [target] });
      assertClose(metrics.silhouette(X, c.labels), c.score, RTOL);
    });
  }
});

describe("metrics edge cases and errors", () => {
  it("r2 of a constant target is 1 for a perfect prediction, 0 otherwise (never NaN)", () => {
    assert.equal(metrics.r2([3, 3, 3], [3, 3, 3]), 1);
    assert.equal(metrics.r2([3, 3, 3], [3, 2, 3]), 0);
  });

  it("ill-defined precision counts as 0, as scikit-learn's zero_division default", () => {
    assert.equal(metrics.precision([0, 1, 1], [0, 0, 0]), 0);
    assert.equal(metrics.f1([0, 1, 1], [0, 0, 0]), 0);
  });

  it("refuses rows of different lengths", () => {
    assert.throws(() => metrics.accuracy([1, 0, 1], [1, 0]), /yTrue has 3 values but yPred has 2/);
    assert.throws(() => metrics.r2([1, 2, 3], [1, 2]), /X has 3 rows but y has 2|3 .*2/);
  });

  it("refuses probabilities where labels are expected", () => {
    assert.throws(() => metrics.accuracy([1, 0], [0.8, 0.3]), /non-integer value 0\.8.*predictProba/);
  });

  it("refuses mixed label types instead of comparing 1 with \"1\"", () => {
    assert.throws(() => metrics.accuracy([1, 0], ["1", "0"]), /mix numbers and text labels/);
  });

  it("asks for an average on more than two classes", () => {
    assert.throws(() => metrics.f1([0, 1, 2], [0, 2, 1]), /3 classes.*average: "macro"/);
  });

  it("asks for positiveLabel when the labels are not 0/1", () => {
    assert.throws(() => metrics.recall(["a", "b"], ["a", "a"]), /positiveLabel 1 is not one of the labels/);
    assert.equal(metrics.recall(["a", "b", "b"], ["a", "b", "a"], { positiveLabel: "b" }), 0.5);
  });

  it("refuses unknown option names", () => {
    assert.throws(() => metrics.f1([0, 1], [0, 1], { avg: "macro" } as never), /no option "avg".*average, positiveLabel/);
  });

  it("refuses a ROC AUC on one class", () => {
    assert.throws(() => metrics.rocAuc([1, 1, 1], [0.2, 0.5, 0.9]), /one class only/);
  });

  it("refuses NaN targets in regression metrics (no silent coercion)", () => {
    assert.throws(() => metrics.mse([1, NaN], [1, 2]), /missing values/);
  });

  it("refuses silhouette with one cluster", () => {
    assert.throws(() => metrics.silhouette([[0], [1], [2]], [0, 0, 0]), /between 2 and 2 clusters; got 1/);
  });
});
