/**
 * Brute-force distances between every query row and every training row, for the neighbour
 * searches (KNeighborsClassifier above 15 columns, LocalOutlierFactor, DBSCAN) and silhouette.
 * A plain JavaScript double loop runs about 1.5 ns per element: 25,000 queries against 100,000
 * rows of 20 columns took 96 s where scikit-learn takes 9. Here the WebAssembly kernel computes
 * the squared distances of a block of queries to all training rows in one call, and the caller
 * scans the block in training-row order, as the loops it replaces did.
 */
import { withKernels } from "../wasm";

/** Bytes of distances per block: small enough to stay cheap, large enough for few calls. */
const BLOCK_BYTES = 32 * 1024 * 1024;
const MAX_BLOCK = 256;

/**
 * Calls `visit(first, count, d)` for consecutive blocks of queries, in order: `d` holds the squared
 * distances row-major as training rows × block (`d[i * count + j]` is training row i to query
 * `first + j`). `d` is valid only during the call. Sums run in pairs of SIMD lanes, so a distance
 * can differ from a left-to-right sum in the last bits (as scikit-learn's BLAS-based ones do).
 */
export function forEachDistanceBlock(
  train: ArrayLike<number>[],
  queries: ArrayLike<number>[],
  visit: (first: number, count: number, d: Float64Array) => void,
): void {
  const n = train.length;
  const m = queries.length;
  if (n === 0 || m === 0) return;
  const p = train[0].length;
  const block = Math.max(1, Math.min(m, MAX_BLOCK, Math.floor(BLOCK_BYTES / (8 * n))));
  const layout = { train: ["f64", n * p], queries: ["f64", block * p], out: ["f64", n * block] } as const;
  withKernels(layout, (kernels, a) => {
    for (let i = 0; i < n; i++) a.train.set(train[i], i * p);
    for (let first = 0; first < m; first += block) {
      const count = Math.min(block, m - first);
      for (let j = 0; j < count; j++) a.queries.set(queries[first + j], j * p);
      kernels.squaredDistances(a.at.train, n, p, a.at.queries, count, a.at.out);
      visit(first, count, count === block ? a.out : a.out.subarray(0, n * count));
    }
  });
}
