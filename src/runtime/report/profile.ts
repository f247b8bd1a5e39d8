/**
 * `profile(df, { target })`: the data-quality report to read before modelling — each column's
 * type, missing share, distinct values, statistics, outliers and a small histogram; duplicate
 * rows; the class balance of the target — with the findings that call for action spelled out.
 */
import { Mime, type Displayable, type MimeItem } from "../../protocol/mime";
import { VIEWS_VERSION, type ColumnProfile, type LabelCount, type ProfilePayload } from "../../protocol/views";
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { isMissing } from "../core/data";
import { columnType, isNumericType, numericValues, toCell, toColumns } from "./columns";
import { histogram, mean, quantileSorted, sortedNumbers, std } from "./stats";
import { TERMINAL_WIDTH, textTable, textWidth } from "./text";

export interface ProfileOptions {
  /** The column to predict: its class balance is reported. */
  target?: string;
  title?: string;
}

/** A number is its own key (Map keys compare numbers by value, 0 and -0 alike as String() does):
 * turning each of 100,000 distinct floats into a string was most of a profile's time. */
function key(v: unknown): string | number {
  if (typeof v === "number" && !Number.isNaN(v)) return v;
  if (isMissing(v)) return "\u0000missing";
  if (v instanceof Date) return `d:${v.getTime()}`;
  return `${typeof v}:${String(v)}`;
}

function counts(values: unknown[]): Map<string | number, { value: unknown; count: number }> {
  const m = new Map<string | number, { value: unknown; count: number }>();
  for (const v of values) {
    if (isMissing(v)) continue;
    const k = key(v);
    const e = m.get(k);
    if (e) e.count++;
    else m.set(k, { value: v, count: 1 });
  }
  return m;
}

function top(m: Map<string | number, { value: unknown; count: number }>, total: number, limit: number): LabelCount[] {
  return [...m.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, limit)
    .map((e) => ({ label: String(toCell(e.value, 80)), count: e.count, share: total ? e.count / total : 0 }));
}

function profileColumn(name: string, values: unknown[]): ColumnProfile {
  const rows = values.length;
  const type = columnType(values);
  const missing = values.reduce<number>((n, v) => n + (isMissing(v) ? 1 : 0), 0);
  const distinctMap = counts(values);
  const col: ColumnProfile = { name, type, missing, missingShare: rows ? missing / rows : 0, distinct: distinctMap.size, notes: [] };
  if (isNumericType(type)) {
    const nums = numericValues(values);
    const sorted = sortedNumbers(nums);
    const q1 = quantileSorted(sorted, 0.25), q3 = quantileSorted(sorted, 0.75);
    col.stats = { mean: mean(nums), std: std(nums), min: sorted[0] ?? null, q1, median: quantileSorted(sorted, 0.5), q3, max: sorted[sorted.length - 1] ?? null };
    // A 0/1 indicator is not a measurement with a spread: when most rows are 0 its IQR is 0 and
    // every 1 would count as an outlier (515 "outliers" in a flag column).
    if (q1 !== null && q3 !== null && distinctMap.size > 2) {
      const iqr = q3 - q1;
      col.outliers = nums.reduce((n, v) => n + (v < q1 - 1.5 * iqr || v > q3 + 1.5 * iqr ? 1 : 0), 0);
    }
    col.histogram = histogram(nums, Math.min(20, Math.max(1, distinctMap.size)));
  } else {
    col.topValues = top(distinctMap, rows - missing, 10);
  }
  if (col.missingShare > 0) col.notes.push(`${formatShare(col.missingShare)} missing`);
  if (distinctMap.size === 1) col.notes.push("constant: one value only");
  if (rows > 20 && distinctMap.size === rows - missing && (type === "string" || type === "integer") && missing === 0) col.notes.push("every value is distinct: an id?");
  if (col.outliers) col.notes.push(`${col.outliers} ${col.outliers === 1 ? "outlier" : "outliers"} (beyond 1.5 IQR)`);
  return col;
}

