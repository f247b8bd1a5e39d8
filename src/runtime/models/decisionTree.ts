/** Single CART trees (gini for classes, squared error for numbers), reproducible with `seed`. */
import type { Label } from "../core/data";
import { registerEstimator, type Classifier, type Regressor } from "../core/estimator";
import { progress } from "../core/progress";
import { createRandom } from "../random";
import { binFeatures, buildTree, leafOf, resolveMaxFeatures, type Tree } from "./treeBuilder";
import { TreeClassifierModel, TreeModel } from "./treeModel";
import { checkNumber, fitClasses, fitMatrix, fitTarget, labelsFromProba, predictMatrix } from "./shared";

export type DecisionTreeOptions = {
  maxDepth: number | undefined;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxFeatures: number | "sqrt" | "log2" | undefined;
  seed: number | undefined;
}

const defaults: DecisionTreeOptions = { maxDepth: undefined, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: undefined, seed: undefined };

/** Checks the growth options shared by trees and forests and turns them into builder settings. */
export function treeSettings(where: string, o: Pick<DecisionTreeOptions, "maxDepth" | "minSamplesSplit" | "minSamplesLeaf" | "maxFeatures">, p: number) {
  return {
    maxDepth: o.maxDepth === undefined || o.maxDepth === null ? Infinity : checkNumber(where, "maxDepth", o.maxDepth, 1, true),
    minSamplesSplit: checkNumber(where, "minSamplesSplit", o.minSamplesSplit, 2, true),
    minSamplesLeaf: checkNumber(where, "minSamplesLeaf", o.minSamplesLeaf, 1, true),
    maxFeatures: resolveMaxFeatures(o.maxFeatures ?? undefined, p, where),
  };
}

/** Normalised impurity-based importances (scikit-learn's feature_importances_). */
export function normalise(importance: ArrayLike<number>): number[] {
  const total = Array.from(importance).reduce((a, b) => a + b, 0);
  return Array.from(importance, (v) => (total > 0 ? v / total : 0));
}

interface TreeState {
  classes?: Label[];
  tree: Tree;
  nFeatures: number;
  featureImportances: number[];
}

export class DecisionTreeClassifier extends TreeClassifierModel<DecisionTreeOptions, TreeState> implements Classifier {
  static override readonly estimatorName = "DecisionTreeClassifier";

  constructor(options: Partial<DecisionTreeOptions> = {}) {
    super({ ...defaults }, options);
  }

  get tree(): Tree {
    this.assertFitted("tree");
    return this.state!.tree;
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values } = fitMatrix(X, where);
    const { classes, codes } = fitClasses(y, values.length, where);
    const settings = treeSettings(where, this.params, values[0].length);
    const rows = Int32Array.from(values, (_, i) => i);
    const report = progress(where, "rows in leaves", rows.length);
    const built = buildTree(binFeatures(values), { kind: "classification", codes, nClasses: classes.length }, rows, {
      ...settings,
      random: createRandom(this.params.seed),
      onLeaf: (done) => report.tick(done),
    });
    report.finish(`${built.tree.feature.length} nodes`);
    this.state = { classes, tree: built.tree, nFeatures: values[0].length, featureImportances: normalise(built.importance) };
    this.markFitted();
    return this;
  }

  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const { tree, nFeatures } = this.state!;
    return predictMatrix(X, nFeatures, `${this.estimatorName}.predictProba`).map((x) => [...tree.value[leafOf(tree, x)]]);
  }

  predict(X: unknown): Label[] {
    return labelsFromProba(this.predictProba(X), this.state!.classes!);
  }
}

export class DecisionTreeRegressor extends TreeModel<DecisionTreeOptions, TreeState> implements Regressor {
  static override readonly estimatorName = "DecisionTreeRegressor";

  constructor(options: Partial<DecisionTreeOptions> = {}) {
    super({ ...defaults }, options);
  }

  get tree(): Tree {
    this.assertFitted("tree");
    return this.state!.tree;
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const { values } = fitMatrix(X, where);
    const target = Float64Array.from(fitTarget(y, values.length, where));
    const settings = treeSettings(where, this.params, values[0].length);
    const rows = Int32Array.from(values, (_, i) => i);
    const report = progress(where, "rows in leaves", rows.length);
    const built = buildTree(binFeatures(values), { kind: "regression", values: target }, rows, {
      ...settings,
      random: createRandom(this.params.seed),
      onLeaf: (done) => report.tick(done),
    });
    report.finish(`${built.tree.feature.length} nodes`);
    this.state = { tree: built.tree, nFeatures: values[0].length, featureImportances: normalise(built.importance) };
    this.markFitted();
    return this;
  }

  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const { tree, nFeatures } = this.state!;
    return predictMatrix(X, nFeatures, `${this.estimatorName}.predict`).map((x) => tree.value[leafOf(tree, x)][0]);
  }
}

registerEstimator(DecisionTreeClassifier);
registerEstimator(DecisionTreeRegressor);
