/**
 * The estimator contract, checked on every registered estimator (scikit-learn's check_estimator
 * idea): unknown options are refused with the known ones listed, fit returns the estimator,
 * predict/transform before fit throws NotFittedError, clone is unfitted with equal options, and
 * toJSON -> estimatorFromJSON (through a JSON string, as saveModel writes it) predicts the same.
 * A newly registered estimator without a recipe below fails the first test, on purpose.
 */
import assert from "node:assert/strict";
import "../../src/runtime/index";
import { estimatorFromJSON, registeredEstimator, registeredEstimators } from "../../src/runtime/core/estimator";
import { NotFittedError, UnknownOptionError } from "../../src/runtime/core/errors";
import { StandardScaler } from "../../src/runtime/preprocess";
import { LogisticRegression } from "../../src/runtime/models/logistic";

const X = Array.from({ length: 40 }, (_, i) => [Math.sin(i) * 3 + (i % 2), Math.cos(i * 0.7) * 2, (i % 5) - 2, i / 10]);
const labels = X.map((_, i) => (i % 2 === 0 ? "a" : i % 3 === 0 ? "b" : "c"));
const numbers = X.map((r) => 2 * r[0] - r[1] + 0.5 * r[3] + 10);
const counts = X.map((_, i) => i % 4);
const categories = X.map((_, i) => ["red", i % 3 === 0 ? "x" : "y"]);

interface Recipe {
  options?: Record<string, unknown>;
  /** fit arguments and the input of predict/transform. */
  fitArgs: unknown[];
  input: unknown;
  method: "predict" | "transform";
}

const classifier = (options?: Record<string, unknown>): Recipe => ({ options, fitArgs: [X, labels], input: X, method: "predict" });
const regressor = (options?: Record<string, unknown>): Recipe => ({ options, fitArgs: [X, numbers], input: X, method: "predict" });
const unsupervised = (options?: Record<string, unknown>): Recipe => ({ options, fitArgs: [X], input: X, method: "predict" });
const transformer = (options?: Record<string, unknown>): Recipe => ({ options, fitArgs: [X], input: X, method: "transform" });

const recipes: Record<string, () => Recipe> = {
  LinearRegression: () => regressor(),
  LogisticRegression: () => classifier(),
  GLM: () => ({ options: { family: "poisson" }, fitArgs: [X, counts], input: X, method: "predict" }),
  GaussianNB: () => classifier(),
  KNeighborsClassifier: () => classifier({ k: 3 }),
  DummyClassifier: () => classifier(),
  DummyRegressor: () => regressor(),
  PCA: () => transformer({ components: 2 }),
  DecisionTreeClassifier: () => classifier({ seed: 1 }),
  DecisionTreeRegressor: () => regressor({ seed: 1 }),
  RandomForestClassifier: () => classifier({ nEstimators: 10, seed: 1 }),
  RandomForestRegressor: () => regressor({ nEstimators: 10, seed: 1 }),
  GradientBoostingClassifier: () => classifier({ nEstimators: 10, seed: 1 }),
  GradientBoostingRegressor: () => regressor({ nEstimators: 10, seed: 1 }),
  SVC: () => classifier({ probability: true, seed: 1 }),
  MLPClassifier: () => classifier({ hiddenLayers: [8], epochs: 5, seed: 1, verbose: false }),
  MLPRegressor: () => regressor({ hiddenLayers: [8], epochs: 5, seed: 1, verbose: false }),
  KMeans: () => unsupervised({ k: 3, seed: 1 }),
  DBSCAN: () => unsupervised({ eps: 1.5, minSamples: 3 }),
  IsolationForest: () => unsupervised({ nEstimators: 10, seed: 1 }),
  LocalOutlierFactor: () => unsupervised({ k: 5 }),
  OneClassSVM: () => unsupervised({ nu: 0.2 }),
  StandardScaler: () => transformer(),
  MinMaxScaler: () => transformer(),
  SimpleImputer: () => transformer(),
  SelectKBest: () => ({ options: { k: 2 }, fitArgs: [X, labels], input: X, method: "transform" }),
  OneHotEncoder: () => ({ fitArgs: [categories], input: categories, method: "transform" }),
  LabelEncoder: () => ({ fitArgs: [labels], input: labels, method: "transform" }),
  Pipeline: () => ({ options: { steps: [new StandardScaler(), new LogisticRegression()] }, fitArgs: [X, labels], input: X, method: "predict" }),
};

type AnyEstimator = Record<string, any> & { params: Record<string, unknown>; isFitted: boolean };

function make(name: string): { model: AnyEstimator; recipe: Recipe } {
  const recipe = recipes[name]();
  const cls = registeredEstimator(name)!;
  return { model: new cls(recipe.options) as unknown as AnyEstimator, recipe };
}

/** Options as saveModel stores them, nested estimators (pipeline steps) by type and options only. */
const plain = (params: unknown) => JSON.parse(JSON.stringify(params), (key, value) => (key === "state" ? undefined : value));

describe("estimator conformance (every registered estimator)", () => {
  const names = registeredEstimators();

  it("every registered estimator has a recipe here, and every recipe a registered estimator", () => {
    assert.deepEqual(names.filter((n) => !recipes[n]), [], "registered estimators missing from the conformance recipes");
    assert.deepEqual(Object.keys(recipes).filter((n) => !names.includes(n)), [], "recipes for estimators that are not registered");
  });

  for (const name of names) {
    if (!recipes[name]) continue;
    describe(name, () => {
      it("refuses an unknown option and lists the known ones", () => {
        const cls = registeredEstimator(name)!;
        const known = Object.keys(new cls(recipes[name]().options).params);
        assert.throws(
          () => new cls({ ...recipes[name]().options, noSuchOption: 1 }),
          (error: Error) => error instanceof UnknownOptionError && known.every((k) => error.message.includes(k)) && error.message.includes("noSuchOption"),
        );
      });

      it("fit returns the estimator itself", () => {
        const { model, recipe } = make(name);
        assert.equal(model.fit(...recipe.fitArgs), model);
        assert.equal(model.isFitted, true);
      });

      it(`${recipes[name]().method} before fit throws NotFittedError`, () => {
        const { model, recipe } = make(name);
        assert.throws(() => model[recipe.method](recipe.input), NotFittedError);
      });

      it("clone() is unfitted, with equal options", () => {
        const { model, recipe } = make(name);
        model.fit(...recipe.fitArgs);
        const copy = model.clone();
        assert.notEqual(copy, model);
        assert.equal(copy.isFitted, false);
        assert.deepEqual(plain(copy.params), plain(model.params));
        assert.throws(() => copy[recipe.method](recipe.input), NotFittedError);
      });

      it("toJSON -> estimatorFromJSON predicts the same", () => {
        const { model, recipe } = make(name);
        model.fit(...recipe.fitArgs);
        const again = estimatorFromJSON(JSON.parse(JSON.stringify(model.toJSON()))) as unknown as AnyEstimator;
        assert.equal(again.constructor, model.constructor);
        assert.deepEqual(again[recipe.method](recipe.input), model[recipe.method](recipe.input));
        if (typeof model.predictProba === "function" && typeof again.predictProba === "function") {
          assert.deepEqual(again.predictProba(recipe.input), model.predictProba(recipe.input));
        }
        const unfitted = estimatorFromJSON(JSON.parse(JSON.stringify(make(name).model.toJSON()))) as unknown as AnyEstimator;
        assert.equal(unfitted.isFitted, false);
      });
    });
  }
});
