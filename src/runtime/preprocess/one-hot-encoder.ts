/**
 * OneHotEncoder: one 0/1 column per category seen in fit (categories sorted, columns named
 * `column_category` as scikit-learn's get_feature_names_out). With `columns`, only those
 * columns are encoded, in place, and the others pass through — what a ColumnTransformer does
 * in scikit-learn, without the ceremony. A category unseen in fit is an error unless
 * handleUnknown is "ignore" (all zeros). `drop: "first"` leaves out each column's first category
 * and `drop: "if_binary"` only that of two-category columns, as scikit-learn's drop option (for
 * unregularised linear models, where a full set of indicators is collinear with the intercept).
 */
import { AibookError } from "../core/errors";
import { StatefulEstimator, registerEstimator, type Transformer } from "../core/estimator";
import { describe, hasColumnNames, isFrame, isMissing, toTable, type Label } from "../core/data";
import { sortLabelList } from "../metrics/labels";
import { checkColumns, writeLike, type Shape } from "./io";

export type OneHotEncoderOptions = {
  handleUnknown: "error" | "ignore";
  /** Encode only these columns (default: all). */
  columns: string[] | undefined;
  /** Leave out a category: "first" in every column, "if_binary" in two-category columns only. */
  drop: "first" | "if_binary" | undefined;
};

interface State {
  shape: Shape;
  /** Categories per input column; null for a column that passes through. */
  categories: (Label[] | null)[];
  /** Index of the category left out of each column (drop), or null. Absent in models saved before drop existed. */
  dropped?: (number | null)[];
  /** Columns a DataFrame typed as float (pandas' float64: "1.0" in a CSV), whose names print 1 as "1.0". */
  floatColumns?: boolean[];
}

export class OneHotEncoder extends StatefulEstimator<OneHotEncoderOptions, State> implements Transformer {
  static override readonly estimatorName = "OneHotEncoder";

  constructor(options: Partial<OneHotEncoderOptions> = {}) {
    super({ handleUnknown: "error", columns: undefined, drop: undefined }, options);
  }

  get categories(): Label[][] {
    this.assertFitted("categories");
    return this.state!.categories.filter((c): c is Label[] => c !== null).map((c) => [...c]);
  }

  /** Output column names, as scikit-learn's get_feature_names_out. */
  get featureNames(): string[] {
    this.assertFitted("featureNames");
    const { shape, categories } = this.state!;
    const dropped = this.state!.dropped ?? [];
    // A column holding a fraction, or typed float, is a float column in pandas, whose whole numbers print as "2.0".
    const typedFloat = this.state!.floatColumns ?? [];
    const floats = categories.map((cats, j) => !!cats && (typedFloat[j] || cats.some((c) => typeof c === "number" && !Number.isInteger(c))));
    return shape.columns.flatMap((name, j) => (categories[j] ? categories[j]!.flatMap((c, k) => (k === dropped[j] ? [] : [`${name}_${pythonStr(c, floats[j])}`])) : [name]));
  }

