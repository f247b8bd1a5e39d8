/**
 * The runtime pitfall rules (shared/spec/pitfalls.md, "Runtime rules"): one file per rule with
 * its metadata, thresholds and pure checks; `checkSplit` for the report as a value; the monitor
 * the kernel feeds with observed calls.
 */
import { duplicateLeakage } from "./duplicate-leakage";
import { imbalancedAccuracy } from "./imbalanced-accuracy";
import { missingValues } from "./missing-values";
import { nonRepresentativeTest } from "./non-representative-test";
import { temporalLeakage } from "./temporal-leakage";
import type { RuntimeRuleMeta } from "./types";

/** Every runtime rule, in the order pitfalls.md lists them. */
export const runtimeRules: readonly RuntimeRuleMeta[] = [nonRepresentativeTest, duplicateLeakage, imbalancedAccuracy, missingValues, temporalLeakage];

export { checkSplit, SplitCheckReport, splitCheckText, type CheckSplitXY, type CheckSplitFrames, type CheckSplitOptions } from "./check-split";
export { analyzeSplit, type SplitAnalysis, type SplitParts, type SplitMethod } from "./analyze-split";
export { RuntimeMonitor, type AnchoredFinding } from "./monitor";
export { DEFAULT_THRESHOLDS, thresholdsOf } from "./types";
export type { RuntimeThresholds, RuntimeRuleSettings, RuntimeRuleMeta, RuntimeRuleId, RuntimeSeverity, CheckFinding } from "./types";
export { nonRepresentativeTest, duplicateLeakage, imbalancedAccuracy, missingValues, temporalLeakage };
