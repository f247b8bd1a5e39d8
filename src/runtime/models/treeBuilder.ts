/**
 * The CART tree builder behind DecisionTree*, RandomForest* and GradientBoosting*. Every column is
 * ranked once per fit (code = rank of the value among the column's distinct values), so splits are
 * exact as scikit-learn's: any cut between two distinct values can be chosen, and thresholds are
 * midpoints between the values on either side present in the node. Per node and feature the scan
 * takes the cheaper of two exact ways: a histogram over the node's code range (large nodes, few
 * distinct values: one pass, which makes 100 trees on 100,000 rows affordable in JavaScript) or a
 * sort of the node's codes (small nodes of continuous columns, as scikit-learn's splitter).
 * Splits are chosen by gini or squared error as in scikit-learn.
 */
import type { Random } from "../random";
import { AibookError } from "../core/errors";

/** Histogram arrays hold at most this many entries (code range x classes); wider ranges sort. */
const HISTOGRAM_ENTRIES = 1 << 22;
/** scikit-learn's splitter treats values closer than this as equal (FEATURE_THRESHOLD in _splitter.pyx). */
const FEATURE_THRESHOLD = 1e-7;
const RADIX_BITS = 11;
const RADIX_MASK = (1 << RADIX_BITS) - 1;

export interface BinnedData {
  n: number;
  p: number;
  /** Column-major rank codes: codes[j][i] is the rank of row i's value among column j's distinct values. */
  codes: Uint32Array[];
  /** How many distinct values each column has. */
  distinct: number[];
  /** The raw values, column-major, for thresholds midway between the values a split separates. */
  columns: Float64Array[];
}

