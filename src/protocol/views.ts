/**
 * The JSON payloads of aibook's rich outputs, one per mime in ./mime.ts. The runtime builds them
 * (`toMimeBundle()`), the kernel sends them unchanged, the notebook renderers draw them and the
 * metrics panel reads evaluation and leaderboard payloads back from the run history.
 *
 * Rules every producer follows, so that renderers stay simple and safe:
 * - Plain JSON only: missing values are `null` (JSON has no NaN), dates are ISO strings,
 *   infinities are `null`. Renderers treat every string as data and show it as text.
 * - Each payload carries `kind` (equal to its mime's short name) and `version` so that a renderer
 *   can refuse a payload it does not understand with a message instead of drawing garbage.
 * - Large data is capped by the producer (limits below) and says so (`truncated`), so that a
 *   notebook file stays small and the renderer never receives more than it can draw.
 */

/** Bumped on any incompatible change of the payloads below. */
export const VIEWS_VERSION = 1;

/** A value of a data cell as sent: missing values are null. */
export type CellValue = number | string | boolean | null;

/** What a column holds, as the table header and the profile show it. */
export type ColumnType = "number" | "integer" | "string" | "boolean" | "datetime" | "category" | "mixed" | "empty";

// ---------------------------------------------------------------------------------------------
// Table (DataFrame, Series, arrays)
// ---------------------------------------------------------------------------------------------

/**
 * Caps of a table payload. Columnar data of 100,000 rows x 20 numeric columns is about 12 MB of
 * JSON; beyond that the notebook file and the webview message become the bottleneck, not the DOM
 * (the renderer virtualizes rows, so it draws only the visible window whatever the size).
 */
export const TABLE_LIMITS = {
  /** Rows sent at most (the first rows; `rowCount` keeps the true size). */
  maxRows: 100_000,
  /** Cells (rows x columns) sent at most: wide frames send fewer rows. */
  maxCells: 2_000_000,
  /** Columns sent at most. */
  maxColumns: 200,
  /** Longest string sent per cell; longer ones end with "…". */
  maxStringLength: 500,
} as const;

/**
 * How a missing value reads in a column of this type, as pandas prints it: NaN (not a number)
 * only where numbers belong, NaT for dates, <NA> for strings, booleans and the rest. A missing
 * name in a string column shown as "NaN" read like data.
 */
export function missingText(type: ColumnType): string {
  if (type === "number" || type === "integer" || type === "empty") return "NaN";
  return type === "datetime" ? "NaT" : "<NA>";
}

export interface TableColumn {
  name: string;
  type: ColumnType;
  /** Missing values in the rows sent. */
  missing: number;
}

export interface TablePayload {
  kind: "table";
  version: number;
  title?: string;
  columns: TableColumn[];
  /**
   * Column-major values: `data[c][r]` is row r of column c. Columnar keeps the JSON small (no
   * repeated keys) and lets the renderer sort one column without touching the others.
   */
  data: CellValue[][];
  /** Row labels (a DataFrame's index); absent means 0, 1, 2, … */
  index?: (string | number)[];
  /** Rows in the source (may exceed the rows sent). */
  rowCount: number;
  /** Columns in the source (may exceed the columns sent). */
  columnCount: number;
  /** True when rows or columns were cut to TABLE_LIMITS. */
  truncated: boolean;
}

// ---------------------------------------------------------------------------------------------
// Shared small parts
// ---------------------------------------------------------------------------------------------

/** Bins of a histogram: `counts[i]` values fell in [edges[i], edges[i+1]) (the last bin is closed). */
export interface Histogram {
  edges: number[];
  counts: number[];
}

export interface NumericStats {
  mean: number | null;
  std: number | null;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

export interface LabelCount {
  label: string;
  count: number;
  share: number;
}

// ---------------------------------------------------------------------------------------------
// Profile (profile(df, { target }))
// ---------------------------------------------------------------------------------------------

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  missing: number;
  /** missing / rows, 0..1. */
  missingShare: number;
  distinct: number;
  /** Numeric columns. */
  stats?: NumericStats;
  /** Numeric values outside [q1 - 1.5 IQR, q3 + 1.5 IQR] (Tukey's fences). */
  outliers?: number;
  /** Numeric columns: a small histogram (at most 20 bins). */
  histogram?: Histogram;
  /** Non-numeric columns: the most frequent values (at most 10). */
  topValues?: LabelCount[];
  /** One-line findings about this column ("constant", "62% missing", "looks like an id"). */
  notes: string[];
}

export interface ProfilePayload {
  kind: "profile";
  version: number;
  title?: string;
  rows: number;
  columns: ColumnProfile[];
  /** Rows that exactly repeat an earlier row. */
  duplicateRows: number;
  target?: string;
  /** Class balance of the target when it is categorical, most frequent first. */
  classBalance?: LabelCount[];
  /** Findings about the whole data set, most important first. */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Evaluation (evaluate(model, xTest, yTest, { name }))
// ---------------------------------------------------------------------------------------------

export type Task = "classification" | "regression";

export interface MetricValue {
  /** The runtime's metric name: "accuracy", "f1", "rocAuc", "r2", "rmse", … */
  name: string;
  value: number | null;
  /** True when larger is better (false for errors such as rmse). */
  greaterIsBetter: boolean;
}

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[i][j]: rows whose true label is labels[i] and predicted label is labels[j]. */
  matrix: number[][];
}

