/**
 * `crossValidate`: scikit-learn's cross_validate. The model is cloned for every fold, so nothing
 * learnt on one fold's test rows reaches another; classification folds are stratified by default.
 * Scores are the `metrics` functions by name; multi-class precision/recall/F1 use the macro
 * average (binary targets use the binary average on scikit-learn's default pos_label: 1 when it
 * is a label, else the greater label).
 */
import { AibookError } from "../core/errors";
import { isClassifier, type SupervisedModel } from "../core/estimator";
import { toLabels, toVector, type Label } from "../core/data";
import { takeRows, rowCount } from "../data/frame";
import { metrics } from "../metrics";
import { defaultPositiveLabel, sortedLabels } from "../metrics/labels";
import { checkFlags, checkOptions } from "../options";
import { kFold, stratifiedKFold, type Fold } from "./k-fold";
import { runtimeCall } from "../checks/observe";
import { progress } from "../core/progress";

export const CLASSIFICATION_SCORES = ["accuracy", "balancedAccuracy", "precision", "recall", "specificity", "f1", "rocAuc"] as const;
export const REGRESSION_SCORES = ["r2", "rmse", "mae", "mse"] as const;
export type ScoreName = (typeof CLASSIFICATION_SCORES)[number] | (typeof REGRESSION_SCORES)[number];

export interface CrossValidateOptions {
  folds?: number;
  /** Stratify folds on y (default: true for classifiers). */
  stratify?: boolean;
  /**
   * Score names (default: accuracy for classifiers, r2 for regressors). Higher is better for every
   * score but the errors rmse, mae and mse, which are reported as errors (positive, lower is
   * better), not as scikit-learn's neg_root_mean_squared_error etc. (the same numbers negated).
   */
  metrics?: ScoreName | ScoreName[];
  /** Shuffle rows before cutting folds with this seed (default: no shuffle, as scikit-learn's cv=5). */
  seed?: number;
  shuffle?: boolean;
}

export interface CrossValidation {
  /** Per fold, each score by name (rmse, mae, mse: the error itself, lower is better). */
  folds: Record<string, number>[];
  /** Mean over the folds. */
  mean: Record<string, number>;
  /** Standard deviation over the folds, numpy's np.std (ddof 0), as scores.std() in scikit-learn. */
  std: Record<string, number>;
  /** Milliseconds spent fitting each fold's clone. */
  fitTimes: number[];
}

export function crossValidate(model: SupervisedModel, X: unknown, y: unknown, options: CrossValidateOptions = {}): CrossValidation {
  return crossValidateAs("crossValidate", model, X, y, options);
}

/** crossValidate whose progress lines (a fold count, once a second on long runs) start with `who`. */
export function crossValidateAs(who: string, model: SupervisedModel, X: unknown, y: unknown, options: CrossValidateOptions): CrossValidation {
  // The fits and scores inside are the runtime's own work, not user calls for the runtime rules.
  return runtimeCall(() => crossValidateUnobserved(who, model, X, y, options));
}

function crossValidateUnobserved(who: string, model: SupervisedModel, X: unknown, y: unknown, options: CrossValidateOptions): CrossValidation {
  checkOptions("crossValidate", options, ["folds", "stratify", "metrics", "seed", "shuffle"]);
  checkFlags("crossValidate", options, ["shuffle", "stratify"]);
  if (!model || typeof model.fit !== "function" || typeof model.clone !== "function") {
    throw new AibookError("crossValidate: the first argument must be a model with fit() and clone().");
  }
  const n = rowCount(X, `${who}: X`);
  if (n !== rowCount(y, `${who}: y`)) throw new AibookError(`crossValidate: X has ${n} rows but y has ${rowCount(y)}; they must describe the same rows.`);
  const classifier = isClassifier(model);
  const names = [options.metrics ?? (classifier ? "accuracy" : "r2")].flat() as ScoreName[];
  for (const name of names) {
    if (![...CLASSIFICATION_SCORES, ...REGRESSION_SCORES].includes(name)) {
      throw new AibookError(`crossValidate: unknown metric "${name}". Known: ${[...CLASSIFICATION_SCORES, ...REGRESSION_SCORES].join(", ")}.`);
    }
  }
  const labels = classifier ? toLabels(y, "crossValidate (y)") : undefined;
  const fold = { folds: options.folds ?? 5, seed: options.seed, shuffle: options.shuffle };
  const folds: Fold[] = (options.stratify ?? classifier) ? stratifiedKFold(labels ?? toVector(y, "crossValidate (y)"), fold) : kFold(n, fold);
  const classes = labels ? sortedLabels(labels) : [];
  const results: Record<string, number>[] = [];
  const fitTimes: number[] = [];
  const report = progress(who, "fold", folds.length);
  for (const { trainIndex, testIndex } of folds) {
    const fitted = model.clone();
    const started = performance.now();
    fitted.fit(takeRows(X, trainIndex), takeRows(y, trainIndex));
    fitTimes.push(performance.now() - started);
    const xTest = takeRows(X, testIndex);
    const yTest = takeRows(y, testIndex);
    const scores: Record<string, number> = {};
    for (const name of names) scores[name] = score(name, fitted, xTest, yTest, classes);
    results.push(scores);
    report.tick(results.length, names.map((name) => `${name} ${scores[name].toFixed(4)}`).join(", "));
  }
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const name of names) {
    const values = results.map((r) => r[name]);
    mean[name] = values.reduce((a, b) => a + b, 0) / values.length;
    std[name] = Math.sqrt(values.reduce((a, v) => a + (v - mean[name]) ** 2, 0) / values.length);
  }
  report.finish(names.map((name) => `mean ${name} ${mean[name].toFixed(4)}`).join(", "));
  return { folds: results, mean, std, fitTimes };
}

