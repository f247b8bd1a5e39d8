import assert from "node:assert/strict";
import { KMeans } from "../../../src/runtime/models/kmeans";
import { LogisticRegression } from "../../../src/runtime/models/logistic";
import { progressSettings } from "../../../src/runtime/core/progress";
import { GaussianNB } from "../../../src/runtime/models/naiveBayes";
import { DecisionTreeClassifier, DecisionTreeRegressor } from "../../../src/runtime/models/decisionTree";
import { KNeighborsClassifier } from "../../../src/runtime/models/neighbors";
import { DBSCAN } from "../../../src/runtime/models/dbscan";
import { crossValidate } from "../../../src/runtime/split/cross-validate";
import { compareModels } from "../../../src/runtime/report/compare";
import { SVC } from "../../../src/runtime/models/svm";
import { OneClassSVM } from "../../../src/runtime/models/oneClassSvm";
import { createRandom } from "../../../src/runtime/random";
import { permutationImportance } from "../../../src/runtime/inspect/permutation-importance";
import { dataset } from "../models/fixtures";

/** The lines a fit prints, with progress shown at every step (intervalMs 0) or at the default pace. */
function printed(fit: () => void, intervalMs: number): string[] {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  progressSettings.intervalMs = intervalMs;
  try {
    fit();
  } finally {
    console.log = original;
    progressSettings.intervalMs = 1000;
  }
  return lines;
}

