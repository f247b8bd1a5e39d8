/**
 * `confusionMatrix`: rows are true classes, columns predicted ones, in scikit-learn's sorted label
 * order (or the given `labels`). `normalize` divides by the row ("true"), column ("pred") or all.
 */
import { AibookError } from "../core/errors";
import type { Label } from "../core/data";
import { checkOptions } from "../options";
import { labelPair, sortedLabels } from "./labels";

export interface ConfusionMatrixOptions {
  labels?: Label[];
  normalize?: "true" | "pred" | "all";
}

export function confusionMatrix(yTrue: unknown, yPred: unknown, options: ConfusionMatrixOptions = {}): number[][] {
  checkOptions("confusionMatrix", options, ["labels", "normalize"]);
  const { t, p } = labelPair(yTrue, yPred, "confusionMatrix");
  const labels = options.labels ?? sortedLabels(t, p);
  if (options.labels !== undefined) {
    if (!Array.isArray(labels) || !labels.length) throw new AibookError(`confusionMatrix: labels must be a non-empty array of classes; got ${JSON.stringify(options.labels)}.`);
    const inTrue = new Set(t);
    if (!labels.some((l) => inTrue.has(l))) {
      throw new AibookError(`confusionMatrix: none of the labels (${labels.map((l) => JSON.stringify(l)).join(", ")}) occurs in yTrue (${sortedLabels(t).map((l) => JSON.stringify(l)).join(", ")}); check their spelling and type (1 is not "1").`);
    }
  }
  const at = new Map(labels.map((l, i) => [l, i]));
  const m = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < t.length; i++) {
    const a = at.get(t[i]);
    const b = at.get(p[i]);
    if (a !== undefined && b !== undefined) m[a][b]++;
  }
  const normalize = options.normalize;
  if (normalize === undefined) return m;
  if (normalize === "true") return m.map((row) => divide(row, row.reduce((s, x) => s + x, 0)));
  if (normalize === "pred") {
    const cols = labels.map((_, j) => m.reduce((s, row) => s + row[j], 0));
    return m.map((row) => row.map((x, j) => (cols[j] ? x / cols[j] : 0)));
  }
  if (normalize === "all") {
    const total = m.reduce((s, row) => s + row.reduce((a, x) => a + x, 0), 0);
    return m.map((row) => divide(row, total));
  }
  throw new AibookError(`confusionMatrix: normalize must be "true", "pred" or "all"; got ${JSON.stringify(normalize)}.`);
}

function divide(row: number[], by: number): number[] {
  return row.map((x) => (by ? x / by : 0));
}
