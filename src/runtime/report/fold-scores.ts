/**
 * Cross-validated scores of one model, with the time each fold's fit took: what a leaderboard
 * row needs. Each fold fits a clone, so no fold sees another's test rows. Classification folds
 * are stratified (each fold keeps the class shares), as the runtime's crossValidate does.
 */
import { AibookError } from "../core/errors";
import type { Label } from "../core/data";
import { takeRows } from "../data/frame";
import { predictions, probabilities, type PredictingModel } from "./model-output";
import { score, sortedLabels } from "./measures";

export interface FoldScores {
  scores: (number | null)[];
  fitTimeMs: number[];
}

interface CloneableModel extends PredictingModel {
  clone(): CloneableModel;
  fit(X: unknown, y: unknown): unknown;
}

/** Fold test indices: stratified round-robin per class for classification, contiguous blocks otherwise (scikit-learn's KFold without shuffle). */
export function foldIndices(y: Label[], folds: number, stratify: boolean): number[][] {
  const n = y.length;
  if (!Number.isInteger(folds) || folds < 2) throw new AibookError(`compareModels: folds must be an integer of at least 2; got ${folds}.`);
  if (folds > n) throw new AibookError(`compareModels: ${folds} folds need at least ${folds} rows; got ${n}.`);
  const test: number[][] = Array.from({ length: folds }, () => []);
  if (stratify) {
    const byClass = new Map<string, number[]>();
    y.forEach((v, i) => {
      const k = `${typeof v}:${v}`;
      byClass.set(k, [...(byClass.get(k) ?? []), i]);
    });
    let next = 0;
    for (const rows of byClass.values()) for (const i of rows) test[next++ % folds].push(i);
    for (const t of test) t.sort((a, b) => a - b);
  } else {
    let start = 0;
    for (let f = 0; f < folds; f++) {
      const size = Math.floor(n / folds) + (f < n % folds ? 1 : 0);
      for (let i = start; i < start + size; i++) test[f].push(i);
      start += size;
    }
  }
  return test;
}

export function foldScores(model: unknown, X: unknown, y: Label[], options: { folds: number; metric: string; classification: boolean }): FoldScores {
  const m = model as CloneableModel;
  if (typeof m?.clone !== "function" || typeof m.fit !== "function") throw new AibookError("compareModels: each model needs fit(X, y) and clone() (the runtime's estimators have both).");
  const labels = options.classification ? sortedLabels(y) : [];
  const out: FoldScores = { scores: [], fitTimeMs: [] };
  for (const testIdx of foldIndices(y, options.folds, options.classification)) {
    const inTest = new Set(testIdx);
    const trainIdx = y.map((_, i) => i).filter((i) => !inTest.has(i));
    const fold = m.clone();
    const started = performance.now();
    fold.fit(takeRows(X, trainIdx), trainIdx.map((i) => y[i]));
    out.fitTimeMs.push(performance.now() - started);
    const xTest = takeRows(X, testIdx);
    const yTest = testIdx.map((i) => y[i]);
    const pred = predictions(fold, xTest, "compareModels");
    const classes = Array.isArray(fold.classes) ? fold.classes : labels;
    const proba = options.metric === "rocAuc" ? probabilities(fold, xTest, classes.length) : null;
    if (options.metric === "rocAuc" && !proba) throw new AibookError(`compareModels: metric "rocAuc" needs predictProba(X), which ${fold.estimatorName ?? "this model"} does not have.`);
    out.scores.push(score(options.metric, yTest, pred, proba, classes));
  }
  return out;
}
