import { evaluateOnTrain } from "./evaluate-on-train";
import { ruleTester } from "../../../test/lint/rule-tester";

const split = `import { readCsv, trainTestSplit, DecisionTreeClassifier, LogisticRegression, LinearRegression, GaussianNB, pipeline, StandardScaler, crossValidate, evaluate, metrics } from "aibook";
const df = await readCsv("data.csv");
const X = df.drop({ columns: ["y"] });
const y = df["y"];
const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.25, stratify: true, seed: 7 });`;

ruleTester(evaluateOnTrain, {
  invalid: [
    {
      name: "a wrapper class that scores the rows it kept from training",
      cells: [
        `import { readCsv, RandomForestRegressor, metrics } from "aibook";\nclass Wrapper {\n  private model: any;\n  private X: any;\n  private y: any;\n  constructor(private readonly make: any) {}\n  train(X: any, y: any) {\n    this.X = X;\n    this.y = y;\n    this.model = this.make.fit(X, y);\n  }\n  score() {\n    return metrics.r2(this.y, this.model.predict(this.X));\n  }\n}`,
        `const houses = await readCsv("houses.csv");\nconst w = new Wrapper(new RandomForestRegressor());\nw.train(houses.drop({ columns: ["price"] }), houses["price"]);\nconsole.log(w.score());`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "tfjs fitDataset and evaluateDataset on one tf.data pipeline",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst df = await readCsv("sonar.csv");\nconst feats = df.drop({ columns: ["label"] }).values;\nconst target = df["label"].values.map((v) => [v === "M" ? 1 : 0]);\nconst dataset = tf.data.zip({ xs: tf.data.array(feats), ys: tf.data.array(target) }).batch(16);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [60], units: 1, activation: "sigmoid" })] });\nnet.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });\nawait net.fitDataset(dataset, { epochs: 5 });\nconst result = await net.evaluateDataset(dataset);`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "evaluate() on the training part only",
      cells: [split, `const tree = new DecisionTreeClassifier({ maxDepth: 3 }).fit(xTrain, yTrain);\nevaluate(tree, xTrain, yTrain);`],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "ml-cart predictions on the training rows, accuracy by hand",
      cells: [
        `import { DecisionTreeClassifier as CART } from "ml-cart";\nimport { readFileSync } from "fs";\nconst table = readFileSync("iris.csv", "utf8").trim().split("\\n").map((l) => l.split(","));\nconst feats = table.map((r) => r.slice(0, 4).map(Number));\nconst labs = table.map((r) => r[4]);`,
        `const cart = new CART({ maxDepth: 4 });\ncart.train(feats, labs);\nconst out = cart.predict(feats);\nconst correct = out.filter((p, i) => p === labs[i]).length;\nconsole.log(correct / labs.length);`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "tfjs evaluate on the tensors it was fitted on",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("diabetes.csv");\nconst inputs = tf.tensor2d(d.drop({ columns: ["target"] }).values);\nconst target = tf.tensor1d(d["target"].values);`,
        `const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 16, activation: "relu", inputShape: [10] }));\nmodel.add(tf.layers.dense({ units: 1 }));\nmodel.compile({ optimizer: "adam", loss: "meanSquaredError" });\nawait model.fit(inputs, target, { epochs: 50 });`,
        `const mse = model.evaluate(inputs, target);`,
      ],
      errors: [{ cell: 2, line: 1 }],
    },
    {
      name: "danfojs frame, fitted and measured on every row",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { GaussianNB, metrics } from "aibook";\nconst frame = await dfd.readCSV("wine.csv");\nconst feats = frame.drop({ columns: ["cultivar"] });`,
        `const nb = new GaussianNB().fit(feats, frame["cultivar"]);\nconst report = metrics.classificationReport(frame["cultivar"], nb.predict(feats));`,
      ],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "regression r2 on the training part",
      cells: [split, `const reg = new LinearRegression().fit(xTrain, yTrain);\nconst fitted = reg.predict(xTrain);\nconsole.log(metrics.r2(yTrain, fitted), metrics.rmse(yTrain, fitted));`],
      errors: [{ cell: 1, line: 3 }, { cell: 1, line: 3 }],
    },
    {
      name: "model.score on the data it was fitted with",
      cells: [split, `const lr = new LogisticRegression();\nlr.fit(X, y);\nconst acc = lr.score(X, y);`],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "a reporting helper given the training rows",
      cells: [
        split,
        `function accuracyOf(model, features, labels) {\n  return metrics.accuracy(labels, model.predict(features));\n}`,
        `const nb = new GaussianNB().fit(xTrain, yTrain);\nconsole.log("accuracy", accuracyOf(nb, xTrain, yTrain));`,
      ],
      errors: [{ cell: 2, line: 2 }],
    },
    {
      name: "several models, each scored on its training rows in a loop",
      cells: [split, `for (const m of [new GaussianNB(), new LogisticRegression()]) {\n  m.fit(xTrain, yTrain);\n  evaluate(m, xTrain, yTrain);\n}`],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "a pipeline scored on its training rows",
      cells: [split, `const pipe = pipeline(new StandardScaler(), new LogisticRegression());\npipe.fit(xTrain, yTrain);`, `evaluate(pipe, xTrain, yTrain, { name: "scaled logistic" });`],
      errors: [{ cell: 2, line: 1 }],
    },
    {
      name: "ml-logistic-regression, hits counted in a for loop",
      cells: [
        `import LogisticRegression from "ml-logistic-regression";\nimport { Matrix } from "ml-matrix";\nimport { readCsv } from "aibook";\nconst df = await readCsv("bin.csv");\nconst X = df.drop({ columns: ["y"] }).values;\nconst Y = df["y"].values;`,
        `const logreg = new LogisticRegression({ numSteps: 1000, learningRate: 5e-3 });\nlogreg.train(X, Y);\nconst guesses = logreg.predict(X);\nlet hits = 0;\nfor (let i = 0; i < Y.length; i++) if (guesses[i] === Y[i]) hits++;`,
      ],
      errors: [{ cell: 1, line: 5 }],
    },
    {
      name: "tfjs accuracy by hand with argMax and equal",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("iris.csv");\nconst xs = tf.tensor2d(d.drop({ columns: ["species"] }).values);\nconst ys = tf.oneHot(tf.tensor1d(d["species"].values, "int32"), 3);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: "softmax" })] });\nnet.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });\nawait net.fit(xs, ys, { epochs: 30 });\nconst acc = net.predict(xs).argMax(-1).equal(ys.argMax(-1)).mean().dataSync()[0];`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "tfjs probabilities thresholded by hand, counted in forEach",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("cancer.csv");\nconst xs = tf.tensor2d(d.drop({ columns: ["y"] }).values);\nconst labels = d["y"].values;\nconst ys = tf.tensor1d(labels);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [30], activation: "sigmoid" })] });\nnet.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\nawait net.fit(xs, ys, { epochs: 30 });\nconst probs = net.predict(xs).arraySync();\nlet correct = 0;\nprobs.forEach((p, i) => {\n  if ((p[0] > 0.5 ? 1 : 0) === labels[i]) correct++;\n});`,
      ],
      errors: [{ cell: 1, line: 7 }],
    },
    {
      name: "ml-cart predicting one row at a time on its training rows",
      cells: [
        `import { DecisionTreeClassifier } from "ml-cart";\nimport { readCsv } from "aibook";\nconst d = await readCsv("iris.csv");\nconst X = d.drop({ columns: ["species"] }).values;\nconst y = d["species"].values;`,
        `const t = new DecisionTreeClassifier();\nt.train(X, y);\nlet ok = 0;\nfor (let i = 0; i < X.length; i++) if (t.predict([X[i]])[0] === y[i]) ok++;`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "residuals of a regression computed by hand on its own rows",
      cells: [split, `const reg = new LinearRegression().fit(xTrain, yTrain);\nconst p = reg.predict(xTrain);\nconst mae = p.map((v, i) => Math.abs(v - yTrain.values[i])).reduce((a, b) => a + b, 0) / p.length;`],
      errors: [{ cell: 1, line: 3 }],
    },
  ],
  valid: [
    {
      name: "tfjs fitDataset on a zipped training part, evaluated on the test part",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv, trainTestSplit } from "aibook";\nconst df = await readCsv("sonar.csv");\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(df.drop({ columns: ["label"] }).values, df["label"].values, { stratify: true });\nconst trainDs = tf.data.zip([tf.data.array(xTrain), tf.data.array(yTrain)]).shuffle(100).batch(16);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [60], units: 1, activation: "sigmoid" })] });\nnet.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\nawait net.fitDataset(trainDs, { epochs: 5 });\nnet.evaluate(tf.tensor2d(xTest), tf.tensor2d(yTest));`,
      ],
    },
    {
      name: "training score next to the held-out score",
      cells: [split, `const tree = new DecisionTreeClassifier().fit(xTrain, yTrain);\nevaluate(tree, xTrain, yTrain);\nevaluate(tree, xTest, yTest);`],
    },
    {
      name: "held-out score only",
      cells: [split, `const nb = new GaussianNB().fit(xTrain, yTrain);\nmetrics.accuracy(yTest, nb.predict(xTest));`],
    },
    {
      name: "cross-validation as the estimate, plus the training fit",
      cells: [split, `const lr = new LogisticRegression().fit(xTrain, yTrain);\nevaluate(lr, xTrain, yTrain);\ncrossValidate(lr, xTrain, yTrain, { folds: 5 });`],
    },
    {
      name: "tfjs with a validation split, then evaluate on the training tensors",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("d.csv");\nconst xs = tf.tensor2d(d.drop({ columns: ["y"] }).values);\nconst ys = tf.tensor1d(d["y"].values);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], activation: "sigmoid" })] });\nnet.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\nawait net.fit(xs, ys, { epochs: 20, validationSplit: 0.2 });\nnet.evaluate(xs, ys);`,
      ],
    },
    {
      name: "tfjs with validation data held out by a split",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("d.csv");\nconst xs = tf.tensor2d(d.drop({ columns: ["y"] }).values);\nconst ys = tf.tensor1d(d["y"].values);\nconst [xa, xb] = tf.split(xs, [800, 200]);\nconst [ya, yb] = tf.split(ys, [800, 200]);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\nnet.compile({ optimizer: "adam", loss: "meanSquaredError" });\nawait net.fit(xa, ya, { epochs: 20, validationData: [xb, yb] });\nnet.evaluate(xa, ya);`,
      ],
    },
    {
      name: "a helper evaluating on the test part",
      cells: [split, `const score = (m, a, b) => metrics.f1(b, m.predict(a), { average: "macro" });`, `const nb = new GaussianNB().fit(xTrain, yTrain);\nscore(nb, xTest, yTest);`],
    },
    {
      name: "manual folds with kFold",
      cells: [
        split,
        `import { kFold } from "aibook";\nconst rows = X.values;\nconst labels = y.values;\nfor (const f of kFold(rows.length, { folds: 4 })) {\n  const m = new GaussianNB().fit(f.trainIndex.map((i) => rows[i]), f.trainIndex.map((i) => labels[i]));\n  metrics.accuracy(f.testIndex.map((i) => labels[i]), m.predict(f.testIndex.map((i) => rows[i])));\n}`,
      ],
    },
    {
      name: "a model of unknown origin",
      opaque: true,
      cells: [`import { loadModel, evaluate } from "aibook";\nconst model = await loadModel("m.json");\nevaluate(model, someX, someY);`],
    },
    {
      name: "a danfojs sample held out and the rest trained on",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { GaussianNB, evaluate } from "aibook";\nconst df = await dfd.readCSV("w.csv");\nconst test = await df.sample(30);\nconst train = df.drop({ index: test.index });`,
        `const nb = new GaussianNB().fit(train.drop({ columns: ["c"] }), train["c"]);\nevaluate(nb, train.drop({ columns: ["c"] }), train["c"]);\nevaluate(nb, test.drop({ columns: ["c"] }), test["c"]);`,
      ],
    },
    {
      name: "models in a loop, each evaluated on both parts",
      cells: [split, `for (const m of [new GaussianNB(), new DecisionTreeClassifier()]) {\n  m.fit(xTrain, yTrain);\n  evaluate(m, xTrain, yTrain);\n  evaluate(m, xTest, yTest);\n}`],
    },
    {
      name: "predictions on training rows that are only printed",
      cells: [split, `const nb = new GaussianNB().fit(xTrain, yTrain);\nconsole.log(nb.predict(xTrain).slice(0, 5));\nevaluate(nb, xTest, yTest);`],
    },
  ],
});
