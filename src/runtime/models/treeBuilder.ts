/**
 * The CART tree builder behind DecisionTree*, RandomForest* and GradientBoosting*. Features are
 * binned once per fit (exact when a column has at most 256 distinct values, quantile bins
 * otherwise); each node then costs one histogram pass per candidate feature, which is what makes
 * 100 trees on 100,000 rows affordable in JavaScript. Splits are chosen by gini or squared error
 * as in scikit-learn, thresholds are midpoints between the values on either side.
 */
import type { Random } from "../random";

export const MAX_BINS = 256;

export interface BinnedData {
  n: number;
  p: number;
  /** Column-major bin codes: codes[j][i] is the bin of row i in feature j. */
  codes: Uint8Array[];
  /** thresholds[j][b]: rows with bin <= b have x[j] <= thresholds[j][b]. */
  thresholds: Float64Array[];
  /** The raw values, column-major, for thresholds midway between the values a split separates. */
  columns: Float64Array[];
}

/** Bins every column once; the bins are reused by every tree of an ensemble. */
export function binFeatures(X: number[][]): BinnedData {
  const n = X.length;
  const p = X[0].length;
  const codes: Uint8Array[] = [];
  const thresholds: Float64Array[] = [];
  const columns: Float64Array[] = [];
  const column = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) column[i] = X[i][j];
    const sorted = Float64Array.from(column).sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    let cuts: number[];
    columns.push(Float64Array.from(column));
    if (distinct.length <= MAX_BINS) {
      cuts = [];
      for (let b = 0; b + 1 < distinct.length; b++) {
        let mid = distinct[b] / 2 + distinct[b + 1] / 2;
        if (mid === distinct[b + 1]) mid = distinct[b];
        cuts.push(mid);
      }
    } else {
      const set = new Set<number>();
      for (let b = 1; b < MAX_BINS; b++) {
        const v = sorted[Math.floor((b * n) / MAX_BINS)];
        // Cut midway between v and the next larger value so that v falls left.
        const upper = nextLarger(sorted, v);
        if (upper !== undefined) set.add(v / 2 + upper / 2 === upper ? v : v / 2 + upper / 2);
      }
      cuts = [...set].sort((a, b) => a - b);
    }
    const t = Float64Array.from(cuts);
    const c = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = column[i];
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= t[mid]) hi = mid;
        else lo = mid + 1;
      }
      c[i] = lo;
    }
    codes.push(c);
    thresholds.push(t);
  }
  return { n, p, codes, thresholds, columns };
}

function nextLarger(sorted: Float64Array, v: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : undefined;
}

/** A fitted tree in flat arrays (JSON-friendly). Leaves have feature -1. */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Per node: class fractions (classification) or the mean (regression), nOutputs values each. */
  value: number[][];
  /** Rows (with bootstrap repeats) that reached each node. */
  samples: number[];
}

export type TreeOptions = {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** How many features to try at each split. */
  maxFeatures: number;
  random: Random;
}

export type TreeTarget = { kind: "classification"; codes: Int32Array; nClasses: number } | { kind: "regression"; values: Float64Array };

export interface BuiltTree {
  tree: Tree;
  /** Leaf node id of each entry of the `rows` given to buildTree. */
  leafOfRow: Int32Array;
  /** Weighted impurity decrease per feature (unnormalised). */
  importance: Float64Array;
}

