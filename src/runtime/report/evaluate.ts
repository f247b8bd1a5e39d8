/**
 * `evaluate(model, xTest, yTest, { name })`: how a fitted model does on held-out data, as one
 * report — the headline metrics (never accuracy alone: balanced accuracy, precision, recall and F1
 * come with it, so a rare class cannot hide), the confusion matrix and ROC curves for
 * classification, residuals for regression — shown as a rich output and recorded in the run
 * history that the metrics panel reads.
 */
import { Mime, type Displayable, type MimeItem } from "../../protocol/mime";
import { POINT_LIMIT, VIEWS_VERSION, type EvaluationPayload, type MetricValue, type Task } from "../../protocol/views";
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { missingTarget, toVector, type Label } from "../core/data";
import { toColumns } from "./columns";
import { confusion, perClass, rocCurve, score, sortedLabels } from "./measures";
import { classesOf, isClassifierLike, modelName, predictions, probabilities, type PredictingModel } from "./model-output";
import { sampleIndices } from "./stats";
import { defaultPositiveLabel } from "../metrics/labels";
import { TERMINAL_WIDTH, formatValue, textPairs, textTable, textWidth } from "./text";
import { recordRun } from "../history/record-run";
import { adaptTfModel, isTfLayersModel } from "./tf-model";
import { report, runtimeCall } from "../checks/observe";
import { binaryDecisionScores } from "../split/cross-validate";

export interface EvaluateOptions {
  /** Shown in the report and the metrics panel; defaults to the model's name. */
  name?: string;
  /** Decided from the model (classifiers have `classes`) and the labels when absent. */
  task?: Task;
  /**
   * Binary classification: the class counted as positive by precision, recall, F1 and the ROC curve
   * (default: scikit-learn's pos_label=1 when 1 is a label, so 1 of 0/1 and of 1/2; else the greater label).
   */
  positiveLabel?: Label;
}

function inferTask(model: PredictingModel, y: Label[], pred: Label[]): Task {
  if (isClassifierLike(model)) return "classification";
  if (y.some((v) => typeof v === "string")) return "classification";
  // A model that predicts fractions for a 0/1 target (a binomial GLM: probabilities) is measured
  // as a regression of its predictions, not refused as a classifier that gave no labels.
  if (pred.some((v) => typeof v === "number" && !Number.isInteger(v))) return "regression";
  return y.every((v) => Number.isInteger(v)) && new Set(y).size <= 2 ? "classification" : "regression";
}

const metric = (name: string, value: number | null, greaterIsBetter = true): MetricValue => ({ name, value: value !== null && Number.isFinite(value) ? value : null, greaterIsBetter });

