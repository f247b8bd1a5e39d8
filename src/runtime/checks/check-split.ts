/**
 * `checkSplit({ xTrain, xTest, yTrain, yTest })` or `checkSplit({ train, test, target })`: the
 * report the runtime rules compute at a split, as a value — shown as a split-check view with a
 * text/plain form for other front ends.
 */
import { Mime, type Displayable, type MimeItem } from "../../protocol/mime";
import { VIEWS_VERSION, type SplitCheckPayload, type SplitFinding } from "../../protocol/views";
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { splitInfoOf } from "../split/split-info";
import { analyzeSplit, type SplitMethod } from "./analyze-split";
import { labelsOf, rowsOf, type Rows } from "./tabular";
import { thresholdsOf, type RuntimeThresholds } from "./types";
import { textTable } from "../report/text";

export interface CheckSplitXY {
  xTrain: unknown;
  xTest: unknown;
  yTrain?: unknown;
  yTest?: unknown;
}

export interface CheckSplitFrames {
  train: unknown;
  test: unknown;
  /** The label column of both frames. */
  target?: string;
}

export interface CheckSplitOptions {
  /** Overrides of the thresholds of pitfalls.md (alpha, minEffectSize, minTestRows, …). */
  thresholds?: Partial<RuntimeThresholds>;
}

export class SplitCheckReport implements Displayable {
  constructor(readonly payload: SplitCheckPayload) {}

  /** The findings, one per rule that fires. */
  get findings(): SplitFinding[] {
    return this.payload.findings;
  }

  /** True when no rule fires. */
  get ok(): boolean {
    return this.payload.findings.length === 0;
  }

  toMimeBundle(): MimeItem[] {
    return [
      { mime: Mime.splitCheck, data: this.payload },
      { mime: Mime.text, data: splitCheckText(this.payload) },
    ];
  }

  toJSON(): SplitCheckPayload {
    return this.payload;
  }

  toString(): string {
    return splitCheckText(this.payload);
  }
}

export function checkSplit(parts: CheckSplitXY | CheckSplitFrames, options: CheckSplitOptions = {}): SplitCheckReport {
  checkOptions("checkSplit", options, ["thresholds"]);
  if (typeof parts !== "object" || parts === null) throw new AibookError("checkSplit: pass { xTrain, xTest, yTrain, yTest } or { train, test, target }.");
  // A misspelt part ({ xtrain, ... } or { train, test, label }) used to be ignored or fall through to another form.
  checkOptions("checkSplit", parts, "xTrain" in parts || "xTest" in parts ? ["xTrain", "xTest", "yTrain", "yTest"] : ["train", "test", "target"]);
  const t = thresholdsOf({ thresholds: options.thresholds });
  let trainX: Rows | undefined;
  let testX: Rows | undefined;
  let trainY: unknown[] | undefined;
  let testY: unknown[] | undefined;
  let info = splitInfoOf("xTest" in parts ? parts.xTest : (parts as CheckSplitFrames).test);
  if ("xTrain" in parts && "xTest" in parts) {
    trainX = rowsOf(parts.xTrain);
    testX = rowsOf(parts.xTest);
    if (!trainX || !testX) throw new AibookError("checkSplit: xTrain and xTest must be DataFrames, 2-D arrays or tensors.");
    if (parts.yTrain !== undefined || parts.yTest !== undefined) {
      trainY = labelsOf(parts.yTrain);
      testY = labelsOf(parts.yTest);
      if (!trainY || !testY) throw new AibookError("checkSplit: yTrain and yTest must both be Series, arrays or tensors.");
      if (trainY.length !== trainX.rows.length || testY.length !== testX.rows.length) {
        throw new AibookError(`checkSplit: xTrain has ${trainX.rows.length} rows and yTrain ${trainY.length}, xTest ${testX.rows.length} and yTest ${testY.length}; each pair must describe the same rows.`);
      }
    }
  } else if ("train" in parts && "test" in parts) {
    const train = rowsOf(parts.train);
    const test = rowsOf(parts.test);
    if (!train || !test) throw new AibookError("checkSplit: train and test must be DataFrames (or arrays of rows).");
    if (parts.target !== undefined) {
      const j = train.columns.indexOf(parts.target);
      if (j < 0 || test.columns.indexOf(parts.target) !== j) {
        throw new AibookError(`checkSplit: no column "${parts.target}" in both parts; the columns are ${train.columns.join(", ")}.`);
      }
      const without = (r: Rows): Rows => ({ columns: r.columns.filter((_, k) => k !== j), rows: r.rows.map((row) => row.filter((_, k) => k !== j)) });
      [trainX, testX] = [without(train), without(test)];
      [trainY, testY] = [train.rows.map((r) => r[j]), test.rows.map((r) => r[j])];
    } else [trainX, testX] = [train, test];
    info ??= splitInfoOf(parts.test);
  } else {
    throw new AibookError("checkSplit: pass { xTrain, xTest, yTrain, yTest } or { train, test, target }.");
  }
  // Two parts of one split have the same columns and some rows; otherwise the comparison below
  // paired columns by position and reported on a "split" that is none.
  const [trainName, testName] = "xTrain" in parts ? ["xTrain", "xTest"] : ["train", "test"];
  for (const [name, part] of [[trainName, trainX], [testName, testX]] as const) {
    if (!part.rows.length) throw new AibookError(`checkSplit: ${name} has no rows; there is nothing to compare. Check the testSize of the split.`);
  }
  const sameColumns = trainX.columns.length === testX.columns.length && trainX.columns.every((c, k) => c === testX!.columns[k]);
  if (!sameColumns) {
    throw new AibookError(
      `checkSplit: ${trainName} has ${trainX.columns.length} columns (${trainX.columns.slice(0, 8).join(", ")}) but ${testName} has ${testX.columns.length} (${testX.columns.slice(0, 8).join(", ")}); pass the two parts of one split, with the same columns in the same order.`,
    );
  }
  const method: SplitMethod = info?.method ?? "unknown";
  const analysis = analyzeSplit({ trainX, testX, trainY, testY, method, timeColumn: info?.column }, t);
  return new SplitCheckReport({
    kind: "split-check",
    version: VIEWS_VERSION,
    trainRows: analysis.trainRows,
    testRows: analysis.testRows,
    duplicateRows: analysis.duplicateRows,
    ...(analysis.classBalance ? { classBalance: analysis.classBalance } : {}),
    columns: analysis.columns.map((c) => ({ ...c, statistic: finite(c.statistic), pValue: finite(c.pValue), effect: finite(c.effect), ...(c.meanShift !== undefined ? { meanShift: finite(c.meanShift) } : {}) })),
    findings: analysis.findings.map((f) => ({ rule: f.rule, severity: f.severity === "information" ? "info" : f.severity, message: f.message })),
    ...(analysis.timeOrdered ? { timeOrdered: true } : {}),
  });
}

