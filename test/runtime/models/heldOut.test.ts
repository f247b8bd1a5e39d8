import assert from "node:assert/strict";
import { DecisionTreeClassifier, DecisionTreeRegressor } from "../../../src/runtime/models/decisionTree";
import { RandomForestClassifier, RandomForestRegressor } from "../../../src/runtime/models/forest";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "../../../src/runtime/models/boosting";
import { SVC } from "../../../src/runtime/models/svm";
import { accuracy, fixture, r2, type Split } from "./fixtures";

/**
 * The held-out goal of issue 5 on the sets datasets.json lacks (held_out.json, written by
 * scripts/fixtures/reference_models.py): the rest of shared/datasets and synthetic sets with
 * continuous columns, many classes, strong imbalance, one-hot columns, mixed scales, small n and
 * constant columns. Both sides average seeds (many where the test set is small).
 */
const ref = fixture("held_out");

const makers: Record<string, (seed: number) => { fit(X: unknown, y: unknown): { predict(X: unknown): unknown[] } }> = {
  DecisionTreeClassifier: (seed) => new DecisionTreeClassifier({ seed }),
  DecisionTreeRegressor: (seed) => new DecisionTreeRegressor({ seed }),
  RandomForestClassifier: (seed) => new RandomForestClassifier({ seed }),
  RandomForestRegressor: (seed) => new RandomForestRegressor({ seed }),
  GradientBoostingClassifier: (seed) => new GradientBoostingClassifier({ seed }),
  GradientBoostingRegressor: (seed) => new GradientBoostingRegressor({ seed }),
  SVC: (seed) => new SVC({ seed }),
};

/** z-scores over all rows (population sd, constant columns left at 0), as the fixture script. */
function standardize(X: number[][]): number[][] {
  const p = X[0].length;
  const mean = Array.from({ length: p }, (_, j) => X.reduce((s, r) => s + r[j], 0) / X.length);
  const sd = mean.map((m, j) => Math.sqrt(X.reduce((s, r) => s + (r[j] - m) ** 2, 0) / X.length) || 1);
  return X.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
}

function heldOut(name: string): Split {
  const std = name.endsWith("_std");
  const d = ref.datasets[std ? name.slice(0, -4) : name];
  const X: number[][] = std ? standardize(d.X) : d.X;
  const pick = <T>(a: T[], idx: number[]) => idx.map((i) => a[i]);
  return { X, y: d.y, xTrain: pick(X, d.train), yTrain: pick(d.y, d.train), xTest: pick(X, d.test), yTest: pick(d.y, d.test) };
}

describe("Randomized models on more data sets: held-out score within 2 points of scikit-learn", function () {
  this.timeout(60000);
  for (const c of ref.cases) {
    it(`${c.model} on ${c.dataset}: ${c.metric} ${c.score.toFixed(2)} ± 2 (mean of ${c.oursSeeds} seed${c.oursSeeds > 1 ? "s" : ""})`, () => {
      const d = heldOut(c.dataset);
      let total = 0;
      for (let seed = 0; seed < c.oursSeeds; seed++) {
        const pred = makers[c.model](seed).fit(d.xTrain, d.yTrain).predict(d.xTest);
        total += c.metric === "accuracy" ? accuracy(pred, d.yTest) : r2(pred as number[], d.yTest as number[]);
      }
      const ours = total / c.oursSeeds;
      assert.ok(Math.abs(ours - c.score) <= 2, `ours ${ours.toFixed(2)} vs scikit-learn ${c.score.toFixed(2)} (sd ${c.sd.toFixed(2)} over ${c.seeds} seeds)`);
    });
  }
});
