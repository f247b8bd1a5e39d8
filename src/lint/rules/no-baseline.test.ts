import assert from "node:assert/strict";
import { noBaseline } from "./no-baseline";
import { ruleTester, lintCells } from "../../../test/lint/rule-tester";

const split = `import { readCsv, trainTestSplit, compareModels, crossValidate, RandomForestClassifier, RandomForestRegressor, GradientBoostingRegressor, GradientBoostingClassifier, SVC, MLPClassifier, DummyClassifier, DummyRegressor, LogisticRegression, GaussianNB, KNeighborsClassifier, evaluate, metrics, saveModel } from "aibook";
const df = await readCsv("digits.csv");
const X = df.drop({ columns: ["digit"] });
const y = df["digit"];
const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { stratify: true, seed: 1 });`;

ruleTester(noBaseline, {
  invalid: [
    {
      name: "straight to a random forest",
      cells: [split, `const forest = new RandomForestClassifier({ nEstimators: 200 }).fit(xTrain, yTrain);`, `evaluate(forest, xTest, yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "gradient boosting for a regression, r2 only",
      cells: [split, `const gb = new GradientBoostingRegressor({ learningRate: 0.05 });\ngb.fit(xTrain, yTrain);\nconsole.log(metrics.r2(yTest, gb.predict(xTest)));`],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "a kernel SVM (rbf by default)",
      cells: [split, `const svm = new SVC({ c: 10 }).fit(xTrain, yTrain);\nmetrics.accuracy(yTest, svm.predict(xTest));`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "a multi-layer perceptron",
      cells: [split, `const mlp = new MLPClassifier({ hiddenLayers: [64, 32], epochs: 50 });\nmlp.fit(xTrain, yTrain);\nevaluate(mlp, xTest, yTest, { name: "mlp" });`],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "a TensorFlow.js network",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("d.csv");\nconst xs = tf.tensor2d(d.drop({ columns: ["y"] }).values);\nconst ys = tf.tensor1d(d["y"].values);\nconst [xa, xb] = tf.split(xs, [800, 200]);\nconst [ya, yb] = tf.split(ys, [800, 200]);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 32, inputShape: [6], activation: "relu" }), tf.layers.dense({ units: 1 })] });\nnet.compile({ optimizer: "adam", loss: "meanSquaredError" });\nawait net.fit(xa, ya, { epochs: 40 });`,
        `net.evaluate(xb, yb);`,
      ],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "ml-random-forest regression with a hand-made error",
      cells: [
        `import { RandomForestRegression } from "ml-random-forest";\nimport { readFileSync } from "node:fs";\nconst rows = JSON.parse(readFileSync("houses.json", "utf8"));\nconst X = rows.map((r) => r.features);\nconst y = rows.map((r) => r.price);`,
        `const rf = new RandomForestRegression({ nEstimators: 50 });\nrf.train(X.slice(0, 400), y.slice(0, 400));\nconst p = rf.predict(X.slice(400));\nconst mae = p.reduce((s, v, i) => s + Math.abs(v - y.slice(400)[i]), 0) / p.length;`,
      ],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "a leaderboard of complex models only",
      cells: [split, `const board = compareModels({ forest: new RandomForestClassifier(), boosting: new GradientBoostingClassifier() }, xTrain, yTrain, { folds: 5, metric: "f1" });`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "a helper that trains the forest",
      cells: [split, `const trainForest = (a, b) => new RandomForestClassifier({ seed: 3 }).fit(a, b);`, `const f = trainForest(xTrain, yTrain);\nevaluate(f, xTest, yTest);`],
      errors: [{ cell: 2, line: 1 }],
    },
    {
      name: "two complex models and nothing simple",
      cells: [split, `const rf = new RandomForestClassifier().fit(xTrain, yTrain);\nconst gb = new GradientBoostingClassifier().fit(xTrain, yTrain);\nevaluate(rf, xTest, yTest);\nevaluate(gb, xTest, yTest);`],
      errors: [{ cell: 1, line: 1 }, { cell: 1, line: 2 }],
    },
    {
      name: "cross-validating a forest alone",
      cells: [split, `const cv = crossValidate(new RandomForestClassifier(), X, y, { folds: 5 });\nconsole.log(cv.mean);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "forests of several sizes in a loop",
      cells: [split, `for (const n of [50, 100, 200]) {\n  const f = new RandomForestClassifier({ nEstimators: n }).fit(xTrain, yTrain);\n  console.log(n, metrics.accuracy(yTest, f.predict(xTest)));\n}`],
      errors: [{ cell: 1, line: 2 }],
    },
  ],
  valid: [
    {
      name: "a majority baseline first",
      cells: [split, `evaluate(new DummyClassifier().fit(xTrain, yTrain), xTest, yTest, { name: "majority" });`, `const forest = new RandomForestClassifier().fit(xTrain, yTrain);\nevaluate(forest, xTest, yTest);`],
    },
    {
      name: "a logistic regression next to the forest",
      cells: [split, `const lr = new LogisticRegression().fit(xTrain, yTrain);\nconst rf = new RandomForestClassifier().fit(xTrain, yTrain);\nfor (const m of [lr, rf]) evaluate(m, xTest, yTest);`],
    },
    {
      name: "a complex model trained but not evaluated here",
      cells: [split, `const rf = new RandomForestClassifier().fit(X, y);\nawait saveModel(rf, "forest.json");`],
    },
    {
      name: "a leaderboard that includes a dummy",
      cells: [split, `compareModels({ majority: new DummyClassifier(), forest: new RandomForestClassifier() }, xTrain, yTrain, { folds: 5, metric: "f1" });`],
    },
    {
      name: "simple models only",
      cells: [split, `evaluate(new GaussianNB().fit(xTrain, yTrain), xTest, yTest);\nevaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`],
    },
    {
      name: "a linear-kernel SVM is not complex",
      cells: [split, `const svm = new SVC({ kernel: "linear" }).fit(xTrain, yTrain);\nevaluate(svm, xTest, yTest);`],
    },
    {
      name: "a tfjs network next to a DummyRegressor",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv, trainTestSplit, DummyRegressor, evaluate } from "aibook";\nconst d = await readCsv("d.csv");\nconst s = trainTestSplit(d.drop({ columns: ["y"] }), d["y"], { testSize: 0.2 });`,
        `evaluate(new DummyRegressor().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);\nconst net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [6] })] });\nnet.compile({ optimizer: "adam", loss: "meanSquaredError" });\nawait net.fit(tf.tensor2d(s.xTrain.values), tf.tensor1d(s.yTrain.values));\nnet.evaluate(tf.tensor2d(s.xTest.values), tf.tensor1d(s.yTest.values));`,
      ],
    },
    {
      name: "ml-random-forest next to an ml-cart tree",
      cells: [
        `import { RandomForestClassifier } from "ml-random-forest";\nimport { DecisionTreeClassifier } from "ml-cart";\nimport { readFileSync } from "node:fs";\nconst rows = JSON.parse(readFileSync("r.json", "utf8"));\nconst X = rows.map((r) => r.x);\nconst y = rows.map((r) => r.y);`,
        `for (const model of [new DecisionTreeClassifier(), new RandomForestClassifier()]) {\n  model.train(X.slice(0, 100), y.slice(0, 100));\n  const p = model.predict(X.slice(100));\n  console.log(p.filter((v, i) => v === y.slice(100)[i]).length);\n}`,
      ],
    },
    {
      name: "a cross-validated dummy as the baseline",
      cells: [split, `crossValidate(new DummyClassifier(), xTrain, yTrain, { folds: 5 });\nconst rf = new RandomForestClassifier().fit(xTrain, yTrain);\nevaluate(rf, xTest, yTest);`],
    },
    {
      name: "a majority baseline computed by hand next to a network",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv, trainTestSplit } from "aibook";\nconst d = await readCsv("d.csv");\nconst s = trainTestSplit(d.drop({ columns: ["y"] }).values, d["y"].values, { stratify: true });\nconst majority = d["y"].mode();\nconst baselineAcc = s.yTest.filter((v) => v === majority).length / s.yTest.length;`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [6], activation: "sigmoid" })] });\nnet.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\nawait net.fit(tf.tensor2d(s.xTrain), tf.tensor1d(s.yTrain));\nnet.evaluate(tf.tensor2d(s.xTest), tf.tensor1d(s.yTest));`,
      ],
    },
    {
      name: "k nearest neighbours next to a forest",
      cells: [split, `const knn = new KNeighborsClassifier({ k: 5 }).fit(xTrain, yTrain);\nconst rf = new RandomForestClassifier().fit(xTrain, yTrain);\nevaluate(knn, xTest, yTest);\nevaluate(rf, xTest, yTest);`],
    },
  ],
});

describe("no-baseline quick fix", () => {
  it("inserts a DummyClassifier cell after the forest's cell, fitted on the same data", () => {
    const [d] = lintCells(noBaseline, [split, `const forest = new RandomForestClassifier().fit(xTrain, yTrain);\nevaluate(forest, xTest, yTest);`]);
    const edit = d!.fixes[0]!.edits[0]!;
    assert.equal(edit.kind, "insertCell");
    if (edit.kind !== "insertCell") return;
    assert.equal(edit.afterCell, 1);
    assert.match(edit.source, /const baseline = new DummyClassifier\(\)\.fit\(xTrain, yTrain\);\nevaluate\(baseline, xTest, yTest, \{ name: "baseline" \}\);/);
  });
});
