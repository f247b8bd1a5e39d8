import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { evaluate } from "../../../src/runtime/report/evaluate";

/** A one-layer tfjs model with set weights, so its outputs are known exactly. */
function dense(units: number, activation: "sigmoid" | "softmax" | "linear", kernel: number[][], bias: number[]) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [kernel.length], activation })] });
  model.layers[0].setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  return model;
}

const X = [[1], [3], [4], [6], [7], [9]];

describe("evaluate with a hand-made TensorFlow.js model", () => {
  before(() => tf.setBackend("cpu"));

  it("reads one sigmoid unit on 0/1 labels as the positive class's probability", () => {
    const model = dense(1, "sigmoid", [[1]], [-5]);
    const y = [0, 0, 1, 0, 1, 1];
    const r = evaluate(model, X, y, { name: "tf" });
    // p > 0.5 exactly for x > 5: predictions 0 0 0 1 1 1 -> one false negative (x=4), one false positive (x=6).
    assert.deepEqual(r.confusionMatrix, [[2, 1], [1, 2]]);
    assert.equal(r.metrics.accuracy, 4 / 6);
    // Scores increase with x, so AUC is the share of (positive, negative) pairs ordered right: 8 of 9.
    assert.ok(Math.abs(r.metrics.rocAuc! - 8 / 9) < 1e-12, String(r.metrics.rocAuc));
    assert.match(r.payload.model, /^tfjs /);
  });

  it("reads k softmax units as the probabilities of the k sorted labels", () => {
    const model = dense(3, "softmax", [[-2, 0, 2]], [8, 0, -10]);
    const y = ["a", "a", "b", "b", "c", "c"];
    const r = evaluate(model, tf.tensor2d(X), y);
    assert.deepEqual(r.payload.confusion?.labels, ["a", "b", "c"]);
    const logits = X.map(([x]) => [-2 * x + 8, 0, 2 * x - 10]);
    const expected = logits.map((l) => ["a", "b", "c"][l.indexOf(Math.max(...l))]);
    const correct = expected.filter((p, i) => p === y[i]).length;
    assert.equal(r.metrics.accuracy, correct / y.length);
    assert.equal(r.payload.roc?.length, 3);
  });

  it("reads one linear unit as a regression", () => {
    const model = dense(1, "linear", [[2]], [1]);
    const y = X.map(([x]) => 2 * x + 1 + (x % 2 ? 0.5 : -0.5));
    const r = evaluate(model, X, y);
    assert.equal(r.payload.task, "regression");
    assert.ok(Math.abs(r.metrics.mae! - 0.5) < 1e-6, String(r.metrics.mae));
  });
});
