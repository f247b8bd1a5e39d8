/**
 * OneHotEncoder: one 0/1 column per category seen in fit (categories sorted, columns named
 * `column_category` as scikit-learn's get_feature_names_out). With `columns`, only those
 * columns are encoded, in place, and the others pass through — what a ColumnTransformer does
 * in scikit-learn, without the ceremony. A category unseen in fit is an error unless
 * handleUnknown is "ignore" (all zeros).
 */
import { AibookError } from "../core/errors";
import { StatefulEstimator, registerEstimator, type Transformer } from "../core/estimator";
import { isFrame, isMissing, isSeries, toTable, type Label } from "../core/data";
import { sortLabelList } from "../metrics/labels";
import { checkColumns, writeLike, type Shape } from "./io";

export type OneHotEncoderOptions = {
  handleUnknown: "error" | "ignore";
  /** Encode only these columns (default: all). */
  columns: string[] | undefined;
};

interface State {
  shape: Shape;
  /** Categories per input column; null for a column that passes through. */
  categories: (Label[] | null)[];
}

export class OneHotEncoder extends StatefulEstimator<OneHotEncoderOptions, State> implements Transformer {
  static override readonly estimatorName = "OneHotEncoder";

  constructor(options: Partial<OneHotEncoderOptions> = {}) {
    super({ handleUnknown: "error", columns: undefined }, options);
  }

  get categories(): Label[][] {
    this.assertFitted("categories");
    return this.state!.categories.filter((c): c is Label[] => c !== null).map((c) => [...c]);
  }

  /** Output column names, as scikit-learn's get_feature_names_out. */
  get featureNames(): string[] {
    this.assertFitted("featureNames");
    const { shape, categories } = this.state!;
    return shape.columns.flatMap((name, j) => (categories[j] ? categories[j]!.map((c) => `${name}_${c}`) : [name]));
  }

  fit(X: unknown): this {
    const where = `${this.estimatorName}.fit`;
    if (!["error", "ignore"].includes(this.params.handleUnknown)) throw new AibookError(`${where}: handleUnknown must be "error" or "ignore".`);
    const { columns, rows } = toTable(X, where);
    if (!rows.length) throw new AibookError(`${where}: X has no rows.`);
    const encode = this.params.columns;
    for (const c of encode ?? []) if (!columns.includes(c)) throw new AibookError(`${where}: no column "${c}"; the columns are ${columns.join(", ")}.`);
    const categories = columns.map((name, j) => {
      if (encode && !encode.includes(name)) return null;
      const missing = rows.filter((r) => isMissing(r[j])).length;
      if (missing) {
        throw new AibookError(`${where}: column "${name}" has ${missing} missing values; impute them first (SimpleImputer({ strategy: "most_frequent" })) or drop those rows.`);
      }
      return sortLabelList([...new Set(rows.map((r) => r[j] as Label))]);
    });
    this.state = { shape: { columns, named: isFrame(X) || isSeries(X) }, categories };
    this.markFitted();
    return this;
  }

  transform(X: unknown): unknown {
    this.assertFitted("transform");
    const where = `${this.estimatorName}.transform`;
    const { shape, categories } = this.state!;
    const { columns, rows } = toTable(X, where);
    checkColumns(shape, { columns, named: isFrame(X) || isSeries(X) }, where);
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
        return categories[j]!.map((_, m) => (m === k ? 1 : 0));
      }),
    );
    return writeLike(X, out, this.featureNames);
  }

  fitTransform(X: unknown): unknown {
    return this.fit(X).transform(X);
  }
}

registerEstimator(OneHotEncoder);
