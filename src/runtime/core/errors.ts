/**
 * Errors the runtime throws at users. Each says what is wrong, where, and what to do, because
 * the person reading it is in the middle of an analysis and should not need a debugger.
 */
import { INPUT_ERROR_MARK } from "../../protocol/kernel";

const inputErrorMark: unique symbol = Symbol.for(INPUT_ERROR_MARK);

export class AibookError extends Error {
  override name = "AibookError";
  /** Lets the kernel tell the runtime's own refusals from other errors (it trims their runtime frames). */
  get [inputErrorMark](): true {
    return true;
  }
}

/** `predict`/`transform` before `fit`. */
export class NotFittedError extends AibookError {
  override name = "NotFittedError";
  constructor(estimator: string, method: string) {
    super(`${estimator} is not fitted yet: call fit(X, y) before ${method}().`);
  }
}

/**
 * Missing values reached a step that cannot handle them. Features can be imputed; labels and
 * targets cannot (a made-up answer teaches the model nothing true), so for those (`target`)
 * the advice is to drop the rows, naming the column and the first row.
 */
export class MissingValuesError extends AibookError {
  override name = "MissingValuesError";
  constructor(
    readonly where: string,
    readonly counts: { column: string; count: number }[],
    target?: { firstRow: number },
  ) {
    const list = counts.map((c) => `${c.column} (${c.count})`).join(", ");
    if (target && /\(yPred\)$/.test(where)) {
      // Predictions, not labels: nothing to drop before a split; the model (or the array passed) made them.
      const { count } = counts[0];
      super(
        `${where}: the predictions have missing values (NaN, null, undefined or empty) in ${count} row${count === 1 ? "" : "s"}, the first at row ${target.firstRow}. ` +
          `A model should not predict NaN: check what was passed as yPred (the model's predict() output, in the order of yTrue) and the model's inputs.`,
      );
      return;
    }
    if (target) {
      const { column, count } = counts[0];
      super(
        `${where}: the target${column ? ` "${column}"` : ""} has missing values (NaN, null, undefined or empty) in ${count} row${count === 1 ? "" : "s"}, the first at row ${target.firstRow}. ` +
          `A label or target cannot be imputed: drop those rows before the split, e.g. dropMissing(df, { columns: [${JSON.stringify(column || "label")}] }).`,
      );
      return;
    }
    super(
      `${where}: the data holds missing values (NaN, null, undefined or empty) in ${list}. ` +
        `Impute them with a SimpleImputer inside pipeline(...), fitted on the training part only, ` +
        `or drop the rows with dropMissing(df) before the split.`,
    );
  }
}

/** An option name the estimator does not know: list the known ones, like scikit-learn's set_params. */
export class UnknownOptionError extends AibookError {
  override name = "UnknownOptionError";
  constructor(estimator: string, option: string, known: string[]) {
    super(`${estimator} has no option "${option}". Known options: ${known.join(", ") || "(none)"}.`);
  }
}
