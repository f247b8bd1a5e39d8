/**
 * non-representative-test: the test set does not look like the data the model will meet. The
 * tests and thresholds of pitfalls.md: a class missing on either side; the label distribution
 * (chi-square) or a numeric feature (two-sample Kolmogorov–Smirnov) or a categorical feature
 * (chi-square) differing both significantly (p < alpha after a Bonferroni correction over the
 * columns tested) and largely (KS statistic or Cramér's V ≥ minEffectSize); categories of the
 * test set never seen in training; fewer than minTestRows test rows or fewer than minClassRows
 * test rows of a class. Time-ordered splits get the class and size checks only.
 */
import type { ColumnShift } from "../../protocol/views";
import { chi2Contingency, cramersV } from "../stats/chi2-contingency";
import { ks2Samp } from "../stats/ks-2samp";
import { column, countLabels, formatShare, isAbsent, isBlank, isCategorical, isNumericColumn, keyOf, numberOf, type Rows } from "./tabular";
import type { CheckFinding, RuntimeRuleMeta, RuntimeThresholds } from "./types";

export const nonRepresentativeTest: RuntimeRuleMeta = {
  id: "non-representative-test",
  severity: "warning",
  description: "The test set does not look like the data the model will meet.",
  thresholds: [
    { key: "alpha", description: "Significance level, Bonferroni-corrected over the columns tested (default 0.01)." },
    { key: "minEffectSize", description: "Smallest KS statistic or Cramér's V that counts as a difference (default 0.2)." },
    { key: "minTestRows", description: "Fewer test rows than this measure nothing (default 30)." },
    { key: "minClassRows", description: "Fewer test rows of a class than this measure nothing about it (default 5)." },
  ],
  docs: `# non-representative-test (runtime)

Found from the data at the split call, once the cell runs. The test set does not look like the
data the model will meet:

- a class of the training labels is missing from the test labels, or the other way round;
- the label distribution differs (chi-square), a numeric feature's distribution differs
  (two-sample Kolmogorov–Smirnov) or a categorical feature's does (chi-square);
- the test set holds categories never seen in training;
- it is too small to measure anything.

## Thresholds (settings \`aibook.runtimeRules.*\`)
- \`alpha\` = 0.01: a difference is significant when p < alpha / (number of columns tested)
  (Bonferroni correction).
- \`minEffectSize\` = 0.2: ... and large, with a KS statistic or Cramér's V of at least this, so
  that an ordinary random split of a few hundred rows passes.
- \`minTestRows\` = 30 and \`minClassRows\` = 5: fewer test rows, or fewer test rows of some class,
  are too few to measure anything.

A split by time (\`timeSplit\`, or rows sorted by a date column and then cut) makes the test set
the future on purpose; for it only the class checks and the size check apply.

## Instead
Split with \`trainTestSplit(X, y, { testSize: 0.2, stratify: true })\` on enough rows; check the
report of \`checkSplit({ xTrain, xTest, yTrain, yTest })\`.
`,
};

export interface PartsToCompare {
  trainX?: Rows;
  testX?: Rows;
  trainY?: unknown[];
  testY?: unknown[];
  /** The test set is the future on purpose: no feature distribution checks. */
  timeOrdered?: boolean;
  /** Columns not to test (the time column of a time split). */
  skipColumns?: string[];
}

export interface RepresentativenessResult {
  findings: CheckFinding[];
  columns: ColumnShift[];
  classBalance?: { label: string; train: number; test: number }[];
  testRows: number;
  trainRows: number;
}

const MAX_CATEGORIES = 50;

