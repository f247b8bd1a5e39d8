/**
 * scikit-learn's `_approximate_mode`: split `draws` among classes in proportion to their counts,
 * flooring, then giving the leftovers to the classes with the largest remainders (ties broken at
 * random). StratifiedShuffleSplit uses it, so the per-class test counts equal scikit-learn's.
 */
import type { Random } from "../random";

export function approximateMode(counts: number[], draws: number, random: Random): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (c / total) * draws);
  const floored = continuous.map(Math.floor);
  let need = draws - floored.reduce((a, b) => a + b, 0);
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const tied = remainder.map((r, i) => (r === value ? i : -1)).filter((i) => i >= 0);
      const addNow = Math.min(tied.length, need);
      for (const k of random.sample(tied.length, addNow)) floored[tied[k]]++;
      need -= addNow;
      if (need === 0) break;
    }
  }
  return floored;
}