/** Ranks every column once; the ranks are reused by every tree of an ensemble. */
export function binFeatures(X: number[][]): BinnedData {
  const n = X.length;
  const p = X[0].length;
  const codes: Uint32Array[] = [];
  const columns: Float64Array[] = [];
  const distinct: number[] = [];
  for (let j = 0; j < p; j++) {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = X[i][j];
    const sorted = Float64Array.from(column).sort();
    // Values within FEATURE_THRESHOLD of the previous one share its code: scikit-learn never cuts
    // between such neighbours either.
    let m = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] > sorted[i - 1] + FEATURE_THRESHOLD) sorted[m++] = sorted[i];
    const c = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = column[i];
      // The last code whose first value is <= v.
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (sorted[mid] <= v) lo = mid;
        else hi = mid - 1;
      }
      c[i] = lo;
    }
    codes.push(c);
    columns.push(column);
    distinct.push(m);
  }
  return { n, p, codes, distinct, columns };
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
  /** Told how many rows sit in finished leaves, as they settle (a single tree's progress). */
  onLeaf?: (rowsInLeaves: number) => void;
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
  const scratch = newScratch(data, classification ? K : 0, idx.length);
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
  let rowsInLeaves = 0;

  while (stack.length) {
    const { node, start, end, depth } = stack.pop()!;
    const count = end - start;
    const markLeaf = () => {
      for (let i = start; i < end; i++) leafOfPosition[i] = node;
      rowsInLeaves += count;
      options.onLeaf?.(rowsInLeaves);
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
        ? scanClassification(codes[j], data.distinct[j], j, idx, start, end, cls, K, scratch, totals, leftTotals, options.minSamplesLeaf, best)
        : scanRegression(codes[j], data.distinct[j], j, idx, start, end, yv, scratch, total, options.minSamplesLeaf, best);
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
  /** Rows whose code is at most this go left. */
  bin: number;
}

/** Buffers reused by every node of a tree. */
interface Scratch {
  /** The node's codes, gathered once per feature (sequential reads for the passes that follow). */
  nodeCodes: Uint32Array;
  /** Packed (code, row) keys for the sort path of small nodes. */
  keys: Float64Array;
  /** The node's codes and rows in code order (sort path) and the radix sort's buffers. */
  sortedCodes: Uint32Array;
  sortedRows: Uint32Array;
  radixCodes: Uint32Array;
  radixRows: Uint32Array;
  radixCodes2: Uint32Array;
  radixRows2: Uint32Array;
  radixCount: Uint32Array;
  /** Row count per code and class counts (classification) or target sums (regression) per code. */
  binCount: Float64Array;
  histCount: Float64Array;
  histSum: Float64Array;
  /** Widest code range the histograms can hold. */
  histRange: number;
  /** Codes are packed with rows as code * rowBase + row. */
  rowBase: number;
}

/** K: the number of classes, 0 for regression. */
function newScratch(data: BinnedData, K: number, rows: number): Scratch {
  const widest = Math.max(1, ...data.distinct);
  const histRange = Math.max(2, Math.min(widest, Math.floor(HISTOGRAM_ENTRIES / Math.max(1, K))));
  return {
    nodeCodes: new Uint32Array(rows),
    keys: new Float64Array(rows),
    sortedCodes: new Uint32Array(rows),
    sortedRows: new Uint32Array(rows),
    radixCodes: new Uint32Array(rows),
    radixRows: new Uint32Array(rows),
    radixCodes2: new Uint32Array(rows),
    radixRows2: new Uint32Array(rows),
    radixCount: new Uint32Array(RADIX_MASK + 1),
    binCount: new Float64Array(histRange),
    histCount: new Float64Array(histRange * K),
    histSum: new Float64Array(K > 0 ? 0 : histRange),
    histRange,
    rowBase: data.n,
  };
}

/**
 * Gathers the node's codes; returns [lo, hi] and whether the histogram path is the cheaper one
 * (a code range not much wider than the node, which holds for every node of a column with few
 * distinct values and for the large nodes of continuous columns).
 */
function gather(code: Uint32Array, idx: Int32Array, start: number, end: number, s: Scratch): { lo: number; hi: number; histogram: boolean } {
  const out = s.nodeCodes;
  let lo = 0xffffffff;
  let hi = 0;
  for (let i = start; i < end; i++) {
    const c = code[idx[i]];
    out[i - start] = c;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  const range = hi - lo + 1;
  return { lo, hi, histogram: range <= s.histRange && range <= 4 * (end - start) + 64 };
}

/** A column with few distinct values for this node's size: one histogram pass straight from the codes. */
function fewValues(distinct: number, count: number, s: Scratch): boolean {
  return distinct <= s.histRange && distinct <= 4 * count + 64;
}

/**
 * Sorts the node's rows by code into s.sortedCodes / s.sortedRows: packed (code, row) keys and
 * the built-in numeric sort for small nodes, an LSD radix sort on (code - lo) for larger ones
 * (two or three passes of 11 bits instead of n log n comparisons).
 */
function sortByCode(idx: Int32Array, start: number, end: number, lo: number, hi: number, s: Scratch): void {
  const count = end - start;
  const { nodeCodes, sortedCodes, sortedRows } = s;
  if (count < 256) {
    const keys = s.keys.subarray(0, count);
    const base = s.rowBase;
    for (let i = 0; i < count; i++) keys[i] = nodeCodes[i] * base + idx[start + i];
    keys.sort();
    for (let i = 0; i < count; i++) {
      const c = Math.floor(keys[i] / base);
      sortedCodes[i] = c;
      sortedRows[i] = keys[i] - c * base;
    }
    return;
  }
  let codesIn = s.radixCodes;
  let rowsIn = s.radixRows;
  for (let i = 0; i < count; i++) {
    codesIn[i] = nodeCodes[i] - lo;
    rowsIn[i] = idx[start + i];
  }
  let codesOut = s.radixCodes2;
  let rowsOut = s.radixRows2;
  const bucket = s.radixCount;
  const passes = Math.ceil((32 - Math.clz32(hi - lo)) / RADIX_BITS);
  for (let pass = 0, shift = 0; pass < passes; pass++, shift += RADIX_BITS) {
    bucket.fill(0);
    for (let i = 0; i < count; i++) bucket[(codesIn[i] >>> shift) & RADIX_MASK]++;
    let sum = 0;
    for (let d = 0; d <= RADIX_MASK; d++) {
      const c = bucket[d];
      bucket[d] = sum;
      sum += c;
    }
    for (let i = 0; i < count; i++) {
      const at = bucket[(codesIn[i] >>> shift) & RADIX_MASK]++;
      codesOut[at] = codesIn[i];
      rowsOut[at] = rowsIn[i];
    }
    const codesDone = codesOut;
    codesOut = codesIn;
    codesIn = codesDone;
    const rowsDone = rowsOut;
    rowsOut = rowsIn;
    rowsIn = rowsDone;
  }
  sortedCodes.set(codesIn.subarray(0, count));
  sortedRows.set(rowsIn.subarray(0, count));
  for (let i = 0; i < count; i++) sortedCodes[i] += lo;
}

/** Keeps the split if it beats the best so far (the first of equal splits wins, as scikit-learn). */
function offer(best: Best, proxy: number, feature: number, bin: number): void {
  if (best.feature < 0 || proxy > best.proxy + 1e-12 * Math.abs(best.proxy)) {
    best.proxy = proxy;
    best.feature = feature;
    best.bin = bin;
  }
}

/** Gini proxy: sum of squared class counts over n, each side (larger is purer). */
function giniProxy(leftTotals: Float64Array, totals: Float64Array, K: number, nLeft: number, nRight: number): number {
  let sl = 0;
  let sr = 0;
  for (let k = 0; k < K; k++) {
    const l = leftTotals[k];
    const r = totals[k] - l;
    sl += l * l;
    sr += r * r;
  }
  return sl / nLeft + sr / nRight;
}

/** Squared-error proxy: sum^2 / n, each side. */
function squaresProxy(sumLeft: number, sumRight: number, nLeft: number, nRight: number): number {
  return (sumLeft * sumLeft) / nLeft + (sumRight * sumRight) / nRight;
}

/** Gini scan of one feature in one node; false when the feature is constant there. */
function scanClassification(
  code: Uint32Array,
  distinct: number,
  j: number,
  idx: Int32Array,
  start: number,
  end: number,
  cls: Int32Array,
  K: number,
  s: Scratch,
  totals: Float64Array,
  leftTotals: Float64Array,
  minLeaf: number,
  best: Best,
): boolean {
  const count = end - start;
  const direct = fewValues(distinct, count, s);
  let lo = 0;
  let hi = distinct - 1;
  let histogram = true;
  if (!direct) {
    ({ lo, hi, histogram } = gather(code, idx, start, end, s));
    if (lo >= hi) return false;
  }
  leftTotals.fill(0);
  let nLeft = 0;
  if (histogram) {
    const { histCount, binCount, nodeCodes } = s;
    let first = 0;
    let last = hi - lo;
    if (direct) {
      first = 0xffffffff;
      last = 0;
      for (let i = start; i < end; i++) {
        const r = idx[i];
        const b = code[r];
        histCount[b * K + cls[r]]++;
        binCount[b]++;
        if (b < first) first = b;
        if (b > last) last = b;
      }
    } else {
      for (let i = start; i < end; i++) {
        const b = nodeCodes[i - start] - lo;
        histCount[b * K + cls[idx[i]]]++;
        binCount[b]++;
      }
    }
    for (let b = first; b < last; b++) {
      const nb = binCount[b];
      if (nb === 0) continue;
      nLeft += nb;
      for (let k = 0; k < K; k++) leftTotals[k] += histCount[b * K + k];
      if (nLeft >= minLeaf && count - nLeft >= minLeaf) offer(best, giniProxy(leftTotals, totals, K, nLeft, count - nLeft), j, b + lo);
    }
    for (let b = first; b <= last; b++) {
      binCount[b] = 0;
      for (let k = 0; k < K; k++) histCount[b * K + k] = 0;
    }
    if (first >= last) return false;
  } else {
    sortByCode(idx, start, end, lo, hi, s);
    const { sortedCodes, sortedRows } = s;
    let previous = sortedCodes[0];
    for (let i = 0; i < count; i++) {
      const c = sortedCodes[i];
      if (c !== previous) {
        if (nLeft >= minLeaf && count - nLeft >= minLeaf) offer(best, giniProxy(leftTotals, totals, K, nLeft, count - nLeft), j, previous);
        previous = c;
      }
      leftTotals[cls[sortedRows[i]]]++;
      nLeft++;
    }
  }
  return true;
}

/** Squared-error scan of one feature in one node; false when the feature is constant there. */
function scanRegression(
  code: Uint32Array,
  distinct: number,
  j: number,
  idx: Int32Array,
  start: number,
  end: number,
  yv: Float64Array,
  s: Scratch,
  total: number,
  minLeaf: number,
  best: Best,
): boolean {
  const count = end - start;
  const direct = fewValues(distinct, count, s);
  let lo = 0;
  let hi = distinct - 1;
  let histogram = true;
  if (!direct) {
    ({ lo, hi, histogram } = gather(code, idx, start, end, s));
    if (lo >= hi) return false;
  }
  let nLeft = 0;
  let sumLeft = 0;
  if (histogram) {
    const { histSum, binCount, nodeCodes } = s;
    let first = 0;
    let last = hi - lo;
    if (direct) {
      first = 0xffffffff;
      last = 0;
      for (let i = start; i < end; i++) {
        const r = idx[i];
        const b = code[r];
        histSum[b] += yv[r];
        binCount[b]++;
        if (b < first) first = b;
        if (b > last) last = b;
      }
    } else {
      for (let i = start; i < end; i++) {
        const b = nodeCodes[i - start] - lo;
        histSum[b] += yv[idx[i]];
        binCount[b]++;
      }
    }
    for (let b = first; b < last; b++) {
      const nb = binCount[b];
      if (nb === 0) continue;
      nLeft += nb;
      sumLeft += histSum[b];
      if (nLeft >= minLeaf && count - nLeft >= minLeaf) offer(best, squaresProxy(sumLeft, total - sumLeft, nLeft, count - nLeft), j, b + lo);
    }
    for (let b = first; b <= last; b++) {
      binCount[b] = 0;
      histSum[b] = 0;
    }
    if (first >= last) return false;
  } else {
    sortByCode(idx, start, end, lo, hi, s);
    const { sortedCodes, sortedRows } = s;
    let previous = sortedCodes[0];
    for (let i = 0; i < count; i++) {
      const c = sortedCodes[i];
      if (c !== previous) {
        if (nLeft >= minLeaf && count - nLeft >= minLeaf) offer(best, squaresProxy(sumLeft, total - sumLeft, nLeft, count - nLeft), j, previous);
        previous = c;
      }
      sumLeft += yv[sortedRows[i]];
      nLeft++;
    }
  }
  return true;
}

function isConstant(y: Float64Array, idx: Int32Array, start: number, end: number): boolean {
  const first = y[idx[start]];
  for (let i = start + 1; i < end; i++) if (y[idx[i]] !== first) return false;
  return true;
}

/**
 * The leaf of each row: one tree over all the rows, on typed copies of its arrays, so that the
 * tree stays in cache. A forest walked row by row through 100 trees of 17,000 nodes read 30 MB
 * of nodes per row; predicting 100,000 rows took 14 s, tree by tree it takes a few.
 */
export function leavesOf(tree: Tree, rows: ArrayLike<number>[]): Int32Array {
  const feature = Int32Array.from(tree.feature);
  const threshold = Float64Array.from(tree.threshold);
  const left = Int32Array.from(tree.left);
  const right = Int32Array.from(tree.right);
  const leaves = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i];
    let node = 0;
    while (feature[node] >= 0) node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
    leaves[i] = node;
  }
  return leaves;
}