/** Grows one tree on `rows` (indices into the binned data, repeats allowed for bootstrap). */
export function buildTree(data: BinnedData, target: TreeTarget, rows: Int32Array, options: TreeOptions): BuiltTree {
  const { p, codes } = data;
  const classification = target.kind === "classification";
  const K = classification ? target.nClasses : 1;
  const cls = classification ? target.codes : new Int32Array(0);
  const yv = classification ? new Float64Array(0) : target.values;
  const idx = Int32Array.from(rows);
  const position = new Int32Array(idx.length);
  for (let i = 0; i < position.length; i++) position[i] = i;
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [], samples: [] };
  const leafOfPosition = new Int32Array(idx.length);
  const importance = new Float64Array(p);
  const histCount = new Float64Array(MAX_BINS * K);
  const histSum = new Float64Array(MAX_BINS);
  const binCount = new Float64Array(MAX_BINS);
  const featureOrder = Array.from({ length: p }, (_, j) => j);
  const totals = new Float64Array(K);
  const leftTotals = new Float64Array(K);
  const best: Best = { proxy: -Infinity, feature: -1, bin: -1 };

  type Pending = { node: number; start: number; end: number; depth: number };
  const stack: Pending[] = [];
  const newNode = (start: number, end: number): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.samples.push(end - start);
    if (classification) {
      const v: number[] = new Array(K).fill(0);
      for (let i = start; i < end; i++) v[cls[idx[i]]]++;
      const n = end - start;
      for (let k = 0; k < K; k++) v[k] /= n;
      tree.value.push(v);
    } else {
      let s = 0;
      for (let i = start; i < end; i++) s += yv[idx[i]];
      tree.value.push([s / (end - start)]);
    }
    return id;
  };
  stack.push({ node: newNode(0, idx.length), start: 0, end: idx.length, depth: 0 });

  while (stack.length) {
    const { node, start, end, depth } = stack.pop()!;
    const count = end - start;
    const markLeaf = () => {
      for (let i = start; i < end; i++) leafOfPosition[i] = node;
    };
    const value = tree.value[node];
    const pure = classification ? value.some((v) => v === 1) : isConstant(yv, idx, start, end);
    if (depth >= options.maxDepth || count < options.minSamplesSplit || count < 2 * options.minSamplesLeaf || pure) {
      markLeaf();
      continue;
    }
    // Parent statistics and its proxy (sum of squares / n): gains are compared on this scale.
    let parentProxy: number;
    let total = 0;
    if (classification) {
      totals.fill(0);
      for (let i = start; i < end; i++) totals[cls[idx[i]]]++;
      parentProxy = 0;
      for (let k = 0; k < K; k++) parentProxy += totals[k] * totals[k];
      parentProxy /= count;
    } else {
      for (let i = start; i < end; i++) total += yv[idx[i]];
      parentProxy = (total * total) / count;
    }
    best.proxy = -Infinity;
    best.feature = -1;
    best.bin = -1;
    // Features drawn at random without replacement, stopping after maxFeatures that vary in this
    // node (as scikit-learn's splitter).
    let tried = 0;
    for (let fi = 0; fi < p && tried < options.maxFeatures; fi++) {
      const pick = fi + options.random.int(p - fi);
      const j = featureOrder[pick];
      featureOrder[pick] = featureOrder[fi];
      featureOrder[fi] = j;
      const varies = classification
        ? scanClassification(codes[j], j, idx, start, end, cls, K, histCount, binCount, totals, leftTotals, options.minSamplesLeaf, best)
        : scanRegression(codes[j], j, idx, start, end, yv, histSum, binCount, total, options.minSamplesLeaf, best);
      if (varies) tried++;
    }
    const { proxy: bestProxy, feature: bestFeature, bin: bestBin } = best;
    if (bestFeature < 0 || !(bestProxy > parentProxy + 1e-12 * Math.abs(parentProxy))) {
      markLeaf();
      continue;
    }
    // Partition rows: bin <= bestBin to the left; note the values either side of the cut.
    const code = codes[bestFeature];
    const raw = data.columns[bestFeature];
    let maxLeft = -Infinity;
    let minRight = Infinity;
    let i = start;
    let k = end - 1;
    while (i <= k) {
      const v = raw[idx[i]];
      if (code[idx[i]] <= bestBin) {
        if (v > maxLeft) maxLeft = v;
        i++;
      } else {
        if (v < minRight) minRight = v;
        const t = idx[i];
        idx[i] = idx[k];
        idx[k] = t;
        const tp = position[i];
        position[i] = position[k];
        position[k] = tp;
        k--;
      }
    }
    importance[bestFeature] += bestProxy - parentProxy;
    tree.feature[node] = bestFeature;
    // Like scikit-learn, cut midway between the values on either side present in this node.
    const mid = maxLeft / 2 + minRight / 2;
    tree.threshold[node] = mid === minRight ? maxLeft : mid;
    const left = newNode(start, i);
    const right = newNode(i, end);
    tree.left[node] = left;
    tree.right[node] = right;
    stack.push({ node: right, start: i, end, depth: depth + 1 });
    stack.push({ node: left, start, end: i, depth: depth + 1 });
  }
  // leafOfPosition is indexed by the partitioned order; map back to the caller's row order.
  const leafOfRow = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) leafOfRow[position[i]] = leafOfPosition[i];
  return { tree, leafOfRow, importance };
}