/**
 * What "no finding" means. Before, a time split (whose columns are not compared: the test rows
 * are the future) and a split with no comparable column also said "the test set looks like the
 * training set", of a test set never compared with it.
 */
export function splitVerdict(p: SplitCheckPayload): string {
  if (p.timeOrdered) return ": a time split, the test rows are the latest; their columns are not compared with the training rows' (the future may differ)";
  if (p.columns.length === 0) return "; no column was compared";
  return ": the test set looks like the training set";
}

const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

export function splitCheckText(p: SplitCheckPayload): string {
  const lines = [`Split check: ${p.trainRows} training rows, ${p.testRows} test rows, ${p.duplicateRows} test ${p.duplicateRows === 1 ? "row" : "rows"} copying a training row`];
  const shifted = p.columns.filter((c) => c.shifted);
  lines.push(`${p.columns.length} ${p.columns.length === 1 ? "column" : "columns"} tested, ${shifted.length} differ${shifted.length ? ": " + shifted.map((c) => c.column).join(", ") : ""}`);
  if (p.findings.length === 0) lines.push(`No finding${splitVerdict(p)}.`);
  for (const f of p.findings) lines.push(`${f.severity} [${f.rule}] ${f.message}`);
  if (p.columns.length) {
    const rows = p.columns.map((c) => [
      c.column,
      c.test === "ks" ? "KS" : "chi2",
      c.statistic === null ? "" : `${c.test === "ks" ? "D" : "chi2"} ${c.statistic.toFixed(3)}`,
      c.pValue === null ? "" : c.pValue < 0.001 ? "< 0.001" : c.pValue.toFixed(3),
      c.test === "ks" ? (typeof c.meanShift === "number" ? `d ${c.meanShift < 0 ? "-" : "+"}${Math.abs(c.meanShift).toFixed(3)}` : "") : c.effect === null ? "" : `V ${c.effect.toFixed(3)}`,
      c.shifted ? "shifted" : "",
    ]);
    lines.push("", textTable(["column", "test", "statistic", "p-value", "effect", ""], rows, { maxWidth: 24 }));
    lines.push("effect: d = (test mean - train mean) / pooled sd; V = Cramer's V");
  }
  return lines.join("\n");
}
