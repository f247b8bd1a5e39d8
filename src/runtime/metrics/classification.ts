/**
 * Classification metrics with scikit-learn's definitions and defaults: accuracy,
 * balanced accuracy, precision, recall, F1 and specificity under the binary, macro, weighted and
 * micro averages. An ill-defined ratio (a class never predicted, or absent from yTrue) counts as
 * `zeroDivision` (default 0, with a console warning, as scikit-learn's zero_division="warn").
 */
import { AibookError } from "../core/errors";
import type { Label } from "../core/data";
import { checkOptions } from "../options";
import { labelCounts, labelPair, noSupport, type LabelCounts } from "./labels";
import { warnOnce } from "../core/warn";

export type Average = "binary" | "macro" | "weighted" | "micro";

export interface AverageOptions {
  /** How per-class values combine (default "binary", as in scikit-learn). */
  average?: Average;
  /** The positive class for average "binary" (default 1). */
  positiveLabel?: Label;
  /** The value of an ill-defined ratio (0/0): 0 or 1, or "warn" (default: 0 and a console warning). */
  zeroDivision?: 0 | 1 | "warn";
  /** The classes to average over, for macro/weighted/micro (default: every label in yTrue or yPred), as scikit-learn's labels. */
  labels?: Label[];
}

const AVERAGE_OPTIONS = ["average", "positiveLabel", "zeroDivision", "labels"];

/** a / b, or the zeroDivision value for 0/0, recorded (with why: `kind`) for the warning. */
type Divide = (a: number, b: number, kind: string) => number;

export function accuracy(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("accuracy", options, []);
  const { t, p } = labelPair(yTrue, yPred, "accuracy");
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return hits / t.length;
}

/** Mean recall over the classes present in yTrue: accuracy that a majority class cannot game. */
export function balancedAccuracy(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("balancedAccuracy", options, []);
  const { t, p } = labelPair(yTrue, yPred, "balancedAccuracy");
  const c = labelCounts(t, p);
  const absent = c.labels.filter((_, i) => !c.actual[i]);
  if (absent.length) {
    // scikit-learn warns too ("y_pred contains classes not in y_true"): their recall is 0/0, left out of the mean.
    warnOnce(`balancedAccuracy: yPred holds ${absent.length === 1 ? "class" : "classes"} ${absent.map((l) => JSON.stringify(l)).join(", ")} that yTrue lacks; ${absent.length === 1 ? "its" : "their"} recall is undefined and left out of the mean, as scikit-learn does.`);
  }
  const recalls = c.labels.map((_, i) => (c.actual[i] ? c.tp[i] / c.actual[i] : NaN)).filter((r) => !Number.isNaN(r));
  return recalls.reduce((s, r) => s + r, 0) / recalls.length;
}

export function precision(yTrue: unknown, yPred: unknown, options: AverageOptions = {}): number {
  return averaged("precision", yTrue, yPred, options, (c, i, div) => div(c.tp[i], c.predicted[i], "predicted"), (c, div) => div(sum(c.tp), sum(c.predicted), "predicted"));
}

export function recall(yTrue: unknown, yPred: unknown, options: AverageOptions = {}): number {
  return averaged("recall", yTrue, yPred, options, (c, i, div) => div(c.tp[i], c.actual[i], "true"), (c, div) => div(sum(c.tp), sum(c.actual), "true"));
}

export function f1(yTrue: unknown, yPred: unknown, options: AverageOptions = {}): number {
  // F1 is ill-defined only when both precision and recall are (scikit-learn's "true nor predicted").
  const f = (tp: number, predicted: number, actual: number, div: Divide) =>
    predicted === 0 && actual === 0 ? div(0, 0, "both") : fScore(ratio(tp, predicted), ratio(tp, actual));
  return averaged(
    "f1",
    yTrue,
    yPred,
    options,
    (c, i, div) => f(c.tp[i], c.predicted[i], c.actual[i], div),
    (c, div) => f(sum(c.tp), sum(c.predicted), sum(c.actual), div),
  );
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
    (c, i, div) => div(tn(c, i), tn(c, i) + fp(c, i), "negative"),
    (c, div) => {
      const tns = c.labels.reduce<number>((s, _, i) => s + tn(c, i), 0);
      const fps = c.labels.reduce<number>((s, _, i) => s + fp(c, i), 0);
      return div(tns, tns + fps, "negative");
    },
  );
}

