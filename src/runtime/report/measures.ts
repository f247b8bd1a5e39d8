/**
 * The measurements an evaluation report draws, on top of the runtime's metrics (scikit-learn's
 * values): the confusion matrix with its labels, per-class scores, ROC curves per positive class,
 * and one score per metric name for compareModels.
 */
import type { Label } from "../core/data";
import type { ClassReportRow, ConfusionMatrix, RocCurve } from "../../protocol/views";
import { metrics, sortedLabels } from "../metrics";
import { defaultPositiveLabel } from "../metrics/labels";
import { auc } from "../metrics/roc";

export { sortedLabels };

export function confusion(yTrue: Label[], yPred: Label[], labels: Label[]): ConfusionMatrix {
  return { labels: labels.map(String), matrix: metrics.confusionMatrix(yTrue, yPred, { labels }) };
}

/**
 * A class no row was predicted as has an ill-defined precision: 0, as scikit-learn's
 * classification_report and the macro averages of the same report count it (not NaN).
 */
const ratio = (a: number, b: number): number | null => (b === 0 ? 0 : a / b);

/** Per-class precision, recall, F1 and support from a confusion matrix (null where undefined). */
export function perClass(cm: ConfusionMatrix): ClassReportRow[] {
  return cm.labels.map((label, i) => {
    const tp = cm.matrix[i][i];
    const predicted = cm.matrix.reduce((s, row) => s + row[i], 0);
    const support = cm.matrix[i].reduce((s, v) => s + v, 0);
    return { label, precision: ratio(tp, predicted), recall: ratio(tp, support), f1: ratio(2 * tp, predicted + support), support };
  });
}

/** ROC curve of one class against the rest; empty with a null AUC when the labels hold one side only. */
export function rocCurve(isPositive: boolean[], scores: number[], positiveLabel: string): RocCurve {
  const P = isPositive.filter(Boolean).length;
  if (P === 0 || P === isPositive.length) return { positiveLabel, auc: null, fpr: [], tpr: [] };
  const curve = metrics.rocCurve(isPositive.map((p) => (p ? 1 : 0)), scores, { positiveLabel: 1 });
  return { positiveLabel, auc: auc(curve), fpr: curve.fpr, tpr: curve.tpr };
}

/** Metrics compareModels can rank by, and whether larger is better. */
export const SCORERS: Record<string, { task: "classification" | "regression"; greaterIsBetter: boolean }> = {
  accuracy: { task: "classification", greaterIsBetter: true },
  balancedAccuracy: { task: "classification", greaterIsBetter: true },
  precision: { task: "classification", greaterIsBetter: true },
  recall: { task: "classification", greaterIsBetter: true },
  specificity: { task: "classification", greaterIsBetter: true },
  f1: { task: "classification", greaterIsBetter: true },
  rocAuc: { task: "classification", greaterIsBetter: true },
  r2: { task: "regression", greaterIsBetter: true },
  rmse: { task: "regression", greaterIsBetter: false },
  mae: { task: "regression", greaterIsBetter: false },
  mse: { task: "regression", greaterIsBetter: false },
};

/**
 * One score. Binary precision/recall/F1 score scikit-learn's default pos_label as positive (1 when
 * it is a label, else the greater label); with more classes they are macro averages. rocAuc needs
 * probabilities (`proba` columns in the order of `classes`), averaged one-vs-rest over the classes
 * present.
 */
export function score(metricName: string, yTrue: Label[], yPred: Label[], proba: number[][] | null, classes: Label[], positiveLabel?: Label): number | null {
  switch (metricName) {
    case "r2":
    case "rmse":
    case "mae":
    case "mse":
      return metrics[metricName](yTrue, yPred);
    case "accuracy":
    case "balancedAccuracy":
      return metrics[metricName](yTrue, yPred);
    case "precision":
    case "recall":
    case "f1": {
      const labels = sortedLabels(classes, yTrue, yPred);
      const average = labels.length === 2 ? "binary" : "macro";
      // zeroDivision 0 silently: the report shows the 0 next to a confusion matrix that explains it.
      return metrics[metricName](yTrue, yPred, { average, positiveLabel: positiveLabel ?? defaultPositiveLabel(labels), zeroDivision: 0 });
    }
    case "rocAuc": {
      if (!proba) return null;
      const key = (l: Label) => `${typeof l}:${l}`;
      const binary = sortedLabels(classes, yTrue).length === 2;
      const targets = binary ? [positiveLabel ?? classes[classes.length - 1]] : classes.filter((c) => yTrue.some((v) => key(v) === key(c)));
      const aucs = targets.map((c) => rocCurve(yTrue.map((v) => key(v) === key(c)), proba.map((p) => p[classes.findIndex((k) => key(k) === key(c))]), String(c)).auc);
      return aucs.some((a) => a === null) ? null : aucs.reduce<number>((s, a) => s + a!, 0) / aucs.length;
    }
  }
  return null;
}
