/**
 * `trainTestSplit`, scikit-learn's train_test_split: shuffled by default, sizes rounded as
 * scikit-learn rounds them, and with `stratify` the same per-class counts as its
 * StratifiedShuffleSplit, so that the test set keeps the class balance of the whole.
 * Two forms: (X, y, options) -> { xTrain, xTest, yTrain, yTest }, and (df, options) -> { train, test }.
 */
import { AibookError } from "../core/errors";
import { isFrame, isSeries, isTensor, toLabels, type Label } from "../core/data";
import { takeRows, rowCount } from "../data/frame";
import { checkFlags, checkOptions } from "../options";
import { checkedSeed, createRandom, type Random } from "../random";
import { sortedLabels } from "../metrics/labels";
import { approximateMode } from "./approximate-mode";
import { rememberSplit } from "./split-info";
import { splitSizes } from "./test-size";

export interface SplitOptions {
  /** Fraction (0–1) or number of test rows (default 0.25). */
  testSize?: number;
  trainSize?: number;
  /** true: keep y's class proportions; or the labels to stratify on. */
  stratify?: boolean | unknown;
  shuffle?: boolean;
  seed?: number;
}

export interface FrameSplitOptions extends Omit<SplitOptions, "stratify"> {
  /** Column whose class proportions both parts keep. */
  stratify?: string;
}

export interface XYSplit<X, Y> {
  xTrain: X;
  xTest: X;
  yTrain: Y;
  yTest: Y;
}

const KNOWN = ["testSize", "trainSize", "stratify", "shuffle", "seed"];

/**
 * Splits one DataFrame into a training part and a held-out test part (scikit-learn's
 * `train_test_split`). Split before any data-dependent step (scaling, imputing, encoding,
 * feature selection) and fit those steps on `train` only, so that the test rows stay unseen.
 *
 * @param df the rows to split
 * @param options `testSize` (share or count, default 0.25), `stratify` (the label column whose
 *   class proportions both parts keep: use it for classification), `shuffle` (default true),
 *   `seed` (reproducible split)
 * @returns `{ train, test }`, each of the same type as `df`
 * @example const { train, test } = trainTestSplit(df, { testSize: 0.2, stratify: "species", seed: 1 });
 */
export function trainTestSplit<D>(df: D, options?: FrameSplitOptions): { train: D; test: D };
/**
 * Splits features and labels into training and held-out test parts (scikit-learn's
 * `train_test_split`). Split before any data-dependent step (scaling, imputing, encoding,
 * feature selection) and fit those steps on the training part only — or put them in
 * `pipeline(...)` — so that the test rows stay unseen until the final evaluation.
 *
 * @param X features: a DataFrame, a 2-D array or a tensor
 * @param y labels or target: a Series, an array or a tensor, one per row of `X`
 * @param options `testSize` (share or count, default 0.25), `stratify: true` (keep the class
 *   proportions of `y` in both parts: use it for classification), `shuffle` (default true),
 *   `seed` (reproducible split)
 * @returns `{ xTrain, xTest, yTrain, yTest }`, each of the same type as its input
 * @example const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.25, stratify: true, seed: 42 });
 */
