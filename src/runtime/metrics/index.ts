/**
 * The `metrics` namespace that cells use (`metrics.f1(yTest, pred, { average: "macro" })`),
 * with scikit-learn's names and values.
 */
import { accuracy, balancedAccuracy, f1, precision, recall, specificity } from "./classification";
import { classificationReport } from "./classification-report";
import { confusionMatrix } from "./confusion-matrix";
import { mae, mse, r2, rmse } from "./regression";
import { rocAuc, rocCurve } from "./roc";
import { silhouette } from "./silhouette";

export const metrics = {
  accuracy,
  balancedAccuracy,
  precision,
  recall,
  specificity,
  f1,
  confusionMatrix,
  rocAuc,
  rocCurve,
  classificationReport,
  r2,
  rmse,
  mae,
  mse,
  silhouette,
};

export type MetricName = keyof typeof metrics;
export type { Average, AverageOptions } from "./classification";
export type { ClassificationReport, ClassificationReportDict, ClassificationReportOptions, ClassScores } from "./classification-report";
export type { RocCurve, RocOptions, RocAucOptions } from "./roc";
export type { ConfusionMatrixOptions } from "./confusion-matrix";
export { sortedLabels } from "./labels";
