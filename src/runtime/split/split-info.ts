/**
 * What produced a training/test pair, remembered on the parts themselves (a WeakMap, so nothing
 * leaks and the parts stay ordinary values). The runtime pitfall rules and `checkSplit` read it:
 * a time split makes the test set the future on purpose, so its feature drift is not a finding.
 */
import { reportSplit } from "../checks/observe";

export interface SplitInfo {
  method: "random" | "stratified" | "ordered" | "time";
  trainIndex: number[];
  testIndex: number[];
  /** The ordering column of a time split. */
  column?: string;
  seed?: number;
}

const infos = new WeakMap<object, SplitInfo>();

export function rememberSplit(parts: unknown[], info: SplitInfo): void {
  for (const part of parts) if (typeof part === "object" && part !== null) infos.set(part, info);
  // The runtime rules check the split from the kernel (no-op in plain scripts).
  reportSplit(parts, info);
}

/** How `part` (xTrain, yTest, train, …) was split off, if the runtime split it. */
export function splitInfoOf(part: unknown): SplitInfo | undefined {
  return typeof part === "object" && part !== null ? infos.get(part) : undefined;
}
