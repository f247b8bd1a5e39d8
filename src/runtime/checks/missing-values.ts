/**
 * missing-values: a model is trained on data holding missing values (NaN, null, undefined, empty
 * strings in a numeric column) that were neither imputed nor dropped.
 */
import { column, isAbsent, isBlank, isNumericColumn, type Rows } from "./tabular";
import type { CheckFinding, RuntimeRuleMeta } from "./types";

export const missingValues: RuntimeRuleMeta = {
  id: "missing-values",
  severity: "warning",
  description: "A model is trained on data with missing values.",
  thresholds: [],
  docs: `# missing-values (runtime)

Found from the data at the training call, once the cell runs. The training data holds missing
values — \`NaN\`, \`null\`, \`undefined\`, or empty strings in a numeric column — that were
neither imputed nor dropped. The runtime's models refuse such data with an error naming the
columns and counts; other libraries silently learn from NaN or crash later.

Anchor: the training call. No threshold: any missing value counts.

## Instead
Impute inside the model, fitted on the training rows only:
\`pipeline(new SimpleImputer({ strategy: "median" }), model)\`, or drop the rows before the split
with \`dropMissing(df)\` (danfojs: \`df.dropNa()\`).
`,
};

export interface MissingCount {
  column: string;
  count: number;
}

/** Missing values per column of the features, and of the target as "target". */
export function countMissing(X?: Rows, y?: unknown[], targetName = "target"): MissingCount[] {
  const out: MissingCount[] = [];
  if (X) {
    X.columns.forEach((name, j) => {
      const values = column(X, j);
      const numeric = isNumericColumn(values);
      const count = values.filter((v) => isAbsent(v) || (numeric && isBlank(v))).length;
      if (count) out.push({ column: name, count });
    });
  }
  if (y) {
    const numeric = isNumericColumn(y);
    const count = y.filter((v) => isAbsent(v) || (numeric && isBlank(v))).length;
    if (count) out.push({ column: `${targetName} (the target)`, count });
  }
  return out;
}

export function checkMissingValues(counts: MissingCount[], rows: number, call: string): CheckFinding[] {
  if (!counts.length) return [];
  const list = counts.map((c) => `${c.column}: ${c.count}`).join(", ");
  return [{
    rule: "missing-values",
    severity: missingValues.severity,
    message:
      `${call} is trained on ${rows} rows that hold missing values (NaN, null, undefined or empty) — ${list}. ` +
      `Impute them inside the model, fitted on the training rows only (pipeline(new SimpleImputer({ strategy: "median" }), model)), ` +
      `or drop those rows before the split (dropMissing(df), or df.dropNa()).`,
  }];
}
