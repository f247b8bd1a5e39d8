/**
 * scikit-learn's KDTree (sklearn/neighbors/_binary_tree.pxi, Euclidean metric), which
 * KNeighborsClassifier uses by default (algorithm "auto") on up to 15 columns. The neighbours it
 * returns are the nearest ones, as a brute-force search's; what the port reproduces is WHICH of
 * several rows at the same distance make the k: on integer-coded columns (survey answers, counts)
 * ties at the k-th distance are common, and scikit-learn settles them by its tree layout, its
 * depth-first visiting order and its max-heap, not by row order. So the same layout: nodes split
 * at the median (std::nth_element as libstdc++ runs it, comparing value then row index) along
 * the column of largest spread, leaves of leaf_size to 2·leaf_size rows, the nearer child first,
 * and sklearn/utils/_heap.pyx's heap_push. Below, argKmin: the same for its brute-force search.
 */

import { availableParallelism, cpus } from "node:os";
import { forEachDistanceBlock } from "./pairwise";

export interface KdTree {
  data: ArrayLike<number>[];
  p: number;
  idx: Int32Array;
  nNodes: number;
  start: Int32Array;
  end: Int32Array;
  leaf: Uint8Array;
  /** Per node: p lower bounds then p upper bounds. */
  bounds: Float64Array;
  /** The rows in tree order (row idx[i] at i·p), so a leaf's rows are read from one block. */
  sorted: Float64Array;
}

export function buildKdTree(data: ArrayLike<number>[], leafSize = 30): KdTree {
  const n = data.length;
  const p = data[0].length;
  // np.log2(fmax(1, (n - 1) / leaf_size)) + 1, truncated to an integer.
  const nLevels = Math.trunc(Math.log2(Math.max(1, (n - 1) / leafSize)) + 1);
  const nNodes = 2 ** nLevels - 1;
  const tree: KdTree = {
    data,
    p,
    idx: Int32Array.from({ length: n }, (_, i) => i),
    nNodes,
    start: new Int32Array(nNodes),
    end: new Int32Array(nNodes),
    leaf: new Uint8Array(nNodes),
    bounds: new Float64Array(nNodes * 2 * p),
    sorted: new Float64Array(n * p),
  };
  build(tree, 0, 0, n);
  for (let i = 0; i < n; i++) tree.sorted.set(data[tree.idx[i]], i * p);
  return tree;
}

function build(t: KdTree, node: number, start: number, end: number): void {
  const { data, p, idx, bounds } = t;
  t.start[node] = start;
  t.end[node] = end;
  const lo = node * 2 * p;
  for (let j = 0; j < p; j++) {
    bounds[lo + j] = Infinity;
    bounds[lo + p + j] = -Infinity;
  }
  for (let i = start; i < end; i++) {
    const row = data[idx[i]];
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (v < bounds[lo + j]) bounds[lo + j] = v;
      if (v > bounds[lo + p + j]) bounds[lo + p + j] = v;
    }
  }
  if (2 * node + 1 >= t.nNodes || end - start < 2) {
    t.leaf[node] = 1;
    return;
  }
  // The column of largest spread (the first of equal spreads).
  let dim = 0;
  let maxSpread = 0;
  for (let j = 0; j < p; j++) {
    let mx = data[idx[start]][j];
    let mn = mx;
    for (let i = start + 1; i < end; i++) {
      const v = data[idx[i]][j];
      if (v > mx) mx = v;
      if (v < mn) mn = v;
    }
    if (mx - mn > maxSpread) {
      maxSpread = mx - mn;
      dim = j;
    }
  }
  const mid = start + Math.trunc((end - start) / 2);
  const less = (a: number, b: number) => {
    const va = data[a][dim];
    const vb = data[b][dim];
    return va === vb ? a < b : va < vb;
  };
  nthElement(idx, start, mid, end, less);
  build(t, 2 * node + 1, start, mid);
  build(t, 2 * node + 2, mid, end);
}

/**
 * libstdc++'s std::nth_element (introselect: median-of-three pivots, then insertion sort on
 * ranges of three or fewer). The rows that end in each half follow from the comparator alone;
 * their order inside a leaf, which decides ties in the query, follows from these exact steps.
 */