export function formatShare(share: number): string {
  const pct = share * 100;
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)}%`;
}

export function toProfilePayload(df: unknown, options: ProfileOptions = {}): ProfilePayload {
  const { names: given, columns, rowCount } = toColumns(df, "profile");
  // Rows of numbers have no column names: call them x0, x1, … as the models' errors and scikit-learn do.
  const names = Array.isArray(df) && df.length > 0 && df.every(Array.isArray) ? given.map((_, j) => `x${j}`) : given;
  const profiles = names.map((n, j) => profileColumn(n, columns[j]));
  const seen = new Set<string>();
  let duplicateRows = 0;
  for (let r = 0; r < rowCount; r++) {
    const k = columns.map((c) => key(c[r])).join("\u0001");
    if (seen.has(k)) duplicateRows++;
    else seen.add(k);
  }
  const payload: ProfilePayload = { kind: "profile", version: VIEWS_VERSION, rows: rowCount, columns: profiles, duplicateRows, warnings: [] };
  if (options.title !== undefined) payload.title = options.title;
  if (options.target !== undefined) {
    const j = names.indexOf(options.target);
    if (j < 0) throw new AibookError(`profile: the target "${options.target}" is not a column; columns are ${names.join(", ")}.`);
    payload.target = options.target;
    const t = profiles[j];
    if (!isNumericType(t.type) || t.distinct <= 20) {
      const present = rowCount - t.missing;
      payload.classBalance = top(counts(columns[j]), present, 50);
      const shares = payload.classBalance;
      if (shares.length > 1 && shares[shares.length - 1].count * 5 < shares[0].count) {
        payload.warnings.push(
          `The target "${options.target}" is imbalanced: "${shares[shares.length - 1].label}" is ${formatShare(shares[shares.length - 1].share)} of rows. ` +
            `Accuracy alone will look good for a model that always predicts "${shares[0].label}": report recall, F1 or balanced accuracy, and stratify the split.`,
        );
      }
    }
    if (t.missing) payload.warnings.push(`The target "${options.target}" is missing in ${t.missing === 1 ? "1 row: drop it" : `${t.missing} rows: drop them`} before the split.`);
  }
  if (duplicateRows) payload.warnings.push(`${duplicateRows === 1 ? "1 row repeats" : `${duplicateRows} rows repeat`} an earlier row: drop them with dropDuplicates(df) before the split, or copies will land in both train and test.`);
  // A column with no value at all cannot be imputed (scikit-learn's SimpleImputer drops it): say to drop it.
  const empty = profiles.filter((c) => rowCount > 0 && c.missing === rowCount && c.name !== options.target);
  if (empty.length) {
    const names = empty.map((c) => JSON.stringify(c.name));
    payload.warnings.push(`${names.join(", ")} ${empty.length === 1 ? "has" : "have"} no values at all: drop ${empty.length === 1 ? "it" : "them"} (df.drop({ columns: [${names.join(", ")}] })).`);
  }
  const withMissing = profiles.filter((c) => c.missing && c.missing < rowCount && c.name !== options.target);
  if (withMissing.length) payload.warnings.push(`Missing values in ${withMissing.map((c) => `${c.name} (${c.missing})`).join(", ")}: impute them inside a pipeline, fitted on the training part only.`);
  for (const c of profiles) if (c.distinct === 1) payload.warnings.push(`"${c.name}" holds one value only: it carries no information.`);
  return payload;
}

/** Text form: one row per column, then the warnings. */
export function profileText(p: ProfilePayload): string {
  const headers = ["column", "type", "missing", "distinct", "mean", "std", "min", "median", "max"];
  const rows = p.columns.map((c) => [c.name, c.type, c.missing ? `${c.missing} (${formatShare(c.missingShare)})` : 0, c.distinct, c.stats?.mean ?? "", c.stats?.std ?? "", c.stats?.min ?? "", c.stats?.median ?? "", c.stats?.max ?? ""]);
  let columns = textTable(headers, rows);
  if (textWidth(columns) > TERMINAL_WIDTH) {
    // Too wide for a terminal (long names, numbers in exponent form): the overview, then the
    // statistics of the numeric columns, each within 80 columns.
    const numeric = p.columns.filter((c) => c.stats);
    columns = textTable(headers.slice(0, 4), rows.map((r) => r.slice(0, 4)), { maxWidth: 30 });
    if (numeric.length) columns += `\n\n${textTable(["column", ...headers.slice(4)], numeric.map((c) => [c.name, c.stats!.mean, c.stats!.std, c.stats!.min, c.stats!.median, c.stats!.max]), { maxWidth: 20 })}`;
  }
  const parts = [`${p.title ?? "Profile"}: ${p.rows} rows x ${p.columns.length} columns, ${p.duplicateRows} duplicate rows`, columns];
  // The rich view shows outliers per column; a terminal or CI log should not lose them.
  const outliers = p.columns.filter((c) => c.outliers).map((c) => `${c.name} ${c.outliers}`);
  if (outliers.length) parts.push(wrapWords(`Outliers (values beyond 1.5 IQR of their column): ${outliers.join(", ")}`, TERMINAL_WIDTH));
  if (p.classBalance) parts.push(`Class balance of "${p.target}":\n${textTable(["class", "count", "share"], p.classBalance.map((b) => [b.label, b.count, formatShare(b.share)]))}`);
  if (p.warnings.length) parts.push(p.warnings.map((w) => `! ${w}`).join("\n"));
  return parts.join("\n\n");
}

/** Words on lines of at most `width` columns (a longer word gets a line of its own). */
function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) lines.push(line), (line = word);
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

export class ProfileReport implements Displayable {
  constructor(readonly payload: ProfilePayload) {}
  get rows(): number {
    return this.payload.rows;
  }
  get duplicateRows(): number {
    return this.payload.duplicateRows;
  }
  get warnings(): string[] {
    return this.payload.warnings;
  }
  /** The profile of one column by name. */
  column(name: string): ColumnProfile | undefined {
    return this.payload.columns.find((c) => c.name === name);
  }
  toMimeBundle(): MimeItem[] {
    return [
      { mime: Mime.profile, data: this.payload },
      { mime: Mime.text, data: profileText(this.payload) },
    ];
  }
  toString(): string {
    return profileText(this.payload);
  }
}

export function profile(df: unknown, options: ProfileOptions = {}): ProfileReport {
  // A misspelt { traget: "y" } used to drop the class balance without a word.
  checkOptions("profile", options, ["target", "title"]);
  return new ProfileReport(toProfilePayload(df, options));
}

