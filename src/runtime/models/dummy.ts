/**
 * Baselines that ignore the features: the score a real model must beat. Same strategies as
 * scikit-learn's DummyClassifier/DummyRegressor.
 */
import type { Label } from "../core/data";
import { BaseEstimator, registerEstimator, type Classifier, type Regressor } from "../core/estimator";
import { AibookError } from "../core/errors";
import { createRandom } from "../random";
import { argmax, checkChoice, checkNumber, fitClasses, fitTarget } from "./shared";
import { toTable } from "../core/data";

export type DummyClassifierOptions = {
  strategy: "prior" | "most_frequent" | "stratified" | "uniform" | "constant";
  constant: Label | undefined;
  seed: number | undefined;
}

interface DummyClassifierState {
  classes: Label[];
  prior: number[];
  nFeatures: number;
}

/**
 * Rows of X: any width and any values (the features are ignored, as scikit-learn's dummies ignore
 * them, so a baseline runs on the raw frame with its text and missing values), but the length
 * must match y, and at predict the width must match fit.
 */
function rowsOf(X: unknown, where: string, nFeatures?: number): { n: number; p: number } {
  const { rows, columns } = toTable(X, where);
  if (nFeatures !== undefined && rows.length && columns.length !== nFeatures) {
    throw new AibookError(`${where}: X has ${columns.length} columns but the model was fitted on ${nFeatures}.`);
  }
  return { n: rows.length, p: columns.length };
}

export class DummyClassifier extends BaseEstimator<DummyClassifierOptions> implements Classifier {
  static override readonly estimatorName = "DummyClassifier";
  #state?: DummyClassifierState;

  constructor(options: Partial<DummyClassifierOptions> = {}) {
    super({ strategy: "prior", constant: undefined, seed: undefined }, options);
  }

  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.#state!.classes];
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const strategy = checkChoice(where, "strategy", this.params.strategy, ["prior", "most_frequent", "stratified", "uniform", "constant"] as const);
    const { n, p } = rowsOf(X, where);
    const { classes, codes } = fitClasses(y, n, where, 1, true);
    if (strategy === "constant") {
      const c = this.params.constant;
      if (c === undefined || !classes.some((k) => k === c || String(k) === String(c))) {
        throw new AibookError(`${where}: strategy "constant" needs constant set to one of the classes ${JSON.stringify(classes)}; got ${JSON.stringify(c)}.`);
      }
    }
    const prior = classes.map((_, k) => codes.filter((c) => c === k).length / n);
    this.#state = { classes, prior, nFeatures: p };
    this.markFitted();
    return this;
  }

  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const { classes, prior, nFeatures } = this.#state!;
    const rows = rowsOf(X, `${this.estimatorName}.predictProba`, nFeatures).n;
    const K = classes.length;
    const oneHot = (k: number) => classes.map((_, j) => (j === k ? 1 : 0));
    switch (this.params.strategy) {
      case "prior":
        return Array.from({ length: rows }, () => [...prior]);
      case "most_frequent":
        return Array.from({ length: rows }, () => oneHot(argmax(prior)));
      case "uniform":
        return Array.from({ length: rows }, () => new Array(K).fill(1 / K));
      case "constant": {
        const k = classes.findIndex((c) => String(c) === String(this.params.constant));
        return Array.from({ length: rows }, () => oneHot(k));
      }
      case "stratified": {
        const random = createRandom(this.params.seed);
        return Array.from({ length: rows }, () => oneHot(draw(prior, random.next())));
      }
    }
  }

  predict(X: unknown): Label[] {
    this.assertFitted("predict");
    const { classes, prior } = this.#state!;
    if (this.params.strategy === "uniform") {
      const rows = rowsOf(X, `${this.estimatorName}.predict`, this.#state!.nFeatures).n;
      const random = createRandom(this.params.seed);
      return Array.from({ length: rows }, () => classes[random.int(classes.length)]);
    }
    if (this.params.strategy === "prior") return this.predictProba(X).map(() => classes[argmax(prior)]);
    return this.predictProba(X).map((p) => classes[argmax(p)]);
  }

  protected saveState(): DummyClassifierState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as DummyClassifierState;
  }
}

function draw(prior: number[], u: number): number {
  let acc = 0;
  for (let k = 0; k < prior.length; k++) {
    acc += prior[k];
    if (u < acc) return k;
  }
  return prior.length - 1;
}

export type DummyRegressorOptions = {
  strategy: "mean" | "median" | "quantile" | "constant";
  constant: number | undefined;
  quantile: number | undefined;
}

interface DummyRegressorState {
  value: number;
  nFeatures: number;
}

export class DummyRegressor extends BaseEstimator<DummyRegressorOptions> implements Regressor {
  static override readonly estimatorName = "DummyRegressor";
  #state?: DummyRegressorState;

  constructor(options: Partial<DummyRegressorOptions> = {}) {
    super({ strategy: "mean", constant: undefined, quantile: undefined }, options);
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const strategy = checkChoice(where, "strategy", this.params.strategy, ["mean", "median", "quantile", "constant"] as const);
    const { n, p } = rowsOf(X, where);
    const target = fitTarget(y, n, where);
    if (n === 0) throw new AibookError(`${where}: y is empty.`);
    let value: number;
    if (strategy === "mean") value = target.reduce((a, b) => a + b, 0) / n;
    else if (strategy === "median") value = quantile(target, 0.5);
    else if (strategy === "quantile") {
      const q = this.params.quantile;
      if (typeof q !== "number" || q < 0 || q > 1) throw new AibookError(`${where}: strategy "quantile" needs quantile in [0, 1]; got ${JSON.stringify(q)}.`);
      value = quantile(target, q);
    } else value = checkNumber(where, "constant", this.params.constant, -Infinity);
    this.#state = { value, nFeatures: p };
    this.markFitted();
    return this;
  }

  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const rows = rowsOf(X, `${this.estimatorName}.predict`, this.#state!.nFeatures).n;
    return new Array(rows).fill(this.#state!.value);
  }

  protected saveState(): DummyRegressorState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as DummyRegressorState;
  }
}

/** numpy's default (linear) percentile. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

registerEstimator(DummyClassifier);
registerEstimator(DummyRegressor);
