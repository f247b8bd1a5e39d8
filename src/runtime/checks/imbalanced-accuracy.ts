/**
 * imbalanced-accuracy: accuracy is the only classification metric reported for labels whose
 * rarest class is less than a fifth as frequent as the most common one, so a model that always
 * predicts the majority would look good.
 */
import { countLabels, formatShare, isCategorical } from "./tabular";
import type { CheckFinding, RuntimeRuleMeta, RuntimeThresholds } from "./types";

export const imbalancedAccuracy: RuntimeRuleMeta = {
  id: "imbalanced-accuracy",
  severity: "warning",
  description: "Accuracy is the only metric reported for imbalanced labels.",
  thresholds: [{ key: "imbalanceRatio", description: "Labels are imbalanced when the rarest class is less frequent than this share of the most common one (default 0.2)." }],
  docs: `# imbalanced-accuracy (runtime)

Found from the labels once the cell runs. Accuracy is the only classification metric reported
for a set of labels in which the rarest class is less than a fifth as frequent as the most
common one: a model that always predicts the majority would look good. A classifier's predictions for the
test labels of a split that no metric function ever measures are counted by hand (hits / rows is
accuracy): they are reported at the \`predict\` call.

Anchor: the evaluation call (the \`predict\` call for a metric computed by hand).

## Thresholds (settings \`aibook.runtimeRules.*\`)
- \`imbalanceRatio\` = 0.2: imbalanced when (rows of the rarest class) / (rows of the most common
  class) is below it.

## Instead
Report recall, precision/F1 or balanced accuracy too — \`evaluate(model, xTest, yTest)\` does,
as do \`metrics.balancedAccuracy\`, \`metrics.f1\` and \`metrics.classificationReport\`.
`,
};

/** The classification metrics; any of them besides accuracy shows what accuracy hides. */
export const CLASSIFICATION_METRICS = new Set([
  "accuracy",
  "balancedAccuracy",
  "precision",
  "recall",
  "specificity",
  "f1",
  "confusionMatrix",
  "rocAuc",
  "rocCurve",
  "classificationReport",
  // The runtime's evaluate(): accuracy with balanced accuracy, precision, recall and F1.
  "evaluate",
]);

export interface Imbalance {
  ratio: number;
  rarest: { label: unknown; count: number };
  commonest: { label: unknown; count: number };
  rows: number;
}

/** How imbalanced categorical labels are; undefined for a numeric target or a single class. */
export function imbalanceOf(labels: unknown[]): Imbalance | undefined {
  if (!isCategorical(labels)) return undefined;
  const counts = [...countLabels(labels).values()];
  if (counts.length < 2) return undefined;
  const rarest = counts.reduce((a, b) => (b.count < a.count ? b : a));
  const commonest = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return { ratio: rarest.count / commonest.count, rarest, commonest, rows: labels.length };
}

export function checkImbalancedAccuracy(labels: unknown[], metricNames: Iterable<string>, t: RuntimeThresholds): CheckFinding[] {
  const names = new Set([...metricNames].filter((n) => CLASSIFICATION_METRICS.has(n)));
  if (!names.has("accuracy") || names.size !== 1) return [];
  const imbalance = imbalanceOf(labels);
  if (!imbalance || imbalance.ratio >= t.imbalanceRatio) return [];
  const { rarest, commonest, rows } = imbalance;
  return [{
    rule: "imbalanced-accuracy",
    severity: imbalancedAccuracy.severity,
    message:
      `Accuracy is the only metric reported for labels where class ${JSON.stringify(rarest.label)} has ${rarest.count} of ${rows} rows (${formatShare(rarest.count / rows)}) ` +
      `and class ${JSON.stringify(commonest.label)} ${commonest.count}: always predicting ${JSON.stringify(commonest.label)} scores ${formatShare(commonest.count / rows)}. ` +
      `Report recall, precision/F1 or balanced accuracy too (evaluate(model, xTest, yTest) does).`,
  }];
}

/**
 * Predictions for imbalanced test labels that no metric function measured: the notebook counts
 * by hand, and a count of hits over rows is accuracy, which always predicting the majority wins.
 */
export function checkHandMeasured(labels: unknown[], t: RuntimeThresholds): CheckFinding[] {
  const imbalance = imbalanceOf(labels);
  if (!imbalance || imbalance.ratio >= t.imbalanceRatio) return [];
  const { rarest, commonest, rows } = imbalance;
  return [{
    rule: "imbalanced-accuracy",
    severity: imbalancedAccuracy.severity,
    message:
      `These predictions are measured by hand only (no metric function sees them), on test labels where class ${JSON.stringify(rarest.label)} has ${rarest.count} of ${rows} rows (${formatShare(rarest.count / rows)}): ` +
      `a hand-counted accuracy (hits / rows) rewards always predicting ${JSON.stringify(commonest.label)}, which scores ${formatShare(commonest.count / rows)}. ` +
      `Report recall, precision/F1 or balanced accuracy too (metrics.balancedAccuracy, metrics.f1, or evaluate(model, xTest, yTest)).`,
  }];
}
