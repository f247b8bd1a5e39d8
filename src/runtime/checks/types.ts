/**
 * Shapes shared by the runtime pitfall rules (shared/spec/pitfalls.md, "Runtime rules"): each
 * rule's metadata with its thresholds, the findings the checks return, and the thresholds a
 * user can tune (VS Code settings `aibook.runtimeRules.*`, passed to the kernel at start).
 */
export type RuntimeSeverity = "error" | "warning" | "information";

export type RuntimeRuleId = "non-representative-test" | "duplicate-leakage" | "imbalanced-accuracy" | "missing-values" | "temporal-leakage";

/** Every tunable threshold of the runtime rules, with the defaults of pitfalls.md. */
export interface RuntimeThresholds {
  /** non-representative-test: significance level before the Bonferroni correction. */
  alpha: number;
  /** non-representative-test: smallest KS statistic or Cramér's V that counts as a difference. */
  minEffectSize: number;
  /** non-representative-test: a test set with fewer rows measures nothing. */
  minTestRows: number;
  /** non-representative-test: fewer test rows of a class than this measure nothing about it. */
  minClassRows: number;
  /** duplicate-leakage: share of test rows copying a training row above which it is reported. */
  maxDuplicateShare: number;
  /** imbalanced-accuracy: rarest class / most common class below this is imbalanced. */
  imbalanceRatio: number;
}

export const DEFAULT_THRESHOLDS: RuntimeThresholds = {
  alpha: 0.01,
  minEffectSize: 0.2,
  minTestRows: 30,
  minClassRows: 5,
  maxDuplicateShare: 0.05,
  imbalanceRatio: 0.2,
};

/** What the kernel receives at start: thresholds and rules turned off. */
export interface RuntimeRuleSettings {
  enabled?: boolean;
  thresholds?: Partial<RuntimeThresholds>;
  /** Rule ids that are off. */
  off?: string[];
}

export function thresholdsOf(settings?: RuntimeRuleSettings): RuntimeThresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(settings?.thresholds ?? {})) {
    if (key in out && typeof value === "number" && Number.isFinite(value)) out[key as keyof RuntimeThresholds] = value;
  }
  return out;
}

export interface ThresholdDoc {
  /** Key in RuntimeThresholds and in the setting `aibook.runtimeRules.<key>`. */
  key: keyof RuntimeThresholds;
  description: string;
}

export interface RuntimeRuleMeta {
  id: RuntimeRuleId;
  severity: RuntimeSeverity;
  description: string;
  /** The thresholds this rule reads, documented next to it. */
  thresholds: ThresholdDoc[];
  /** Markdown: what it finds, its tests and thresholds, what to do instead. */
  docs: string;
}

/** One finding of a check, before it is anchored at a call in a cell. */
export interface CheckFinding {
  rule: RuntimeRuleId;
  severity: RuntimeSeverity;
  message: string;
}
