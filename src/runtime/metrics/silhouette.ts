/**
 * `silhouette`: mean silhouette coefficient of a clustering (scikit-learn's silhouette_score with
 * Euclidean distance): how much closer each row is to its own cluster than to the nearest other.
 */
import { AibookError } from "../core/errors";
import { toLabels, toMatrix } from "../core/data";
import { forEachDistanceBlock } from "../models/pairwise";
import { checkOptions } from "../options";

export function silhouette(X: unknown, labels: unknown, options?: Record<string, never>): number {
  checkOptions("silhouette", options, []);
  const { values } = toMatrix(X, { where: "silhouette (X)" });
  const l = toLabels(labels, "silhouette (labels)");
  if (values.length !== l.length) throw new AibookError(`silhouette: X has ${values.length} rows but labels has ${l.length}.`);
  const clusters = [...new Set(l)];
  const k = clusters.length;
  const n = values.length;
  if (k < 2 || k > n - 1) throw new AibookError(`silhouette: needs between 2 and ${n - 1} clusters; got ${k}.`);
  const cluster = l.map((v) => clusters.indexOf(v));
  const size = clusters.map((_, c) => cluster.filter((x) => x === c).length);
  let total = 0;
  // A block of rows at a time: the sums of their distances to the rows of each cluster.
  forEachDistanceBlock(values, values, (first, count, d) => {
    const sums = new Float64Array(k * count);
    for (let j = 0; j < n; j++) {
      const at = cluster[j] * count;
      for (let i = 0; i < count; i++) if (j !== first + i) sums[at + i] += Math.sqrt(d[j * count + i]);
    }
    for (let i = 0; i < count; i++) {
      const own = cluster[first + i];
      if (size[own] === 1) continue;
      const a = sums[own * count + i] / (size[own] - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own) b = Math.min(b, sums[c * count + i] / size[c]);
      // A row whose own and nearest clusters both sit at distance 0 (duplicated points) is 0/0: scikit-learn counts 0.
      if (b !== a) total += (b - a) / Math.max(a, b);
    }
  });
  return total / n;
}