/** The leaf a row falls into. */
export function leafOf(tree: Tree, x: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = x[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return node;
}

/** How many features to try per split, from scikit-learn's max_features forms. */
export function resolveMaxFeatures(option: number | "sqrt" | "log2" | undefined, p: number, where = "maxFeatures"): number {
  if (option === undefined) return p;
  // scikit-learn's parameter check: "foo" made every tree a single leaf here (NaN features tried)
  // and 1.5 was quietly rounded to 1. More columns than X has means all of them, as there.
  const valid =
    option === "sqrt" ||
    option === "log2" ||
    (typeof option === "number" && Number.isFinite(option) && option > 0 && (option <= 1 || Number.isInteger(option)));
  if (!valid) {
    const got = typeof option === "string" ? JSON.stringify(option) : String(option);
    throw new AibookError(`${where}: maxFeatures must be "sqrt", "log2", a whole number of columns (≥ 1) or a fraction in (0, 1]; got ${got}.`);
  }
  if (option === "sqrt") return Math.max(1, Math.floor(Math.sqrt(p)));
  if (option === "log2") return Math.max(1, Math.floor(Math.log2(p)));
  if (option > 0 && option <= 1 && !Number.isInteger(option)) return Math.max(1, Math.floor(option * p));
  return Math.min(p, Math.max(1, Math.floor(option)));
}