describe("progress of long-running steps", () => {
  const d = dataset("wine_std");

  it("KMeans prints its Lloyd iterations with the centre shift, then the inertia", () => {
    const lines = printed(() => new KMeans({ k: 3, seed: 1 }).fit(d.xTrain), 0);
    assert.match(lines[1], /^KMeans\.fit: iteration 2\/300, centre shift \d\.\d\de[-+]\d+ \(\d+\.\d s\)$/);
    assert.match(lines.at(-1)!, /^KMeans\.fit: done, \d+ iterations, inertia \d+\.?\d* \(\d+\.\d s\)$/);
    const runs = printed(() => new KMeans({ k: 3, seed: 1, nInit: 2 }).fit(d.xTrain), 0);
    assert.ok(runs.some((l) => l.startsWith("KMeans.fit (run 2/2): iteration 1/300")), runs.join("\n"));
  });

  it("LogisticRegression prints its lbfgs iterations with the loss, then a summary", () => {
    const lines = printed(() => new LogisticRegression().fit(d.xTrain, d.yTrain), 0);
    assert.match(lines[2], /^LogisticRegression\.fit: iteration 3\/100, loss \d\.\d{5}/);
    assert.match(lines.at(-1)!, /^LogisticRegression\.fit: done, \d+ iterations, loss \d/);
  });

  it("a single decision tree prints the rows settled in leaves, ending at all of them", () => {
    const lines = printed(() => new DecisionTreeClassifier({ seed: 1 }).fit(d.xTrain, d.yTrain), 0);
    const n = d.xTrain.length;
    assert.match(lines[0], new RegExp(`^DecisionTreeClassifier\\.fit: rows in leaves \\d+/${n} \\(\\d+\\.\\d s\\)$`));
    assert.ok(lines.some((l) => l.includes(`rows in leaves ${n}/${n}`)), lines.join("\n"));
    assert.match(lines.at(-1)!, /^DecisionTreeClassifier\.fit: done, \d+ nodes/);
    const regression = printed(() => new DecisionTreeRegressor({ seed: 1 }).fit(d.xTrain, d.xTrain.map((r) => r[0])), 0);
    assert.match(regression.at(-1)!, /^DecisionTreeRegressor\.fit: done, \d+ nodes/);
    assert.deepEqual(printed(() => new DecisionTreeClassifier({ seed: 1 }).fit(d.xTrain, d.yTrain), 1000), []);
  });

  it("neighbour searches print the rows searched", () => {
    const knn = printed(() => new KNeighborsClassifier().fit(d.xTrain, d.yTrain).predict(d.xTest), 0);
    assert.match(knn.at(-1)!, new RegExp(`^KNeighborsClassifier\\.predictProba: done, ${d.xTest.length} rows`));
    const dbscan = printed(() => new DBSCAN({ eps: 2 }).fit(d.X), 0);
    assert.match(dbscan.at(-1)!, new RegExp(`^DBSCAN\\.fit: done, ${d.X.length} rows`));
  });

  it("stays quiet for fits shorter than the interval", () => {
    assert.deepEqual(printed(() => new KMeans({ k: 3, seed: 1 }).fit(d.xTrain), 1000), []);
    assert.deepEqual(printed(() => new LogisticRegression().fit(d.xTrain, d.yTrain), 1000), []);
  });

  it("crossValidate prints each fold's scores, then the means", () => {
    const lines = printed(() => crossValidate(new GaussianNB(), d.X, d.y, { folds: 3, metrics: ["accuracy", "f1"] }), 0);
    assert.match(lines[0], /^crossValidate: fold 1\/3, accuracy \d\.\d{4}, f1 \d\.\d{4} \(\d+\.\d s\)$/);
    assert.equal(lines.length, 4, lines.join("\n"));
    assert.match(lines[3], /^crossValidate: done, mean accuracy \d\.\d{4}, mean f1 \d\.\d{4}/);
  });

  it("compareModels names the model whose folds it is running", () => {
    const lines = printed(() => compareModels({ nb: new GaussianNB(), lr: new LogisticRegression() }, d.X, d.y, { folds: 2 }), 0);
    assert.ok(lines.some((l) => /^compareModels \(nb\): fold 2\/2, balancedAccuracy /.test(l)), lines.join("\n"));
    assert.ok(lines.some((l) => /^compareModels \(lr\): fold 1\/2, /.test(l)), lines.join("\n"));
  });

  it("permutationImportance prints the features it has shuffled", () => {
    const model = new GaussianNB().fit(d.xTrain, d.yTrain);
    const lines = printed(() => permutationImportance(model, d.xTest, d.yTest, { repeats: 2, seed: 1 }), 0);
    const features = d.xTest[0].length;
    assert.match(lines[0], new RegExp(`^permutationImportance: feature 1/${features}, \\S+ -?\\d\\.\\d{4}`));
    assert.match(lines.at(-1)!, new RegExp(`^permutationImportance: done, ${features} features × 2 repeats`));
  });

  it("SVC prints each pair of classes it has solved, and the SMO iterations of a long solve", () => {
    const lines = printed(() => new SVC({ probability: true, seed: 0 }).fit(d.xTrain, d.yTrain), 0);
    const classes = [...new Set(d.yTrain)].length;
    const pairs = (classes * (classes - 1)) / 2;
    assert.match(lines.find((l) => / 1\/\d+, \S+ vs \S+: \d+ support vectors/.test(l)) ?? "", new RegExp(`^SVC\\.fit: class pair 1/${pairs}, `));
    assert.match(lines.at(-1)!, /^SVC\.fit: done, \d+ support vectors \(\d+\.\d s\)$/);
    // Overlapping classes and a large C make SMO take thousands of steps: those are reported too.
    const random = createRandom(3);
    const X = Array.from({ length: 600 }, () => [random.next() * 2 - 1, random.next() * 2 - 1]);
    const y = X.map(([a, b]) => (a * b + (random.next() - 0.5) * 0.6 > 0 ? "in" : "out"));
    const hard = printed(() => new SVC({ c: 1000 }).fit(X, y), 0);
    assert.ok(hard.some((l) => /^SVC\.fit: class pair 0\/1, in vs out: SMO iteration \d*000, gap \d\.\d\de[-+]\d+ \(stops below 0\.001\)/.test(l)), hard.slice(0, 5).join("\n"));
    // A narrow kernel (gamma 10) on the same rows: over a thousand steps for the one-class solve too.
    const oneClass = printed(() => new OneClassSVM({ nu: 0.5, gamma: 10 }).fit(X), 0);
    assert.match(oneClass[0] ?? "", /^OneClassSVM\.fit: SMO iteration 1000, gap \d\.\d\de[-+]\d+ \(stops below 0\.001\)/);
    assert.match(oneClass.at(-1) ?? "", /^OneClassSVM\.fit: done, \d{4,} iterations/);
  });
});