export interface RocCurve {
  /** The class scored as positive (one-vs-rest for more than two classes). */
  positiveLabel: string;
  auc: number | null;
  fpr: number[];
  tpr: number[];
}

export interface ClassReportRow {
  label: string;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  support: number;
}

/** Points sent at most for residual plots and scatter charts. */
export const POINT_LIMIT = 5_000;

export interface Residuals {
  predicted: number[];
  /** actual - predicted, same order. */
  residual: number[];
  /** True when only a sample of POINT_LIMIT points is sent. */
  sampled: boolean;
}

export interface EvaluationPayload {
  kind: "evaluation";
  version: number;
  /** The name the user gave (`{ name }`), else the model's name. */
  name: string;
  /** The estimator's name ("LogisticRegression", "Pipeline(StandardScaler, LogisticRegression)"). */
  model: string;
  task: Task;
  /** Rows and features of the evaluation data. */
  rows: number;
  features: number;
  /** Headline metrics, in the order to show them. */
  metrics: MetricValue[];
  /** Binary classification: the class precision, recall, F1 and the ROC curve count as positive. */
  positiveLabel?: string;
  /** Classification. */
  confusion?: ConfusionMatrix;
  roc?: RocCurve[];
  perClass?: ClassReportRow[];
  /** Regression. */
  residuals?: Residuals;
}

// ---------------------------------------------------------------------------------------------
// Leaderboard (compareModels({ name: model }, X, y, { folds, metric }))
// ---------------------------------------------------------------------------------------------

export interface LeaderboardRow {
  name: string;
  model: string;
  mean: number | null;
  std: number | null;
  /** Score of each fold, in fold order. */
  scores: (number | null)[];
  /** Mean fit time per fold in milliseconds. */
  fitTimeMs: number;
  /** Simplicity rank used to order rows and break ties: 0 is the simplest. */
  complexity: number;
  /** Set when fitting failed in some fold: the error message. */
  error?: string;
}

export interface LeaderboardPayload {
  kind: "leaderboard";
  version: number;
  metric: string;
  greaterIsBetter: boolean;
  task: Task;
  folds: number;
  rows: number;
  features: number;
  /** Ordered simplest model first. */
  entries: LeaderboardRow[];
  /** Name of the best entry (ties go to the simpler model), null when every entry failed. */
  best: string | null;
}

// ---------------------------------------------------------------------------------------------
// Charts (chart.histogram | scatter | line | bar)
// ---------------------------------------------------------------------------------------------

interface ChartBase {
  kind: "chart";
  version: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

export interface HistogramChart extends ChartBase {
  chart: "histogram";
  /** Shared bin edges; one series of counts per group. */
  edges: number[];
  series: { name: string; counts: number[] }[];
}

export interface XYChart extends ChartBase {
  chart: "scatter" | "line";
  series: { name: string; x: number[]; y: number[] }[];
  /** x values are times in epoch milliseconds (the data held dates or ISO date strings). */
  xTime?: boolean;
  /** True when points were sampled down to POINT_LIMIT per series. */
  sampled: boolean;
}

export interface BarChart extends ChartBase {
  chart: "bar";
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

export type ChartPayload = HistogramChart | XYChart | BarChart;

// ---------------------------------------------------------------------------------------------
// Split check (checkSplit(...)): the report behind the runtime rules
// ---------------------------------------------------------------------------------------------

export interface SplitFinding {
  /** Pitfall id from shared/spec/pitfalls.md ("non-representative-test", "duplicate-leakage", …). */
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
}

export interface ColumnShift {
  column: string;
  test: "ks" | "chi2";
  statistic: number | null;
  pValue: number | null;
  /** KS statistic or Cramér's V: what `shifted` compares with the minimum effect size. */
  effect: number | null;
  /**
   * Numeric columns ("ks"): (test mean − train mean) / pooled standard deviation, Cohen's d, the
   * standardized mean difference of covariate-balance checks. Says which way and how far the
   * column moved, which the KS statistic (a distance between distributions) does not.
   */
  meanShift?: number | null;
  shifted: boolean;
}

export interface SplitCheckPayload {
  kind: "split-check";
  version: number;
  trainRows: number;
  testRows: number;
  /** Test rows that copy a training row (features and label). */
  duplicateRows: number;
  /** Label shares in each part, when there is a categorical target. */
  classBalance?: { label: string; train: number; test: number }[];
  columns: ColumnShift[];
  findings: SplitFinding[];
  /** A time split (or rows cut in time order): the test rows are the future, so no column is compared. */
  timeOrdered?: boolean;
}

// ---------------------------------------------------------------------------------------------

export type ViewPayload =
  | TablePayload
  | ProfilePayload
  | EvaluationPayload
  | LeaderboardPayload
  | ChartPayload
  | SplitCheckPayload;

export type ViewKind = ViewPayload["kind"];