  fit(X: unknown): this {
    const where = `${this.estimatorName}.fit`;
    if (!["error", "ignore"].includes(this.params.handleUnknown)) throw new AibookError(`${where}: handleUnknown must be "error" or "ignore"; got ${JSON.stringify(this.params.handleUnknown)}.`);
    const drop = this.params.drop;
    if (drop !== undefined && drop !== "first" && drop !== "if_binary") throw new AibookError(`${where}: drop must be "first" or "if_binary" (or left out); got ${JSON.stringify(drop)}.`);
    const { columns, rows } = toTable(X, where);
    if (!rows.length) throw new AibookError(`${where}: X has no rows.`);
    if (!columns.length) throw new AibookError(`${where}: X has no columns.`);
    const encode = this.params.columns;
    for (const c of encode ?? []) if (!columns.includes(c)) throw new AibookError(`${where}: no column "${c}"; the columns are ${columns.join(", ")}.`);
    const categories = columns.map((name, j) => {
      if (encode && !encode.includes(name)) return null;
      const missing = rows.filter((r) => isMissing(r[j])).length;
      if (missing) {
        throw new AibookError(`${where}: column "${name}" has ${missing} missing values; impute them first (SimpleImputer({ strategy: "most_frequent" })) or drop those rows.`);
      }
      rows.forEach((r, i) => {
        const v = r[j];
        // An array or object is no category (it would be one per object, by identity), and
        // scikit-learn refuses infinity in a numeric column.
        if ((typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean") || v === Infinity || v === -Infinity) {
          throw new AibookError(`${where}: column "${name}" holds ${describe(v)} at row ${i}; categories must be text or finite numbers.`);
        }
      });
      const values = [...new Set(rows.map((r) => r[j] as Label))];
      const kinds = new Set(values.map((v) => typeof v));
      if (kinds.size > 1) {
        throw new AibookError(
          `${where}: column "${name}" mixes numbers and text (${values.slice(0, 4).map((v) => JSON.stringify(v)).join(", ")}); its categories have no order. ` +
            `Convert the column to one kind first, e.g. String(value).`,
        );
      }
      return sortLabelList(values);
    });
    const dropped = categories.map((cats) => (cats && (drop === "first" || (drop === "if_binary" && cats.length === 2)) ? 0 : null));
    const dtypes = isFrame(X) ? (X as { dtypes?: unknown }).dtypes : undefined;
    const floatColumns = columns.map((_, j) => Array.isArray(dtypes) && dtypes[j] === "float32");
    this.state = { shape: { columns, named: hasColumnNames(X) }, categories, dropped, floatColumns };
    this.markFitted();
    return this;
  }

  transform(X: unknown): unknown {
    this.assertFitted("transform");
    const where = `${this.estimatorName}.transform`;
    const { shape, categories } = this.state!;
    const { columns, rows } = toTable(X, where);
    checkColumns(shape, { columns, named: hasColumnNames(X) }, where);
    const dropped = this.state!.dropped ?? [];
    const lookup = categories.map((cats) => (cats ? new Map(cats.map((c, k) => [c, k])) : null));
    const out = rows.map((row, i) =>
      row.flatMap((v, j) => {
        const map = lookup[j];
        if (!map) return [v];
        const k = map.get(v as Label);
        if (k === undefined && this.params.handleUnknown === "error") {
          throw new AibookError(
            `${where}: column "${columns[j]}" holds ${JSON.stringify(v)} at row ${i}, a category not seen in fit (${categories[j]!.map((c) => JSON.stringify(c)).join(", ")}). ` +
              `Use new OneHotEncoder({ handleUnknown: "ignore" }) to encode it as all zeros.`,
          );
        }
        const skip = dropped[j];
        return categories[j]!.flatMap((_, m) => (m === skip ? [] : [m === k ? 1 : 0]));
      }),
    );
    return writeLike(X, out, this.featureNames);
  }

  fitTransform(X: unknown): unknown {
    return this.fit(X).transform(X);
  }
}

/** A category as Python's str() writes it in scikit-learn's feature names: True/False capitalised, 2.0 and 1e-05 in a float column. */
function pythonStr(c: unknown, floatColumn: boolean): string {
  if (c === true) return "True";
  if (c === false) return "False";
  if (floatColumn && typeof c === "number") return pythonFloat(c);
  return String(c);
}

/**
 * Python's repr of a float: the same shortest round-trip digits as JavaScript, laid out as Python
 * does — fixed for exponents −4 to 15 with ".0" on whole numbers, else "1e-05" / "1.5e+16".
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exponent] = x.toExponential().split("e");
  const exp = Number(exponent);
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  const sign = x < 0 ? "-" : "";
  if (exp < -4 || exp >= 16) {
    return `${sign}${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (exp >= digits.length - 1) return `${sign}${digits}${"0".repeat(exp - digits.length + 1)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

registerEstimator(OneHotEncoder);
