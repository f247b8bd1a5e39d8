import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import { permutationImportance } from "../../../src/runtime/inspect";
import { createRandom } from "../../../src/runtime/random";
import { MeanRegressor, NearestCentroid } from "../preprocess/toy-models";
import { GaussianNB, LinearRegression } from "../../../src/runtime/models";
import { fixture } from "../data/reference";
import { Mime } from "../../../src/protocol/mime";
import type { BarChart } from "../../../src/protocol/views";

describe("permutationImportance", () => {
  // The label depends on "signal" only; "noise" is random.
  const random = createRandom(1);
  const signal = Array.from({ length: 200 }, () => random.normal());
  const noise = Array.from({ length: 200 }, () => random.normal());
  const X = new DataFrame({ noise, signal });
  const y = signal.map((v) => (v > 0 ? "up" : "down"));
  const model = new NearestCentroid().fit(X, y);

  it("ranks the feature the model relies on first, and a useless one near zero", () => {
    const result = permutationImportance(model, X, y, { repeats: 5, seed: 3 });
    assert.equal(result.metric, "accuracy");
    assert.equal(result.features[0].feature, "signal");
    assert.ok(result.features[0].mean > 0.3, `signal importance ${result.features[0].mean}`);
    const noiseImportance = result.features.find((f) => f.feature === "noise")!;
    assert.ok(Math.abs(noiseImportance.mean) < 0.1, `noise importance ${noiseImportance.mean}`);
    assert.deepEqual(result.importancesMean, [noiseImportance.mean, result.features[0].mean]);
    assert.equal(result.features[0].values.length, 5);
  });

  it("shows as a bar per feature, most important first, with the numbers as a table in text", () => {
    const result = permutationImportance(model, X, y, { repeats: 3, seed: 3 });
    const [view, text] = result.toMimeBundle();
    assert.equal(view.mime, Mime.chart);
    const chart = view.data as BarChart;
    assert.deepEqual(chart.categories, ["signal", "noise"]);
    assert.deepEqual(chart.series, [{ name: "mean drop in accuracy", values: result.features.map((f) => f.mean) }]);
    assert.match(String(chart.title), /^Permutation importance \(accuracy \d/);
    assert.equal(text.mime, Mime.text);
    assert.match(String(text.data), /drop in accuracy when a feature is shuffled/);
    const lines = String(text.data).split("\n");
    assert.ok(lines.findIndex((l) => l.startsWith("signal")) < lines.findIndex((l) => l.startsWith("noise")), String(text.data));
    assert.equal(String(result), text.data);
  });

  it("is reproducible with a seed and does not change the model", () => {
    const before = model.predict(X);
    assert.deepEqual(permutationImportance(model, X, y, { seed: 9 }), permutationImportance(model, X, y, { seed: 9 }));
    assert.deepEqual(model.predict(X), before);
  });

  it("counts a rise in an error metric as importance", () => {
    const regressor = new MeanRegressor().fit(X, signal);
    const result = permutationImportance(regressor, X, signal, { metric: "rmse", seed: 1 });
    assert.ok(result.features.every((f) => f.mean === 0), "a model that ignores its inputs relies on nothing");
  });

  it("scores with the model's classes when the rows hold only some of them", () => {
    // Three classes along x; the rows scored hold two. Before, rocAuc read predictProba's column 1
    // (class "b") as the positive class "c"'s and reported an AUC of 0 with negative importances.
    const xs = Array.from({ length: 90 }, (_, i) => [Math.floor(i / 30) * 3 + random.normal() * 0.3, random.normal()]);
    const labels = xs.map((_, i) => ["a", "b", "c"][Math.floor(i / 30)]);
    const nb = new GaussianNB().fit(xs, labels);
    const rows = xs.map((_, i) => i).filter((i) => labels[i] !== "a");
    const [X2, y2] = [rows.map((i) => xs[i]), rows.map((i) => labels[i])];
    assert.throws(() => permutationImportance(nb, X2, y2, { metric: "rocAuc", seed: 1 }), /3 columns but yTrue has 2 classes/);
    const f1 = permutationImportance(nb, X2, y2, { metric: "f1", seed: 1 });
    assert.equal(f1.baseline, 1);
    assert.ok(f1.features[0].feature === "x0" && f1.features[0].mean > 0.3, JSON.stringify(f1.features));
  });

  for (const c of fixture("edge-cases").permutationImportance) {
    it(`agrees with scikit-learn's permutation_importance: ${c.model}, ${c.metric} (200 repeats, within 5 standard errors)`, () => {
      // Other shuffles than numpy's, so the means agree as estimates do: the same sign convention
      // (errors count their rise), the same scale, within a few standard errors of the difference.
      const rows = c.y.map((_: unknown, i: number) => i);
      const [train, test] = [rows.filter((i: number) => i % 2 === 0), rows.filter((i: number) => i % 2 === 1)];
      const Model = c.model === "GaussianNB" ? GaussianNB : LinearRegression;
      const fitted = new Model().fit(train.map((i: number) => c.X[i]), train.map((i: number) => c.y[i]));
      const result = permutationImportance(fitted as never, test.map((i: number) => c.X[i]), test.map((i: number) => c.y[i]), { metric: c.metric, repeats: 200, seed: 5 });
      result.importancesMean.forEach((mean, j) => {
        const se = Math.sqrt(2 / 200) * Math.max(c.std[j], 1e-3 * Math.max(...c.std));
        assert.ok(Math.abs(mean - c.mean[j]) <= 5 * se, `feature ${j}: ${mean} vs scikit-learn's ${c.mean[j]} (std ${c.std[j]})`);
      });
      for (const f of result.features) {
        const m = f.values.reduce((a, b) => a + b, 0) / f.values.length;
        // np.std, ddof 0, as importances_std.
        assert.equal(f.std, Math.sqrt(f.values.reduce((a, v) => a + (v - m) ** 2, 0) / f.values.length));
      }
    });
  }

  it("refuses an unfitted model, unknown metrics and mismatched rows", () => {
    assert.throws(() => permutationImportance(new NearestCentroid(), X, y), /not fitted yet/);
    assert.throws(() => permutationImportance(model, X, y, { metric: "auc" as never }), /unknown metric "auc"/);
    assert.throws(() => permutationImportance(model, X, y.slice(1)), /X has 200 rows but y has 199/);
    assert.throws(() => permutationImportance(model, X, y, { n_repeats: 3 } as never), /no option "n_repeats"/);
  });
});
