/**
 * The few descriptive statistics the views need (quantiles, histograms, sampling), written once
 * so that the profile, the charts and the text fallbacks agree on the same numbers. Quantiles use
 * linear interpolation and the standard deviation uses n - 1, as pandas' `describe()` does.
 */

export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (ddof = 1), null below two values. */
export function std(values: number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values)!;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/** Quantile q (0..1) of already sorted values, numpy's default "linear" method. */
export function quantileSorted(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function sortedNumbers(values: number[]): number[] {
  return Float64Array.from(values).sort() as unknown as number[];
}

/**
 * Equal-width bins between min and max, numpy's `histogram` rule: each bin is half-open except
 * the last, which includes the maximum. A constant column gets one bin of width 1 around it.
 */
export function histogram(values: number[], bins = 20, range?: [number, number]): { edges: number[]; counts: number[] } {
  if (values.length === 0) return { edges: [], counts: [] };
  let [lo, hi] = range ?? [Infinity, -Infinity];
  if (!range) {
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === hi) (lo -= 0.5), (hi += 0.5);
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (v < lo || v > hi) continue;
    const i = v === hi ? bins - 1 : Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[i]++;
  }
  return { edges, counts };
}

/** Bin count for n values: Sturges' rule, between 5 and 30, so small samples are not all gaps. */
export function binCount(n: number): number {
  return Math.max(5, Math.min(30, Math.ceil(Math.log2(Math.max(n, 1)) + 1)));
}

/** At most `limit` items evenly spread over the input (deterministic, keeps first and order). */
export function sample<T>(values: T[], limit: number): T[] {
  if (values.length <= limit) return values;
  const step = values.length / limit;
  return Array.from({ length: limit }, (_, i) => values[Math.floor(i * step)]);
}

/** Indices of `sample` for parallel arrays. */
export function sampleIndices(n: number, limit: number): number[] {
  return sample(Array.from({ length: n }, (_, i) => i), limit);
}
