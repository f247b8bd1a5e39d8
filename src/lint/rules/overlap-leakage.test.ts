import { overlapLeakage } from "./overlap-leakage";
import { ruleTester } from "../../../test/lint/rule-tester";

ruleTester(overlapLeakage, {
  invalid: [
    {
      name: "trained on every complete row, evaluated on a split of the same rows",
      cells: [
        `import { readCsv, dropMissing, trainTestSplit, LogisticRegression, evaluate } from "aibook";\nconst df = await readCsv("clinic.csv");\nconst complete = dropMissing(df);\nconst model = new LogisticRegression().fit(complete.drop({ columns: ["sick"] }), complete["sick"]);`,
        `const { test } = trainTestSplit(df, { stratify: "sick" });\nevaluate(model, test.drop({ columns: ["sick"] }), test["sick"]);`,
      ],
      errors: [{ cell: 0, line: 4 }],
    },
    {
      name: "a class method trains on every row before the split (the call site is the anchor)",
      cells: [
        `import { readCsv, trainTestSplit, SVC, metrics } from "aibook";\nclass Runner {\n  estimator: any;\n  constructor(private readonly options: any) {}\n  learn(X: any, y: any) {\n    this.estimator = new SVC(this.options);\n    this.estimator.fit(X, y);\n  }\n  accuracy(X: any, y: any) {\n    return metrics.accuracy(y, this.estimator.predict(X));\n  }\n}`,
        `const cars = await readCsv("cars.csv");\nconst X = cars.drop({ columns: ["origin"] });\nconst runner = new Runner({ kernel: "rbf" });\nrunner.learn(X, cars["origin"]);`,
        `const { xTest, yTest } = trainTestSplit(X, cars["origin"], { stratify: true });\nrunner.accuracy(xTest, yTest);`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "danfojs iloc ranges that overlap",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { GaussianNB, evaluate } from "aibook";\nconst df = await dfd.readCSV("wine.csv");\nconst n = Math.floor(df.shape[0] * 0.7);\nconst train = df.iloc({ rows: [\`0:\${n + 20}\`] });\nconst test = df.iloc({ rows: [\`\${n}:\`] });`,
        `const nb = new GaussianNB().fit(train.drop({ columns: ["c"] }), train["c"]);\nevaluate(nb, test.drop({ columns: ["c"] }), test["c"]);`,
      ],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "runtime model fitted on every row, then scored on a split of the same rows",
      cells: [
        `import { readCsv, trainTestSplit, GaussianNB, evaluate } from "aibook";\nconst wine = await readCsv("wine.csv");\nconst X = wine.drop({ columns: ["kind"] });\nconst y = wine["kind"];`,
        `const nb = new GaussianNB();\nnb.fit(X, y);`,
        `const { xTest, yTest } = trainTestSplit(X, y, { stratify: true });\nevaluate(nb, xTest, yTest);`,
      ],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "ml-random-forest on overlapping slices with a named cut",
      cells: [
        `import { RandomForestClassifier } from "ml-random-forest";\nimport { readFileSync } from "fs";\nconst rows = readFileSync("iris.csv", "utf8").split("\\n").slice(1).map((l) => l.split(","));\nconst X = rows.map((r) => r.slice(0, 4).map(Number));\nconst y = rows.map((r) => Number(r[4]));`,
        `const cut = 100;\nconst model = new RandomForestClassifier({ seed: 1 });\nmodel.train(X.slice(0, cut + 20), y.slice(0, cut + 20));`,
        `const pred = model.predict(X.slice(cut));\nconst acc = pred.filter((p, i) => p === y.slice(cut)[i]).length / pred.length;`,
      ],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "danfojs sample held out but never removed from the training rows",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { LogisticRegression, metrics } from "aibook";\nconst frame = await dfd.readCSV("churn.csv");\nconst holdout = await frame.sample(200);`,
        `const lr = new LogisticRegression().fit(frame.drop({ columns: ["churn"] }), frame["churn"]);\nconst guess = lr.predict(holdout.drop({ columns: ["churn"] }));\nmetrics.f1(holdout["churn"], guess);`,
      ],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "test rows concatenated back into the training rows",
      cells: [
        `import { readCsv, trainTestSplit, DecisionTreeClassifier, metrics } from "aibook";\nconst df = await readCsv("d.csv");\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(df.drop({ columns: ["t"] }), df["t"], { stratify: true });`,
        `const allX = [...xTrain.values, ...xTest.values];\nconst allY = [...yTrain.values, ...yTest.values];\nconst tree = new DecisionTreeClassifier().fit(allX, allY);`,
        `metrics.accuracy(yTest, tree.predict(xTest));`,
      ],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "tfjs network fitted on the whole tensor, evaluated on a tf.split part",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst df = await readCsv("sonar.csv");\nconst xs = tf.tensor2d(df.drop({ columns: ["label"] }).values);\nconst ys = tf.tensor2d(df["label"].values.map((v) => [v]));`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [60], units: 1, activation: "sigmoid" })] });\nnet.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\nawait net.fit(xs, ys, { epochs: 10 });`,
        `const [xTr, xTe] = tf.split(xs, [160, 48]);\nconst [yTr, yTe] = tf.split(ys, [160, 48]);\nnet.evaluate(xTe, yTe);`,
      ],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "a helper trains on what it is given: every row",
      cells: [
        `import { readCsv, trainTestSplit, RandomForestClassifier, evaluate } from "aibook";\nconst df = await readCsv("d.csv");\nconst X = df.drop({ columns: ["y"] });\nconst y = df["y"];`,
        `function trainForest(features, labels) {\n  return new RandomForestClassifier({ nEstimators: 50 }).fit(features, labels);\n}`,
        `const split = trainTestSplit(X, y, { stratify: true });\nconst forest = trainForest(X, y);\nevaluate(forest, split.xTest, split.yTest);`,
      ],
      errors: [{ cell: 2, line: 2 }],
    },
    {
      name: "a loop over candidate models, each fitted on all rows",
      cells: [
        `import { readCsv, trainTestSplit, LogisticRegression, GaussianNB, metrics } from "aibook";\nconst df = await readCsv("d.csv");\nconst X = df.drop({ columns: ["y"] });\nconst y = df["y"];\nconst parts = trainTestSplit(X, y, { stratify: true, seed: 1 });`,
        `for (const model of [new LogisticRegression(), new GaussianNB()]) {\n  model.fit(X, y);\n  console.log(metrics.accuracy(parts.yTest, model.predict(parts.xTest)));\n}`,
      ],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "danfojs concat of the train and test parts before fitting",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { readCsv, trainTestSplit, GaussianNB, evaluate } from "aibook";\nconst df = await readCsv("d.csv");\nconst { train, test } = trainTestSplit(df, { testSize: 0.2, stratify: "y" });`,
        `const everything = dfd.concat({ dfList: [train, test], axis: 0 });\nconst nb = new GaussianNB().fit(everything.drop({ columns: ["y"] }), everything["y"]);\nevaluate(nb, test.drop({ columns: ["y"] }), test["y"]);`,
      ],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "tensor slices that overlap",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nconst xs = tf.tensor2d(rowsX);\nimport { readFileSync } from "node:fs";\nconst data = tf.tensor2d(JSON.parse(readFileSync("rows.json", "utf8")));\nconst ys = data.slice([0, 4], [-1, 1]);\nconst x = data.slice([0, 0], [-1, 4]);`,
        `const net = tf.sequential();\nnet.add(tf.layers.dense({ units: 3, activation: "softmax", inputShape: [4] }));\nnet.compile({ loss: "categoricalCrossentropy", optimizer: "adam" });\nawait net.fit(x.slice([0, 0], [700, -1]), ys.slice([0, 0], [700, -1]));\nnet.evaluate(x.slice([500, 0], [-1, -1]), ys.slice([500, 0], [-1, -1]));`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "ml-knn trained in its constructor on every row",
      cells: [
        `import KNN from "ml-knn";\nimport { readCsv, trainTestSplit, metrics } from "aibook";\nconst df = await readCsv("d.csv");\nconst X = df.drop({ columns: ["y"] }).values;\nconst y = df["y"].values;\nconst knn = new KNN(X, y, { k: 5 });`,
        `const s = trainTestSplit(X, y, { stratify: true });\nmetrics.accuracy(s.yTest, knn.predict(s.xTest));`,
      ],
      errors: [{ cell: 0, line: 6 }],
    },
    {
      name: "training part taken before dropping duplicates, test part after",
      cells: [
        `import { readCsv, dropDuplicates, trainTestSplit, LogisticRegression, evaluate } from "aibook";\nconst raw = await readCsv("survey.csv");\nconst first = trainTestSplit(raw.drop({ columns: ["y"] }), raw["y"], { stratify: true, seed: 1 });\nconst lr = new LogisticRegression().fit(first.xTrain, first.yTrain);`,
        `const clean = dropDuplicates(raw);\nconst second = trainTestSplit(clean.drop({ columns: ["y"] }), clean["y"], { stratify: true, seed: 1 });\nevaluate(lr, second.xTest, second.yTest);`,
      ],
      errors: [{ cell: 0, line: 4 }],
    },
    {
      name: "trained on one random split, tested on another",
      cells: [
        `import { readCsv, trainTestSplit, GaussianNB, metrics } from "aibook";\nconst df = await readCsv("d.csv");\nconst X = df.drop({ columns: ["y"] });\nconst y = df["y"];\nconst a = trainTestSplit(X, y, { stratify: true, seed: 1 });\nconst b = trainTestSplit(X, y, { stratify: true, seed: 2 });`,
        `const nb = new GaussianNB().fit(a.xTrain, a.yTrain);\nmetrics.accuracy(b.yTest, nb.predict(b.xTest));`,
      ],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "tensor.slice(begin, size) parts that overlap",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst df = await readCsv("rows.csv");\nconst xs = tf.tensor2d(df.drop({ columns: ["y"] }).values);\nconst ys = tf.tensor1d(df["y"].values);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8] })] });\nnet.compile({ loss: "meanSquaredError", optimizer: "sgd" });\nawait net.fit(xs.slice(0, 800), ys.slice(0, 800));\nnet.evaluate(xs.slice(700), ys.slice(700));`,
      ],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "fitted on the training part, evaluated on every row",
      cells: [
        `import { readCsv, trainTestSplit, KNeighborsClassifier, evaluate } from "aibook";\nconst data = await readCsv("d.csv");\nconst X = data.drop({ columns: ["label"] });\nconst y = data["label"];\nconst s = trainTestSplit(X, y, { stratify: true });`,
        `const knn = new KNeighborsClassifier({ k: 7 }).fit(s.xTrain, s.yTrain);`,
        `evaluate(knn, X, y, { name: "knn" });`,
      ],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "an alias of the full data set used for training, across cells",
      cells: [
        `import { readCsv, trainTestSplit, LinearRegression, metrics } from "aibook";\nconst raw = await readCsv("houses.csv");\nconst features = raw.drop({ columns: ["price"] });\nconst target = raw["price"];`,
        `let trainX = features;\nlet trainY = target;\nconst { xTest, yTest } = trainTestSplit(features, target, { testSize: 0.2 });`,
        `const reg = new LinearRegression().fit(trainX, trainY);\nmetrics.rmse(yTest, reg.predict(xTest));`,
      ],
      errors: [{ cell: 2, line: 1 }],
    },
  ],
  valid: [
    {
      name: "one loop reports the training rows and the test rows, each on its own",
      cells: [
        `import { readCsv, trainTestSplit, RandomForestClassifier, metrics } from "aibook";\nconst df = await readCsv("wine.csv");\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(df.drop({ columns: ["c"] }), df["c"], { stratify: true });\nconst rf = new RandomForestClassifier().fit(xTrain, yTrain);`,
        `for (const [label, X, y] of [["train", xTrain, yTrain], ["test", xTest, yTest]]) {\n  console.log(label, metrics.f1(y, rf.predict(X), { average: "macro" }));\n}`,
      ],
    },
    {
      name: "a subclass whose super(...) sets the model, fitted on the training part and tested on the test part",
      cells: [
        `import { readCsv, trainTestSplit, LogisticRegression, evaluate } from "aibook";\nclass Base {\n  model: any;\n  constructor(m: any) {\n    this.model = m;\n  }\n  fit(X: any, y: any) {\n    this.model.fit(X, y);\n    return this;\n  }\n}\nclass Scored extends Base {\n  constructor() {\n    super(new LogisticRegression());\n  }\n  test(X: any, y: any) {\n    return evaluate(this.model, X, y);\n  }\n}`,
        `const cars = await readCsv("cars.csv");\nconst parts = trainTestSplit(cars.drop({ columns: ["origin"] }), cars["origin"], { stratify: true });\nnew Scored().fit(parts.xTrain, parts.yTrain).test(parts.xTest, parts.yTest);`,
      ],
    },
    {
      name: "danfojs iloc ranges that meet at a cut",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { LogisticRegression, evaluate } from "aibook";\nconst df = await dfd.readCSV("churn.csv");\nconst cut = 800;\nconst train = df.iloc({ rows: [\`0:\${cut}\`] });\nconst test = df.iloc({ rows: [\`\${cut}:\`] });`,
        `const lr = new LogisticRegression().fit(train.drop({ columns: ["churn"] }), train["churn"]);\nevaluate(lr, test.drop({ columns: ["churn"] }), test["churn"]);`,
      ],
    },
    {
      name: "one row at a time from the held-out slice",
      cells: [
        `import { DecisionTreeClassifier } from "ml-cart";\nimport { readCsv } from "aibook";\nconst d = await readCsv("iris.csv");\nconst X = d.drop({ columns: ["species"] }).values;\nconst y = d["species"].values;\nconst cut = 120;`,
        `const t = new DecisionTreeClassifier();\nt.train(X.slice(0, cut), y.slice(0, cut));\nconst testX = X.slice(cut);\nconst testY = y.slice(cut);\nlet ok = 0;\nfor (let i = 0; i < testX.length; i++) if (t.predict([testX[i]])[0] === testY[i]) ok++;`,
      ],
    },
    {
      name: "split first, fit on the training part",
      cells: [
        `import { readCsv, trainTestSplit, GaussianNB, evaluate } from "aibook";\nconst df = await readCsv("d.csv");\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(df.drop({ columns: ["y"] }), df["y"], { stratify: true });`,
        `evaluate(new GaussianNB().fit(xTrain, yTrain), xTest, yTest);`,
      ],
    },
    {
      name: "slices that meet at a computed cut",
      cells: [
        `import { RandomForestClassifier } from "ml-random-forest";\nimport { readFileSync } from "node:fs";\nconst rows = JSON.parse(readFileSync("rows.json", "utf8"));\nconst n = Math.floor(rows.length * 0.8);\nconst X = rows.map((r) => r.x);\nconst y = rows.map((r) => r.y);`,
        `const rf = new RandomForestClassifier();\nrf.train(X.slice(0, n), y.slice(0, n));\nconst p = rf.predict(X.slice(n));\np.filter((v, i) => v === y.slice(n)[i]).length;`,
      ],
    },
    {
      name: "negative slices: the last 50 rows held out",
      cells: [
        `import KNN from "ml-knn";\nimport { readFileSync } from "node:fs";\nconst rows = JSON.parse(readFileSync("rows.json", "utf8"));\nconst X = rows.map((r) => r.slice(0, 4));\nconst y = rows.map((r) => r[4]);`,
        `const knn = new KNN(X.slice(0, -50), y.slice(0, -50));\nconst knn2 = new KNN();\nknn2.train(X.slice(0, -50), y.slice(0, -50));\nconst out = knn2.predict(X.slice(-50));\nout.filter((v, i) => v === y.slice(-50)[i]);`,
      ],
    },
    {
      name: "a danfojs sample and the rest of the frame",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { GaussianNB, metrics } from "aibook";\nconst df = await dfd.readCSV("wine.csv");\nconst test = await df.sample(40, { seed: 1 });\nconst train = df.drop({ index: test.index });`,
        `const nb = new GaussianNB().fit(train.drop({ columns: ["c"] }), train["c"]);\nmetrics.accuracy(test["c"], nb.predict(test.drop({ columns: ["c"] })));`,
      ],
    },
    {
      name: "tensor.slice(begin, size) parts that meet",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst df = await readCsv("rows.csv");\nconst xs = tf.tensor2d(df.drop({ columns: ["y"] }).values);\nconst ys = tf.tensor1d(df["y"].values);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8] })] });\nnet.compile({ loss: "meanSquaredError", optimizer: "sgd" });\nawait net.fit(xs.slice(0, 800), ys.slice(0, 800));\nnet.evaluate(xs.slice(800, 200), ys.slice(800, 200));`,
      ],
    },
    {
      name: "tf.split parts do not overlap",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst df = await readCsv("rows.csv");\nconst xs = tf.tensor2d(df.drop({ columns: ["y"] }).values);\nconst labels = tf.tensor1d(df["y"].values);\nconst [trainXs, testXs] = tf.split(xs, [800, 200]);\nconst [trainYs, testYs] = tf.split(labels, [800, 200]);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8] })] });\nnet.compile({ loss: "meanSquaredError", optimizer: "sgd" });\nawait net.fit(trainXs, trainYs);\nnet.evaluate(testXs, testYs);`,
      ],
    },
    {
      name: "separate files for training and test",
      cells: [
        `import { readCsv, LogisticRegression, evaluate } from "aibook";\nconst train = await readCsv("train.csv");\nconst test = await readCsv("test.csv");`,
        `const lr = new LogisticRegression().fit(train.drop({ columns: ["y"] }), train["y"]);\nevaluate(lr, test.drop({ columns: ["y"] }), test["y"]);`,
      ],
    },
    {
      name: "two filters: the analysis cannot tell, so it stays silent",
      cells: [
        `import { DecisionTreeClassifier } from "ml-cart";\nimport { readFileSync } from "node:fs";\nconst rows = JSON.parse(readFileSync("r.json", "utf8"));\nconst trainRows = rows.filter((_, i) => i % 5 !== 0);\nconst testRows = rows.filter((_, i) => i % 5 === 0);`,
        `const t = new DecisionTreeClassifier();\nt.train(trainRows.map((r) => r.x), trainRows.map((r) => r.y));\nconst p = t.predict(testRows.map((r) => r.x));\np.filter((v, i) => v === testRows[i].y);`,
      ],
    },
    {
      name: "cross-validation folds by hand with kFold",
      cells: [
        `import { readCsv, kFold, LogisticRegression, metrics } from "aibook";\nconst df = await readCsv("d.csv");\nconst X = df.drop({ columns: ["y"] }).values;\nconst y = df["y"].values;`,
        `for (const { trainIndex, testIndex } of kFold(X.length, { folds: 5 })) {\n  const m = new LogisticRegression().fit(trainIndex.map((i) => X[i]), trainIndex.map((i) => y[i]));\n  metrics.accuracy(testIndex.map((i) => y[i]), m.predict(testIndex.map((i) => X[i])));\n}`,
      ],
    },
    {
      name: "scored on its own training rows (another rule's business)",
      cells: [
        `import { readCsv, trainTestSplit, DecisionTreeClassifier, evaluate } from "aibook";\nconst df = await readCsv("d.csv");\nconst s = trainTestSplit(df.drop({ columns: ["y"] }), df["y"], { stratify: true });`,
        `const tree = new DecisionTreeClassifier().fit(s.xTrain, s.yTrain);\nevaluate(tree, s.xTrain, s.yTrain);`,
      ],
    },
    {
      name: "refitted on every row for production after the held-out evaluation",
      cells: [
        `import { readCsv, trainTestSplit, GaussianNB, evaluate, saveModel } from "aibook";\nconst df = await readCsv("d.csv");\nconst X = df.drop({ columns: ["y"] });\nconst y = df["y"];\nconst s = trainTestSplit(X, y, { stratify: true });`,
        `const nb = new GaussianNB().fit(s.xTrain, s.yTrain);\nevaluate(nb, s.xTest, s.yTest);`,
        `const production = new GaussianNB().fit(X, y);\nawait saveModel(production, "model.json");`,
      ],
    },
    {
      name: "data from an unknown loader: nothing to say",
      opaque: true,
      cells: [
        `import { loadSplits } from "./my-data";\nimport { LogisticRegression, evaluate } from "aibook";\nconst { trainX, trainY, testX, testY } = await loadSplits();`,
        `const m = new LogisticRegression().fit(trainX, trainY);\nevaluate(m, testX, testY);`,
      ],
    },
  ],
});
