/**
 * Gradient boosting as scikit-learn's GradientBoosting*: shallow regression trees fitted to the
 * loss gradient, leaves set by one Newton step (log-loss) or the mean residual (squared error),
 * shrunk by learningRate. Initial scores are the log-odds / log-priors / mean, as scikit-learn.
 */
import { AibookError } from "../core/errors";
import type { Label } from "../core/data";
import { registerEstimator, type Classifier, type Regressor } from "../core/estimator";
import { createRandom, type Random } from "../random";
import { binFeatures, buildTree, leafOf, type BinnedData, type Tree } from "./treeBuilder";
import { normalise, treeSettings } from "./decisionTree";
import { progress } from "../core/progress";
import { TreeClassifierModel, TreeModel } from "./treeModel";
import { checkNumber, fitClasses, fitMatrix, fitTarget, labelsFromProba, predictMatrix, sigmoid, softmaxRows } from "./shared";

export type GradientBoostingOptions = {
  nEstimators: number;
  learningRate: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  subsample: number;
  maxFeatures: number | "sqrt" | "log2" | undefined;
  seed: number | undefined;
}

const defaults: GradientBoostingOptions = {
  nEstimators: 100,
  learningRate: 0.1,
  maxDepth: 3,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  subsample: 1,
  maxFeatures: undefined,
  seed: undefined,
};

interface BoostingState {
  classes?: Label[];
  init: number[];
  /** trees[stage][k]: one tree per stage (regression, binary) or per class (multiclass). */
  trees: Tree[][];
  nFeatures: number;
  featureImportances: number[];
}

interface Stage {
  where: string;
  params: GradientBoostingOptions;
  data: BinnedData;
  random: Random;
  n: number;
}

/** Fits one tree to `residual`, sets each leaf by `leafValue(rows in the leaf)`, adds lr × tree to `raw`. */
function fitStageTree(
  s: Stage,
  residual: Float64Array,
  leafValue: (rows: number[]) => number,
  importance: Float64Array,
  X: number[][],
  raw: (i: number, delta: number) => void,
): Tree {
  const settings = treeSettings(s.where, s.params, s.data.p);
  let rows: Int32Array;
  if (s.params.subsample < 1) {
    const k = Math.max(1, Math.round(s.params.subsample * s.n));
    rows = Int32Array.from(s.random.sample(s.n, k)).sort();
  } else rows = Int32Array.from({ length: s.n }, (_, i) => i);
  const built = buildTree(s.data, { kind: "regression", values: residual }, rows, { ...settings, random: s.random });
  const members = new Map<number, number[]>();
  built.leafOfRow.forEach((leaf, i) => {
    const list = members.get(leaf) ?? [];
    list.push(rows[i]);
    members.set(leaf, list);
  });
  for (const [leaf, list] of members) built.tree.value[leaf] = [leafValue(list)];
  built.importance.forEach((v, j) => (importance[j] += v));
  const lr = s.params.learningRate;
  if (rows.length === s.n) built.leafOfRow.forEach((leaf, i) => raw(rows[i], lr * built.tree.value[leaf][0]));
  else for (let i = 0; i < s.n; i++) raw(i, lr * built.tree.value[leafOf(built.tree, X[i])][0]);
  return built.tree;
}

function stageOf(where: string, params: GradientBoostingOptions, values: number[][]): Stage {
  checkNumber(where, "nEstimators", params.nEstimators, 1, true);
  checkNumber(where, "learningRate", params.learningRate, 0, false, true);
  checkNumber(where, "subsample", params.subsample, 0, false, true);
  // scikit-learn: subsample in (0, 1]; 2 meant "every row" here without a word.
  if (params.subsample > 1) throw new AibookError(`${where}: subsample must be a fraction in (0, 1] of the rows each tree sees; got ${params.subsample}.`);
  return { where, params, data: binFeatures(values), random: createRandom(params.seed), n: values.length };
}

function score(trees: Tree[][], init: number[], x: ArrayLike<number>, lr: number): number[] {
  const raw = [...init];
  for (const stage of trees) for (let k = 0; k < stage.length; k++) raw[k] += lr * stage[k].value[leafOf(stage[k], x)][0];
  return raw;
}

export class GradientBoostingClassifier extends TreeClassifierModel<GradientBoostingOptions, BoostingState> implements Classifier {
  static override readonly estimatorName = "GradientBoostingClassifier";

