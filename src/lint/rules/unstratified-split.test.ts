import { unstratifiedSplit } from "./unstratified-split";
import { ruleTester, lintCells } from "../../../test/lint/rule-tester";
import assert from "node:assert/strict";

const load = `import { readCsv, trainTestSplit, timeSplit, stratifiedKFold, crossValidate, DecisionTreeClassifier, LogisticRegression, LinearRegression, GaussianNB, KMeans, evaluate, metrics } from "aibook";
const iris = await readCsv("iris.csv");
const X = iris.drop({ columns: ["species"] });
const y = iris["species"];`;

ruleTester(unstratifiedSplit, {
  invalid: [
    {
      name: "danfo sample of every row, then iloc ranges built by string concatenation (\"0:\" + cut)",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { GaussianNB, evaluate } from "aibook";\nconst wine = await dfd.readCSV("wine.csv");\nconst mixed = await wine.sample(wine.shape[0], { seed: 4 });\nconst cut = Math.round(mixed.shape[0] * 0.75);\nconst tr = mixed.iloc({ rows: ["0:" + cut] });\nconst te = mixed.iloc({ rows: [cut + ":"] });`,
        `evaluate(new GaussianNB().fit(tr.drop({ columns: ["cultivar"] }), tr["cultivar"]), te.drop({ columns: ["cultivar"] }), te["cultivar"]);`,
      ],
      errors: [{ cell: 0, line: 7 }],
    },
    {
      name: "rows shuffled by a sort whose comparator ignores them (a seeded generator), then sliced",
      cells: [
        `import { readCsv, GaussianNB, evaluate } from "aibook";\nlet state = 7;\nconst rand = () => (state = (state * 48271) % 2147483647) / 2147483647;\nconst df = await readCsv("iris.csv");\nconst rows = df.values.sort(() => rand() - 0.5);\nconst train = rows.slice(0, 120);\nconst test = rows.slice(120);`,
        `evaluate(new GaussianNB().fit(train.map((r) => r.slice(0, 4)), train.map((r) => r[4])), test.map((r) => r.slice(0, 4)), test.map((r) => r[4]));`,
      ],
      errors: [{ cell: 0, line: 7 }],
    },
    {
      name: "a tfjs network compiled with a cross-entropy loss function (not its name), split without stratify",
      cells: [
        load,
        `import * as tf from "@tensorflow/tfjs";\nconst parts = trainTestSplit(X.values, y.values, { testSize: 0.2 });\nconst net = tf.sequential();\nnet.add(tf.layers.dense({ units: 3, inputShape: [4] }));\nnet.compile({ optimizer: "adam", loss: tf.losses.softmaxCrossEntropy });\nawait net.fit(tf.tensor2d(parts.xTrain), tf.oneHot(tf.tensor1d(parts.yTrain, "int32"), 3));`,
      ],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "options kept in a variable, without stratify",
      cells: [load, `const options = { testSize: 0.25, seed: 3 };\nconst s = trainTestSplit(X, y, options);\nevaluate(new GaussianNB().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "frame-form options in a variable, stratify: false",
      cells: [load, `const options = { testSize: 0.25, stratify: false };\nconst { train, test } = trainTestSplit(iris, options);\nevaluate(new GaussianNB().fit(train.drop({ columns: ["species"] }), train["species"]), test.drop({ columns: ["species"] }), test["species"]);`],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "records shuffled by a random sort and sliced; the classifier's precision is counted by hand",
      cells: [
        `import KNN from "ml-knn";\nimport { readCsv } from "aibook";\nconst df = await readCsv("glass.csv");\nconst items = df.values.map((r) => ({ features: r.slice(0, 9), kind: r[9] }));\nconst order = items.slice().sort(() => Math.random() - 0.5);\nconst trainItems = order.slice(0, 150);\nconst testItems = order.slice(150);`,
        `const knn = new KNN(trainItems.map((t) => t.features), trainItems.map((t) => t.kind));\nconst out = knn.predict(testItems.map((t) => t.features));\nlet right = 0;\nout.forEach((o, i) => {\n  if (o === 1 && testItems[i].kind === 1) right++;\n});`,
      ],
      errors: [{ cell: 0, line: 7 }],
    },
    {
      name: "trainTestSplit without stratify, labels to a classifier",
      cells: [load, `const parts = trainTestSplit(X, y, { testSize: 0.3, seed: 2 });`, `const tree = new DecisionTreeClassifier().fit(parts.xTrain, parts.yTrain);\nevaluate(tree, parts.xTest, parts.yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "an unshuffled split is no better",
      cells: [load, `const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { shuffle: false });\nevaluate(new GaussianNB().fit(xTrain, yTrain), xTest, yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "the DataFrame form without a stratify column",
      cells: [load, `const { train, test } = trainTestSplit(iris, { testSize: 0.2, seed: 4 });\nconst lr = new LogisticRegression().fit(train.drop({ columns: ["species"] }), train["species"]);\nevaluate(lr, test.drop({ columns: ["species"] }), test["species"]);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "a danfojs sample held out",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { GaussianNB, evaluate } from "aibook";\nconst wine = await dfd.readCSV("wine.csv");\nconst holdout = await wine.sample(45, { seed: 3 });\nconst rest = wine.drop({ index: holdout.index });`,
        `const nb = new GaussianNB().fit(rest.drop({ columns: ["c"] }), rest["c"]);\nevaluate(nb, holdout.drop({ columns: ["c"] }), holdout["c"]);`,
      ],
      errors: [{ cell: 0, line: 4 }],
    },
    {
      name: "a Fisher-Yates shuffle, then slices, for ml-knn",
      cells: [
        `import KNN from "ml-knn";\nimport { readFileSync } from "node:fs";\nconst rows = readFileSync("iris.csv", "utf8").trim().split("\\n").slice(1).map((l) => l.split(","));\nfor (let i = rows.length - 1; i > 0; i--) {\n  const j = Math.floor(Math.random() * (i + 1));\n  [rows[i], rows[j]] = [rows[j], rows[i]];\n}`,
        `const X = rows.map((r) => r.slice(0, 4).map(Number));\nconst y = rows.map((r) => r[4]);\nconst knn = new KNN();\nknn.train(X.slice(0, 120), y.slice(0, 120));\nconst p = knn.predict(X.slice(120));\np.filter((v, i) => v === y.slice(120)[i]).length;`,
      ],
      errors: [{ cell: 1, line: 5 }],
    },
    {
      name: "plain slices of an unshuffled array for naive Bayes",
      cells: [
        `import { GaussianNB } from "ml-naivebayes";\nimport { readCsv } from "aibook";\nconst df = await readCsv("spam.csv");\nconst X = df.drop({ columns: ["spam"] }).values;\nconst y = df["spam"].values;`,
        `const nb = new GaussianNB();\nnb.train(X.slice(0, 4000), y.slice(0, 4000));\nconst guess = nb.predict(X.slice(4000));\nconst acc = guess.filter((g, i) => g === y.slice(4000)[i]).length / guess.length;`,
      ],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "tf.util.shuffle, then tf.split, for a softmax network",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst rows = (await readCsv("iris.csv")).values;\ntf.util.shuffle(rows);\nconst xs = tf.tensor2d(rows.map((r) => r.slice(0, 4)));\nconst ys = tf.oneHot(tf.tensor1d(rows.map((r) => r[4]), "int32"), 3);`,
        `const [xTr, xTe] = tf.split(xs, [120, 30]);\nconst [yTr, yTe] = tf.split(ys, [120, 30]);\nconst net = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: "softmax" })] });\nnet.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });\nawait net.fit(xTr, yTr);\nnet.evaluate(xTe, yTe);`,
      ],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "sort by Math.random, then slice",
      cells: [
        `import { readCsv, LogisticRegression, metrics } from "aibook";\nconst records = (await readCsv("titanic.csv")).values;\nrecords.sort(() => Math.random() - 0.5);\nconst n = Math.floor(records.length * 0.8);\nconst trainRows = records.slice(0, n);\nconst testRows = records.slice(n);`,
        `const lr = new LogisticRegression().fit(trainRows.map((r) => r.slice(1)), trainRows.map((r) => r[0]));\nmetrics.accuracy(testRows.map((r) => r[0]), lr.predict(testRows.map((r) => r.slice(1))));`,
      ],
      errors: [{ cell: 0, line: 6 }],
    },
    {
      name: "danfojs iloc ranges written with a template",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { LogisticRegression, evaluate } from "aibook";\nconst df = await dfd.readCSV("churn.csv");\nconst mixed = await df.sample(df.shape[0], { seed: 2 });\nconst cut = Math.floor(mixed.shape[0] * 0.8);\nconst train = mixed.iloc({ rows: [\`0:\${cut}\`] });\nconst test = mixed.iloc({ rows: [\`\${cut}:\`] });`,
        `const lr = new LogisticRegression().fit(train.drop({ columns: ["churn"] }), train["churn"]);\nevaluate(lr, test.drop({ columns: ["churn"] }), test["churn"]);`,
      ],
      errors: [{ cell: 0, line: 7 }],
    },
    {
      name: "an unstratified training part, cross-validated",
      cells: [load, `const { xTrain, yTrain } = trainTestSplit(X, y, { testSize: 0.2 });\ncrossValidate(new GaussianNB(), xTrain, yTrain, { folds: 5 });`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "stratify: false said out loud",
      cells: [load, `const s = trainTestSplit(X, y, { stratify: false, testSize: 0.25 });\nevaluate(new DecisionTreeClassifier().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "labels to a cross-entropy network, split without stratify",
      cells: [
        load,
        `import * as tf from "@tensorflow/tfjs";\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(X.values, y.values, { testSize: 0.2 });\nconst net = tf.sequential();\nnet.add(tf.layers.dense({ units: 3, inputShape: [4] }));\nnet.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });\nawait net.fit(tf.tensor2d(xTrain), tf.tensor1d(yTrain));`,
      ],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "a hold-out helper that forgets stratify",
      cells: [load, `function holdOut(features, labels) {\n  return trainTestSplit(features, labels, { testSize: 0.2 });\n}`, `const h = holdOut(X, y);\nevaluate(new GaussianNB().fit(h.xTrain, h.yTrain), h.xTest, h.yTest);`],
      errors: [{ cell: 2, line: 1 }],
    },
  ],
  valid: [
    {
      name: "danfo sample of every row, iloc ranges built by string concatenation, a regression target",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { LinearRegression, evaluate } from "aibook";\nconst dia = await dfd.readCSV("diabetes.csv");\nconst mixed = await dia.sample(dia.shape[0], { seed: 4 });\nconst cut = Math.round(mixed.shape[0] * 0.75);\nconst tr = mixed.iloc({ rows: ["0:" + cut] });\nconst te = mixed.iloc({ rows: [cut + ":"] });`,
        `evaluate(new LinearRegression().fit(tr.drop({ columns: ["progression"] }), tr["progression"]), te.drop({ columns: ["progression"] }), te["progression"]);`,
      ],
    },
    {
      name: "a production model refitted on every row predicts a few of those rows (no held-out part)",
      cells: [
        load,
        `const s = trainTestSplit(X, y, { stratify: true });\nevaluate(new GaussianNB().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);\nconst production = new GaussianNB().fit(X, y);\nconsole.log(production.predict(X.head(3)));`,
      ],
    },
    {
      name: "options kept in a variable, stratified",
      cells: [load, `const options = { testSize: 0.25, stratify: true, seed: 3 };\nconst s = trainTestSplit(X, y, options);\nevaluate(new GaussianNB().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`],
    },
    {
      name: "records shuffled by a random sort and sliced for a regression forest, measured by hand",
      cells: [
        `import { RandomForestRegression } from "ml-random-forest";\nimport { readCsv } from "aibook";\nconst df = await readCsv("houses.csv");\nconst items = df.values.map((r) => ({ features: r.slice(0, 9), price: r[9] }));\nconst order = items.slice().sort(() => Math.random() - 0.5);\nconst trainItems = order.slice(0, 150);\nconst testItems = order.slice(150);`,
        `const forest = new RandomForestRegression();\nforest.train(trainItems.map((t) => t.features), trainItems.map((t) => t.price));\nconst out = forest.predict(testItems.map((t) => t.features));\nlet err = 0;\nout.forEach((o, i) => {\n  err += Math.abs(o - testItems[i].price);\n});`,
      ],
    },
    {
      name: "a split stratified by hand: each class shuffled and cut on its own",
      cells: [
        `import { DecisionTreeClassifier } from "ml-cart";\nimport { readFileSync } from "node:fs";\nconst data = JSON.parse(readFileSync("iris.json", "utf8"));\nconst train = [];\nconst test = [];\nfor (const cls of ["setosa", "versicolor", "virginica"]) {\n  const rows = data.filter((r) => r.species === cls);\n  rows.sort(() => Math.random() - 0.5);\n  const k = Math.floor(rows.length * 0.8);\n  train.push(...rows.slice(0, k));\n  test.push(...rows.slice(k));\n}`,
        `const cart = new DecisionTreeClassifier();\ncart.train(train.map((r) => r.x), train.map((r) => r.species));\nconst p = cart.predict(test.map((r) => r.x));\np.filter((v, i) => v === test[i].species).length;`,
      ],
    },
    {
      name: "stratify: true",
      cells: [load, `const s = trainTestSplit(X, y, { testSize: 0.3, stratify: true });\nevaluate(new DecisionTreeClassifier().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`],
    },
    {
      name: "stratify on the labels series",
      cells: [load, `const s = trainTestSplit(X, y, { stratify: y });\nevaluate(new GaussianNB().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`],
    },
    {
      name: "a regression target needs no stratification",
      cells: [load, `const s = trainTestSplit(X.drop({ columns: ["petal_width"] }), X["petal_width"], { testSize: 0.2 });\nevaluate(new LinearRegression().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`],
    },
    {
      name: "a time split",
      cells: [
        `import { readCsv, timeSplit, LogisticRegression, evaluate } from "aibook";\nconst sales = await readCsv("sales.csv");\nconst { train, test } = timeSplit(sales, { column: "date", testSize: 0.2 });`,
        `const lr = new LogisticRegression().fit(train.drop({ columns: ["churn", "date"] }), train["churn"]);\nevaluate(lr, test.drop({ columns: ["churn", "date"] }), test["churn"]);`,
      ],
    },
    {
      name: "rows sorted by date, then cut",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { GaussianNB, evaluate } from "aibook";\nconst log = await dfd.readCSV("events.csv");\nconst ordered = log.sortValues("timestamp");\nconst past = ordered.iloc({ rows: ["0:800"] });\nconst future = ordered.iloc({ rows: ["800:"] });`,
        `const nb = new GaussianNB().fit(past.drop({ columns: ["label"] }), past["label"]);\nevaluate(nb, future.drop({ columns: ["label"] }), future["label"]);`,
      ],
    },
    {
      name: "options from a variable: cannot tell",
      cells: [load, `const opts = { testSize: 0.2, ...defaults };\nconst s = trainTestSplit(X, y, opts);\nevaluate(new GaussianNB().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`],
    },
    {
      name: "a tfjs regression network on tf.split parts",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("houses.csv");\nconst xs = tf.tensor2d(d.drop({ columns: ["price"] }).values);\nconst ys = tf.tensor1d(d["price"].values);\nconst [xa, xb] = tf.split(xs, [400, 100]);\nconst [ya, yb] = tf.split(ys, [400, 100]);`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8] })] });\nnet.compile({ optimizer: "sgd", loss: "meanSquaredError" });\nawait net.fit(xa, ya);\nnet.evaluate(xb, yb);`,
      ],
    },
    {
      name: "stratified folds",
      cells: [load, `const rows = X.values;\nconst labels = y.values;\nfor (const f of stratifiedKFold(labels, { folds: 5 })) {\n  const m = new GaussianNB().fit(f.trainIndex.map((i) => rows[i]), f.trainIndex.map((i) => labels[i]));\n  metrics.accuracy(f.testIndex.map((i) => labels[i]), m.predict(f.testIndex.map((i) => rows[i])));\n}`],
    },
    {
      name: "clustering the training part of a random split",
      cells: [load, `const s = trainTestSplit(X, y, { testSize: 0.3 });\nconst km = new KMeans({ k: 3 }).fit(s.xTrain);\nconst lin = new LinearRegression().fit(s.xTrain, s.yTrain);`],
    },
    {
      name: "a sample to make the data smaller, then a stratified split of it",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { trainTestSplit, LogisticRegression, evaluate } from "aibook";\nconst big = await dfd.readCSV("clicks.csv");\nconst small = await big.sample(5000, { seed: 1 });`,
        `const s = trainTestSplit(small.drop({ columns: ["click"] }), small["click"], { stratify: true });\nevaluate(new LogisticRegression().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`,
      ],
    },
  ],
});

