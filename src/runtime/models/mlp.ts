/**
 * Multi-layer perceptrons trained with TensorFlow.js, set up as scikit-learn's MLPClassifier /
 * MLPRegressor: relu hidden layers, Glorot-uniform weights, a logistic output for two classes and
 * softmax for more, Adam, L2 penalty alpha, shuffled
 * mini-batches of min(batchSize, n), and a stop once the training loss has not improved by tol
 * for nIterNoChange epochs. Weights and shuffles come from `seed`, so fits repeat. Progress is
 * printed about once a second, so a long fit is never silent. Predictions run in plain
 * JavaScript from the learned weights: a saved model reloads without TensorFlow.
 */
import type { Label } from "../core/data";
import { BaseEstimator, registerEstimator, type Classifier, type Regressor } from "../core/estimator";
import { AibookError } from "../core/errors";
import { createRandom, type Random } from "../random";
import { tfForTraining, type Tf } from "../tf/backend";
import { progress } from "../core/progress";
import { checkNumber, fitClasses, fitMatrix, fitTarget, labelsFromProba, predictMatrix, sigmoid, softmaxRows } from "./shared";
import { warnOnce } from "../core/warn";

export type MLPOptions = {
  hiddenLayers: number[];
  epochs: number;
  learningRate: number;
  batchSize: number;
  alpha: number;
  tol: number;
  nIterNoChange: number;
  seed: number | undefined;
  verbose: boolean;
};

const defaults: MLPOptions = {
  hiddenLayers: [100],
  epochs: 200,
  learningRate: 0.001,
  batchSize: 200,
  alpha: 1e-4,
  tol: 1e-4,
  nIterNoChange: 10,
  seed: undefined,
  verbose: true,
};

interface Layer {
  weights: number[][];
  bias: number[];
}

interface MLPState {
  classes?: Label[];
  layers: Layer[];
  lossCurve: number[];
  nFeatures: number;
}

interface TrainSetup {
  who: string;
  params: MLPOptions;
  X: number[][];
  /** One-hot classes, 0/1 for two classes (one logistic output), or the regression target, as rows. */
  Y: number[][];
  loss: "softmax" | "logistic" | "squared";
}

function glorot(fanIn: number, fanOut: number, random: Random): Layer {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  const u = () => (2 * random.next() - 1) * bound;
  return { weights: Array.from({ length: fanIn }, () => Array.from({ length: fanOut }, u)), bias: Array.from({ length: fanOut }, u) };
}

function checkOptions(who: string, p: MLPOptions): void {
  if (!Array.isArray(p.hiddenLayers) || p.hiddenLayers.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new AibookError(`${who}: hiddenLayers must be an array of positive integers, e.g. [100] or [64, 32]; got ${JSON.stringify(p.hiddenLayers)}.`);
  }
  checkNumber(who, "epochs", p.epochs, 1, true);
  checkNumber(who, "learningRate", p.learningRate, 0, false, true);
  checkNumber(who, "batchSize", p.batchSize, 1, true);
  checkNumber(who, "alpha", p.alpha, 0);
}

/** Trains with tfjs and returns the learned layers as plain arrays. */
function train(setup: TrainSetup): { layers: Layer[]; lossCurve: number[] } {
  const { who, params, X, Y } = setup;
  const tf: Tf = tfForTraining(who);
  const random = createRandom(params.seed);
  const sizes = [X[0].length, ...params.hiddenLayers, Y[0].length];
  const init = sizes.slice(1).map((out, i) => glorot(sizes[i], out, random));
  const n = X.length;
  const batch = Math.min(params.batchSize, n);
  const vars = init.map((l) => ({ w: tf.variable(tf.tensor2d(l.weights)), b: tf.variable(tf.tensor1d(l.bias)) }));
  const varList = vars.flatMap((v) => [v.w, v.b]);
  const xAll = tf.tensor2d(X);
  const yAll = tf.tensor2d(Y);
  const optimizer = tf.train.adam(params.learningRate, 0.9, 0.999, 1e-8);
  const forward = (x: import("@tensorflow/tfjs").Tensor2D) => {
    let h = x;
    vars.forEach((v, i) => {
      h = tf.add(tf.matMul(h, v.w), v.b) as import("@tensorflow/tfjs").Tensor2D;
      if (i < vars.length - 1) h = tf.relu(h);
    });
    return h;
  };
  const lossCurve: number[] = [];
  let best = Infinity;
  let stale = 0;
  const report = progress(who, "epoch", params.epochs, params.verbose);
  try {
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      const order = random.permutation(n);
      let total = 0;
      for (let start = 0; start < n; start += batch) {
        const idx = order.slice(start, start + batch);
        const cost = optimizer.minimize(
          () =>
            tf.tidy(() => {
              const xb = tf.gather(xAll, idx);
              const yb = tf.gather(yAll, idx);
              const out = forward(xb);
              const data =
                setup.loss === "softmax"
                  ? tf.losses.softmaxCrossEntropy(yb, out)
                  : setup.loss === "logistic"
                    ? tf.losses.sigmoidCrossEntropy(yb, out)
                    : tf.mul(0.5, tf.mean(tf.square(tf.sub(yb, out))));
              const l2 = vars.reduce((s, v) => tf.add(s, tf.sum(tf.square(v.w))), tf.scalar(0));
              return tf.add(data, tf.mul((0.5 * params.alpha) / idx.length, l2)) as import("@tensorflow/tfjs").Scalar;
            }),
          true,
          varList,
        );
        total += cost!.dataSync()[0] * idx.length;
        cost!.dispose();
      }
      const loss = total / n;
      lossCurve.push(loss);
      report.tick(epoch, `loss ${loss.toPrecision(5)}`);
      if (loss > best - params.tol) stale++;
      else stale = 0;
      best = Math.min(best, loss);
      if (stale >= params.nIterNoChange) break;
    }
    report.finish(`${lossCurve.length} epochs, loss ${lossCurve[lossCurve.length - 1].toPrecision(5)}`);
    if (lossCurve.length === params.epochs && stale < params.nIterNoChange && params.verbose) {
      warnOnce(`${who}: the loss was still improving after ${params.epochs} epochs; raise epochs if the score is not good enough.`);
    }
    const layers = vars.map((v) => ({ weights: v.w.arraySync() as number[][], bias: v.b.arraySync() as number[] }));
    return { layers, lossCurve };
  } finally {
    optimizer.dispose();
    xAll.dispose();
    yAll.dispose();
    varList.forEach((v) => v.dispose());
  }
}