function classification(model: PredictingModel, X: unknown, y: Label[], pred: Label[], options: EvaluateOptions) {
  const classes = classesOf(model) ? [...classesOf(model)!] : sortedLabels(y, pred);
  const labels = sortedLabels(classes, y, pred);
  const cm = confusion(y, pred, labels);
  const rows = perClass(cm);
  const binary = labels.length === 2;
  const positive = options.positiveLabel ?? defaultPositiveLabel(labels);
  const pos = rows.find((r) => r.label === String(positive));
  if (binary && !pos) throw new AibookError(`evaluate: positiveLabel ${JSON.stringify(positive)} is not one of the labels ${labels.join(", ")}.`);
  const scoreOf = (name: string) => score(name, y, pred, null, labels, positive);
  const metrics: MetricValue[] = [metric("accuracy", scoreOf("accuracy")), metric("balancedAccuracy", scoreOf("balancedAccuracy"))];
  const suffix = binary ? "" : " (macro)";
  for (const name of ["precision", "recall", "f1"]) metrics.push(metric(name + suffix, scoreOf(name)));
  // Without probabilities (an SVC without probability), a binary ROC ranks by the decision
  // function, as scikit-learn's RocCurveDisplay.from_estimator and roc_auc scorer do: the columns
  // [-d, d] rank the rows for classes[0] and classes[1] as probabilities would.
  const decision = classes.length === 2 && typeof model.predictProba !== "function" ? binaryDecisionScores(model, X) : undefined;
  const proba = probabilities(model, X, classes.length) ?? (decision?.length === y.length ? decision.map((d) => [-d, d]) : null);
  let roc: EvaluationPayload["roc"];
  if (proba) {
    const key = (l: Label) => `${typeof l}:${l}`;
    const targets = binary ? [positive] : classes.filter((c) => y.some((v) => key(v) === key(c)));
    roc = targets.map((c) => {
      const j = classes.findIndex((k) => key(k) === key(c));
      const curve = rocCurve(y.map((v) => key(v) === key(c)), proba.map((p) => p[j]), String(c));
      if (curve.fpr.length > POINT_LIMIT) {
        const idx = sampleIndices(curve.fpr.length, POINT_LIMIT);
        curve.fpr = idx.map((i) => curve.fpr[i]);
        curve.tpr = idx.map((i) => curve.tpr[i]);
      }
      return curve;
    });
    const aucs = roc.map((r) => r.auc).filter((a): a is number => a !== null);
    if (aucs.length === roc.length && aucs.length) metrics.push(metric(binary ? "rocAuc" : "rocAuc (ovr macro)", aucs.reduce((s, a) => s + a, 0) / aucs.length));
  }
  return { metrics, ...(binary ? { positiveLabel: String(positive) } : {}), confusion: cm, perClass: rows, ...(roc ? { roc } : {}) };
}

function regression(y: Label[], pred: Label[]) {
  const t = y.map(Number), p = pred.map(Number);
  const bad = t.findIndex((v, i) => !Number.isFinite(v) || !Number.isFinite(p[i]));
  if (bad >= 0) throw new AibookError(`evaluate: row ${bad} has the target ${JSON.stringify(y[bad])} and the prediction ${JSON.stringify(pred[bad])}; regression needs finite numbers.`);
  const idx = sampleIndices(t.length, POINT_LIMIT);
  return {
    metrics: [metric("r2", t.length > 1 ? score("r2", t, p, null, []) : null), metric("rmse", score("rmse", t, p, null, []), false), metric("mae", score("mae", t, p, null, []), false)],
    residuals: { predicted: idx.map((i) => p[i]), residual: idx.map((i) => t[i] - p[i]), sampled: idx.length < t.length },
  };
}

export function toEvaluationPayload(model: unknown, xTest: unknown, yTest: unknown, options: EvaluateOptions = {}): EvaluationPayload {
  const y = toVector(yTest, "evaluate (yTest)");
  // A NaN label or target is missing, not a class of its own or a number to subtract from.
  if (y.some((v) => typeof v === "number" && Number.isNaN(v))) throw missingTarget("evaluate (yTest)", "", y);
  const m = (isTfLayersModel(model) ? adaptTfModel(model, xTest, y) : model) as PredictingModel;
  const { rowCount, names } = toColumns(xTest, "evaluate xTest");
  if (rowCount !== y.length) throw new AibookError(`evaluate: xTest has ${rowCount} rows but yTest has ${y.length}; they must describe the same rows.`);
  if (y.length === 0) throw new AibookError("evaluate: the test set is empty.");
  const pred = predictions(m, xTest, "evaluate");
  if (pred.length !== y.length) throw new AibookError(`evaluate: the model gave ${pred.length} predictions for ${y.length} rows.`);
  const task = options.task ?? inferTask(m, y, pred);
  const name = modelName(m);
  const parts = task === "classification" ? classification(m, xTest, y, pred, options) : regression(y, pred);
  return { kind: "evaluation", version: VIEWS_VERSION, name: options.name ?? name, model: name, task, rows: y.length, features: names.length, ...parts };
}

