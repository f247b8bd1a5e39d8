/**
 * Option checking for the runtime's functions (estimators check theirs in BaseEstimator): a
 * misspelt option such as `test_size` must fail loudly instead of silently using the default.
 */
import { AibookError } from "./core/errors";

/** Throws when `options` holds a name outside `known`, listing the known ones. */
export function checkOptions(where: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new AibookError(`${where}: options must be an object like { ${known[0] ?? ""}: … }; got ${JSON.stringify(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new AibookError(`${where} has no option "${key}". Known options: ${known.join(", ") || "(none)"}.`);
  }
}

/** Throws when one of the switches `names` in `options` is given but is no boolean ("no" is truthy and would mean yes). */
export function checkFlags(where: string, options: object | undefined, names: readonly string[]): void {
  if (!options) return;
  for (const name of names) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && typeof value !== "boolean") {
      throw new AibookError(`${where}: ${name} must be true or false; got ${typeof value === "string" ? JSON.stringify(value) : String(value)}.`);
    }
  }
}
