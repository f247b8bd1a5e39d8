/**
 * duplicate-leakage: test rows that are exact copies (features and label) of training rows. The
 * model has seen the answer for those rows, so the test score is partly a training score.
 */
import { formatShare, isAbsent, isBlank, rowKey, type Rows } from "./tabular";
import type { CheckFinding, RuntimeRuleMeta, RuntimeThresholds } from "./types";

export const duplicateLeakage: RuntimeRuleMeta = {
  id: "duplicate-leakage",
  severity: "error",
  description: "Test rows are exact copies of training rows.",
  thresholds: [{ key: "maxDuplicateShare", description: "Reported when more than this share of the test rows copy a training row (default 0.05)." }],
  docs: `# duplicate-leakage (runtime)

Found from the data once the cell runs. Rows of the test set are exact copies (features and
label) of training rows, more than 5% of the test set: usually the raw data holds duplicates that
were not removed before the split (or rows were oversampled before it). The model has already
seen the answer for those rows, so the test score overstates how it will do on new data.

Anchor: the split call; where the split was made by hand, the evaluation call.

## Thresholds (settings \`aibook.runtimeRules.*\`)
- \`maxDuplicateShare\` = 0.05: reported when more than this share of the test rows copy a
  training row.

## Instead
Remove duplicates before the split (\`dropDuplicates(df)\`), and oversample or augment only the
training part, after the split.
`,
};

export interface DuplicateCount {
  duplicates: number;
  testRows: number;
}

/** Test rows (with their labels, when given) that equal some training row. */
export function countDuplicateRows(train: Rows, test: Rows, trainY?: unknown[], testY?: unknown[]): DuplicateCount {
  const labelled = trainY !== undefined && testY !== undefined && trainY.length === train.rows.length && testY.length === test.rows.length;
  const seen = new Set<string>();
  train.rows.forEach((row, i) => seen.add(rowKey(row, labelled ? trainY[i] : undefined)));
  let duplicates = 0;
  test.rows.forEach((row, i) => {
    // A row with no value at all copies nothing the model could learn from.
    if (row.length && row.every((v) => isAbsent(v) || isBlank(v))) return;
    if (seen.has(rowKey(row, labelled ? testY[i] : undefined))) duplicates++;
  });
  return { duplicates, testRows: test.rows.length };
}

export function checkDuplicates(count: DuplicateCount, t: RuntimeThresholds, how: "split" | "evaluation" = "split"): CheckFinding[] {
  if (count.testRows === 0) return [];
  const share = count.duplicates / count.testRows;
  if (share <= t.maxDuplicateShare) return [];
  return [{
    rule: "duplicate-leakage",
    severity: duplicateLeakage.severity,
    message:
      `${count.duplicates} of the ${count.testRows} test rows (${formatShare(share)}) are exact copies of training rows (features and label)` +
      `${how === "evaluation" ? " the model was trained on" : ""}, more than ${formatShare(t.maxDuplicateShare)}: the test score is partly a training score. ` +
      `Remove duplicates before splitting (dropDuplicates(df)) and oversample only the training part.`,
  }];
}
