/**
 * How simple a model is, to order a leaderboard simplest first and to break ties in its favour:
 * start with the simplest model that does the job, and pay for complexity only when it buys a
 * better score. A pipeline counts as its final model.
 */
const RANKS: [RegExp, number][] = [
  [/^Dummy/, 0],
  [/^(LinearRegression|LogisticRegression|GLM|GaussianNB|Ridge|Lasso)/, 1],
  [/^(KNeighbors|DecisionTree)/, 2],
  [/^SVC|^SVR/, 3],
  [/^(RandomForest|GradientBoosting|ExtraTrees)/, 4],
  [/^MLP/, 5],
];

export function finalEstimatorName(model: unknown): string {
  const m = model as { steps?: unknown[]; estimatorName?: string; constructor?: { name?: string } };
  if (Array.isArray(m?.steps) && m.steps.length) {
    const last = m.steps[m.steps.length - 1] as unknown;
    return finalEstimatorName(Array.isArray(last) ? last[last.length - 1] : last);
  }
  return m?.estimatorName ?? m?.constructor?.name ?? "model";
}

/** 0 for baselines, growing with capacity; unknown models sit in the middle (3). */
export function complexityRank(model: unknown): number {
  const name = finalEstimatorName(model);
  return RANKS.find(([re]) => re.test(name))?.[1] ?? 3;
}