export function compareParts(parts: PartsToCompare, t: RuntimeThresholds): RepresentativenessResult {
  const trainRows = parts.trainY?.length ?? parts.trainX?.rows.length ?? 0;
  const testRows = parts.testY?.length ?? parts.testX?.rows.length ?? 0;
  const messages: string[] = [];
  const columns: ColumnShift[] = [];
  let classBalance: RepresentativenessResult["classBalance"];

  if (testRows < t.minTestRows) messages.push(`the test set has only ${testRows} rows (fewer than ${t.minTestRows}), too few to measure anything`);

  const labelled = parts.trainY && parts.testY && isCategorical([...parts.trainY, ...parts.testY]);
  let labelTest: (() => void) | undefined;
  if (labelled) {
    const train = countLabels(parts.trainY!);
    const test = countLabels(parts.testY!);
    const nTrain = [...train.values()].reduce((a, c) => a + c.count, 0);
    const nTest = [...test.values()].reduce((a, c) => a + c.count, 0);
    const keys = [...new Set([...train.keys(), ...test.keys()])];
    classBalance = keys.map((k) => ({
      label: String((train.get(k) ?? test.get(k))!.label),
      train: nTrain ? (train.get(k)?.count ?? 0) / nTrain : 0,
      test: nTest ? (test.get(k)?.count ?? 0) / nTest : 0,
    }));
    const missingInTest = keys.filter((k) => !test.has(k)).map((k) => String(train.get(k)!.label));
    const missingInTrain = keys.filter((k) => !train.has(k)).map((k) => String(test.get(k)!.label));
    if (missingInTest.length) messages.push(`class ${list(missingInTest)} of the training labels ${missingInTest.length === 1 ? "is" : "are"} missing from the test labels`);
    if (missingInTrain.length) messages.push(`class ${list(missingInTrain)} of the test labels never ${missingInTrain.length === 1 ? "occurs" : "occur"} in the training labels`);
    const few = keys.filter((k) => test.has(k) && test.get(k)!.count < t.minClassRows).map((k) => `${String(test.get(k)!.label)} (${test.get(k)!.count})`);
    if (few.length) messages.push(`the test set has fewer than ${t.minClassRows} rows of class ${list(few)}`);
    if (!parts.timeOrdered && keys.length >= 2) {
      const table = [keys.map((k) => train.get(k)?.count ?? 0), keys.map((k) => test.get(k)?.count ?? 0)];
      labelTest = () => columns.push(chiSquareShift("(label)", table));
    }
  }

  if (!parts.timeOrdered && parts.trainX && parts.testX && sameColumns(parts.trainX, parts.testX)) {
    const skip = new Set(parts.skipColumns ?? []);
    for (let j = 0; j < parts.trainX.columns.length; j++) {
      const name = parts.trainX.columns[j];
      if (skip.has(name)) continue;
      const a = column(parts.trainX, j);
      const b = column(parts.testX, j);
      const shift = isNumericColumn([...a, ...b]) ? ksShift(name, a, b) : categoricalShift(name, a, b, messages);
      if (shift) columns.push(shift);
    }
  }
  labelTest?.();

  // Bonferroni over the columns tested, then the effect size.
  const tested = columns.filter((c) => c.pValue !== null).length;
  const level = tested ? t.alpha / tested : t.alpha;
  for (const c of columns) c.shifted = c.pValue !== null && c.effect !== null && c.pValue < level && c.effect >= t.minEffectSize;
  const shifted = columns.filter((c) => c.shifted);
  for (const c of shifted) {
    const what = c.column === "(label)" ? "the label distribution" : `the distribution of "${c.column}"`;
    const effect = c.test === "ks" ? `KS statistic ${c.effect!.toFixed(2)}` : `Cramér's V ${c.effect!.toFixed(2)}`;
    messages.push(`${what} differs between training and test rows (${effect}, p = ${formatP(c.pValue!)} < ${formatP(level)})`);
  }

  const findings: CheckFinding[] = messages.length
    ? [{
        rule: "non-representative-test",
        severity: nonRepresentativeTest.severity,
        message:
          `The test set does not look like the data the model will meet: ${messages.join("; ")}. ` +
          `Use more test rows and a stratified random split (trainTestSplit(X, y, { testSize: 0.2, stratify: true })), so that the test score says something about production.`,
      }]
    : [];
  return { findings, columns, classBalance, testRows, trainRows };
}

function sameColumns(a: Rows, b: Rows): boolean {
  return a.columns.length === b.columns.length && a.columns.every((c, j) => c === b.columns[j]);
}

function ksShift(name: string, a: unknown[], b: unknown[]): ColumnShift | undefined {
  const x = a.map(numberOf).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const y = b.map(numberOf).filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (x.length < 2 || y.length < 2) return undefined;
  try {
    // The asymptotic p-value is cheap; the exact one is computed only where the effect is large.
    let result = ks2Samp(x, y, { method: "asymp" });
    if (result.statistic >= 0.1) result = ks2Samp(x, y);
    return { column: name, test: "ks", statistic: result.statistic, pValue: result.pValue, effect: result.statistic, meanShift: cohensD(x, y), shifted: false };
  } catch {
    return undefined;
  }
}

/** (mean(b) − mean(a)) / pooled sample standard deviation; null when both parts are constant. */
function cohensD(a: number[], b: number[]): number | null {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  const ss = (v: number[], m: number) => v.reduce((s, x) => s + (x - m) ** 2, 0);
  const pooled = Math.sqrt((ss(a, ma) + ss(b, mb)) / (a.length + b.length - 2));
  return pooled > 0 ? (mb - ma) / pooled : null;
}

function categoricalShift(name: string, a: unknown[], b: unknown[], messages: string[]): ColumnShift | undefined {
  const present = (v: unknown) => !isAbsent(v) && !isBlank(v);
  const train = new Map<string, number>();
  const test = new Map<string, number>();
  const labelOf = new Map<string, unknown>();
  for (const v of a.filter(present)) {
    const k = keyOf(v);
    train.set(k, (train.get(k) ?? 0) + 1);
    labelOf.set(k, v);
  }
  for (const v of b.filter(present)) {
    const k = keyOf(v);
    test.set(k, (test.get(k) ?? 0) + 1);
    labelOf.set(k, v);
  }
  // Free text or identifiers are not categories: every test value would be "unseen".
  if (train.size > MAX_CATEGORIES || train.size > a.length / 2 || train.size < 2) return undefined;
  const unseen = [...test.keys()].filter((k) => !train.has(k));
  if (unseen.length) {
    const rows = unseen.reduce((s, k) => s + test.get(k)!, 0);
    messages.push(`column "${name}" of the test set holds ${unseen.length === 1 ? "a category" : "categories"} never seen in training: ${list(unseen.slice(0, 5).map((k) => JSON.stringify(labelOf.get(k))))}${unseen.length > 5 ? ", …" : ""} (${rows} rows, ${formatShare(rows / b.length)})`);
  }
  const keys = [...new Set([...train.keys(), ...test.keys()])];
  if (keys.length < 2) return undefined;
  return chiSquareShift(name, [keys.map((k) => train.get(k) ?? 0), keys.map((k) => test.get(k) ?? 0)]);
}

function chiSquareShift(name: string, table: number[][]): ColumnShift {
  try {
    const { statistic, pValue } = chi2Contingency(table);
    return { column: name, test: "chi2", statistic, pValue, effect: cramersV(table), shifted: false };
  } catch {
    return { column: name, test: "chi2", statistic: null, pValue: null, effect: null, shifted: false };
  }
}

const list = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const formatP = (p: number) => (p === 0 ? "0" : p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2))));
