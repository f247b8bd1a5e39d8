/**
 * ROC curve and area under it, computed as scikit-learn does (distinct thresholds in decreasing
 * score order, collinear points dropped, trapezoidal area). Binary scores are the positive
 * class's probability or score; for more classes `rocAuc` takes the probability matrix (columns
 * in sorted class order, as predictProba gives) and averages one-vs-rest or one-vs-one AUCs.
 */
import { AibookError } from "../core/errors";
import { toLabels, toVector, type Label } from "../core/data";
import { checkOptions } from "../options";
import { warnOnce } from "../core/warn";
import { sortedLabels } from "./labels";

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Decreasing; the first is Infinity (no row predicted positive), as in scikit-learn ≥ 1.3. */
  thresholds: number[];
}

export interface RocOptions {
  /** The positive class (default: the greater of the two labels, scikit-learn's classes_[1]). */
  positiveLabel?: Label;
}

export function rocCurve(yTrue: unknown, scores: unknown, options: RocOptions & { dropIntermediate?: boolean } = {}): RocCurve {
  checkOptions("rocCurve", options, ["positiveLabel", "dropIntermediate"]);
  const t = toLabels(yTrue, "rocCurve (yTrue)");
  // Without rows the curve would be NaN from end to end; scikit-learn refuses an empty yTrue too.
  if (!t.length) throw new AibookError("rocCurve: no rows to score (yTrue is empty).");
  const s = binaryScores(scores, t, options.positiveLabel, "rocCurve");
  const pos = positives(t, options.positiveLabel, "rocCurve");
  // scikit-learn returns the NaN rates with an UndefinedMetricWarning; say so here as well.
  if (pos.every((x) => x)) warnOnce("rocCurve: yTrue holds no negative rows, so the false positive rates are undefined (NaN). Score on a test set that holds both classes (a stratified split).");
  else if (pos.every((x) => !x)) warnOnce("rocCurve: yTrue holds no positive rows, so the true positive rates are undefined (NaN). Score on a test set that holds both classes (a stratified split).");
  return curve(pos, s, options.dropIntermediate ?? true);
}

export interface RocAucOptions extends RocOptions {
  /**
   * How per-class AUCs combine for more than two classes (default "macro"): "weighted" by class
   * support (or, for "ovo", by the share of rows in each pair), "micro" pools every (row, class)
   * score into one curve ("ovr" only), as scikit-learn's roc_auc_score.
   */
  average?: "macro" | "weighted" | "micro";
  /** More than two classes: one-vs-rest (default) or one-vs-one (Hand & Till), scikit-learn's multi_class. */
  multiClass?: "ovr" | "ovo";
}

export function rocAuc(yTrue: unknown, scores: unknown, options: RocAucOptions = {}): number {
  checkOptions("rocAuc", options, ["positiveLabel", "average", "multiClass"]);
  // Checked for two classes as well (scikit-learn checks average first): a misspelt value is no default.
  if (options.average !== undefined && !["macro", "weighted", "micro"].includes(options.average)) {
    throw new AibookError(`rocAuc: average must be "macro", "weighted" or "micro"; got ${JSON.stringify(options.average)}.`);
  }
  const t = toLabels(yTrue, "rocAuc (yTrue)");
  const classes = sortedLabels(t);
  const matrix = asMatrix(scores);
  if (matrix && matrix[0]?.length > 2) return multiclassAuc(t, classes, matrix, options);
  const s = binaryScores(scores, t, options.positiveLabel, "rocAuc");
  const pos = positives(t, options.positiveLabel, "rocAuc");
  if (pos.every((x) => x) || pos.every((x) => !x)) {
    throw new AibookError("rocAuc: yTrue holds one class only; the ROC AUC is undefined. Score on a test set that holds both classes (a stratified split).");
  }
  return auc(curve(pos, s, true));
}

/** scikit-learn's multiclass roc_auc_score: probabilities whose columns follow the sorted classes. */
function multiclassAuc(t: Label[], classes: Label[], matrix: number[][], options: RocAucOptions): number {
  const multiClass = options.multiClass ?? "ovr";
  const average = options.average ?? "macro";
  if (multiClass !== "ovr" && multiClass !== "ovo") throw new AibookError(`rocAuc: multiClass must be "ovr" or "ovo"; got ${JSON.stringify(multiClass)}.`);
  if (!["macro", "weighted", "micro"].includes(average) || (multiClass === "ovo" && average === "micro")) {
    throw new AibookError(`rocAuc: average for ${multiClass === "ovo" ? 'multiClass "ovo"' : "more than two classes"} must be "macro" or "weighted"${multiClass === "ovr" ? ' or "micro"' : ""}; got ${JSON.stringify(average)}.`);
  }
  if (matrix[0].length !== classes.length) {
    throw new AibookError(`rocAuc: the scores have ${matrix[0].length} columns but yTrue has ${classes.length} classes (${classes.join(", ")}); every class must appear in yTrue.`);
  }
  checkLength(t, matrix, "rocAuc");
  matrix.forEach((row, i) => {
    const bad = row.find((v) => typeof v !== "number" || !Number.isFinite(v));
    if (bad !== undefined) throw new AibookError(`rocAuc: score at row ${i} is ${typeof bad === "number" ? bad : JSON.stringify(bad)}; scores must be finite numbers.`);
    const total = row.reduce((a, b) => a + b, 0);
    // numpy's allclose(1, total): what scikit-learn checks before a multiclass AUC.
    if (!(Math.abs(total - 1) <= 1e-8 + 1e-5 * Math.abs(total))) {
      throw new AibookError(`rocAuc: row ${i} of the scores sums to ${total}, not 1; a multiclass AUC needs predictProba's probabilities, not decision values.`);
    }
  });
  const column = (k: number, rows: number[]) => rows.map((i) => matrix[i][k]);
  const all = t.map((_, i) => i);
  if (multiClass === "ovr") {
    if (average === "micro") {
      return auc(curve(all.flatMap((i) => classes.map((c) => t[i] === c)), all.flatMap((i) => matrix[i]), true));
    }
    const aucs = classes.map((c, k) => auc(curve(t.map((v) => v === c), column(k, all), true)));
    if (average === "macro") return aucs.reduce((a, b) => a + b, 0) / aucs.length;
    const support = classes.map((c) => t.filter((v) => v === c).length);
    return aucs.reduce((a, x, k) => a + x * support[k], 0) / t.length;
  }
  // One-vs-one (Hand & Till): each pair of classes on its own rows, both directions averaged.
  const pairScores: number[] = [];
  const prevalence: number[] = [];
  for (let a = 0; a < classes.length; a++) {
    for (let b = a + 1; b < classes.length; b++) {
      const rows = all.filter((i) => t[i] === classes[a] || t[i] === classes[b]);
      const aucA = auc(curve(rows.map((i) => t[i] === classes[a]), column(a, rows), true));
      const aucB = auc(curve(rows.map((i) => t[i] === classes[b]), column(b, rows), true));
      pairScores.push((aucA + aucB) / 2);
      prevalence.push(rows.length / t.length);
    }
  }
  if (average === "macro") return pairScores.reduce((x, y) => x + y, 0) / pairScores.length;
  const weight = prevalence.reduce((x, y) => x + y, 0);
  return pairScores.reduce((x, score, k) => x + score * prevalence[k], 0) / weight;
}