export function trainTestSplit<X, Y>(X: X, y: Y, options?: SplitOptions): XYSplit<X, Y>;
export function trainTestSplit(a: unknown, b?: unknown, c?: unknown): unknown {
  if (b === undefined || isOptionsObject(b)) {
    const options = (b ?? {}) as FrameSplitOptions;
    checkOptions("trainTestSplit", options, KNOWN);
    checkFlags("trainTestSplit", options, ["shuffle"]);
    const n = rowCount(a, "trainTestSplit: the data (first argument)");
    let labels: Label[] | undefined;
    if (options.stratify !== undefined) {
      if (typeof options.stratify !== "string" || !isFrame(a)) {
        throw new AibookError(`trainTestSplit(df, { stratify }): stratify must name a column of the DataFrame; got ${JSON.stringify(options.stratify)}.`);
      }
      const j = a.columns.indexOf(options.stratify);
      if (j < 0) throw new AibookError(`trainTestSplit: no column "${options.stratify}" to stratify on; the columns are ${a.columns.join(", ")}.`);
      labels = toLabels(a.values.map((r) => r[j]), `trainTestSplit (stratify "${options.stratify}")`, String(options.stratify));
    }
    const { train, test, info } = splitIndices(n, labels, options);
    const result = { train: takeRows(a, train), test: takeRows(a, test) };
    rememberSplit([result.train, result.test], info);
    return result;
  }
  const options = (c ?? {}) as SplitOptions;
  checkOptions("trainTestSplit", options, KNOWN);
  checkFlags("trainTestSplit", options, ["shuffle"]);
  const n = rowCount(a, "trainTestSplit: X");
  const m = rowCount(b, "trainTestSplit: y");
  if (n !== m) throw new AibookError(`trainTestSplit: X has ${n} rows but y has ${m}; they must describe the same rows.`);
  let labels: Label[] | undefined;
  if (options.stratify === true) labels = toLabels(b, "trainTestSplit (y)");
  else if (options.stratify !== undefined && options.stratify !== false) {
    labels = toLabels(options.stratify, "trainTestSplit (stratify)");
    if (labels.length !== n) throw new AibookError(`trainTestSplit: stratify has ${labels.length} labels but X has ${n} rows.`);
  }
  const { train, test, info } = splitIndices(n, labels, options);
  const result = { xTrain: takeRows(a, train), xTest: takeRows(a, test), yTrain: takeRows(b, train), yTest: takeRows(b, test) };
  rememberSplit([result.xTrain, result.xTest, result.yTrain, result.yTest], info);
  return result;
}

function isOptionsObject(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isFrame(v) && !isSeries(v) && !isTensor(v);
}

function splitIndices(n: number, labels: Label[] | undefined, options: SplitOptions) {
  const { nTrain, nTest } = splitSizes(n, options.testSize, options.trainSize, "trainTestSplit");
  const shuffle = options.shuffle ?? true;
  const random = createRandom(checkedSeed(options.seed, "trainTestSplit"));
  if (!shuffle) {
    if (labels) throw new AibookError("trainTestSplit: stratify needs shuffle; a stratified split without shuffling is not defined (scikit-learn refuses it too).");
    const train = range(0, nTrain);
    const test = range(nTrain, nTrain + nTest);
    return { train, test, info: { method: "ordered" as const, trainIndex: train, testIndex: test } };
  }
  if (!labels) {
    const perm = random.permutation(n);
    const test = perm.slice(0, nTest);
    const train = perm.slice(nTest, nTest + nTrain);
    return { train, test, info: { method: "random" as const, trainIndex: train, testIndex: test, seed: random.seed } };
  }
  const { train, test } = stratifiedIndices(labels, nTrain, nTest, random);
  return { train, test, info: { method: "stratified" as const, trainIndex: train, testIndex: test, seed: random.seed } };
}

/** StratifiedShuffleSplit's allocation: training counts first, test counts from what remains. */
export function stratifiedIndices(labels: Label[], nTrain: number, nTest: number, random: Random): { train: number[]; test: number[] } {
  const classes = sortedLabels(labels);
  if (classes.length < 2) {
    throw new AibookError(`trainTestSplit: stratify found one class only (${JSON.stringify(classes[0])}); there is nothing to balance. Check the target column.`);
  }
  const byClass = classes.map(() => [] as number[]);
  const at = new Map(classes.map((c, i) => [c, i]));
  labels.forEach((l, i) => byClass[at.get(l)!].push(i));
  const counts = byClass.map((rows) => rows.length);
  const rare = counts.findIndex((k) => k < 2);
  if (rare >= 0) {
    throw new AibookError(`trainTestSplit: class ${JSON.stringify(classes[rare])} has only 1 row; stratifying needs at least 2 rows per class. Drop or merge that class, or split without stratify.`);
  }
  if (nTrain < classes.length || nTest < classes.length) {
    throw new AibookError(`trainTestSplit: the ${nTrain < classes.length ? "training" : "test"} part (${Math.min(nTrain, nTest)} rows) is smaller than the ${classes.length} classes; use a larger testSize.`);
  }
  const trainCounts = approximateMode(counts, nTrain, random);
  const testCounts = approximateMode(counts.map((k, i) => k - trainCounts[i]), nTest, random);
  const train: number[] = [];
  const test: number[] = [];
  byClass.forEach((rows, i) => {
    const perm = random.permutation(rows.length).map((k) => rows[k]);
    train.push(...perm.slice(0, trainCounts[i]));
    test.push(...perm.slice(trainCounts[i], trainCounts[i] + testCounts[i]));
  });
  return { train: random.shuffle(train), test: random.shuffle(test) };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
