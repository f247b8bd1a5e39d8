/**
 * `classificationReport`: precision, recall, F1 and support per class, with accuracy and the
 * macro and weighted averages, as scikit-learn's classification_report. It is data (for code and
 * the views) and prints as scikit-learn's text table in the console; `outputDict: true` gives
 * scikit-learn's output_dict shape instead ({ "a": { precision, recall, "f1-score", support },
 * accuracy, "macro avg", "weighted avg" }).
 */
import type { Label } from "../core/data";
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { labelCounts, labelPair, noSupport } from "./labels";

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  classes: ({ label: Label } & ClassScores)[];
  /** The share of rows predicted right. */
  accuracy: number;
  /** Pooled over the reported classes; shown instead of accuracy when `labels` leaves classes out (scikit-learn's "micro avg"). */
  microAvg?: ClassScores;
  macroAvg: ClassScores;
  weightedAvg: ClassScores;
  toString(): string;
}

export interface ClassificationReportOptions {
  /** Decimals in the text (default 2). */
  digits?: number;
  /** The classes to report, in this order (default: every label, sorted). */
  labels?: Label[];
  /** Display names for the reported classes, in the order of `labels`. */
  targetNames?: string[];
  /** The value of an ill-defined ratio (0/0), default 0, as scikit-learn's zero_division. */
  zeroDivision?: 0 | 1 | "warn";
  /** Return scikit-learn's output_dict object instead of the report. */
  outputDict?: boolean;
}

/** scikit-learn's output_dict: class names and "macro avg"/"weighted avg" (and "micro avg") to scores; "accuracy" to a number. */
export type ClassificationReportDict = Record<string, number | { precision: number; recall: number; "f1-score": number; support: number }>;

export function classificationReport(yTrue: unknown, yPred: unknown, options: ClassificationReportOptions & { outputDict: true }): ClassificationReportDict;
export function classificationReport(yTrue: unknown, yPred: unknown, options?: ClassificationReportOptions): ClassificationReport;
export function classificationReport(yTrue: unknown, yPred: unknown, options: ClassificationReportOptions = {}): ClassificationReport | ClassificationReportDict {
  const where = "classificationReport";
  checkOptions(where, options, ["digits", "labels", "targetNames", "zeroDivision", "outputDict"]);
  const zd = options.zeroDivision === 1 ? 1 : 0;
  if (options.zeroDivision !== undefined && ![0, 1, "warn"].includes(options.zeroDivision)) {
    throw new AibookError(`${where}: zeroDivision must be 0, 1 or "warn"; got ${JSON.stringify(options.zeroDivision)}.`);
  }
  const { t, p } = labelPair(yTrue, yPred, where);
  const all = labelCounts(t, p);
  if (options.labels !== undefined && (!Array.isArray(options.labels) || !options.labels.length)) {
    throw new AibookError(`${where}: labels must be a non-empty array of classes; got ${JSON.stringify(options.labels)}.`);
  }
  const c = options.labels ? labelCounts(t, p, [...options.labels]) : all;
  const names = options.targetNames ?? c.labels.map(String);
  if (names.length !== c.labels.length) {
    throw new AibookError(`${where}: targetNames has ${names.length} names but there are ${c.labels.length} classes (${c.labels.map((l) => JSON.stringify(l)).join(", ")}).`);
  }
  // scikit-learn shows accuracy only when the reported classes are exactly the labels (none left
  // out, none added that never occurs); else a "micro avg" row.
  const reported = new Set(c.labels);
  const present = new Set(all.labels);
  const microIsAccuracy = all.labels.every((l) => reported.has(l)) && c.labels.every((l) => present.has(l));
  const ratio = (a: number, b: number) => (b === 0 ? zd : a / b);
  const scores = (tp: number, predicted: number, actual: number): Omit<ClassScores, "support"> => {
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, actual);
    const f1 = predicted === 0 && actual === 0 ? zd : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1 };
  };
  const classes = c.labels.map((label, i) => ({ label, ...scores(c.tp[i], c.predicted[i], c.actual[i]), support: c.actual[i] }));
  const support = c.actual.reduce((a, b) => a + b, 0);
  const predictedTotal = c.predicted.reduce((a, b) => a + b, 0);
  const mean = (key: "precision" | "recall" | "f1", weighted: boolean) =>
    weighted ? (support === 0 ? noSupport(key, predictedTotal, zd) : classes.reduce((s, k) => s + k[key] * k.support, 0) / support) : classes.reduce((s, k) => s + k[key], 0) / classes.length;
  const avg = (weighted: boolean): ClassScores => ({ precision: mean("precision", weighted), recall: mean("recall", weighted), f1: mean("f1", weighted), support });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const report: ClassificationReport = {
    classes,
    accuracy: all.tp.reduce((s, x) => s + x, 0) / t.length,
    ...(microIsAccuracy ? {} : { microAvg: { ...scores(sum(c.tp), sum(c.predicted), sum(c.actual)), support } }),
    macroAvg: avg(false),
    weightedAvg: avg(true),
    // The text's accuracy is scikit-learn's micro F1 (2pr/(p+r), p = r = accuracy), which can differ
    // from the accuracy in the last bit and so round the other way (0.475 prints 0.48).
    toString: () => formatReport(report, names, options.digits ?? 2, scores(sum(all.tp), sum(all.predicted), sum(all.actual)).f1),
  };
  if (options.outputDict) return toDict(report, names);
  Object.defineProperty(report, Symbol.for("nodejs.util.inspect.custom"), { value: () => report.toString(), enumerable: false });
  Object.defineProperty(report, "toString", { value: report.toString, enumerable: false });
  return report;
}

