/**
 * Classification metrics with scikit-learn's definitions and defaults: accuracy,
 * balanced accuracy, precision, recall, F1 and specificity under the binary, macro, weighted and
 * micro averages (ill-defined ratios count as 0, scikit-learn's zero_division default).
 */
import { AibookError } from "../core/errors";
import type { Label } from "../core/data";
import { checkOptions } from "../options";
import { labelCounts, labelPair, type LabelCounts } from "./labels";

export type Average = "binary" | "macro" | "weighted" | "micro";

export interface AverageOptions {
  /** How per-class values combine (default "binary", as in scikit-learn). */
  average?: Average;
  /** The positive class for average "binary" (default 1). */
  positiveLabel?: Label;
}

const AVERAGE_OPTIONS = ["average", "positiveLabel"];

export function accuracy(yTrue: unknown, yPred: unknown): number {
  const { t, p } = labelPair(yTrue, yPred, "accuracy");
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return hits / t.length;
}

/** Mean recall over the classes present in yTrue: accuracy that a majority class cannot game. */
export function balancedAccuracy(yTrue: unknown, yPred: unknown): number {
  const { t, p } = labelPair(yTrue, yPred, "balancedAccuracy");
  const c = labelCounts(t, p);
  const recalls = c.labels.map((_, i) => (c.actual[i] ? c.tp[i] / c.actual[i] : NaN)).filter((r) => !Number.isNaN(r));
  return recalls.reduce((s, r) => s + r, 0) / recalls.length;
}

export function precision(yTrue: unknown, yPred: unknown, options: AverageOptions = {}): number {
  return averaged("precision", yTrue, yPred, options, (c, i) => ratio(c.tp[i], c.predicted[i]), (c) => ratio(sum(c.tp), sum(c.predicted)));
}

export function recall(yTrue: unknown, yPred: unknown, options: AverageOptions = {}): number {
  return averaged("recall", yTrue, yPred, options, (c, i) => ratio(c.tp[i], c.actual[i]), (c) => ratio(sum(c.tp), sum(c.actual)));
}

export function f1(yTrue: unknown, yPred: unknown, options: AverageOptions = {}): number {
  return averaged("f1", yTrue, yPred, options, (c, i) => f1Of(c, i), (c) => fScore(ratio(sum(c.tp), sum(c.predicted)), ratio(sum(c.tp), sum(c.actual))));
}

/** True negative rate, TN / (TN + FP): the recall of "not this class". */
export function specificity(yTrue: unknown, yPred: unknown, options: AverageOptions = {}): number {
  const tn = (c: LabelCounts, i: number) => c.n - c.predicted[i] - c.actual[i] + c.tp[i];
  const fp = (c: LabelCounts, i: number) => c.predicted[i] - c.tp[i];
  return averaged(
    "specificity",
    yTrue,
    yPred,
    options,
    (c, i) => ratio(tn(c, i), tn(c, i) + fp(c, i)),
    (c) => {
      const tns = c.labels.reduce<number>((s, _, i) => s + tn(c, i), 0);
      const fps = c.labels.reduce<number>((s, _, i) => s + fp(c, i), 0);
      return ratio(tns, tns + fps);
    },
  );
}

export function f1Of(c: LabelCounts, i: number): number {
  return fScore(ratio(c.tp[i], c.predicted[i]), ratio(c.tp[i], c.actual[i]));
}

function fScore(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function averaged(
  where: string,
  yTrue: unknown,
  yPred: unknown,
  options: AverageOptions,
  perLabel: (c: LabelCounts, i: number) => number,
  micro: (c: LabelCounts) => number,
): number {
  checkOptions(where, options, AVERAGE_OPTIONS);
  const { t, p } = labelPair(yTrue, yPred, where);
  const c = labelCounts(t, p);
  const average = options.average ?? "binary";
  switch (average) {
    case "binary": {
      const positive = options.positiveLabel ?? 1;
      if (c.labels.length > 2) {
        throw new AibookError(
          `${where}: the labels have ${c.labels.length} classes (${c.labels.join(", ")}) but average is "binary"; ` +
            `choose { average: "macro" }, "weighted" or "micro".`,
        );
      }
      const i = c.labels.indexOf(positive);
      if (i < 0) {
        if (c.labels.length < 2) return 0;
        throw new AibookError(`${where}: positiveLabel ${JSON.stringify(positive)} is not one of the labels (${c.labels.map((l) => JSON.stringify(l)).join(", ")}); pass { positiveLabel: … }.`);
      }
      return perLabel(c, i);
    }
    case "macro":
      return c.labels.reduce<number>((s, _, i) => s + perLabel(c, i), 0) / c.labels.length;
    case "weighted": {
      const total = sum(c.actual);
      return total === 0 ? 0 : c.labels.reduce<number>((s, _, i) => s + perLabel(c, i) * c.actual[i], 0) / total;
    }
    case "micro":
      return micro(c);
    default:
      throw new AibookError(`${where}: average must be "binary", "macro", "weighted" or "micro"; got ${JSON.stringify(average)}.`);
  }
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function sum(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}
