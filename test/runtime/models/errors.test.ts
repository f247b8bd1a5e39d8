import assert from "node:assert/strict";
import { MissingValuesError, NotFittedError, UnknownOptionError, AibookError } from "../../../src/runtime/core/errors";
import * as models from "../../../src/runtime/models";

const X = [[1, 2], [2, 1], [3, 4], [4, 3], [5, 6], [6, 5]];
const y = ["a", "b", "a", "b", "a", "b"];

const supervised: [string, () => { fit(X: unknown, y: unknown): unknown; predict(X: unknown): unknown }][] = [
  ["LogisticRegression", () => new models.LogisticRegression()],
  ["GaussianNB", () => new models.GaussianNB()],
  ["KNeighborsClassifier", () => new models.KNeighborsClassifier({ k: 3 })],
  ["DecisionTreeClassifier", () => new models.DecisionTreeClassifier()],
  ["RandomForestClassifier", () => new models.RandomForestClassifier({ nEstimators: 3 })],
  ["GradientBoostingClassifier", () => new models.GradientBoostingClassifier({ nEstimators: 3 })],
  ["SVC", () => new models.SVC()],
];

describe("model errors say what is wrong and where", () => {
  for (const [name, make] of supervised) {
    it(`${name}: missing values in fit name the column and count and say how to fix it`, () => {
      const withGaps = [{ columns: ["age", "income"], values: [[1, null], [2, 3], [NaN, 4], [4, 5], [5, 6], [6, NaN]] }][0];
      assert.throws(
        () => make().fit(withGaps, y),
        (e: Error) => e instanceof MissingValuesError && /age \(1\), income \(2\)/.test(e.message) && /SimpleImputer/.test(e.message) && e.message.startsWith(`${name}.fit`),
      );
    });
    it(`${name}: X and y of different lengths`, () => {
      assert.throws(() => make().fit(X, y.slice(1)), /X has 6 rows but y has 5/);
    });
    it(`${name}: one class only`, () => {
      assert.throws(() => make().fit(X, y.map(() => "a")), /y holds one class only \("a"\)/);
    });
    it(`${name}: text in a numeric column`, () => {
      assert.throws(() => make().fit([[1, "x"], ...X.slice(1)], y), /column "x1" holds the text "x" at row 0/);
    });
    it(`${name}: predict before fit, and with the wrong number of columns`, () => {
      assert.throws(() => make().predict(X), NotFittedError);
      const m = make();
      m.fit(X, y);
      assert.throws(() => m.predict([[1, 2, 3]]), /X has 3 columns but the model was fitted on 2/);
    });
  }

  it("an unknown option lists the known ones", () => {
    assert.throws(
      () => new models.RandomForestClassifier({ nTrees: 10 } as never),
      (e: Error) => e instanceof UnknownOptionError && /has no option "nTrees"/.test(e.message) && /nEstimators/.test(e.message),
    );
  });

  it("a bad option value is refused at fit, naming the allowed values", () => {
    assert.throws(() => new models.GLM({ family: "tweedie" as never }).fit(X, [1, 2, 3, 4, 5, 6]), /family must be one of "gaussian", "poisson", "gamma", "binomial"/);
    assert.throws(() => new models.KMeans({ k: 10 }).fit(X), /k = 10 clusters but X has only 6 rows/);
  });

  it("classifiers refuse a continuous target, as scikit-learn ('Unknown label type'), instead of fitting a class per value", () => {
    const continuous = [0.5, 1.5, 2.5, 0.5, 1.5, 2.25];
    for (const [name, make] of [...supervised, ["MLPClassifier", () => new models.MLPClassifier({ epochs: 1 })] as const]) {
      assert.throws(() => make().fit(X, continuous), (e: Error) => e instanceof AibookError && /y holds the non-integer value 0\.5, a continuous target, not class labels; use a regressor/.test(e.message), name);
    }
    // whole numbers stored as floats are classes; DummyClassifier takes anything, as scikit-learn's does
    assert.deepEqual((new models.LogisticRegression().fit(X, [0, 1, 0, 1, 0, 1]) as unknown as { classes: number[] }).classes, [0, 1]);
    assert.equal((new models.DummyClassifier().fit(X, continuous).predict([[1, 2]]) as number[])[0], 0.5);
  });

  it("GLM binomial on text labels says how to get its 0/1 target, instead of calling it a regression target", () => {
    assert.throws(
      () => new models.GLM({ family: "binomial" }).fit(X, ["no", "yes", "no", "yes", "no", "yes"]),
      (e: Error) => e instanceof AibookError && /holds the text "no" at row 0\. The binomial family needs 0\/1/.test(e.message) && /LabelEncoder/.test(e.message) && !/regression target/.test(e.message),
    );
    assert.throws(() => new models.GLM({ family: "poisson" }).fit(X, y), /a regression target must be numeric/);
  });

  it("GLM binomial on separated classes refuses, as statsmodels (PerfectSeparationError), instead of returning NaN coefficients", () => {
    const Xs = Array.from({ length: 30 }, (_, i) => [i % 5, (i * 3) % 7]);
    const ys = Xs.map((r) => (r[0] > 2 ? 1 : 0));
    assert.throws(() => new models.GLM({ family: "binomial" }).fit(Xs, ys), (e: Error) => e instanceof AibookError && /perfect separation/.test(e.message) && /alpha > 0/.test(e.message));
    // With a penalty the optimum is finite.
    const m = new models.GLM({ family: "binomial", alpha: 0.01 }).fit(Xs, ys);
    assert.ok([m.intercept, ...m.coef].every(Number.isFinite));
  });

  it("a regression target must be numeric", () => {
    assert.throws(() => new models.LinearRegression().fit(X, y), (e: Error) => e instanceof AibookError && /regression target must be numeric/.test(e.message));
    assert.throws(() => new models.LinearRegression().fit(X, [1, 2, NaN, 4, 5, 6]), MissingValuesError);
  });
});
