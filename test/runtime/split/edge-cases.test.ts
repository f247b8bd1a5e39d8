/**
 * Fold and split sizes on scikit-learn's edge cases (scripts/fixtures/reference_edge_cases.py):
 * n not divisible by the folds, a class rarer than the folds (scikit-learn warns and still
 * allocates), string classes numbered in order of first appearance, and stratified test counts
 * under rounding, where scikit-learn breaks ties at random: every seed must give one of the
 * per-class counts scikit-learn gives over 30 seeds.
 */
import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import { crossValidate, kFold, stratifiedKFold, trainTestSplit, type FrameSplitOptions } from "../../../src/runtime/split";
import { registeredEstimator } from "../../../src/runtime/core/estimator";
import { pipeline } from "../../../src/runtime/index";
import { AibookError } from "../../../src/runtime/core/errors";
import { assertClose, dataset, fixture } from "../data/reference";
import { capturingWarnings } from "../warnings";

const edge = { ...fixture("edge-cases").splits, random: fixture("edge-cases").random, crossValidate: fixture("edge-cases").crossValidate, scorers: fixture("edge-cases").crossValidateScorers };


describe("split edge cases against scikit-learn", () => {
  for (const c of edge.kFold) {
    it(`kFold: ${c.n} rows in ${c.folds} folds`, () => {
      assert.deepEqual(kFold(c.n, { folds: c.folds }).map((f) => f.testIndex), c.testIndex);
    });
  }

  for (const c of edge.stratifiedKFold) {
    it(`stratifiedKFold: ${c.name}, ${c.folds} folds`, () => {
      if (c.error) {
        // JSON writes scikit-learn's NaN label as null: give it back as the NaN a user would pass.
        const y = c.y.map((v: unknown) => (v === null ? NaN : v));
        assert.throws(() => stratifiedKFold(y, { folds: c.folds }), AibookError);
        // The same labels cannot stratify a train/test split either (scikit-learn: StratifiedShuffleSplit refuses them too).
        if (y.some((v: unknown) => Number.isNaN(v))) assert.throws(() => trainTestSplit(y.map((_: unknown, i: number) => [i]), y, { stratify: true }), AibookError);
        return;
      }
      const { value: folds, warnings } = capturingWarnings(() => stratifiedKFold(c.y, { folds: c.folds }));
      assert.deepEqual(folds.map((f) => f.testIndex), c.testIndex);
      // scikit-learn warns when the rarest class has fewer rows than folds; so does the runtime.
      assert.equal(warnings.length > 0, c.warned, warnings.join("\n"));
      if (c.warned) assert.match(warnings[0], /has only \d+ rows, fewer than folds = \d+/);
      for (const f of folds) assert.equal(f.trainIndex.length + f.testIndex.length, c.y.length);
    });
  }

  edge.random.folds.forEach((c: any, i: number) => {
    it(`seeded random folds ${i}: ${c.y.length} rows, ${c.folds} folds`, () => {
      assert.deepEqual(kFold(c.y.length, { folds: c.folds }).map((f) => f.testIndex), c.kFold);
      assert.deepEqual(capturingWarnings(() => stratifiedKFold(c.y, { folds: c.folds })).value.map((f) => f.testIndex), c.stratifiedKFold);
    });
  });

  for (const c of edge.trainTestSplit) {
    it(`trainTestSplit stratify: ${c.name}, testSize ${c.testSize}`, () => {
      const X = c.y.map((_: unknown, i: number) => [i]);
      const allowed = new Set(c.allowed.map((a: { train: number[]; test: number[] }) => JSON.stringify(a)));
      for (let seed = 0; seed < 10; seed++) {
        const { yTrain, yTest } = trainTestSplit(X, c.y as unknown[], { testSize: c.testSize, stratify: true, seed });
        const count = (ys: unknown[]) => c.classes.map((k: unknown) => ys.filter((v) => v === k).length);
        const got = JSON.stringify({ train: count(yTrain), test: count(yTest) });
        assert.ok(allowed.has(got), `seed ${seed}: ${got} is not among scikit-learn's ${[...allowed].join(" | ")}`);
      }
    });

    it(`trainTestSplit(df, { stratify: "label" }): ${c.name}, testSize ${c.testSize}, as with (X, y)`, () => {
      const df = new DataFrame({ row: c.y.map((_: unknown, i: number) => i), label: c.y });
      const records = c.y.map((label: unknown, row: number) => ({ row, label }));
      const allowed = new Set(c.allowed.map((a: { train: number[]; test: number[] }) => JSON.stringify(a)));
      const count = (ys: unknown[]) => c.classes.map((k: unknown) => ys.filter((v) => v === k).length);
      for (let seed = 0; seed < 5; seed++) {
        const options: FrameSplitOptions = { testSize: c.testSize, stratify: "label", seed };
        const { train, test } = trainTestSplit(df, options);
        const got = JSON.stringify({ train: count(train["label"].values), test: count(test["label"].values) });
        assert.ok(allowed.has(got), `seed ${seed}: ${got} is not among scikit-learn's ${[...allowed].join(" | ")}`);
        // Records split by the same rows as the DataFrame.
        const parts = trainTestSplit(records, records.map((r: { label: unknown }) => r.label), { testSize: c.testSize, stratify: true, seed });
        assert.deepEqual(parts.xTest.map((r: { row: number }) => r.row).sort((a: number, b: number) => a - b), [...(test["row"].values as number[])].sort((a, b) => a - b));
      }
    });
  }

  for (const c of edge.crossValidate) {
    it(`crossValidate(${c.model}) on ${c.dataset}: scikit-learn's cross_validate scores, fold by fold`, async () => {
      const df = await dataset(c.dataset);
      const y = df[c.target];
      const X = df.drop({ columns: [c.target] });
      const Model = registeredEstimator(c.model)!;
      const cv = crossValidate(new Model() as never, X, y, { folds: 5, metrics: ["accuracy", "f1", "balancedAccuracy"] });
      for (const m of ["accuracy", "f1", "balancedAccuracy"]) assertClose(cv.folds.map((f) => f[m]), c[m], 1e-9, 0, m);
    });
  }

  for (const c of edge.scorers) {
    it(`crossValidate metric names equal cross_validate's scorers: ${c.name}`, () => {
      const [model, ...before] = [...c.steps].reverse().map((name: string) => new (registeredEstimator(name)!)());
      const estimator = before.length ? pipeline(...(before.reverse() as never[]), model as never) : model;
      const names = Object.keys(c.scores);
      const cv = crossValidate(estimator as never, c.X, c.y, { folds: c.folds, metrics: names as never });
      for (const m of names) {
        // scikit-learn's neg_* error scorers are negative; crossValidate reports the error itself (lower is better).
        const expected = ["rmse", "mae", "mse"].includes(m) ? c.scores[m].map((v: number) => -v) : c.scores[m];
        assertClose(cv.folds.map((f) => f[m]), expected, 1e-9, 0, m);
      }
    });
  }
});