/** Text form: the metrics, then the confusion matrix (true labels down, predictions across). */
export function evaluationText(p: EvaluationPayload): string {
  // Without { name } the name is the model's: "LinearRegression (LinearRegression)" said it twice.
  const title = p.name === p.model ? p.name : `${p.name} (${p.model})`;
  const parts = [`${title} on ${p.rows} ${p.rows === 1 ? "row" : "rows"}, ${p.features} ${p.features === 1 ? "feature" : "features"} — ${p.task}`, textPairs(p.metrics.map((m) => [m.name, m.value]))];
  // Which class "precision" is about: with labels 1 and 2 or "no"/"yes" it is not obvious.
  if (p.positiveLabel !== undefined) parts[1] += `\nPositive class: ${p.positiveLabel} (precision, recall, f1, ROC; set with { positiveLabel })`;
  if (p.confusion) {
    const cm = p.confusion;
    const matrix = textTable(["", ...cm.labels], cm.labels.map((l, i) => [l, ...cm.matrix[i]]));
    if (textWidth(matrix) <= TERMINAL_WIDTH) parts.push(`Confusion matrix (rows: true, columns: predicted)\n${matrix}`);
    else {
      // 100 classes made a matrix thousands of columns wide: name the errors that matter instead.
      const errors = cm.matrix.flatMap((row, i) => row.map((count, j) => ({ i, j, count }))).filter((e) => e.i !== e.j && e.count > 0).sort((a, b) => b.count - a.count);
      const shown = errors.slice(0, 10);
      parts.push(
        `Confusion matrix: ${cm.labels.length} classes, too wide to print (the notebook view draws it).\n` +
          `Most frequent confusions (true -> predicted), ${shown.length} of ${errors.length}:\n` +
          textTable(["true", "predicted", "rows"], shown.map((e) => [cm.labels[e.i], cm.labels[e.j], e.count])),
      );
    }
  }
  // Without probabilities (and, for two classes, a decision function) there is no ROC: say so
  // rather than leave the reader looking for it (an SVC on three classes without probability: true).
  if (p.task === "classification" && !p.roc) parts.push("No ROC curve: the model gives no class probabilities (predictProba).");
  // perClass counts a class never predicted as precision 0 (measures.ts); a null from a report
  // saved before that still reads "—", not NaN.
  if (p.perClass) parts.push(textTable(["class", "precision", "recall", "f1", "support"], p.perClass.map((r) => [r.label, r.precision, r.recall, r.f1, r.support]), { missing: ["", "—", "—", "—"] }));
  if (p.residuals) {
    const r = p.residuals.residual;
    parts.push(`Residuals (actual - predicted): min ${formatValue(Math.min(...r))}, max ${formatValue(Math.max(...r))}${p.residuals.sampled ? " (sampled)" : ""}`);
  }
  return parts.join("\n\n");
}

export class EvaluationReport implements Displayable {
  constructor(readonly payload: EvaluationPayload) {}
  /** Metric values by name: `report.metrics.f1`. */
  get metrics(): Record<string, number | null> {
    return Object.fromEntries(this.payload.metrics.map((m) => [m.name, m.value]));
  }
  get confusionMatrix(): number[][] | undefined {
    return this.payload.confusion?.matrix;
  }
  toMimeBundle(): MimeItem[] {
    return [
      { mime: Mime.evaluation, data: this.payload },
      { mime: Mime.text, data: evaluationText(this.payload) },
    ];
  }
  toJSON(): EvaluationPayload {
    return this.payload;
  }
  toString(): string {
    return evaluationText(this.payload);
  }
}

export function evaluate(model: unknown, xTest: unknown, yTest: unknown, options: EvaluateOptions = {}): EvaluationReport {
  checkOptions("evaluate", options, ["name", "task", "positiveLabel"]);
  // The runtime rules see the evaluation; the metrics computed inside are evaluate's own.
  report(() => ({ kind: "evaluate", call: "evaluate", model, X: xTest, yTrue: yTest, metrics: ["evaluate"] }));
  const payload = runtimeCall(() => toEvaluationPayload(model, xTest, yTest, options));
  recordRun(payload);
  return new EvaluationReport(payload);
}
