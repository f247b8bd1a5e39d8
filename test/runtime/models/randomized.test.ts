import assert from "node:assert/strict";
import { DecisionTreeClassifier, DecisionTreeRegressor } from "../../../src/runtime/models/decisionTree";
import { RandomForestClassifier, RandomForestRegressor } from "../../../src/runtime/models/forest";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "../../../src/runtime/models/boosting";
import { SVC } from "../../../src/runtime/models/svm";
import { progressSettings } from "../../../src/runtime/core/progress";
import { accuracy, dataset, fixture, r2 } from "./fixtures";

/** Each model on each suitable data set: held-out score (accuracy or R², in points). */
const makers: Record<string, (seed: number) => { fit(X: unknown, y: unknown): any }> = {
  DecisionTreeClassifier: (seed) => new DecisionTreeClassifier({ seed }),
  DecisionTreeRegressor: (seed) => new DecisionTreeRegressor({ seed }),
  RandomForestClassifier: (seed) => new RandomForestClassifier({ seed }),
  RandomForestRegressor: (seed) => new RandomForestRegressor({ seed }),
  GradientBoostingClassifier: (seed) => new GradientBoostingClassifier({ seed }),
  GradientBoostingRegressor: (seed) => new GradientBoostingRegressor({ seed }),
  SVC: (seed) => new SVC({ seed }),
  SVC_linear: (seed) => new SVC({ kernel: "linear", seed }),
  SVC_poly: (seed) => new SVC({ kernel: "poly", seed }),
};

describe("Randomized models score within 2 points of scikit-learn on held-out splits", () => {
  for (const c of fixture("randomized").cases) {
    const make = makers[c.model];
    if (!make) continue;
    // Single trees swing by several points between seeds: both sides average as many seeds.
    const seeds = c.model.startsWith("DecisionTree") ? c.seeds : c.model.startsWith("RandomForest") ? 2 : 1;
    it(`${c.model} on ${c.dataset}: ${c.metric} ${c.score.toFixed(2)} ± 2`, () => {
      const d = dataset(c.dataset);
      let total = 0;
      for (let seed = 0; seed < seeds; seed++) {
        const pred = make(seed).fit(d.xTrain, d.yTrain).predict(d.xTest);
        total += c.metric === "accuracy" ? accuracy(pred, d.yTest) : r2(pred, d.yTest as number[]);
      }
      const ours = total / seeds;
      assert.ok(Math.abs(ours - c.score) <= 2, `ours ${ours.toFixed(2)} vs scikit-learn ${c.score.toFixed(2)}`);
    });
  }
});

describe("Randomized models repeat with a seed", () => {
  const d = dataset("wine_std");
  for (const name of ["DecisionTreeClassifier", "RandomForestClassifier", "GradientBoostingClassifier"]) {
    it(`${name}: same seed, same probabilities`, () => {
      const a = (makers[name](7).fit(d.xTrain, d.yTrain) as any).predictProba(d.xTest);
      const b = (makers[name](7).fit(d.xTrain, d.yTrain) as any).predictProba(d.xTest);
      assert.deepEqual(a, b);
    });
  }
  it("RandomForestClassifier with another seed grows other trees", () => {
    const a = new RandomForestClassifier({ seed: 1, nEstimators: 5 }).fit(d.xTrain, d.yTrain).predictProba(d.xTest);
    const b = new RandomForestClassifier({ seed: 2, nEstimators: 5 }).fit(d.xTrain, d.yTrain).predictProba(d.xTest);
    assert.notDeepEqual(a, b);
  });
  it("fit leaves the options untouched (ml-random-forest's train mutates them)", () => {
    const m = new RandomForestClassifier({ nEstimators: 3, seed: 1 });
    const before = JSON.stringify(m.params);
    m.fit(d.xTrain, d.yTrain);
    assert.equal(JSON.stringify(m.params), before);
  });
});

describe("SVC probabilities", () => {
  it("rows sum to 1 and the most probable class mostly matches predict", () => {
    const d = dataset("iris_std");
    const m = new SVC({ probability: true, seed: 0 }).fit(d.xTrain, d.yTrain);
    const proba = m.predictProba(d.xTest);
    proba.forEach((p) => assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9));
    const pred = m.predict(d.xTest);
    const agree = proba.filter((p, i) => m.classes[p.indexOf(Math.max(...p))] === pred[i]).length / pred.length;
    assert.ok(agree >= 0.9, `agree ${agree}`);
  });
  it("has no predictProba without probability: true, as scikit-learn", () => {
    assert.equal(typeof new SVC().predictProba, "undefined");
    assert.equal(typeof new SVC({ probability: true }).predictProba, "function");
  });
});

describe("long fits report progress", () => {
  it("forests and boosting print trees/stages as they go (shown here at every step), short fits stay quiet", () => {
    const d = dataset("wine_std");
    const lines: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      new RandomForestClassifier({ nEstimators: 5, seed: 1 }).fit(d.xTrain, d.yTrain);
      assert.deepEqual(lines, [], "a fit under a second prints nothing");
      progressSettings.intervalMs = 0;
      new RandomForestClassifier({ nEstimators: 5, seed: 1 }).fit(d.xTrain, d.yTrain);
      new GradientBoostingRegressor({ nEstimators: 3, seed: 1 }).fit(d.xTrain, d.xTrain.map((r) => r[0]));
    } finally {
      console.log = original;
      progressSettings.intervalMs = 1000;
    }
    assert.ok(lines.some((l) => /^RandomForestClassifier\.fit: tree 4\/5 \(\d+\.\d s\)$/.test(l)), lines.join("\n"));
    assert.ok(lines.some((l) => /^RandomForestClassifier\.fit: done, 5 trees/.test(l)), lines.join("\n"));
    assert.ok(lines.some((l) => /^GradientBoostingRegressor\.fit: stage 2\/3/.test(l)), lines.join("\n"));
  });
});