export function nthElement(a: Int32Array, first: number, nth: number, last: number, less: (x: number, y: number) => boolean): void {
  if (first === last || nth === last) return;
  const swap = (i: number, j: number) => {
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  };
  let depth = 2 * Math.floor(Math.log2(last - first));
  while (last - first > 3) {
    if (depth === 0) {
      // libstdc++ falls back to a heap select here (a degenerate pivot sequence); a sort gives
      // the same halves, possibly in another order.
      const sorted = Array.from(a.subarray(first, last)).sort((x, y) => (less(x, y) ? -1 : less(y, x) ? 1 : 0));
      a.set(sorted, first);
      return;
    }
    depth--;
    // __unguarded_partition_pivot
    const mid = first + Math.trunc((last - first) / 2);
    const x = first + 1;
    const z = last - 1;
    if (less(a[x], a[mid])) {
      if (less(a[mid], a[z])) swap(first, mid);
      else if (less(a[x], a[z])) swap(first, z);
      else swap(first, x);
    } else if (less(a[x], a[z])) swap(first, x);
    else if (less(a[mid], a[z])) swap(first, z);
    else swap(first, mid);
    let lo = first + 1;
    let hi = last;
    const pivot = a[first];
    for (;;) {
      while (less(a[lo], pivot)) lo++;
      hi--;
      while (less(pivot, a[hi])) hi--;
      if (!(lo < hi)) break;
      swap(lo, hi);
      lo++;
    }
    if (lo <= nth) first = lo;
    else last = lo;
  }
  // __insertion_sort
  for (let i = first + 1; i < last; i++) {
    const val = a[i];
    if (less(val, a[first])) {
      for (let j = i; j > first; j--) a[j] = a[j - 1];
      a[first] = val;
    } else {
      let j = i;
      while (less(val, a[j - 1])) {
        a[j] = a[j - 1];
        j--;
      }
      a[j] = val;
    }
  }
}

/** Squared distance from x to the box of a node: 0 inside it (scikit-learn's min_rdist). */
function kdMinRdist(t: KdTree, node: number, x: ArrayLike<number>): number {
  const { p, bounds } = t;
  const lo = node * 2 * p;
  let r = 0;
  for (let j = 0; j < p; j++) {
    const dLo = bounds[lo + j] - x[j];
    const dHi = x[j] - bounds[lo + p + j];
    const d = 0.5 * (dLo + Math.abs(dLo) + (dHi + Math.abs(dHi)));
    r += d * d;
  }
  return r;
}

/** The k nearest rows to x: indices and squared distances, nearest first (scikit-learn's query). */
export function kdQuery(t: KdTree, x: ArrayLike<number>, k: number): { index: number[]; rdist: number[] } {
  const values = new Float64Array(k).fill(Infinity);
  const indices = new Int32Array(k);
  visitNearest(t, x, 0, kdMinRdist(t, 0, x), values, indices);
  const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => values[i] - values[j] || indices[i] - indices[j]);
  return { index: order.map((i) => indices[i]), rdist: order.map((i) => values[i]) };
}

/** Squared distance from x to the row at tree position i (row idx[i]), read from `sorted`. */
function rdistAt(t: KdTree, i: number, x: ArrayLike<number>): number {
  const { sorted, p } = t;
  let d = 0;
  for (let j = 0, at = i * p; j < p; j++) {
    const diff = x[j] - sorted[at + j];
    d += diff * diff;
  }
  return d;
}

/** Depth first, the nearer child first, skipping boxes beyond the heap's largest distance. */
function visitNearest(t: KdTree, x: ArrayLike<number>, node: number, lowerBound: number, values: Float64Array, indices: Int32Array): void {
  if (lowerBound > values[0]) return;
  if (t.leaf[node]) {
    for (let i = t.start[node], end = t.end[node]; i < end; i++) {
      const d = rdistAt(t, i, x);
      if (d < values[0]) heapPush(values, indices, d, t.idx[i]);
    }
    return;
  }
  const a = 2 * node + 1;
  const b = a + 1;
  const la = kdMinRdist(t, a, x);
  const lb = kdMinRdist(t, b, x);
  if (la <= lb) {
    visitNearest(t, x, a, la, values, indices);
    visitNearest(t, x, b, lb, values, indices);
  } else {
    visitNearest(t, x, b, lb, values, indices);
    visitNearest(t, x, a, la, values, indices);
  }
}

/**
 * The rows within squared distance `r2` of x (at `r2` included), in tree order (scikit-learn's
 * query_radius, which DBSCAN runs on up to 15 columns): boxes farther than the radius are skipped.
 */
export function kdRadius(t: KdTree, x: ArrayLike<number>, r2: number): number[] {
  const found: number[] = [];
  const visit = (node: number): void => {
    if (kdMinRdist(t, node, x) > r2) return;
    if (t.leaf[node]) {
      for (let i = t.start[node]; i < t.end[node]; i++) if (rdistAt(t, i, x) <= r2) found.push(t.idx[i]);
      return;
    }
    visit(2 * node + 1);
    visit(2 * node + 2);
  };
  visit(0);
  return found;
}