interface Best {
  proxy: number;
  feature: number;
  bin: number;
}

/** Gini scan of one feature in one node; false when the feature is constant there. */
function scanClassification(
  code: Uint8Array,
  j: number,
  idx: Int32Array,
  start: number,
  end: number,
  cls: Int32Array,
  K: number,
  histCount: Float64Array,
  binCount: Float64Array,
  totals: Float64Array,
  leftTotals: Float64Array,
  minLeaf: number,
  best: Best,
): boolean {
  let lo = MAX_BINS;
  let hi = -1;
  for (let i = start; i < end; i++) {
    const r = idx[i];
    const c = code[r];
    histCount[c * K + cls[r]]++;
    binCount[c]++;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  if (lo < hi) {
    const count = end - start;
    let nLeft = 0;
    leftTotals.fill(0);
    for (let bin = lo; bin < hi; bin++) {
      const nb = binCount[bin];
      if (nb === 0) continue;
      nLeft += nb;
      for (let k = 0; k < K; k++) leftTotals[k] += histCount[bin * K + k];
      const nRight = count - nLeft;
      if (nLeft < minLeaf || nRight < minLeaf) continue;
      let sl = 0;
      let sr = 0;
      for (let k = 0; k < K; k++) {
        const l = leftTotals[k];
        const r = totals[k] - l;
        sl += l * l;
        sr += r * r;
      }
      const proxy = sl / nLeft + sr / nRight;
      if (best.feature < 0 || proxy > best.proxy + 1e-12 * Math.abs(best.proxy)) {
        best.proxy = proxy;
        best.feature = j;
        best.bin = bin;
      }
    }
  }
  for (let bin = lo; bin <= hi; bin++) {
    binCount[bin] = 0;
    for (let k = 0; k < K; k++) histCount[bin * K + k] = 0;
  }
  return lo < hi;
}

/** Squared-error scan of one feature in one node; false when the feature is constant there. */
function scanRegression(
  code: Uint8Array,
  j: number,
  idx: Int32Array,
  start: number,
  end: number,
  yv: Float64Array,
  histSum: Float64Array,
  binCount: Float64Array,
  total: number,
  minLeaf: number,
  best: Best,
): boolean {
  let lo = MAX_BINS;
  let hi = -1;
  for (let i = start; i < end; i++) {
    const r = idx[i];
    const c = code[r];
    histSum[c] += yv[r];
    binCount[c]++;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  if (lo < hi) {
    const count = end - start;
    let nLeft = 0;
    let sumLeft = 0;
    for (let bin = lo; bin < hi; bin++) {
      const nb = binCount[bin];
      if (nb === 0) continue;
      nLeft += nb;
      sumLeft += histSum[bin];
      const nRight = count - nLeft;
      if (nLeft < minLeaf || nRight < minLeaf) continue;
      const sumRight = total - sumLeft;
      const proxy = (sumLeft * sumLeft) / nLeft + (sumRight * sumRight) / nRight;
      if (best.feature < 0 || proxy > best.proxy + 1e-12 * Math.abs(best.proxy)) {
        best.proxy = proxy;
        best.feature = j;
        best.bin = bin;
      }
    }
  }
  for (let bin = lo; bin <= hi; bin++) {
    binCount[bin] = 0;
    histSum[bin] = 0;
  }
  return lo < hi;
}

function isConstant(y: Float64Array, idx: Int32Array, start: number, end: number): boolean {
  const first = y[idx[start]];
  for (let i = start + 1; i < end; i++) if (y[idx[i]] !== first) return false;
  return true;
}

/** The leaf a row falls into. */
export function leafOf(tree: Tree, x: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = x[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return node;
}

/** How many features to try per split, from scikit-learn's max_features forms. */
export function resolveMaxFeatures(option: number | "sqrt" | "log2" | undefined, p: number): number {
  if (option === undefined) return p;
  if (option === "sqrt") return Math.max(1, Math.floor(Math.sqrt(p)));
  if (option === "log2") return Math.max(1, Math.floor(Math.log2(p)));
  if (option > 0 && option <= 1 && !Number.isInteger(option)) return Math.max(1, Math.floor(option * p));
  return Math.min(p, Math.max(1, Math.floor(option)));
}
