/**
 * Every data check of one train/test split — representativeness, duplicates across the parts,
 * time order — in one pass. `checkSplit` shows the result; the kernel's monitor anchors its
 * findings at the split call.
 */
import { countDuplicateRows, checkDuplicates } from "./duplicate-leakage";
import { compareParts, type RepresentativenessResult } from "./non-representative-test";
import { checkTemporalLeakage, findTimeColumn, hasOrderingColumn, hasTrendColumn, isSortedByTime } from "./temporal-leakage";
import type { Rows } from "./tabular";
import type { CheckFinding, RuntimeThresholds } from "./types";

export type SplitMethod = "random" | "stratified" | "ordered" | "time" | "unknown";

export interface SplitParts {
  trainX: Rows;
  testX: Rows;
  trainY?: unknown[];
  testY?: unknown[];
  /** How the rows were assigned; "unknown" gets no time-order verdict. */
  method: SplitMethod;
  /** The ordering column of a time split. */
  timeColumn?: string;
}

export interface SplitAnalysis extends RepresentativenessResult {
  duplicateRows: number;
  timeOrdered: boolean;
  timeColumn?: string;
}

export function analyzeSplit(parts: SplitParts, t: RuntimeThresholds): SplitAnalysis {
  const time = findTimeColumn({ columns: parts.trainX.columns, rows: [...parts.trainX.rows, ...parts.testX.rows] });
  // (An unshuffled cut of rows in time order is a time split.)
  const trainTimes = time?.times.slice(0, parts.trainX.rows.length);
  const testTimes = time?.times.slice(parts.trainX.rows.length);
  // Rows sorted by a date column and then cut: a time split too.
  const all = { columns: parts.trainX.columns, rows: [...parts.trainX.rows, ...parts.testX.rows] };
  const labels = parts.trainY && parts.testY ? [...parts.trainY, ...parts.testY] : undefined;
  const timeOrdered =
    parts.method === "time" || (parts.method === "ordered" && (time !== undefined ? isSortedByTime(time.times) : hasOrderingColumn(all) || hasTrendColumn(all, labels)));
  const findings: CheckFinding[] = [];
  const representativeness = compareParts(
    { trainX: parts.trainX, testX: parts.testX, trainY: parts.trainY, testY: parts.testY, timeOrdered, skipColumns: parts.timeColumn ? [parts.timeColumn] : [] },
    t,
  );
  findings.push(...representativeness.findings);
  const duplicates = countDuplicateRows(parts.trainX, parts.testX, parts.trainY, parts.testY);
  findings.push(...checkDuplicates(duplicates, t));
  if (time && trainTimes && testTimes) {
    findings.push(...checkTemporalLeakage({ name: time.name, train: trainTimes, test: testTimes }, parts.method === "random" || parts.method === "stratified"));
  }
  return { ...representativeness, findings, duplicateRows: duplicates.duplicates, timeOrdered, timeColumn: parts.timeColumn ?? time?.name };
}