/** sklearn/utils/_heap.pyx heap_push: a fixed-size max-heap; an equal value does not enter. */
export function heapPush(values: Float64Array, indices: Int32Array, val: number, valIdx: number): void {
  heapPushAt(values, indices, 0, values.length, val, valIdx);
}

/** heapPush on the heap of `size` entries that starts at `offset` (many heaps in one array). */
function heapPushAt(values: Float64Array, indices: Int32Array, offset: number, size: number, val: number, valIdx: number): void {
  if (val >= values[offset]) return;
  let current = 0;
  for (;;) {
    const left = 2 * current + 1;
    const right = left + 1;
    let swap: number;
    if (left >= size) break;
    else if (right >= size) {
      if (values[offset + left] > val) swap = left;
      else break;
    } else if (values[offset + left] >= values[offset + right]) {
      if (val < values[offset + left]) swap = left;
      else break;
    } else if (val < values[offset + right]) swap = right;
    else break;
    values[offset + current] = values[offset + swap];
    indices[offset + current] = indices[offset + swap];
    current = swap;
  }
  values[offset + current] = val;
  indices[offset + current] = valIdx;
}

/**
 * scikit-learn's brute-force k-nearest search (ArgKmin, sklearn/metrics/_pairwise_distances_reduction),
 * used above 15 columns. Each thread keeps a max-heap per query over its share of 256-row chunks
 * of the training rows, and the threads' heaps are merged in thread order. With many queries
 * (more than 4 · 256 · threads) the queries are shared out instead and each heap sees the
 * training rows in order. Which of several rows tied at the k-th distance end in the k (common
 * on one-hot or integer-coded columns) depends on this, and so on the number of OpenMP threads:
 * OMP_NUM_THREADS when set, else the processors Node may use, as libgomp counts them.
 */
export function argKmin(
  train: ArrayLike<number>[],
  queries: ArrayLike<number>[],
  k: number,
  threads = openMpThreads(),
  onBlock?: (done: number) => void,
): { index: number[]; rdist: number[] }[] {
  const chunk = 256;
  const n = train.length;
  const nChunks = Math.ceil(n / chunk);
  // parallel_on_X: one thread walks all training rows for a query; parallel_on_Y: chunks split.
  const onX = 4 * chunk * threads < queries.length;
  const used = onX ? 1 : Math.min(nChunks, threads);
  const q = Math.floor(nChunks / used);
  const extra = nChunks % used;
  // OpenMP's static schedule: contiguous blocks of chunks, the first `extra` threads one more.
  const ranges: [number, number][] = [];
  for (let thread = 0, first = 0; thread < used; thread++) {
    const count = q + (thread < extra ? 1 : 0);
    ranges.push([first * chunk, Math.min(n, (first + count) * chunk)]);
    first += count;
  }
  const found: { index: number[]; rdist: number[] }[] = new Array(queries.length);
  forEachDistanceBlock(train, queries, (firstQuery, count, d) => {
    // One heap of k per query of the block for the merged result, one per query for a thread.
    const values = new Float64Array(count * k).fill(Infinity);
    const indices = new Int32Array(count * k);
    const own = new Float64Array(count * k);
    const ownIdx = new Int32Array(count * k);
    for (const [start, end] of ranges) {
      own.fill(Infinity);
      for (let i = start; i < end; i++) {
        const row = i * count;
        for (let j = 0; j < count; j++) {
          const dist = d[row + j];
          if (dist < own[j * k]) heapPushAt(own, ownIdx, j * k, k, dist, i);
        }
      }
      for (let j = 0; j < count * k; j++) heapPushAt(values, indices, j - (j % k), k, own[j], ownIdx[j]);
    }
    for (let j = 0; j < count; j++) {
      const at = j * k;
      const order = Array.from({ length: k }, (_, i) => at + i).sort((a, b) => values[a] - values[b] || indices[a] - indices[b]);
      found[firstQuery + j] = { index: order.map((i) => indices[i]), rdist: order.map((i) => values[i]) };
    }
    onBlock?.(firstQuery + count);
  });
  return found;
}

/** omp_get_max_threads(): OMP_NUM_THREADS, else the processors available to this process. */
export function openMpThreads(): number {
  const set = Number.parseInt(process.env.OMP_NUM_THREADS ?? "", 10);
  if (set > 0) return set;
  return typeof availableParallelism === "function" ? availableParallelism() : Math.max(1, cpus().length);
}
