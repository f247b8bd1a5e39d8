/**
 * `kFold` and `stratifiedKFold`: fold indices with scikit-learn's fold sizes (the first n % k
 * folds one row larger) and, for the stratified version, its allocation of each class over the
 * folds, so that cross-validated scores are computed on the same kind of folds.
 */
import { AibookError } from "../core/errors";
import { isFrame, isSeries, isTensor, showValue, toLabels, type Label } from "../core/data";
import { rowCount } from "../data/frame";
import { checkFlags, checkOptions } from "../options";
import { checkedSeed, createRandom } from "../random";
import { warnOnce } from "../core/warn";

export interface Fold {
  trainIndex: number[];
  testIndex: number[];
}

export interface FoldOptions {
  folds?: number;
  /** Shuffle rows before cutting folds (default false, as in scikit-learn). */
  shuffle?: boolean;
  seed?: number;
}

const KNOWN = ["folds", "shuffle", "seed"];

/** Folds over `data`'s rows (a DataFrame, array or tensor) or over `n` rows. */
export function kFold(data: unknown, options: FoldOptions = {}): Fold[] {
  checkOptions("kFold", options, KNOWN);
  checkFlags("kFold", options, ["shuffle"]);
  const n = typeof data === "number" ? data : rowCount(data, "kFold: the data (first argument)");
  const k = checkFolds(options.folds ?? 5, n, "kFold");
  const order = Array.from({ length: n }, (_, i) => i);
  if (options.shuffle ?? options.seed !== undefined) createRandom(checkedSeed(options.seed, "kFold")).shuffle(order);
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const test = order.slice(start, start + size);
    const inTest = new Set(test);
    folds.push({ trainIndex: order.filter((i) => !inTest.has(i)).sort((a, b) => a - b), testIndex: test.sort((a, b) => a - b) });
    start += size;
  }
  return folds;
}

/** Folds that keep y's class proportions: stratifiedKFold(y, options) or stratifiedKFold(X, y, options). */
export function stratifiedKFold(yOrX: unknown, yOrOptions?: unknown, maybeOptions?: FoldOptions): Fold[] {
  const secondIsData = Array.isArray(yOrOptions) || isSeries(yOrOptions) || isFrame(yOrOptions) || isTensor(yOrOptions);
  const y = secondIsData ? yOrOptions : yOrX;
  const options = ((secondIsData ? maybeOptions : yOrOptions) ?? {}) as FoldOptions;
  checkOptions("stratifiedKFold", options, KNOWN);
  checkFlags("stratifiedKFold", options, ["shuffle"]);
  if (secondIsData && rowCount(yOrX) !== rowCount(y)) throw new AibookError(`stratifiedKFold: X has ${rowCount(yOrX)} rows but y has ${rowCount(y)}.`);
  const labels = toLabels(y, "stratifiedKFold (y)");
  const fraction = labels.find((v) => typeof v === "number" && !Number.isInteger(v));
  if (fraction !== undefined) {
    // scikit-learn refuses a continuous target ("Got 'continuous'"): each value would be a class of its own.
    throw new AibookError(`stratifiedKFold: y holds the non-integer value ${fraction}, a continuous target, not class labels; stratify classes, and use kFold for a regression target.`);
  }
  const n = labels.length;
  const k = checkFolds(options.folds ?? 5, n, "stratifiedKFold");
  // Classes numbered in order of first appearance, as scikit-learn encodes them.
  const code = new Map<Label, number>();
  const encoded = labels.map((l) => {
    if (!code.has(l)) code.set(l, code.size);
    return code.get(l)!;
  });
  const nClasses = code.size;
  if (nClasses < 2) throw new AibookError(`stratifiedKFold: y holds one class only (${JSON.stringify(labels[0])}); there is nothing to stratify. Check the target, or use kFold.`);
  const counts = new Array(nClasses).fill(0);
  for (const c of encoded) counts[c]++;
  if (counts.every((c) => k > c)) {
    throw new AibookError(`stratifiedKFold: folds = ${k} is more than the rows of every class (largest: ${Math.max(...counts)}); use fewer folds.`);
  }
  const rarest = counts.indexOf(Math.min(...counts));
  if (counts[rarest] < k) {
    // scikit-learn warns too: some test folds will lack that class, and its per-fold scores are ill-defined.
    const label = [...code.keys()][rarest];
    warnOnce(`stratifiedKFold: class ${JSON.stringify(label)} has only ${counts[rarest]} rows, fewer than folds = ${k}; some folds will not hold it. Use fewer folds or gather more rows of that class.`);
  }
  const sorted = [...encoded].sort((a, b) => a - b);
  const allocation = Array.from({ length: k }, (_, f) => {
    const row = new Array(nClasses).fill(0);
    for (let i = f; i < n; i += k) row[sorted[i]]++;
    return row;
  });
  const shuffle = options.shuffle ?? options.seed !== undefined;
  const random = createRandom(checkedSeed(options.seed, "stratifiedKFold"));
  const testFold = new Array<number>(n);
  for (let c = 0; c < nClasses; c++) {
    const foldsForClass: number[] = [];
    for (let f = 0; f < k; f++) for (let r = 0; r < allocation[f][c]; r++) foldsForClass.push(f);
    if (shuffle) random.shuffle(foldsForClass);
    let next = 0;
    for (let i = 0; i < n; i++) if (encoded[i] === c) testFold[i] = foldsForClass[next++];
  }
  return Array.from({ length: k }, (_, f) => ({
    trainIndex: testFold.flatMap((g, i) => (g === f ? [] : [i])),
    testIndex: testFold.flatMap((g, i) => (g === f ? [i] : [])),
  }));
}

function checkFolds(k: number, n: number, where: string): number {
  if (!Number.isInteger(k) || k < 2) throw new AibookError(`${where}: folds must be an integer of at least 2; got ${showValue(k)}.`);
  if (k > n) throw new AibookError(`${where}: folds = ${k} is more than the ${n} rows.`);
  return k;
}
