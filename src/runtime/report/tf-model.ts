/**
 * A TensorFlow.js LayersModel built by hand in a cell, seen as a model that `evaluate` can read:
 * it predicts on a tensor of X, and its outputs become labels and probabilities (a softmax of k
 * units gives k class probabilities; one sigmoid unit on 0/1 labels gives the positive class's
 * probability) or numbers for a regression.
 */
import { isTensor, toMatrix, type Label } from "../core/data";
import { loadTf } from "../tf/backend";
import { sortedLabels } from "./measures";
import type { PredictingModel } from "./model-output";

interface TfLayersModel {
  layers: unknown[];
  compile: unknown;
  name?: string;
  predict(x: unknown): { arraySync(): unknown; dispose(): void } | unknown[];
}

export function isTfLayersModel(model: unknown): model is TfLayersModel {
  const m = model as TfLayersModel;
  return typeof m === "object" && m !== null && Array.isArray(m.layers) && typeof m.compile === "function" && typeof m.predict === "function";
}

function outputs(model: TfLayersModel, X: unknown): number[][] {
  const tf = loadTf();
  const input = isTensor(X) ? (X as unknown as Parameters<typeof tf.keep>[0]) : tf.tensor2d(toMatrix(X, { where: "evaluate" }).values);
  try {
    const out = model.predict(input);
    if (Array.isArray(out)) throw new Error("evaluate: the tfjs model has several outputs; evaluate one of them.");
    const values = out.arraySync() as number[] | number[][];
    out.dispose();
    return values.map((v) => (Array.isArray(v) ? v : [v]));
  } finally {
    if (input !== X) (input as { dispose(): void }).dispose();
  }
}

/** The tfjs model as a PredictingModel over this X and these labels. */
export function adaptTfModel(model: TfLayersModel, X: unknown, y: Label[]): PredictingModel {
  const out = outputs(model, X);
  const k = out[0]?.length ?? 1;
  const labels = sortedLabels(y);
  const name = `tfjs ${model.name ?? "LayersModel"}`;
  const argmax = (row: number[]) => row.reduce((best, v, i) => (v > row[best] ? i : best), 0);
  if (k > 1) {
    const classes: Label[] = labels.length === k ? labels : Array.from({ length: k }, (_, i) => i);
    return { estimatorName: name, classes, predict: () => out.map((r) => classes[argmax(r)]), predictProba: () => out };
  }
  const p = out.map((r) => r[0]);
  if (labels.length === 2 && p.every((v) => v >= 0 && v <= 1)) {
    return { estimatorName: name, classes: labels, predict: () => p.map((v) => (v >= 0.5 ? labels[1] : labels[0])), predictProba: () => p.map((v) => [1 - v, v]) };
  }
  return { estimatorName: name, predict: () => p };
}