function toDict(r: ClassificationReport, names: string[]): ClassificationReportDict {
  const entry = (s: ClassScores) => ({ precision: s.precision, recall: s.recall, "f1-score": s.f1, support: s.support });
  const dict: ClassificationReportDict = {};
  r.classes.forEach((k, i) => (dict[names[i]] = entry(k)));
  if (r.microAvg) dict["micro avg"] = entry(r.microAvg);
  else dict.accuracy = r.accuracy;
  dict["macro avg"] = entry(r.macroAvg);
  dict["weighted avg"] = entry(r.weightedAvg);
  return dict;
}

function formatReport(r: ClassificationReport, classNames: string[], digits: number, accuracyF1: number): string {
  // scikit-learn's layout: "{:>width} " then " {:>9}" per column, so two spaces before the first.
  const names = [...classNames, "weighted avg"];
  const width = Math.max(...names.map((s) => s.length), digits);
  const head = ["precision", "recall", "f1-score", "support"];
  const cell = (s: string) => ` ${s.padStart(9)}`;
  const num = (x: number) => cell(fixedHalfEven(x, digits));
  const row = (name: string, s: ClassScores) => `${name.padStart(width)} ${num(s.precision)}${num(s.recall)}${num(s.f1)}${cell(String(s.support))}`;
  const lines = [`${"".padStart(width)} ${head.map(cell).join("")}`, ""];
  r.classes.forEach((k, i) => lines.push(row(classNames[i], k)));
  lines.push("");
  if (r.microAvg) lines.push(row("micro avg", r.microAvg));
  else lines.push(`${"accuracy".padStart(width)} ${cell("")}${cell("")}${num(accuracyF1)}${cell(String(r.macroAvg.support))}`);
  lines.push(row("macro avg", r.macroAvg));
  lines.push(row("weighted avg", r.weightedAvg));
  return lines.join("\n") + "\n";
}

/**
 * Python's "{:.Nf}": the nearest decimal, and an exact tie (0.125 to 2 digits) to the even
 * digit, where JavaScript's toFixed rounds up — 1/8 or 3/8 of a class is common in small tests.
 */
export function fixedHalfEven(x: number, digits: number): string {
  const rounded = x.toFixed(digits);
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return rounded;
  const exact = x.toFixed(100);
  const dot = exact.indexOf(".");
  const rest = exact.slice(dot + 1 + digits);
  if (!/^50*$/.test(rest)) return rounded;
  const down = exact.slice(0, dot + 1 + digits).replace(/\.$/, "");
  const lastDigit = Number(down[down.length - 1]);
  return lastDigit % 2 === 0 ? down : rounded;
}
