/**
 * What a model gives back, read the same way whether it is one of the runtime's estimators, an
 * ml-* model or a tfjs model: predictions as a flat list, probabilities as rows, and a name.
 */
import { AibookError } from "../core/errors";
import { isTensor, type Label } from "../core/data";
import { finalEstimatorName } from "./complexity";

export interface PredictingModel {
  predict(X: unknown): unknown;
  predictProba?(X: unknown): unknown;
  classes?: Label[];
  estimatorName?: string;
}

/** "LogisticRegression", or "Pipeline(StandardScaler → LogisticRegression)" for a pipeline. */
export function modelName(model: unknown): string {
  const m = model as { estimatorName?: unknown; steps?: unknown[]; constructor?: { name?: string } };
  if (Array.isArray(m?.steps) && m.steps.length) return `${typeof m.estimatorName === "string" ? m.estimatorName : "Pipeline"}(${m.steps.map(modelName).join(" → ")})`;
  if (typeof m?.estimatorName === "string") return m.estimatorName;
  return m?.constructor?.name && m.constructor.name !== "Object" ? m.constructor.name : "model";
}

function unwrap(v: unknown): unknown {
  if (isTensor(v)) return v.arraySync();
  if (typeof v === "object" && v !== null && !Array.isArray(v) && "values" in v) return (v as { values: unknown }).values;
  return v;
}

export function predictions(model: PredictingModel, X: unknown, where: string): Label[] {
  if (typeof model?.predict !== "function") throw new AibookError(`${where}: the model has no predict(X) method.`);
  const out = unwrap(model.predict(X));
  if (!Array.isArray(out)) throw new AibookError(`${where}: predict(X) returned ${typeof out}, not an array of predictions.`);
  return out.map((v, i) => {
    if (Array.isArray(v) && v.length === 1) v = v[0];
    if (typeof v === "number" || typeof v === "string") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    throw new AibookError(`${where}: prediction ${i} is ${JSON.stringify(v)}; expected a label or a number.`);
  });
}

/** Class probabilities in the order of `model.classes`, or null when the model gives none. */
export function probabilities(model: PredictingModel, X: unknown, classes: number): number[][] | null {
  if (typeof model.predictProba !== "function") return null;
  const out = unwrap(model.predictProba(X));
  if (!Array.isArray(out) || !out.every((r) => Array.isArray(r) && r.length === classes)) return null;
  return out as number[][];
}

/** The final step of a pipeline, or the model itself. */
function finalStep(model: unknown): unknown {
  const steps = (model as { steps?: unknown[] })?.steps;
  return Array.isArray(steps) && steps.length ? finalStep(steps[steps.length - 1]) : model;
}

/**
 * The classes a fitted classifier learned (a pipeline's are its final model's), or undefined.
 * Read defensively: the runtime's estimators throw NotFittedError when asked before fit.
 */
export function classesOf(model: unknown): Label[] | undefined {
  try {
    const classes = (finalStep(model) as { classes?: unknown })?.classes;
    return Array.isArray(classes) && classes.length ? (classes as Label[]) : undefined;
  } catch {
    return undefined;
  }
}

/** A classifier, fitted or not: it has `classes` (without reading it) or a classifier's name. */
export function isClassifierLike(model: unknown): boolean {
  const last = finalStep(model);
  if (typeof last === "object" && last !== null && "classes" in last) return true;
  return /Classifier$|^LogisticRegression$|^GaussianNB$|^SVC$/.test(finalEstimatorName(model));
}