/**
 * A binary classifier's ranking scores from its decisionFunction (one value per row, larger
 * meaning classes[1]), or undefined when it has none. scikit-learn's "roc_auc" scorer ranks by
 * decision_function when a model has one, so an SVC without probability still has an AUC.
 */
export function binaryDecisionScores(model: unknown, X: unknown): number[] | undefined {
  const decision = (model as { decisionFunction?: (X: unknown) => unknown }).decisionFunction;
  if (typeof decision !== "function") return undefined;
  const out = decision.call(model, X);
  if (!Array.isArray(out)) return undefined;
  const scores = out.map((r) => (Array.isArray(r) && r.length === 1 ? r[0] : r));
  return scores.every((v) => typeof v === "number") ? (scores as number[]) : undefined;
}

/** One named score of a fitted model on held-out rows. */
export function score(name: ScoreName, model: SupervisedModel, X: unknown, y: unknown, classes: Label[]): number {
  if (name === "rocAuc") {
    // predictProba's columns follow the model's classes, which need not be the labels of these rows.
    const modelClasses = (model as { classes?: Label[] }).classes ?? classes;
    if (modelClasses.length === 2) {
      // As scikit-learn's roc_auc scorer: decision_function first (SVC without probability has
      // no predictProba), predict_proba otherwise; for two classes both rank the rows alike.
      const decision = binaryDecisionScores(model, X);
      if (decision) return metrics.rocAuc(y, decision, { positiveLabel: modelClasses[1] });
    }
    const proba = (model as { predictProba?: (X: unknown) => number[][] }).predictProba;
    if (typeof proba !== "function") {
      if (modelClasses.length > 2 && typeof (model as { decisionFunction?: unknown }).decisionFunction === "function") {
        // scikit-learn's roc_auc_ovr scorer needs predict_proba too: decision values are not probabilities.
        throw new AibookError(`crossValidate: rocAuc over ${modelClasses.length} classes (one-vs-rest) needs probabilities from predictProba, and ${model.estimatorName} has only a decisionFunction (an SVC has predictProba with { probability: true }).`);
      }
      throw new AibookError(`crossValidate: rocAuc needs predictProba or decisionFunction, which ${model.estimatorName} does not have.`);
    }
    const p = proba.call(model, X);
    if (modelClasses.length === 2) return metrics.rocAuc(y, p.map((r) => r[1]), { positiveLabel: modelClasses[1] });
    if (classes.length === 2) {
      // Column 1 was read as the positive class's: with a third class in the model it is another class's.
      throw new AibookError(`rocAuc: ${model.estimatorName} has ${modelClasses.length} classes (${modelClasses.join(", ")}) but these rows hold only ${classes.join(" and ")}; a one-vs-rest AUC needs every class of the model among the rows.`);
    }
    return metrics.rocAuc(y, p);
  }
  const pred = model.predict(X);
  switch (name) {
    case "precision":
    case "recall":
    case "f1":
    case "specificity":
      // zeroDivision 0 without the console warning: a fold's score is shown, one warning per fold is noise.
      return metrics[name](y, pred, classes.length > 2 ? { average: "macro", zeroDivision: 0 } : { average: "binary", positiveLabel: defaultPositiveLabel(classes), zeroDivision: 0 });
    default:
      return metrics[name](y, pred);
  }
}
