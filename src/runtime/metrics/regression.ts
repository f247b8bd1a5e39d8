/**
 * Regression metrics as scikit-learn defines them, summed in numpy's (pairwise) order so that
 * large or nearly equal values round as they do there. `r2` of a constant target is 1 for a
 * perfect prediction and 0 otherwise (scikit-learn's force_finite), never NaN.
 */
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { numberPair } from "./labels";
import { numpySum } from "../core/sum";

/** The mean squared error, its inputs checked under the name the user called (`where`). */
function meanSquaredError(yTrue: unknown, yPred: unknown, where: "mse" | "rmse"): number {
  const { t, p } = numberPair(yTrue, yPred, where);
  return numpySum(t.map((v, i) => (v - p[i]) ** 2)) / t.length;
}

export function mse(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("mse", options, []);
  return meanSquaredError(yTrue, yPred, "mse");
}

export function rmse(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("rmse", options, []);
  // Its own name in errors: "mse (yTrue): ..." left a user who called rmse looking for an mse call.
  return Math.sqrt(meanSquaredError(yTrue, yPred, "rmse"));
}

export function mae(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("mae", options, []);
  const { t, p } = numberPair(yTrue, yPred, "mae");
  return numpySum(t.map((v, i) => Math.abs(p[i] - v))) / t.length;
}

export function r2(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("r2", options, []);
  const { t, p } = numberPair(yTrue, yPred, "r2");
  // scikit-learn returns NaN with a warning here; an error says why instead.
  if (t.length < 2) throw new AibookError("r2: needs at least two rows (R² compares the errors with the spread of yTrue, which one row does not have); score on more rows or use mae/rmse.");
  const mean = numpySum(t) / t.length;
  const res = numpySum(t.map((v, i) => (v - p[i]) ** 2));
  const tot = numpySum(t.map((v) => (v - mean) ** 2));
  if (tot === 0) return res === 0 ? 1 : 0;
  return 1 - res / tot;
}
