/**
 * Regression metrics as scikit-learn defines them. `r2` of a constant target is 1 for a perfect
 * prediction and 0 otherwise (scikit-learn's force_finite), never NaN.
 */
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { numberPair } from "./labels";

export function mse(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("mse", options, []);
  const { t, p } = numberPair(yTrue, yPred, "mse");
  let s = 0;
  for (let i = 0; i < t.length; i++) s += (t[i] - p[i]) ** 2;
  return s / t.length;
}

export function rmse(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("rmse", options, []);
  return Math.sqrt(mse(yTrue, yPred));
}

export function mae(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("mae", options, []);
  const { t, p } = numberPair(yTrue, yPred, "mae");
  let s = 0;
  for (let i = 0; i < t.length; i++) s += Math.abs(t[i] - p[i]);
  return s / t.length;
}

export function r2(yTrue: unknown, yPred: unknown, options?: Record<string, never>): number {
  checkOptions("r2", options, []);
  const { t, p } = numberPair(yTrue, yPred, "r2");
  // scikit-learn returns NaN with a warning here; an error says why instead.
  if (t.length < 2) throw new AibookError("r2: needs at least two rows (R² compares the errors with the spread of yTrue, which one row does not have); score on more rows or use mae/rmse.");
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < t.length; i++) {
    res += (t[i] - p[i]) ** 2;
    tot += (t[i] - mean) ** 2;
  }
  if (tot === 0) return res === 0 ? 1 : 0;
  return 1 - res / tot;
}
