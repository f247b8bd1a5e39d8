/**
 * SelectKBest: keep the k features with the highest univariate scores — ANOVA F against the
 * classes (scikit-learn's default f_classif) or F of the correlation with a numeric target
 * (f_regression), or chi-squared of non-negative features (counts, frequencies) against the classes
 * (chi2). Selecting on all rows before the split leaks the test labels into the choice;
 * inside pipeline(...) it sees the training part only.
 */
import { AibookError } from "../core/errors";
import { StatefulEstimator, registerEstimator, type Transformer } from "../core/estimator";
import { checkSameLength, toLabels, toNumbers } from "../core/data";
import { sortedLabels } from "../metrics/labels";
import { chiSquareSf, fSf } from "../stats/special";
import { checkColumns, readMatrix, writeLike, type Shape } from "./io";

export type SelectKBestOptions = {
  k: number | "all";
  scoreFunc: "f_classif" | "f_regression" | "chi2";
};

/** A score as saved: NaN as null and ±Infinity as text, since JSON has neither. */
type Saved = number | null | "Infinity" | "-Infinity";

interface State {
  shape: Shape;
  scores: Saved[];
  pValues: Saved[];
  selected: number[];
}

export class SelectKBest extends StatefulEstimator<SelectKBestOptions, State> implements Transformer {
  static override readonly estimatorName = "SelectKBest";

  constructor(options: Partial<SelectKBestOptions> = {}) {
    super({ k: 10, scoreFunc: "f_classif" }, options);
  }

  /** F score of each input column (NaN for a constant column, Infinity for f_classif on a column constant within each class). */
  get scores(): number[] {
    this.assertFitted("scores");
    return this.state!.scores.map(fromSaved);
  }

  get pValues(): number[] {
    this.assertFitted("pValues");
    return this.state!.pValues.map(fromSaved);
  }

  /** Names of the kept columns, in input order. */
  get selectedColumns(): string[] {
    this.assertFitted("selectedColumns");
    return this.state!.selected.map((j) => this.state!.shape.columns[j]);
  }

  fit(X: unknown, y?: unknown): this {
    const where = `${this.estimatorName}.fit`;
    if (y === undefined) throw new AibookError(`${where}: SelectKBest scores features against the target: call fit(X, y).`);
    const { values, shape } = readMatrix(X, where);
    const p = shape.columns.length;
    const k = this.params.k === "all" ? p : this.params.k;
    if (!Number.isInteger(k) || k < 0) throw new AibookError(`${where}: k must be a whole number or "all"; got ${JSON.stringify(this.params.k)}.`);
    if (k > p) throw new AibookError(`${where}: k = ${k} but X has only ${p} columns; use a smaller k or k: "all".`);
    let scored: { f: number[]; p: number[] };
    if (this.params.scoreFunc === "f_classif") {
      const labels = toLabels(y, `${where} (y)`);
      checkSameLength(values, labels, where);
      scored = fClassif(values, labels, where);
    } else if (this.params.scoreFunc === "f_regression") {
      const target = toNumbers(y, `${where} (y)`);
      checkSameLength(values, target, where);
      scored = fRegression(values, target);
    } else if (this.params.scoreFunc === "chi2") {
      const labels = toLabels(y, `${where} (y)`);
      checkSameLength(values, labels, where);
      scored = chi2(values, labels, where);
    } else throw new AibookError(`${where}: scoreFunc must be "f_classif", "f_regression" or "chi2"; got ${JSON.stringify(this.params.scoreFunc)}.`);
    // scikit-learn: NaN scores count as the lowest; stable sort, keep the last k, in column order.
    const clean = scored.f.map((f) => (Number.isNaN(f) ? -Number.MAX_VALUE : f));
    const order = clean.map((_, j) => j).sort((a, b) => clean[a] - clean[b] || a - b);
    const selected = order.slice(p - k).sort((a, b) => a - b);
    this.state = { shape, scores: scored.f.map(toSaved), pValues: scored.p.map(toSaved), selected };
    this.markFitted();
    return this;
  }

  transform(X: unknown): unknown {
    this.assertFitted("transform");
    const { shape, selected } = this.state!;
    const input = readMatrix(X, `${this.estimatorName}.transform`);
    checkColumns(shape, input.shape, `${this.estimatorName}.transform`);
    return writeLike(X, input.values.map((row) => selected.map((j) => row[j])), selected.map((j) => input.shape.columns[j]));
  }

  fitTransform(X: unknown, y?: unknown): unknown {
    return this.fit(X, y).transform(X);
  }
}

function toSaved(v: number): Saved {
  return Number.isFinite(v) ? v : Number.isNaN(v) ? null : v > 0 ? "Infinity" : "-Infinity";
}

function fromSaved(v: Saved): number {
  return v === null ? NaN : typeof v === "string" ? (v === "Infinity" ? Infinity : -Infinity) : v;
}

