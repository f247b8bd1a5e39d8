import assert from "node:assert/strict";
import { MLPClassifier, MLPRegressor } from "../../../src/runtime/models/mlp";
import { progressSettings } from "../../../src/runtime/core/progress";
import { tfReady, tfBackend } from "../../../src/runtime/tf/backend";
import { accuracy, dataset, fixture, r2 } from "./fixtures";

describe("MLP models on TensorFlow.js", function () {
  this.timeout(120000);
  before(async () => {
    await tfReady();
  });

  const cases = fixture("randomized").cases.filter((c: any) => c.model.startsWith("MLP"));
  // breast_cancer_std is in the fixture too but takes several seconds per fit; iris, wine and macrodata keep the suite fast.
  for (const c of cases.filter((c: any) => c.dataset !== "breast_cancer_std")) {
    it(`${c.model} on ${c.dataset} (default options): ${c.metric} within 2 points of scikit-learn's ${c.score.toFixed(2)}`, () => {
      const d = dataset(c.dataset);
      let score: number;
      if (c.model === "MLPClassifier") {
        score = accuracy(new MLPClassifier({ seed: 0, verbose: false }).fit(d.xTrain, d.yTrain).predict(d.xTest), d.yTest);
      } else {
        // As in the fixture: the target is standardized with the training part's mean and sd.
        const y = d.yTrain as number[];
        const mean = y.reduce((a, b) => a + b, 0) / y.length;
        const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
        const model = new MLPRegressor({ seed: 0, epochs: 500, verbose: false }).fit(d.xTrain, y.map((v) => (v - mean) / sd));
        score = r2(model.predict(d.xTest).map((v) => v * sd + mean), d.yTest as number[]);
      }
      assert.ok(Math.abs(score - c.score) <= 2, `ours ${score.toFixed(2)} vs scikit-learn ${c.score.toFixed(2)} on ${tfBackend()}`);
    });
  }

  it("repeats exactly with a seed, and the loss goes down", () => {
    const d = dataset("iris_std");
    const a = new MLPClassifier({ hiddenLayers: [16], epochs: 20, seed: 5, verbose: false }).fit(d.xTrain, d.yTrain);
    const b = new MLPClassifier({ hiddenLayers: [16], epochs: 20, seed: 5, verbose: false }).fit(d.xTrain, d.yTrain);
    assert.deepEqual(a.predictProba(d.xTest), b.predictProba(d.xTest));
    assert.ok(a.lossCurve[a.lossCurve.length - 1] < a.lossCurve[0]);
  });

  it("prints its progress epoch by epoch while it trains", () => {
    const d = dataset("wine_std");
    const lines: string[] = [];
    const original = console.log;
    const interval = progressSettings.intervalMs;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    progressSettings.intervalMs = 0;
    try {
      new MLPClassifier({ hiddenLayers: [8], epochs: 5, tol: -1, seed: 1 }).fit(d.xTrain, d.yTrain);
    } finally {
      console.log = original;
      progressSettings.intervalMs = interval;
    }
    const epochs = lines.filter((l) => /^MLPClassifier\.fit: epoch \d\/5, loss \d/.test(l));
    assert.equal(epochs.length, 5, lines.join("\n"));
    assert.ok(lines.some((l) => /^MLPClassifier\.fit: done, 5 epochs, loss/.test(l)), lines.join("\n"));
  });

  it("two classes: one logistic output unit as scikit-learn, probabilities [1 - p, p], and a saved model predicts the same", () => {
    const d = dataset("breast_cancer_std");
    const ref = fixture("randomized").cases.find((c: any) => c.model === "MLPClassifier" && c.dataset === "breast_cancer_std");
    const m = new MLPClassifier({ seed: 0, verbose: false }).fit(d.xTrain, d.yTrain);
    const saved = m.toJSON() as { state: { layers: { bias: number[] }[] } };
    assert.equal(saved.state.layers[saved.state.layers.length - 1].bias.length, 1);
    const proba = m.predictProba(d.xTest);
    proba.forEach((p) => assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-12 && p[1] >= 0 && p[1] <= 1));
    const score = accuracy(m.predict(d.xTest), d.yTest);
    assert.ok(Math.abs(score - ref.score) <= 2, `ours ${score.toFixed(2)} vs scikit-learn ${ref.score.toFixed(2)}`);
    const copy = new MLPClassifier().restore(JSON.parse(JSON.stringify(saved.state)));
    assert.deepEqual(copy.predictProba(d.xTest), proba);
  });

  it("refuses bad hiddenLayers with an example of good ones", () => {
    const d = dataset("iris_std");
    assert.throws(() => new MLPClassifier({ hiddenLayers: [0] as number[], verbose: false }).fit(d.xTrain, d.yTrain), /hiddenLayers must be an array of positive integers, e\.g\. \[100\]/);
  });
});
