/**
 * Shared checks for the metrics: the two label vectors describe the same rows, hold one kind of
 * label, and a classification metric is not handed probabilities or regression outputs. The
 * label order is scikit-learn's (sorted), so per-class results line up with its output.
 */
import { AibookError } from "../core/errors";
import { missingTarget, showValue, toNumbers, toVector, type Label } from "../core/data";

export function labelPair(yTrue: unknown, yPred: unknown, where: string): { t: Label[]; p: Label[] } {
  const t = toVector(yTrue, `${where} (yTrue)`);
  const p = toVector(yPred, `${where} (yPred)`);
  if (t.length !== p.length) throw new AibookError(`${where}: yTrue has ${t.length} values but yPred has ${p.length}; they must describe the same rows.`);
  if (!t.length) throw new AibookError(`${where}: no rows to score.`);
  // Missing labels first: NaN is a number, so text labels with a NaN among them would otherwise
  // be reported as a mix of numbers and text, which is not what is wrong.
  for (const [name, values] of [["yTrue", t], ["yPred", p]] as const) {
    if (values.some((v) => typeof v === "number" && Number.isNaN(v))) throw missingTarget(`${where} (${name})`, "", values);
  }
  const kinds = new Set([...t, ...p].map((v) => typeof v));
  if (kinds.size > 1) {
    const number = [...t, ...p].find((v) => typeof v === "number");
    const text = [...t, ...p].find((v) => typeof v === "string");
    throw new AibookError(`${where}: yTrue and yPred mix numbers and text labels (for example ${showValue(number)} and ${showValue(text)}); convert one side so that both use the same labels.`);
  }
  for (const [name, values] of [["yTrue", t], ["yPred", p]] as const) {
    const fractional = values.find((v) => typeof v === "number" && (!Number.isInteger(v) || Number.isNaN(v)));
    if (fractional !== undefined) {
      throw new AibookError(
        `${where}: ${name} holds the non-integer value ${fractional}; classification metrics need class labels. ` +
          `Pass predict() output, not predictProba() scores (use rocAuc for scores), or use r2/rmse/mae for a regression.`,
      );
    }
  }
  return { t, p };
}

export function numberPair(yTrue: unknown, yPred: unknown, where: string): { t: number[]; p: number[] } {
  const t = toNumbers(yTrue, `${where} (yTrue)`);
  const p = toNumbers(yPred, `${where} (yPred)`);
  if (t.length !== p.length) throw new AibookError(`${where}: yTrue has ${t.length} values but yPred has ${p.length}; they must describe the same rows.`);
  if (!t.length) throw new AibookError(`${where}: no rows to score.`);
  return { t, p };
}

/** Sorted distinct labels, as numpy's unique sorts them. */
export function sortedLabels(...vectors: Label[][]): Label[] {
  const set = new Set<Label>();
  for (const v of vectors) for (const x of v) set.add(x);
  return sortLabelList([...set]);
}

/**
 * The positive class of a binary score when none is given: 1 when it is one of the labels, as
 * scikit-learn's pos_label=1 (so labels 1 and 2 score class 1, as its "f1", "precision" and
 * "recall" scorers do), else the greater label (scikit-learn refuses such labels without a
 * pos_label; its ROC uses classes_[1], the greater one).
 */
export function defaultPositiveLabel(labels: Label[]): Label {
  return labels.includes(1) ? 1 : sortLabelList([...labels])[labels.length - 1];
}

export function sortLabelList(labels: Label[]): Label[] {
  return labels.sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

/** Per-label counts: true positives, predicted and true totals (scikit-learn's multilabel confusion). */
export interface LabelCounts {
  labels: Label[];
  tp: number[];
  predicted: number[];
  actual: number[];
  n: number;
}

export function labelCounts(t: Label[], p: Label[], labels = sortedLabels(t, p)): LabelCounts {
  const at = new Map(labels.map((l, i) => [l, i]));
  const tp = labels.map(() => 0);
  const predicted = labels.map(() => 0);
  const actual = labels.map(() => 0);
  for (let i = 0; i < t.length; i++) {
    const a = at.get(t[i]);
    const b = at.get(p[i]);
    if (a !== undefined) actual[a]++;
    if (b !== undefined) predicted[b]++;
    if (a !== undefined && a === b) tp[a]++;
  }
  return { labels, tp, predicted, actual, n: t.length };
}

/**
 * scikit-learn's weighted average when none of the reported classes occurs in yTrue (no weights):
 * recall is the zeroDivision value; precision and F1 are too if nothing was predicted either, else 0.
 */
export function noSupport(key: "precision" | "recall" | "f1", predictedTotal: number, zeroDivision: number): number {
  return key === "recall" || predictedTotal === 0 ? zeroDivision : 0;
}