describe("unstratified-split quick fix", () => {
  it("offers to add stratify: true into the options object", () => {
    const [d] = lintCells(unstratifiedSplit, [load, `const parts = trainTestSplit(X, y, { testSize: 0.3, seed: 2 });\nnew GaussianNB().fit(parts.xTrain, parts.yTrain);`]);
    const edit = d!.fixes[0]!.edits[0]!;
    assert.equal(edit.kind, "replace");
    if (edit.kind !== "replace") return;
    const line = `const parts = trainTestSplit(X, y, { testSize: 0.3, seed: 2 });`;
    const fixed = line.slice(0, edit.range.column - 1) + edit.newText + line.slice(edit.range.endColumn - 1);
    assert.equal(fixed, `const parts = trainTestSplit(X, y, { stratify: true, testSize: 0.3, seed: 2 });`);
  });
  it("adds an options object when there is none", () => {
    const [d] = lintCells(unstratifiedSplit, [load, `const parts = trainTestSplit(X, y);\nnew GaussianNB().fit(parts.xTrain, parts.yTrain);`]);
    const edit = d!.fixes[0]!.edits[0]!;
    if (edit.kind !== "replace") return assert.fail("a replace edit");
    const line = `const parts = trainTestSplit(X, y);`;
    const fixed = line.slice(0, edit.range.column - 1) + edit.newText + line.slice(edit.range.endColumn - 1);
    assert.equal(fixed, `const parts = trainTestSplit(X, y, { stratify: true });`);
  });
});
