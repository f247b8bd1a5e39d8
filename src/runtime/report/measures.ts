/**
 * The measurements an evaluation report draws: the confusion matrix, ROC curves and the scalar
 * scores, computed from labels, predictions and probabilities as scikit-learn defines them
 * (labels sorted like `np.unique`, ROC thresholds at distinct scores, AUC by the trapezoid rule).
 */
import type { Label } from "../core/data";
import type { ClassReportRow, ConfusionMatrix, RocCurve } from "../../protocol/views";

/** Labels in scikit-learn's order: numbers ascending, else strings in code-unit order. */
export function sortedLabels(...lists: Label[][]): Label[] {
  const seen = new Map<string, Label>();
  for (const list of lists) for (const v of list) seen.set(`${typeof v}:${v}`, v);
  const all = [...seen.values()];
  return all.every((v) => typeof v === "number") ? (all as number[]).sort((a, b) => a - b) : all.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

export function confusion(yTrue: Label[], yPred: Label[], labels: Label[]): ConfusionMatrix {
  const at = new Map(labels.map((l, i) => [`${typeof l}:${l}`, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  yTrue.forEach((t, k) => {
    const i = at.get(`${typeof t}:${t}`), j = at.get(`${typeof yPred[k]}:${yPred[k]}`);
    if (i !== undefined && j !== undefined) matrix[i][j]++;
  });
  return { labels: labels.map(String), matrix };
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** Per-class precision, recall, F1 and support from a confusion matrix. */
export function perClass(cm: ConfusionMatrix): ClassReportRow[] {
  return cm.labels.map((label, i) => {
    const tp = cm.matrix[i][i];
    const predicted = cm.matrix.reduce((s, row) => s + row[i], 0);
    const support = cm.matrix[i].reduce((s, v) => s + v, 0);
    const precision = ratio(tp, predicted), recall = ratio(tp, support);
    const f1 = ratio(2 * tp, predicted + support);
    return { label, precision, recall, f1, support };
  });
}

export function accuracyOf(cm: ConfusionMatrix): number | null {
  const total = cm.matrix.flat().reduce((s, v) => s + v, 0);
  return ratio(cm.labels.reduce((s, _, i) => s + cm.matrix[i][i], 0), total);
}

/** Mean of the defined values (scikit-learn counts an undefined precision as 0 with a warning; we do too). */
export function macro(values: (number | null)[]): number | null {
  return values.length ? values.reduce<number>((s, v) => s + (v ?? 0), 0) / values.length : null;
}

/** ROC curve of scores for one positive class, with scikit-learn's drop_intermediate. */
export function rocCurve(isPositive: boolean[], scores: number[], positiveLabel: string): RocCurve {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const P = isPositive.filter(Boolean).length, N = isPositive.length - P;
  let tp = 0, fp = 0;
  const tps: number[] = [], fps: number[] = [];
  order.forEach((i, k) => {
    if (isPositive[i]) tp++;
    else fp++;
    if (k === order.length - 1 || scores[order[k + 1]] !== scores[i]) tps.push(tp), fps.push(fp);
  });
  // scikit-learn's drop_intermediate: drop points on a straight segment, then start at (0, 0).
  const keep = tps.map((_, k) => k === 0 || k === tps.length - 1 || fps[k - 1] - 2 * fps[k] + fps[k + 1] !== 0 || tps[k - 1] - 2 * tps[k] + tps[k + 1] !== 0);
  const fpr = [0, ...fps.filter((_, k) => keep[k]).map((v) => (N ? v / N : NaN))];
  const tpr = [0, ...tps.filter((_, k) => keep[k]).map((v) => (P ? v / P : NaN))];
  let auc: number | null = null;
  if (P && N) {
    auc = 0;
    for (let k = 1; k < fpr.length; k++) auc += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
  }
  return { positiveLabel, auc, fpr: P && N ? fpr : [], tpr: P && N ? tpr : [] };
}

export function regressionScores(yTrue: number[], yPred: number[]): { r2: number | null; rmse: number; mae: number; mse: number } {
  const n = yTrue.length;
  const m = yTrue.reduce((s, v) => s + v, 0) / n;
  let ssRes = 0, ssTot = 0, abs = 0;
  yTrue.forEach((t, i) => {
    ssRes += (t - yPred[i]) ** 2;
    ssTot += (t - m) ** 2;
    abs += Math.abs(t - yPred[i]);
  });
  // scikit-learn: r2 is 1 for a perfect fit of a constant target, 0 otherwise.
  const r2 = ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  return { r2: n < 2 ? null : r2, rmse: Math.sqrt(ssRes / n), mae: abs / n, mse: ssRes / n };
}

/** Metrics compareModels can rank by, and whether larger is better. */
export const SCORERS: Record<string, { task: "classification" | "regression"; greaterIsBetter: boolean }> = {
  accuracy: { task: "classification", greaterIsBetter: true },
  balancedAccuracy: { task: "classification", greaterIsBetter: true },
  precision: { task: "classification", greaterIsBetter: true },
  recall: { task: "classification", greaterIsBetter: true },
  f1: { task: "classification", greaterIsBetter: true },
  rocAuc: { task: "classification", greaterIsBetter: true },
  r2: { task: "regression", greaterIsBetter: true },
  rmse: { task: "regression", greaterIsBetter: false },
  mae: { task: "regression", greaterIsBetter: false },
  mse: { task: "regression", greaterIsBetter: false },
};

/**
 * One score of a fold. Binary precision/recall/F1 score the last sorted label as positive (1 of
 * 0/1, scikit-learn's default); with more classes they are macro averages. rocAuc needs
 * probabilities (`proba` in the order of `classes`).
 */
export function score(metricName: string, yTrue: Label[], yPred: Label[], proba: number[][] | null, classes: Label[]): number | null {
  if (SCORERS[metricName]?.task === "regression") {
    const s = regressionScores(yTrue.map(Number), yPred.map(Number));
    return s[metricName as "r2" | "rmse" | "mae" | "mse"];
  }
  const labels = sortedLabels(classes, yTrue, yPred);
  const cm = confusion(yTrue, yPred, labels);
  const rows = perClass(cm);
  const binary = labels.length === 2;
  const pick = (k: "precision" | "recall" | "f1") => (binary ? (rows[1][k] ?? 0) : macro(rows.map((r) => r[k])));
  switch (metricName) {
    case "accuracy":
      return accuracyOf(cm);
    case "balancedAccuracy":
      return macro(rows.map((r) => r.recall));
    case "precision":
    case "recall":
    case "f1":
      return pick(metricName);
    case "rocAuc": {
      if (!proba) return null;
      const key = (l: Label) => `${typeof l}:${l}`;
      const targets = binary ? [labels[1]] : classes.filter((c) => yTrue.some((v) => key(v) === key(c)));
      const aucs = targets.map((c) => rocCurve(yTrue.map((v) => key(v) === key(c)), proba.map((p) => p[classes.findIndex((k) => key(k) === key(c))]), String(c)).auc);
      return aucs.some((a) => a === null) ? null : macro(aucs);
    }
  }
  return null;
}
