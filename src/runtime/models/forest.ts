/**
 * Random forests: bootstrap samples, a random subset of features per split, averaged trees.
 * ml-random-forest's API and behaviour (bagging + CART, class-probability averaging), on the
 * binned tree builder: ml-random-forest/ml-cart re-sort every column at every node and take
 * minutes where scikit-learn takes seconds (see scripts/bench/runtime-models.mjs), and its
 * train() writes into its options. Trees are seeded from `seed`, so fits repeat exactly.
 */
import type { Label } from "../core/data";
import { registerEstimator, type Classifier, type Regressor } from "../core/estimator";
import { createRandom } from "../random";
import { binFeatures, buildTree, leavesOf, type BinnedData, type Tree, type TreeTarget } from "./treeBuilder";
import { normalise, treeSettings } from "./decisionTree";
import { progress } from "../core/progress";
import { TreeClassifierModel, TreeModel } from "./treeModel";
import { checkNumber, fitClasses, fitMatrix, fitTarget, labelsFromProba, predictMatrix } from "./shared";

export type RandomForestOptions = {
  nEstimators: number;
  maxDepth: number | undefined;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxFeatures: number | "sqrt" | "log2" | undefined;
  bootstrap: boolean;
  seed: number | undefined;
}

interface ForestState {
  classes?: Label[];
  trees: Tree[];
  nFeatures: number;
  featureImportances: number[];
}

function growForest(where: string, params: RandomForestOptions, values: number[][], target: TreeTarget): ForestState {
  const nEstimators = checkNumber(where, "nEstimators", params.nEstimators, 1, true);
  const settings = treeSettings(where, params, values[0].length);
  const data: BinnedData = binFeatures(values);
  const random = createRandom(params.seed);
  const n = values.length;
  const trees: Tree[] = [];
  const importance = new Float64Array(values[0].length);
  const report = progress(where, "tree", nEstimators);
  for (let t = 0; t < nEstimators; t++) {
    report.tick(t);
    const treeRandom = random.fork();
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = params.bootstrap ? treeRandom.int(n) : i;
    const built = buildTree(data, target, rows, { ...settings, random: treeRandom });
    trees.push(built.tree);
    normalise(built.importance).forEach((v, j) => (importance[j] += v / nEstimators));
  }
  report.finish(`${nEstimators} trees`);
  return { trees, nFeatures: values[0].length, featureImportances: normalise(importance) };
}

export class RandomForestClassifier extends TreeClassifierModel<RandomForestOptions, ForestState> implements Classifier {
  static override readonly estimatorName = "RandomForestClassifier";

  constructor(options: Partial<RandomForestOptions> = {}) {
    super({ nEstimators: 100, maxDepth: undefined, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: "sqrt", bootstrap: true, seed: undefined }, options);
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values } = fitMatrix(X, where);
    const { classes, codes } = fitClasses(y, values.length, where);
    this.state = { ...growForest(where, this.params, values, { kind: "classification", codes, nClasses: classes.length }), classes };
    this.markFitted();
    return this;
  }

  /** The mean of the trees' class fractions, as scikit-learn's predict_proba. */
  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const { trees, nFeatures, classes } = this.state!;
    const rows = predictMatrix(X, nFeatures, `${this.estimatorName}.predictProba`);
    const proba = rows.map(() => new Array<number>(classes!.length).fill(0));
    for (const tree of trees) {
      const leaves = leavesOf(tree, rows);
      for (let i = 0; i < rows.length; i++) {
        const v = tree.value[leaves[i]];
        const p = proba[i];
        for (let k = 0; k < v.length; k++) p[k] += v[k] / trees.length;
      }
    }
    return proba;
  }

  predict(X: unknown): Label[] {
    return labelsFromProba(this.predictProba(X), this.state?.classes ?? []);
  }
}

export class RandomForestRegressor extends TreeModel<RandomForestOptions, ForestState> implements Regressor {
  static override readonly estimatorName = "RandomForestRegressor";

  constructor(options: Partial<RandomForestOptions> = {}) {
    super({ nEstimators: 100, maxDepth: undefined, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: undefined, bootstrap: true, seed: undefined }, options);
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values } = fitMatrix(X, where);
    const target = Float64Array.from(fitTarget(y, values.length, where));
    this.state = growForest(where, this.params, values, { kind: "regression", values: target });
    this.markFitted();
    return this;
  }

  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const { trees, nFeatures } = this.state!;
    const rows = predictMatrix(X, nFeatures, `${this.estimatorName}.predict`);
    const sums = new Float64Array(rows.length);
    for (const tree of trees) {
      const leaves = leavesOf(tree, rows);
      for (let i = 0; i < rows.length; i++) sums[i] += tree.value[leaves[i]][0];
    }
    return Array.from(sums, (s) => s / trees.length);
  }
}

registerEstimator(RandomForestClassifier);
registerEstimator(RandomForestRegressor);
