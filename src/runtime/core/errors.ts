/**
 * Errors the runtime throws at users. Each says what is wrong, where, and what to do, because
 * the person reading it is in the middle of an analysis and should not need a debugger.
 */
export class AibookError extends Error {
  override name = "AibookError";
}

/** `predict`/`transform` before `fit`. */
export class NotFittedError extends AibookError {
  override name = "NotFittedError";
  constructor(estimator: string, method: string) {
    super(`${estimator} is not fitted yet: call fit(X, y) before ${method}().`);
  }
}

/** Missing values reached a step that cannot handle them. */
export class MissingValuesError extends AibookError {
  override name = "MissingValuesError";
  constructor(
    readonly where: string,
    readonly counts: { column: string; count: number }[],
  ) {
    const list = counts.map((c) => `${c.column} (${c.count})`).join(", ");
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
