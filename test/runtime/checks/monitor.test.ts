import assert from "node:assert/strict";
import {
  compareModels,
  crossValidate,
  DecisionTreeClassifier,
  DummyClassifier,
  evaluate,
  LinearRegression,
  LogisticRegression,
  metrics,
  pipeline,
  SimpleImputer,
  StandardScaler,
  trainTestSplit,
} from "../../../src/runtime";
import { RuntimeMonitor } from "../../../src/runtime/checks/monitor";
import { OBSERVER, type ObservedEvent } from "../../../src/runtime/checks/observe";
import { readDataset } from "./datasets";

/** Installs an observer for the test: every event, with a site named by the test. */
function observing() {
  const events: ObservedEvent[] = [];
  const monitor = new RuntimeMonitor<string>();
  let site = "start";
  (globalThis as Record<symbol, unknown>)[OBSERVER] = (event: ObservedEvent) => {
    events.push(event);
    monitor.observe(event, site);
  };
  return {
    events,
    monitor,
    at(name: string) {
      site = name;
    },
    rules: () => monitor.findings().map((f) => `${f.rule}@${f.site}`),
  };
}

describe("runtime observation (checks/observe + monitor)", function () {
  this.timeout(30000);
  afterEach(() => delete (globalThis as Record<symbol, unknown>)[OBSERVER]);

  it("reports to the observer installed now, and nothing once it is gone", () => {
    const events: ObservedEvent[] = [];
    (globalThis as Record<symbol, unknown>)[OBSERVER] = (event: ObservedEvent) => events.push(event);
    new LinearRegression().fit([[1], [2], [3]], [1, 2, 3]);
    assert.deepEqual(events.map((e) => e.call), ["LinearRegression.fit"]);
    delete (globalThis as Record<symbol, unknown>)[OBSERVER];
    new LinearRegression().fit([[1], [2], [3]], [1, 2, 3]);
    metrics.accuracy([0, 1], [0, 1]);
    assert.equal(events.length, 1);
  });

  it("reports the user's calls only: one fit per pipeline, none from cross-validation or evaluate's own metrics", async () => {
    const o = observing();
    const iris = await readDataset("iris.csv");
    const X = iris.drop({ columns: ["species"] });
    const y = iris["species"];
    const split = trainTestSplit(X, y, { testSize: 0.3, stratify: true, seed: 1 });
    const model = pipeline(new SimpleImputer(), new LogisticRegression({ maxIter: 300 })).fit(split.xTrain, split.yTrain);
    crossValidate(new DecisionTreeClassifier(), split.xTrain, split.yTrain, { folds: 3 });
    compareModels({ dummy: new DummyClassifier() }, split.xTrain, split.yTrain, { folds: 3 });
    evaluate(model, split.xTest, split.yTest);
    assert.deepEqual(o.events.map((e) => `${e.kind}:${e.call}`), ["split:trainTestSplit", "fit:Pipeline.fit", "evaluate:evaluate"]);
    assert.deepEqual(o.rules(), []);
  });

  it("missing-values at the training call, even when the model then refuses the data; a pipeline that imputes is fine", () => {
    const o = observing();
    const X = [[1, 2], [Number.NaN, 3], [4, null], [5, 6]];
    const y = [1, 2, 3, 4];
    o.at("imputed");
    pipeline(new SimpleImputer(), new LinearRegression()).fit(X, y);
    assert.deepEqual(o.rules(), []);
    o.at("raw");
    assert.throws(() => new LinearRegression().fit(X, y), /missing values/);
    const [finding] = o.monitor.findings();
    assert.equal(`${finding.rule}@${finding.site}`, "missing-values@raw");
    assert.match(finding.message, /LinearRegression\.fit is trained on 4 rows .*x0: 1, x1: 1/);
  });

  it("imbalanced-accuracy at each accuracy call, until another metric is reported for the same labels", () => {
    const o = observing();
    const yTest = [...Array(95).fill("no"), ...Array(5).fill("yes")];
    const pred = Array(100).fill("no");
    o.at("accuracy 1");
    metrics.accuracy(yTest, pred);
    o.at("accuracy 2");
    metrics.accuracy([...yTest], pred);
    assert.deepEqual(o.rules(), ["imbalanced-accuracy@accuracy 1", "imbalanced-accuracy@accuracy 2"]);
    o.at("f1");
    metrics.f1([...yTest], pred, { positiveLabel: "yes" });
    assert.deepEqual(o.rules(), []);
  });

  it("imbalanced-accuracy at a classifier's predict when no metric ever measures its imbalanced test labels (accuracy by hand)", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [i % 7, (i * 13) % 11]);
    const rare = Array.from({ length: 400 }, (_, i) => (i % 25 === 0 ? "poor" : "fine"));
    const even = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? "a" : "b"));
    const run = (labels: string[], measure?: (yTest: unknown, said: unknown) => void) => {
      const o = observing();
      const { xTrain, xTest, yTrain, yTest } = trainTestSplit(rows, labels, { testSize: 0.25, stratify: true, seed: 3 });
      const model = new LogisticRegression().fit(xTrain, yTrain);
      o.at("predict");
      const said = model.predict(xTest);
      o.at("measure");
      measure?.(yTest, said);
      return o.rules().filter((r) => r.startsWith("imbalanced-accuracy"));
    };
    assert.deepEqual(run(rare), ["imbalanced-accuracy@predict"]);
    // Balanced labels, or a metric that shows the rare class: nothing to say.
    assert.deepEqual(run(even), []);
    assert.deepEqual(run(rare, (yTest, said) => metrics.recall(yTest as string[], said as string[], { positiveLabel: "poor" })), []);
    // A regressor's predictions are not classes.
    const o = observing();
    const numeric = trainTestSplit(rows, rare.map((r) => (r === "poor" ? 1 : 0)), { testSize: 0.25, seed: 3 });
    new LinearRegression().fit(numeric.xTrain, numeric.yTrain).predict(numeric.xTest);
    assert.deepEqual(o.rules().filter((r) => r.startsWith("imbalanced-accuracy")), []);
  });

  it("imbalanced-accuracy at the predict of a hand-made split's test rows that no metric measures", () => {
    const X = Array.from({ length: 400 }, (_, i) => [i % 7, (i * 13) % 11]);
    const y = Array.from({ length: 400 }, (_, i) => (i % 25 === 0 ? 1 : 0));
    const handMade = (model: object) => {
      const monitor = new RuntimeMonitor<string>();
      const part = (source: unknown[], from: number, to: number, site: string) => {
        const result = source.slice(from, to);
        monitor.observe({ kind: "rows", call: "slice", source, result, rows: Array.from({ length: to - from }, (_, i) => from + i), random: false }, site);
        return result;
      };
      const [trainX, trainY, testX] = [part(X, 0, 300, "train"), part(y, 0, 300, "train labels"), part(X, 300, 400, "test")];
      monitor.observe({ kind: "fit", call: "train", model, X: trainX, y: trainY }, "fit");
      monitor.observe({ kind: "predict", call: "predict", model, X: testX, output: Array(100).fill(0) }, "predict");
      return monitor.findings().map((f) => `${f.rule}@${f.site}`).filter((f) => f.startsWith("imbalanced"));
    };
    assert.deepEqual(handMade({ classes: [0, 1] }), ["imbalanced-accuracy@predict"]);
    // A regressor's predictions of the same rows are not classes.
    assert.deepEqual(handMade({}), []);
  });

  it("duplicate-leakage at a hand-made evaluation: a model trained on every row, measured on a part; not when measured on its own training rows", async () => {
    const o = observing();
    const wine = await readDataset("wine.csv");
    const X = wine.drop({ columns: ["cultivar"] });
    const y = wine["cultivar"];
    o.at("fit");
    const clf = new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y);
    o.at("on training rows");
    metrics.f1(y, clf.predict(X), { average: "macro" });
    assert.deepEqual(o.rules(), []);
    o.at("split");
    const { xTest, yTest } = trainTestSplit(X, y, { testSize: 0.25, stratify: true, seed: 1 });
    o.at("held out?");
    metrics.f1(yTest, clf.predict(xTest), { average: "macro" });
    const [finding] = o.monitor.findings();
    assert.equal(`${finding.rule}@${finding.site}`, "duplicate-leakage@held out?");
    assert.match(finding.message, /^45 of the 45 test rows \(100%\)/);
    assert.deepEqual(finding.related, [{ site: "fit", message: "the model is trained here (DecisionTreeClassifier.fit)" }]);
  });

  it("a split checked at the split call covers the evaluation of a model trained on its training part", async () => {
    const o = observing();
    const fair = await readDataset("fair.csv");
    o.at("split");
    const s = trainTestSplit(fair.drop({ columns: ["affairs"] }), fair["affairs"].gt(0), { testSize: 0.25, stratify: true, seed: 12 });
    o.at("fit");
    const tree = new DecisionTreeClassifier({ maxDepth: 3 }).fit(s.xTrain, s.yTrain);
    o.at("evaluate");
    evaluate(tree, s.xTest, s.yTest);
    assert.deepEqual(o.rules(), ["duplicate-leakage@split"]);
    // Scaled parts are new objects, but still the split's rows: no second finding at the evaluation.
    const scaler = new StandardScaler().fit(s.xTrain);
    o.at("scaled fit");
    const scaled = new DecisionTreeClassifier({ maxDepth: 3 }).fit(scaler.transform(s.xTrain), s.yTrain);
    o.at("scaled evaluate");
    evaluate(scaled, scaler.transform(s.xTest), s.yTest);
    assert.deepEqual(o.rules(), ["duplicate-leakage@split"]);
  });

  it("rules turned off in the settings are not reported", () => {
    const monitor = new RuntimeMonitor<string>({ off: ["imbalanced-accuracy"] });
    monitor.observe({ kind: "evaluate", call: "metrics.accuracy", yTrue: [...Array(95).fill(0), ...Array(5).fill(1)], metrics: ["accuracy"] }, "a");
    assert.deepEqual(monitor.findings(), []);
    const enabled = new RuntimeMonitor<string>();
    enabled.observe({ kind: "evaluate", call: "metrics.accuracy", yTrue: [...Array(95).fill(0), ...Array(5).fill(1)], metrics: ["accuracy"] }, "a");
    assert.equal(enabled.findings().length, 1);
  });
});
