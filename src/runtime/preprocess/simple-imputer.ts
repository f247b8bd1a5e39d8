/**
 * SimpleImputer: fill missing values with a statistic learnt on the training rows (mean, median,
 * most frequent) or a constant. Imputing before the split lets test rows shape the training
 * data; inside pipeline(...) the statistic comes from the training part only.
 */
import { AibookError } from "../core/errors";
import { StatefulEstimator, registerEstimator, type Transformer } from "../core/estimator";
import { describe, hasColumnNames, isMissing, toTable } from "../core/data";
import { warnOnce } from "../core/warn";
import { columnSum, sumsColumnwise } from "../core/sum";
import { checkColumns, writeLike, type Shape } from "./io";

export type SimpleImputerOptions = {
  strategy: "mean" | "median" | "most_frequent" | "constant";
  /** The value for strategy "constant" (default 0 for numeric columns, "missing_value" for text). */
  fillValue: number | string | undefined;
};

interface State {
  shape: Shape;
  /** null for a column without any value in fit (strategies other than "constant"): dropped. */
  statistics: (number | string | null)[];
}

const STRATEGIES = ["mean", "median", "most_frequent", "constant"];

export class SimpleImputer extends StatefulEstimator<SimpleImputerOptions, State> implements Transformer {
  static override readonly estimatorName = "SimpleImputer";

  constructor(options: Partial<SimpleImputerOptions> = {}) {
    super({ strategy: "mean", fillValue: undefined }, options);
  }

  /** The fill value of each input column; NaN for a column dropped because it had no values in fit. */
  get statistics(): (number | string)[] {
    this.assertFitted("statistics");
    return this.state!.statistics.map((s) => (s === null ? NaN : s));
  }

  /** The output columns: the input's, less those without any value in fit. */
  get featureNames(): string[] {
    this.assertFitted("featureNames");
    const { shape, statistics } = this.state!;
    return shape.columns.filter((_, j) => statistics[j] !== null);
  }

  fit(X: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { strategy, fillValue } = this.params;
    if (!STRATEGIES.includes(strategy)) throw new AibookError(`${where}: strategy must be one of ${STRATEGIES.join(", ")}; got ${JSON.stringify(strategy)}.`);
    const { columns, rows } = toTable(X, where);
    if (!rows.length) throw new AibookError(`${where}: X has no rows.`);
    if (!columns.length) throw new AibookError(`${where}: X has no columns.`);
    checkValues(rows, columns, where);
    const columnwise = sumsColumnwise({ named: hasColumnNames(X) }, columns.length);
    const statistics = columns.map((name, j) => {
      const present = rows.map((r) => r[j]).filter((v) => !isMissing(v));
      const numeric = present.every((v) => typeof v === "number" || typeof v === "boolean");
      if (strategy === "constant") {
        if (typeof fillValue === "string" && numeric && present.length) {
          // scikit-learn refuses this too: text in a numeric column fails later, in the model.
          throw new AibookError(`${where}: fillValue ${JSON.stringify(fillValue)} is text but column "${name}" holds numbers; use a number (e.g. fillValue: 0), or impute the text columns with their own SimpleImputer.`);
        }
        return fillValue ?? (numeric ? 0 : "missing_value");
      }
      // scikit-learn (keep_empty_features=False) drops such a column from the output, with a warning.
      if (!present.length) return null;
      if (strategy === "most_frequent") return mostFrequent(present as (number | string)[]);
      if (!numeric) {
        const other = present.find((v) => typeof v !== "number" && typeof v !== "boolean");
        throw new AibookError(`${where}: column "${name}" holds ${typeof other === "string" ? `text (${JSON.stringify(other)})` : describe(other)}; strategy "${strategy}" needs numbers. Use "most_frequent" or "constant" for text columns.`);
      }
      const values = (present as number[]).map(Number);
      // numpy's masked mean: the column with 0 for each missing value, summed in numpy's order.
      if (strategy === "mean") return columnSum(rows.map((r) => (isMissing(r[j]) ? 0 : Number(r[j]))), columnwise) / values.length;
      values.sort((a, b) => a - b);
      const mid = values.length >> 1;
      return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    });
    const empty = columns.filter((_, j) => statistics[j] === null);
    if (empty.length) {
      warnOnce(
        `${where}: ${empty.length === 1 ? "column" : "columns"} ${empty.map((c) => JSON.stringify(c)).join(", ")} ${empty.length === 1 ? "has" : "have"} no values at all, so ${empty.length === 1 ? "it is" : "they are"} dropped from the output (as scikit-learn does; its ${strategy} is undefined). Drop ${empty.length === 1 ? "it" : "them"} yourself to silence this, or use strategy "constant" to keep ${empty.length === 1 ? "it" : "them"}.`,
      );
    }
    this.state = { shape: { columns, named: hasColumnNames(X) }, statistics };
    this.markFitted();
    return this;
  }

  transform(X: unknown): unknown {
    this.assertFitted("transform");
    const where = `${this.estimatorName}.transform`;
    const { statistics, shape } = this.state!;
    const { columns, rows } = toTable(X, where);
    if (!rows.length) throw new AibookError(`${where}: X has no rows.`);
    checkColumns(shape, { columns, named: hasColumnNames(X) }, where);
    checkValues(rows, columns, where);
    const kept = statistics.map((s, j) => (s === null ? -1 : j)).filter((j) => j >= 0);
    if (kept.length === columns.length) return writeLike(X, rows.map((row) => row.map((v, j) => (isMissing(v) ? statistics[j] : v))), columns);
    return writeLike(X, rows.map((row) => kept.map((j) => (isMissing(row[j]) ? statistics[j] : row[j]))), kept.map((j) => columns[j]));
  }

  fitTransform(X: unknown): unknown {
    return this.fit(X).transform(X);
  }
}

/**
 * Refuses infinity, as scikit-learn's imputer does ("Input X contains infinity"): the mean of a
 * column with one would be Infinity, filled into every gap. Missing values are what it is for.
 */
function checkValues(rows: unknown[][], columns: string[], where: string): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (v === Infinity || v === -Infinity) {
        throw new AibookError(`${where}: column "${columns[j]}" holds ${v} at row ${i}; impute missing values, not infinite ones. Replace it (a cap, or NaN to impute) or drop the row.`);
      }
    }
  }
}

/** The most frequent value; ties go to the smallest, as in scikit-learn. */
function mostFrequent(values: (number | string)[]): number | string {
  const counts = new Map<number | string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | string | undefined;
  let bestCount = -1;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== undefined && (typeof v === "number" && typeof best === "number" ? v < best : String(v) < String(best)))) {
      best = v;
      bestCount = c;
    }
  }
  return best!;
}

registerEstimator(SimpleImputer);
