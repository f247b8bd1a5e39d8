/**
 * temporal-leakage: the data has a date or time column, the split is random, and training rows
 * are later in time than test rows, so the model learns from the future it is tested on.
 */
import { column, isAbsent, isBlank, numberOf, type Rows } from "./tabular";
import type { CheckFinding, RuntimeRuleMeta } from "./types";

export const temporalLeakage: RuntimeRuleMeta = {
  id: "temporal-leakage",
  severity: "warning",
  description: "A random split puts later rows in training than in test.",
  thresholds: [],
  docs: `# temporal-leakage (runtime)

Found from the data at the split call, once the cell runs. The data has a date or time column —
parsed dates, ISO date strings, or a column named date, time, timestamp, year, month or with such
a word in its name (\`sale_date\`, \`createdAt\`) whose values look like dates, times or years —,
the split is random, and training rows are later in time than test rows: the model learns from
the future it is then tested on. A column such as \`yrs_married\` holding 0.5 to 23 is not a time.

Anchor: the split call. No threshold: one training row later than a test row is enough.

## Instead
\`timeSplit(df, { column: "date", testSize: 0.2 })\`: the latest rows become the test set.
`,
};

export interface TimeColumn {
  name: string;
  index: number;
  /** Milliseconds (dates) or the number itself (years, epoch values); undefined when missing. */
  times: (number | undefined)[];
}

const ISO_DATE = /^\d{4}-\d{2}(-\d{2})?([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Words of a column name: `sale_date` -> sale, date; `createdAt` -> created, at. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

type NameKind = "date" | "year" | "month" | undefined;

function nameKind(name: string): NameKind {
  const w = words(name);
  if (w.includes("year")) return "year";
  if (w.includes("month")) return "month";
  if (w.some((x) => x === "date" || x === "time" || x === "timestamp" || x === "datetime" || x === "dt")) return "date";
  if (w.length > 1 && w.at(-1) === "at") return "date";
  return undefined;
}

/** Times of a column when it holds dates or times; undefined otherwise. */
export function timesOf(name: string, values: unknown[]): (number | undefined)[] | undefined {
  const present = values.filter((v) => !isAbsent(v) && !isBlank(v));
  if (present.length < 2) return undefined;
  if (present.every((v) => v instanceof Date)) return values.map((v) => (v instanceof Date ? v.getTime() : undefined));
  if (present.every((v) => typeof v === "string" && ISO_DATE.test(v.trim()) && !Number.isNaN(Date.parse(v)))) {
    return values.map((v) => (typeof v === "string" && v.trim() ? Date.parse(v) : undefined));
  }
  const kind = nameKind(name);
  if (!kind) return undefined;
  const numbers = values.map(numberOf);
  const given = numbers.filter((n): n is number => n !== undefined);
  if (given.length !== present.length) {
    // Date-like text under a time name ("2021/03/04", "Mar 2021").
    if (kind === "date" && present.every((v) => typeof v === "string" && /\d/.test(v) && !Number.isNaN(Date.parse(v)))) {
      return values.map((v) => (typeof v === "string" && v.trim() ? Date.parse(v) : undefined));
    }
    return undefined;
  }
  const integers = given.every((n) => Number.isInteger(n));
  const within = (lo: number, hi: number) => given.every((n) => n >= lo && n <= hi);
  const looksLikeYears = integers && within(1000, 2999);
  const looksLikeEpoch = within(1e8, 1e14);
  const ok = kind === "year" ? looksLikeYears : kind === "month" ? (integers && within(1, 12)) || looksLikeYears : looksLikeYears || looksLikeEpoch;
  return ok ? numbers : undefined;
}

/** The first date/time column of a table (a month column only when no better one exists). */
export function findTimeColumn(X: Rows): TimeColumn | undefined {
  let fallback: TimeColumn | undefined;
  for (let j = 0; j < X.columns.length; j++) {
    const name = X.columns[j];
    const times = timesOf(name, column(X, j));
    if (!times) continue;
    const found = { name, index: j, times };
    if (nameKind(name) === "month" && !times.some((t) => t !== undefined && t > 12)) fallback ??= found;
    else return found;
  }
  return fallback;
}

/** Training rows strictly later than the earliest test row. */
export function laterTrainingRows(trainTimes: (number | undefined)[], testTimes: (number | undefined)[]): { later: number; earliestTest: number | undefined } {
  const tests = testTimes.filter((t): t is number => t !== undefined);
  if (!tests.length) return { later: 0, earliestTest: undefined };
  const earliestTest = tests.reduce((a, b) => (b < a ? b : a));
  return { later: trainTimes.filter((t) => t !== undefined && t > earliestTest).length, earliestTest };
}

/** True when the times never decrease: rows sorted by time (then a cut is a time split). */
export function isSortedByTime(times: (number | undefined)[]): boolean {
  let last = -Infinity;
  for (const t of times) {
    if (t === undefined) continue;
    if (t < last) return false;
    last = t;
  }
  return true;
}

export function checkTemporalLeakage(time: { name: string; train: (number | undefined)[]; test: (number | undefined)[] }, random: boolean): CheckFinding[] {
  if (!random) return [];
  const { later, earliestTest } = laterTrainingRows(time.train, time.test);
  if (!later || earliestTest === undefined) return [];
  const trainRows = time.train.filter((t) => t !== undefined).length;
  return [{
    rule: "temporal-leakage",
    severity: temporalLeakage.severity,
    message:
      `The split is random over time-ordered data ("${time.name}"): ${later} of the ${trainRows} training rows are later than the earliest test row, ` +
      `so the model learns from the future it is tested on. Split by time instead: timeSplit(df, { column: "${time.name}", testSize: 0.2 }).`,
  }];
}

/**
 * Some numeric column never decreases over the rows (at least 3 distinct values): the rows are in
 * an order, such as time, even when nothing names it. A cut of such rows is not a random split.
 */
export function hasOrderingColumn(X: Rows): boolean {
  for (let j = 0; j < X.columns.length; j++) {
    const values = column(X, j).map(numberOf);
    if (values.some((v) => v === undefined)) continue;
    const times = values as number[];
    if (new Set(times).size >= 3 && isSortedByTime(times)) return true;
  }
  return false;
}

/** Rows whose position a series follows almost perfectly (Spearman |rho| at least this) are in an order. */
const TREND_RHO = 0.95;

/**
 * Some numeric series (a feature, or the target) rises or falls with the row position almost
 * perfectly, a few dips aside: a quarterly GDP, a price index. Rows kept in such an order (data
 * sorted by a date that the model's columns leave out) and cut without shuffling are a split by time.
 */
export function hasTrendColumn(X: Rows, labels?: unknown[]): boolean {
  const series = X.columns.map((_, j) => column(X, j));
  if (labels && labels.length === X.rows.length) series.push(labels);
  return series.some((values) => {
    const numbers = values.map(numberOf);
    if (numbers.length < 10 || numbers.some((v) => v === undefined) || new Set(numbers).size < numbers.length / 2) return false;
    return Math.abs(rankCorrelationWithPosition(numbers as number[])) >= TREND_RHO;
  });
}

/** Spearman's rho between the values and 0..n-1 (average ranks for ties). */
function rankCorrelationWithPosition(values: number[]): number {
  const n = values.length;
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  const mean = (n - 1) / 2;
  let num = 0, a = 0, b = 0;
  for (let i = 0; i < n; i++) {
    num += (ranks[i] - mean) * (i - mean);
    a += (ranks[i] - mean) ** 2;
    b += (i - mean) ** 2;
  }
  return a && b ? num / Math.sqrt(a * b) : 0;
}
