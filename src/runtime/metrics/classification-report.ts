/**
 * `classificationReport`: precision, recall, F1 and support per class, with accuracy and the
 * macro and weighted averages, as scikit-learn's classification_report. It is data (for code and
 * the views) and prints as scikit-learn's text table in the console.
 */
import type { Label } from "../core/data";
import { checkOptions } from "../options";
import { f1Of } from "./classification";
import { labelCounts, labelPair } from "./labels";

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  classes: ({ label: Label } & ClassScores)[];
  accuracy: number;
  macroAvg: ClassScores;
  weightedAvg: ClassScores;
  toString(): string;
}

export function classificationReport(yTrue: unknown, yPred: unknown, options: { digits?: number } = {}): ClassificationReport {
  checkOptions("classificationReport", options, ["digits"]);
  const { t, p } = labelPair(yTrue, yPred, "classificationReport");
  const c = labelCounts(t, p);
  const classes = c.labels.map((label, i) => ({
    label,
    precision: c.predicted[i] ? c.tp[i] / c.predicted[i] : 0,
    recall: c.actual[i] ? c.tp[i] / c.actual[i] : 0,
    f1: f1Of(c, i),
    support: c.actual[i],
  }));
  const n = t.length;
  const mean = (key: keyof ClassScores, weighted: boolean) =>
    weighted ? classes.reduce((s, k) => s + k[key] * k.support, 0) / n : classes.reduce((s, k) => s + k[key], 0) / classes.length;
  const avg = (weighted: boolean): ClassScores => ({ precision: mean("precision", weighted), recall: mean("recall", weighted), f1: mean("f1", weighted), support: n });
  const report: ClassificationReport = {
    classes,
    accuracy: c.tp.reduce((s, x) => s + x, 0) / n,
    macroAvg: avg(false),
    weightedAvg: avg(true),
    toString: () => formatReport(report, options.digits ?? 2),
  };
  Object.defineProperty(report, Symbol.for("nodejs.util.inspect.custom"), { value: () => report.toString(), enumerable: false });
  Object.defineProperty(report, "toString", { value: report.toString, enumerable: false });
  return report;
}

function formatReport(r: ClassificationReport, digits: number): string {
  // scikit-learn's layout: "{:>width} " then " {:>9}" per column, so two spaces before the first.
  const names = [...r.classes.map((k) => String(k.label)), "weighted avg"];
  const width = Math.max(...names.map((s) => s.length), digits);
  const head = ["precision", "recall", "f1-score", "support"];
  const cell = (s: string) => ` ${s.padStart(9)}`;
  const num = (x: number) => cell(fixedHalfEven(x, digits));
  const row = (name: string, s: ClassScores) => `${name.padStart(width)} ${num(s.precision)}${num(s.recall)}${num(s.f1)}${cell(String(s.support))}`;
  const lines = [`${"".padStart(width)} ${head.map(cell).join("")}`, ""];
  for (const k of r.classes) lines.push(row(String(k.label), k));
  lines.push("");
  lines.push(`${"accuracy".padStart(width)} ${cell("")}${cell("")}${num(r.accuracy)}${cell(String(r.macroAvg.support))}`);
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
