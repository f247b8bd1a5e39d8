import assert from "node:assert/strict";
import { KMeans } from "../../../src/runtime/models/kmeans";
import { DBSCAN } from "../../../src/runtime/models/dbscan";
import { IsolationForest } from "../../../src/runtime/models/isolationForest";
import { LocalOutlierFactor } from "../../../src/runtime/models/localOutlierFactor";
import { OneClassSVM } from "../../../src/runtime/models/oneClassSvm";
import { ari, assertClose, dataset, fixture } from "./fixtures";

const ref = fixture("unsupervised");


/** ROC AUC × 100 of `score` (higher = more anomalous) against truth -1 = anomaly. */
function auc(score: number[], truth: number[]): number {
  const pos = score.filter((_, i) => truth[i] === -1);
  const neg = score.filter((_, i) => truth[i] !== -1);
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return (100 * wins) / (pos.length * neg.length);
}

describe("KMeans reaches scikit-learn's clustering", () => {
  for (const c of ref.kmeans) {
    it(`${c.dataset}, k=${c.k}: median adjusted Rand index over 20 seeds within 2 points, inertia within 1%`, () => {
      const d = dataset(c.dataset);
      const scores = Array.from({ length: 20 }, (_, seed) => new KMeans({ k: c.k, seed }).fit(d.X));
      const aris = scores.map((m) => ari(m.labels, d.y)).sort((a, b) => a - b);
      const median = (aris[9] + aris[10]) / 2;
      assert.ok(Math.abs(median - c.medianAri) <= 2, `median ARI ${median.toFixed(2)} vs scikit-learn ${c.medianAri.toFixed(2)}`);
      const best = Math.min(...scores.map((m) => m.inertia));
      assert.ok(Math.abs(best - c.inertia) <= 0.01 * c.inertia, `inertia ${best} vs ${c.inertia}`);
    });
  }
  it("converges to a fixed point of Lloyd: every row at its nearest centre, every centre the mean of its rows", () => {
    // Overlapping blobs: many rows sit near a boundary, where the bounds that skip work must not err.
    let s = 3;
    const next = () => ((s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647);
    const X = Array.from({ length: 3000 }, (_, i) => Array.from({ length: 7 }, (_, j) => next() * 4 + ((i % 5) * (j % 3)) / 2));
    const m = new KMeans({ k: 6, seed: 3, tol: 0 }).fit(X);
    const centers = m.centers;
    const sq = (a: number[], b: number[]) => a.reduce((t, v, j) => t + (v - b[j]) ** 2, 0);
    let inertia = 0;
    X.forEach((x, i) => {
      const d = centers.map((c) => sq(x, c));
      assert.equal(m.labels[i], d.indexOf(Math.min(...d)), `row ${i}`);
      inertia += Math.min(...d);
    });
    centers.forEach((c, ci) => {
      const members = X.filter((_, i) => m.labels[i] === ci);
      c.forEach((v, j) => assert.ok(Math.abs(v - members.reduce((t, r) => t + r[j], 0) / members.length) <= 1e-9, `centre ${ci}`));
    });
    assert.ok(Math.abs(m.inertia - inertia) <= 1e-9 * inertia);
    m.transform(X.slice(0, 3)).forEach((row, i) =>
      row.forEach((v, c) => assert.ok(Math.abs(v - Math.sqrt(sq(X[i], centers[c]))) <= 1e-12, `transform ${i}, ${c}`)),
    );
  });

  it("repeats with a seed and predicts the nearest centre", () => {
    const d = dataset("iris_std");
    const a = new KMeans({ k: 3, seed: 9 }).fit(d.X);
    assert.deepEqual(new KMeans({ k: 3, seed: 9 }).fit(d.X).labels, a.labels);
    assert.deepEqual(a.predict(d.X), a.labels);
  });
});

describe("DBSCAN matches scikit-learn", () => {
  for (const c of ref.dbscan) {
    it(`${c.dataset}, eps=${c.eps}: same core rows, same clusters`, () => {
      const m = new DBSCAN({ eps: c.eps, minSamples: c.minSamples }).fit(dataset(c.dataset).X);
      assert.deepEqual(m.labels, c.labels);
      assert.deepEqual(m.coreSampleIndices, c.core.flatMap((v: boolean, i: number) => (v ? [i] : [])));
    });
  }
});

describe("Anomaly detectors reach scikit-learn's results (1 normal, -1 anomaly)", () => {
  const d = dataset("blobs_outliers");
  const truth = d.y as number[];
  it("IsolationForest: AUC and share flagged within 2 points, reproducible with seed", () => {
    const runs = [0, 1, 2].map((seed) => new IsolationForest({ seed }).fit(d.X));
    const meanAuc = runs.reduce((s, m) => s + auc(m.scoreSamples(d.X).map((v) => -v), truth), 0) / runs.length;
    const share = runs.reduce((s, m) => s + (100 * m.predict(d.X).filter((v) => v === -1).length) / d.X.length, 0) / runs.length;
    const c = ref.isolationForest[0];
    assert.ok(Math.abs(meanAuc - c.auc) <= 2, `AUC ${meanAuc} vs ${c.auc}`);
    assert.ok(Math.abs(share - c.anomalyPercent) <= 2, `share ${share} vs ${c.anomalyPercent}`);
    assert.deepEqual(new IsolationForest({ seed: 1 }).fit(d.X).scoreSamples(d.X), runs[1].scoreSamples(d.X));
  });
  for (const c of ref.localOutlierFactor) {
    it(`LocalOutlierFactor on ${c.dataset}, k=${c.k}: outlier factors and labels, training rows and novelty`, () => {
      const d = dataset(c.dataset);
      const m = new LocalOutlierFactor({ k: c.k });
      assert.deepEqual(m.fitPredict(d.X), c.fitPredict);
      assertClose(m.negativeOutlierFactor, c.negativeOutlierFactor, 1e-9, 1e-12, "negativeOutlierFactor");
      const novelty = new LocalOutlierFactor({ k: c.k }).fit(d.X.slice(0, c.noveltyTrainRows));
      assertClose(novelty.scoreSamples(d.X.slice(c.noveltyTrainRows)), c.noveltyScoreSamples, 1e-9, 1e-12, "scoreSamples");
      assert.deepEqual(novelty.predict(d.X.slice(c.noveltyTrainRows)), c.noveltyPredict);
    });
  }
  for (const c of ref.oneClassSvm) {
    it(`OneClassSVM nu=${c.nu}: decision values as libsvm, labels agree`, () => {
      const m = new OneClassSVM({ nu: c.nu }).fit(d.X);
      const pred = m.predict(d.X);
      const agree = pred.filter((p, i) => p === c.predict[i]).length / pred.length;
      assert.ok(agree >= 0.98, `labels agree on ${agree}`);
      assertClose(m.decisionFunction(d.X), c.decisionFunction, 0, 2e-3 * Math.max(...c.decisionFunction.map(Math.abs)), "decisionFunction");
      const ours = auc(m.decisionFunction(d.X).map((v) => -v), truth);
      assert.ok(Math.abs(ours - c.auc) <= 2, `AUC ${ours} vs ${c.auc}`);
    });
  }
});