  constructor(options: Partial<GradientBoostingOptions> = {}) {
    super({ ...defaults }, options);
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values } = fitMatrix(X, where);
    const { classes, codes } = fitClasses(y, values.length, where);
    const stage = stageOf(where, this.params, values);
    const n = values.length;
    const K = classes.length;
    const lr = this.params.learningRate;
    const importance = new Float64Array(values[0].length);
    const trees: Tree[][] = [];
    const prior = classes.map((_, k) => codes.filter((c) => c === k).length / n);
    const report = progress(where, "stage", this.params.nEstimators);
    let init: number[];
    if (K === 2) {
      init = [Math.log(prior[1] / prior[0])];
      const raw = new Float64Array(n).fill(init[0]);
      const residual = new Float64Array(n);
      for (let m = 0; m < this.params.nEstimators; m++) {
        report.tick(m);
        for (let i = 0; i < n; i++) residual[i] = codes[i] - sigmoid(raw[i]);
        const tree = fitStageTree(stage, residual, (rows) => newtonStep(rows, residual, codes, 1), importance, values, (i, d) => (raw[i] += d));
        trees.push([tree]);
      }
    } else {
      init = prior.map((p) => Math.log(Math.max(p, 1e-300)));
      const raw = Array.from({ length: n }, () => [...init]);
      const residuals = Array.from({ length: K }, () => new Float64Array(n));
      for (let m = 0; m < this.params.nEstimators; m++) {
        report.tick(m);
        const proba = softmaxRows(raw.map((r) => [...r]));
        const stageTrees: Tree[] = [];
        for (let k = 0; k < K; k++) {
          const residual = residuals[k];
          for (let i = 0; i < n; i++) residual[i] = (codes[i] === k ? 1 : 0) - proba[i][k];
          const onehot = Int32Array.from(codes, (c) => (c === k ? 1 : 0));
          const add = (i: number, d: number) => (raw[i][k] += d);
          stageTrees.push(fitStageTree(stage, residual, (rows) => newtonStep(rows, residual, onehot, (K - 1) / K), importance, values, add));
        }
        trees.push(stageTrees);
      }
    }
    report.finish(`${this.params.nEstimators} stages`);
    this.state = { classes, init, trees, nFeatures: values[0].length, featureImportances: normalise(importance) };
    this.markFitted();
    return this;
  }

  /** Raw scores: log-odds (two classes) or one score per class. */
  decisionFunction(X: unknown): number[][] {
    this.assertFitted("decisionFunction");
    const { trees, init, nFeatures } = this.state!;
    return predictMatrix(X, nFeatures, `${this.estimatorName}.decisionFunction`).map((x) => score(trees, init, x, this.params.learningRate));
  }

  predictProba(X: unknown): number[][] {
    const raw = this.decisionFunction(X);
    if (this.state!.init.length === 1) return raw.map(([z]) => [1 - sigmoid(z), sigmoid(z)]);
    return softmaxRows(raw);
  }

  predict(X: unknown): Label[] {
    return labelsFromProba(this.predictProba(X), this.state?.classes ?? []);
  }
}

/** scikit-learn's leaf update for log-loss: factor * sum(r) / sum((y - r)(1 - y + r)). */
function newtonStep(rows: number[], residual: Float64Array, y: ArrayLike<number>, factor: number): number {
  let num = 0;
  let den = 0;
  for (const i of rows) {
    const r = residual[i];
    num += r;
    den += (y[i] - r) * (1 - y[i] + r);
  }
  return Math.abs(den) < 1e-150 ? 0 : (factor * num) / den;
}

export class GradientBoostingRegressor extends TreeModel<GradientBoostingOptions, BoostingState> implements Regressor {
  static override readonly estimatorName = "GradientBoostingRegressor";

  constructor(options: Partial<GradientBoostingOptions> = {}) {
    super({ ...defaults }, options);
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values } = fitMatrix(X, where);
    const target = fitTarget(y, values.length, where);
    const stage = stageOf(where, this.params, values);
    const n = values.length;
    const lr = this.params.learningRate;
    const init = [target.reduce((a, b) => a + b, 0) / n];
    const raw = new Float64Array(n).fill(init[0]);
    const residual = new Float64Array(n);
    const importance = new Float64Array(values[0].length);
    const trees: Tree[][] = [];
    const report = progress(where, "stage", this.params.nEstimators);
    for (let m = 0; m < this.params.nEstimators; m++) {
      report.tick(m);
      for (let i = 0; i < n; i++) residual[i] = target[i] - raw[i];
      const mean = (rows: number[]) => rows.reduce((s, i) => s + residual[i], 0) / rows.length;
      trees.push([fitStageTree(stage, residual, mean, importance, values, (i, d) => (raw[i] += d))]);
    }
    report.finish(`${this.params.nEstimators} stages`);
    this.state = { init, trees, nFeatures: values[0].length, featureImportances: normalise(importance) };
    this.markFitted();
    return this;
  }

  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const { trees, init, nFeatures } = this.state!;
    return predictMatrix(X, nFeatures, `${this.estimatorName}.predict`).map((x) => score(trees, init, x, this.params.learningRate)[0]);
  }
}

registerEstimator(GradientBoostingClassifier);
registerEstimator(GradientBoostingRegressor);