/** Trapezoidal area under a curve given by increasing x. */
export function auc(c: RocCurve): number {
  let area = 0;
  for (let i = 1; i < c.fpr.length; i++) area += ((c.fpr[i] - c.fpr[i - 1]) * (c.tpr[i] + c.tpr[i - 1])) / 2;
  return area;
}

function positives(t: Label[], positiveLabel: Label | undefined, where: string): boolean[] {
  const classes = sortedLabels(t);
  if (classes.length > 2) throw new AibookError(`${where}: yTrue has ${classes.length} classes; a ROC curve is binary. For rocAuc pass predictProba's matrix.`);
  const positive = positiveLabel ?? classes[classes.length - 1];
  if (positiveLabel !== undefined && !classes.includes(positiveLabel) && classes.length === 2) {
    throw new AibookError(`${where}: positiveLabel ${JSON.stringify(positiveLabel)} is not one of the labels (${classes.join(", ")}).`);
  }
  return t.map((v) => v === positive);
}

function asMatrix(scores: unknown): number[][] | undefined {
  const v = typeof scores === "object" && scores !== null && "arraySync" in scores ? (scores as { arraySync(): unknown }).arraySync() : scores;
  const rows = Array.isArray(v) ? v : typeof v === "object" && v !== null && "values" in v ? (v as { values: unknown[] }).values : undefined;
  return Array.isArray(rows) && Array.isArray(rows[0]) ? (rows as number[][]) : undefined;
}

function binaryScores(scores: unknown, t: Label[], positiveLabel: Label | undefined, where: string): number[] {
  const matrix = asMatrix(scores);
  let s: unknown[];
  if (matrix) {
    if (matrix[0].length !== 2) throw new AibookError(`${where}: expected one score per row or a two-column probability matrix; got ${matrix[0].length} columns.`);
    const classes = sortedLabels(t);
    const k = positiveLabel !== undefined && classes.length === 2 ? classes.indexOf(positiveLabel) : 1;
    s = matrix.map((r) => r[k]);
  } else s = toVector(scores, `${where} (scores)`);
  checkLength(t, s, where);
  return s.map((v, i) => {
    // scikit-learn refuses infinity too; here it would also break the sort (Infinity − Infinity is NaN).
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new AibookError(`${where}: score at row ${i} is ${typeof v === "number" ? v : JSON.stringify(v)}; scores must be finite numbers (predictProba or a decision function).`);
    }
    return v;
  });
}

function checkLength(t: unknown[], s: unknown[], where: string): void {
  if (t.length !== s.length) throw new AibookError(`${where}: yTrue has ${t.length} values but the scores have ${s.length}; they must describe the same rows.`);
}

function curve(pos: boolean[], scores: number[], dropIntermediate: boolean): RocCurve {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let tps: number[] = [];
  let fps: number[] = [];
  let thresholds: number[] = [];
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    if (pos[order[k]]) tp++;
    if (k === order.length - 1 || scores[order[k + 1]] !== scores[order[k]]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thresholds.push(scores[order[k]]);
    }
  }
  if (dropIntermediate && tps.length > 2) {
    const keep = tps.map((_, i) => i === 0 || i === tps.length - 1 || fps[i - 1] - 2 * fps[i] + fps[i + 1] !== 0 || tps[i - 1] - 2 * tps[i] + tps[i + 1] !== 0);
    tps = tps.filter((_, i) => keep[i]);
    fps = fps.filter((_, i) => keep[i]);
    thresholds = thresholds.filter((_, i) => keep[i]);
  }
  tps.unshift(0);
  fps.unshift(0);
  thresholds.unshift(Infinity);
  const P = tps[tps.length - 1];
  const N = fps[fps.length - 1];
  return { fpr: fps.map((x) => (N ? x / N : NaN)), tpr: tps.map((x) => (P ? x / P : NaN)), thresholds };
}