function fScore(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function averaged(
  where: string,
  yTrue: unknown,
  yPred: unknown,
  options: AverageOptions,
  perLabel: (c: LabelCounts, i: number, div: Divide) => number,
  micro: (c: LabelCounts, div: Divide) => number,
): number {
  checkOptions(where, options, AVERAGE_OPTIONS);
  const zeroDivision = options.zeroDivision ?? "warn";
  if (zeroDivision !== 0 && zeroDivision !== 1 && zeroDivision !== "warn") {
    throw new AibookError(`${where}: zeroDivision must be 0, 1 or "warn"; got ${JSON.stringify(zeroDivision)}.`);
  }
  const { t, p } = labelPair(yTrue, yPred, where);
  let c = labelCounts(t, p);
  if (options.labels !== undefined && (options.average ?? "binary") !== "binary") {
    if (!Array.isArray(options.labels) || !options.labels.length) throw new AibookError(`${where}: labels must be a non-empty array of classes; got ${JSON.stringify(options.labels)}.`);
    c = labelCounts(t, p, [...options.labels]);
  }
  const illDefined = new Map<string, Label[]>();
  const at = (label: Label | undefined): Divide => (a, b, kind) => {
    if (b !== 0) return a / b;
    const labels = illDefined.get(kind) ?? [];
    if (label !== undefined && !labels.includes(label)) labels.push(label);
    illDefined.set(kind, labels);
    return zeroDivision === 1 ? 1 : 0;
  };
  const average = options.average ?? "binary";
  let result: number;
  switch (average) {
    case "binary": {
      const positive = options.positiveLabel ?? 1;
      if (c.labels.length > 2) {
        throw new AibookError(
          `${where}: the labels have ${c.labels.length} classes (${c.labels.join(", ")}) but average is "binary"; ` +
            `choose { average: "macro" }, "weighted" or "micro".`,
        );
      }
      let i = c.labels.indexOf(positive);
      if (i < 0) {
        if (c.labels.length === 2) {
          throw new AibookError(`${where}: positiveLabel ${JSON.stringify(positive)} is not one of the labels (${c.labels.map((l) => JSON.stringify(l)).join(", ")}); pass { positiveLabel: … }.`);
        }
        // One class only, and not the positive one: scikit-learn scores the positive class on zero counts.
        c = labelCounts(t, p, [...c.labels, positive]);
        i = c.labels.length - 1;
      }
      result = perLabel(c, i, at(c.labels[i]));
      break;
    }
    case "macro":
      result = c.labels.reduce<number>((s, l, i) => s + perLabel(c, i, at(l)), 0) / c.labels.length;
      break;
    case "weighted": {
      const total = sum(c.actual);
      const weighted = c.labels.reduce<number>((s, l, i) => s + perLabel(c, i, at(l)) * c.actual[i], 0);
      // No weights (no reported class occurs in yTrue): scikit-learn's own rule, not 0/0.
      const noWeights = where === "precision" || where === "recall" || where === "f1" ? noSupport(where, sum(c.predicted), zeroDivision === 1 ? 1 : 0) : 0;
      result = total === 0 ? noWeights : weighted / total;
      break;
    }
    case "micro":
      result = micro(c, at(undefined));
      break;
    default:
      throw new AibookError(`${where}: average must be "binary", "macro", "weighted" or "micro"; got ${JSON.stringify(average)}.`);
  }
  if (zeroDivision === "warn") warnIllDefined(where, illDefined, 0);
  return result;
}

/** scikit-learn's UndefinedMetricWarning, in words: which classes, why, and how to choose the value. */
function warnIllDefined(where: string, illDefined: Map<string, Label[]>, zeroValue: number): void {
  const reasons: Record<string, string> = { predicted: "no predicted rows", true: "no true rows", both: "neither true nor predicted rows", negative: "no negative rows" };
  for (const [kind, labels] of illDefined) {
    const which = labels.length ? ` for ${labels.length === 1 ? "class" : "classes"} ${labels.map((l) => JSON.stringify(l)).join(", ")}` : "";
    warnOnce(`${where} is ill-defined and set to ${zeroValue}${which} (${reasons[kind]}); pass { zeroDivision: 0 } or { zeroDivision: 1 } to choose the value and silence this warning.`);
  }
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function sum(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}