/** Forward pass in plain JavaScript: relu hidden layers, linear output. */
function forwardJs(layers: Layer[], x: number[]): number[] {
  let h = x;
  layers.forEach((layer, i) => {
    const out = layer.bias.slice();
    for (let j = 0; j < h.length; j++) {
      const hj = h[j];
      if (hj === 0) continue;
      const row = layer.weights[j];
      for (let k = 0; k < out.length; k++) out[k] += hj * row[k];
    }
    h = i < layers.length - 1 ? out.map((v) => (v > 0 ? v : 0)) : out;
  });
  return h;
}

export class MLPClassifier extends BaseEstimator<MLPOptions> implements Classifier {
  static override readonly estimatorName = "MLPClassifier";
  #state?: MLPState;

  constructor(options: Partial<MLPOptions> = {}) {
    super({ ...defaults }, options);
  }

  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.#state!.classes!];
  }

  /** Training loss per epoch (scikit-learn's loss_curve_). */
  get lossCurve(): number[] {
    this.assertFitted("lossCurve");
    return [...this.#state!.lossCurve];
  }

  fit(X: unknown, y: unknown): this {
    const who = `${this.estimatorName}.fit`;
    checkOptions(who, this.params);
    const { values } = fitMatrix(X, who);
    const { classes, codes } = fitClasses(y, values.length, who);
    // Two classes: one logistic output unit, as scikit-learn (softmax over two units trains differently).
    const binary = classes.length === 2;
    const Y = Array.from(codes, (c) => (binary ? [c] : classes.map((_, k) => (k === c ? 1 : 0))));
    const { layers, lossCurve } = train({ who, params: this.params, X: values, Y, loss: binary ? "logistic" : "softmax" });
    this.#state = { classes, layers, lossCurve, nFeatures: values[0].length };
    this.markFitted();
    return this;
  }

  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const { layers, nFeatures } = this.#state!;
    const raw = predictMatrix(X, nFeatures, `${this.estimatorName}.predictProba`).map((x) => forwardJs(layers, x));
    // One output unit: the logistic probability of the second class (models saved with two units use softmax).
    if (layers[layers.length - 1].bias.length === 1) return raw.map(([z]) => [1 - sigmoid(z), sigmoid(z)]);
    return softmaxRows(raw);
  }

  predict(X: unknown): Label[] {
    return labelsFromProba(this.predictProba(X), this.#state?.classes ?? []);
  }

  protected saveState(): MLPState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as MLPState;
  }
}

export class MLPRegressor extends BaseEstimator<MLPOptions> implements Regressor {
  static override readonly estimatorName = "MLPRegressor";
  #state?: MLPState;

  constructor(options: Partial<MLPOptions> = {}) {
    super({ ...defaults }, options);
  }

  get lossCurve(): number[] {
    this.assertFitted("lossCurve");
    return [...this.#state!.lossCurve];
  }

  fit(X: unknown, y: unknown): this {
    const who = `${this.estimatorName}.fit`;
    checkOptions(who, this.params);
    const { values } = fitMatrix(X, who);
    const target = fitTarget(y, values.length, who);
    const { layers, lossCurve } = train({ who, params: this.params, X: values, Y: target.map((v) => [v]), loss: "squared" });
    this.#state = { layers, lossCurve, nFeatures: values[0].length };
    this.markFitted();
    return this;
  }

  predict(X: unknown): number[] {
    this.assertFitted("predict");
    const { layers, nFeatures } = this.#state!;
    return predictMatrix(X, nFeatures, `${this.estimatorName}.predict`).map((x) => forwardJs(layers, x)[0]);
  }

  protected saveState(): MLPState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as MLPState;
  }
}

registerEstimator(MLPClassifier);
registerEstimator(MLPRegressor);
