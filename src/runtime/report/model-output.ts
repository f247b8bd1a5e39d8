/**
 * What a model gives back, read the same way whether it is one of the runtime's estimators, an
 * ml-* model or a tfjs model: predictions as a flat list, probabilities as rows, and a name.
 */
import { AibookError } from "../core/errors";
import { isTensor, type Label } from "../core/data";

export interface PredictingModel {
  predict(X: unknown): unknown;
  predictProba?(X: unknown): unknown;
  classes?: Label[];
  estimatorName?: string;
}

export function modelName(model: unknown): string {
  const m = model as { estimatorName?: unknown; describe?: () => string; constructor?: { name?: string } };
  if (typeof m?.describe === "function") return m.describe();
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