/** One-way ANOVA F per column, summed in scikit-learn's order (class by class). */
export function fClassif(X: number[][], labels: (number | string)[], where = "f_classif"): { f: number[]; p: number[] } {
  const classes = sortedLabels(labels);
  if (classes.length < 2) throw new AibookError(`${where}: y holds one class only (${JSON.stringify(classes[0])}); F scores compare classes.`);
  const p = X[0].length;
  const n = X.length;
  const at = new Map(classes.map((c, i) => [c, i]));
  const sums = classes.map(() => new Array(p).fill(0));
  const squares = classes.map(() => new Array(p).fill(0));
  const counts = classes.map(() => 0);
  X.forEach((row, i) => {
    const c = at.get(labels[i])!;
    counts[c]++;
    for (let j = 0; j < p; j++) {
      sums[c][j] += row[j];
      squares[c][j] += row[j] * row[j];
    }
  });
  const f: number[] = [];
  const pv: number[] = [];
  const dfbn = classes.length - 1;
  const dfwn = n - classes.length;
  for (let j = 0; j < p; j++) {
    let ssAll = 0;
    let sumAll = 0;
    for (let c = 0; c < classes.length; c++) {
      ssAll += squares[c][j];
      sumAll += sums[c][j];
    }
    const sqSumAll = sumAll ** 2;
    const sstot = ssAll - sqSumAll / n;
    let ssbn = 0;
    for (let c = 0; c < classes.length; c++) ssbn += sums[c][j] ** 2 / counts[c];
    ssbn -= sqSumAll / n;
    const sswn = sstot - ssbn;
    const F = ssbn / dfbn / (sswn / dfwn);
    f.push(F);
    pv.push(fSf(F, dfbn, dfwn));
  }
  return { f, p: pv };
}

/** F statistic of each column's correlation with y (scikit-learn's f_regression, centred). */
export function fRegression(X: number[][], y: number[]): { f: number[]; p: number[] } {
  const n = X.length;
  const p = X[0].length;
  const yMean = y.reduce((a, b) => a + b, 0) / n;
  const yc = y.map((v) => v - yMean);
  const yNorm = Math.sqrt(yc.reduce((a, v) => a + v * v, 0));
  const dof = n - 2;
  const f: number[] = [];
  const pv: number[] = [];
  for (let j = 0; j < p; j++) {
    let sum = 0;
    let sq = 0;
    let dot = 0;
    for (let i = 0; i < n; i++) {
      const v = X[i][j];
      sum += v;
      sq += v * v;
      dot += yc[i] * v;
    }
    const mean = sum / n;
    const norm = Math.sqrt(sq - n * mean * mean);
    const raw = dot / norm / yNorm;
    const r = Number.isNaN(raw) ? 0 : raw;
    const r2 = r * r;
    const F = (r2 / (1 - r2)) * dof;
    // scikit-learn's force_finite: a perfect (anti-)correlation gets the largest finite F and p 0;
    // an undefined F (constant column, where the correlation divides by a zero norm) F 0 and p 1.
    if (F === Infinity) {
      f.push(Number.MAX_VALUE);
      pv.push(0);
    } else if (Number.isNaN(F)) {
      f.push(0);
      pv.push(1);
    } else {
      f.push(F);
      pv.push(fSf(F, 1, dof));
    }
  }
  return { f, p: pv };
}

/**
 * Chi-squared of each non-negative column's class totals against the totals its overall sum
 * would give in proportion to the class sizes (scikit-learn's chi2); an all-zero column is NaN.
 */
export function chi2(X: number[][], labels: (number | string)[], where = "chi2"): { f: number[]; p: number[] } {
  const classes = sortedLabels(labels);
  if (classes.length < 2) throw new AibookError(`${where}: y holds one class only (${JSON.stringify(classes[0])}); chi2 compares classes.`);
  const p = X[0].length;
  const n = X.length;
  const at = new Map(classes.map((c, i) => [c, i]));
  const observed = classes.map(() => new Array(p).fill(0));
  const classCount = classes.map(() => 0);
  X.forEach((row, i) => {
    const c = at.get(labels[i])!;
    classCount[c]++;
    for (let j = 0; j < p; j++) {
      if (row[j] < 0) {
        throw new AibookError(`${where}: column ${j} holds the negative value ${row[j]} at row ${i}; chi2 needs non-negative features (counts or frequencies). Use scoreFunc "f_classif", or MinMaxScaler first.`);
      }
      observed[c][j] += row[j];
    }
  });
  const f: number[] = [];
  const pv: number[] = [];
  for (let j = 0; j < p; j++) {
    const total = observed.reduce((s, row) => s + row[j], 0);
    let chisq = 0;
    for (let c = 0; c < classes.length; c++) {
      const expected = (classCount[c] / n) * total;
      chisq += (observed[c][j] - expected) ** 2 / expected;
    }
    f.push(chisq);
    pv.push(Number.isNaN(chisq) ? NaN : chiSquareSf(chisq, classes.length - 1));
  }
  return { f, p: pv };
}

registerEstimator(SelectKBest);
