import { multiTestLeakage } from "./multi-test-leakage";
import { ruleTester } from "../../../test/lint/rule-tester";

const split = `import { readCsv, trainTestSplit, compareModels, crossValidate, KNeighborsClassifier, LogisticRegression, DecisionTreeClassifier, GaussianNB, RandomForestClassifier, DummyClassifier, evaluate, metrics } from "aibook";
const df = await readCsv("wine.csv");
const X = df.drop({ columns: ["cultivar"] });
const y = df["cultivar"];
const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.3, stratify: true, seed: 9 });`;

ruleTester(multiTestLeakage, {
  invalid: [
    {
      name: "accuracy counted by a helper with a for loop and hits++, the best k kept by its test accuracy",
      cells: [
        split,
        `function acc(truth: any[], said: any[]) {\n  let hits = 0;\n  for (let i = 0; i < truth.length; i++) if (truth[i] === said[i]) hits++;\n  return hits / truth.length;\n}`,
        `let best = { k: 0, score: -1 };\nfor (const k of [1, 3, 5, 7, 9, 11, 15]) {\n  const m = new KNeighborsClassifier({ k }).fit(xTrain, yTrain);\n  const score = acc(yTest.values, m.predict(xTest));\n  if (score > best.score) best = { k, score };\n}`,
      ],
      errors: [{ cell: 2, line: 5 }],
    },
    {
      name: "hits += 1 counted inline in the loop over candidate depths, the best kept",
      cells: [
        split,
        `let bestAcc = 0;\nlet bestDepth = 0;\nfor (const depth of [2, 3, 4, 6, 8, 10, 12]) {\n  const said = new DecisionTreeClassifier({ maxDepth: depth }).fit(xTrain, yTrain).predict(xTest);\n  let hits = 0;\n  for (let i = 0; i < said.length; i++) {\n    if (said[i] === yTest.values[i]) hits += 1;\n  }\n  if (hits / said.length > bestAcc) { bestAcc = hits / said.length; bestDepth = depth; }\n}`,
      ],
      errors: [{ cell: 1, line: 9 }],
    },
    {
      name: "test scores mapped over a literal list of k, the best one picked with indexOf(Math.max(...))",
      cells: [split, `const ks = [1, 5, 9];\nconst scores = ks.map((k) => metrics.f1(yTest, new KNeighborsClassifier({ k }).fit(xTrain, yTrain).predict(xTest), { average: "macro" }));\nconst best = ks[scores.indexOf(Math.max(...scores))];`],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "best k kept by its evaluate() report on the test part",
      cells: [split, `let bestK = 0;\nlet bestAcc = 0;\nfor (const k of [3, 5, 7]) {\n  const report = evaluate(new KNeighborsClassifier({ k }).fit(xTrain, yTrain), xTest, yTest);\n  if (report.accuracy > bestAcc) {\n    bestAcc = report.accuracy;\n    bestK = k;\n  }\n}`],
      errors: [{ cell: 1, line: 5 }],
    },
    {
      name: "results sorted by test F1",
      cells: [
        split,
        `const results = [];\nfor (const [name, model] of [["tree", new DecisionTreeClassifier()], ["nb", new GaussianNB()], ["lr", new LogisticRegression()]]) {\n  model.fit(xTrain, yTrain);\n  results.push({ name, f1: metrics.f1(yTest, model.predict(xTest), { average: "macro" }) });\n}`,
        `results.sort((a, b) => b.f1 - a.f1);\nconsole.log("winner", results[0]);`,
      ],
      errors: [{ cell: 2, line: 1 }],
    },
    {
      name: "Math.max over test accuracies",
      cells: [split, `const accs = [];\nfor (const depth of [2, 4, 8, 16]) {\n  const tree = new DecisionTreeClassifier({ maxDepth: depth }).fit(xTrain, yTrain);\n  accs.push(metrics.accuracy(yTest, tree.predict(xTest)));\n}\nconst best = Math.max(...accs);`],
      errors: [{ cell: 1, line: 6 }],
    },
    {
      name: "reduce keeps the row with the best test score",
      cells: [
        split,
        `const candidates = [new GaussianNB(), new LogisticRegression({ c: 0.1 }), new LogisticRegression({ c: 10 })];\nconst scored = candidates.map((m) => ({ m, acc: metrics.accuracy(yTest, m.fit(xTrain, yTrain).predict(xTest)) }));\nconst champion = scored.reduce((best, r) => (r.acc > best.acc ? r : best));`,
      ],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "two named models, the winner picked with a ternary",
      cells: [split, `const a = new GaussianNB().fit(xTrain, yTrain);\nconst b = new LogisticRegression().fit(xTrain, yTrain);\nconst accA = metrics.accuracy(yTest, a.predict(xTest));\nconst accB = metrics.accuracy(yTest, b.predict(xTest));`, `const winner = accA >= accB ? a : b;\nevaluate(winner, xTest, yTest);`],
      errors: [{ cell: 2, line: 1 }],
    },
    {
      name: "tfjs networks of different widths compared on the test tensors",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("d.csv");\nconst xs = tf.tensor2d(d.drop({ columns: ["y"] }).values);\nconst ys = tf.tensor1d(d["y"].values);\nconst [xa, xb] = tf.split(xs, [800, 200]);\nconst [ya, yb] = tf.split(ys, [800, 200]);`,
        `let bestLoss = Infinity;\nlet bestNet;\nfor (const units of [8, 32, 128]) {\n  const net = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [6], activation: "relu" }), tf.layers.dense({ units: 1, activation: "sigmoid" })] });\n  net.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\n  await net.fit(xa, ya, { epochs: 10 });\n  const loss = net.evaluate(xb, yb);\n  if (loss < bestLoss) { bestLoss = loss; bestNet = net; }\n}`,
      ],
      errors: [{ cell: 1, line: 8 }],
    },
    {
      name: "a counted for loop over depths",
      cells: [split, `let bestDepth = 1, bestScore = -1;\nfor (let depth = 1; depth <= 10; depth++) {\n  const t = new DecisionTreeClassifier({ maxDepth: depth }).fit(xTrain, yTrain);\n  const s = metrics.balancedAccuracy(yTest, t.predict(xTest));\n  if (s > bestScore) {\n    bestScore = s;\n    bestDepth = depth;\n  }\n}`],
      errors: [{ cell: 1, line: 5 }],
    },
    {
      name: "ml-random-forest sizes compared with a hand-made accuracy",
      cells: [
        `import { RandomForestClassifier } from "ml-random-forest";\nimport { readFileSync } from "node:fs";\nconst rows = JSON.parse(readFileSync("r.json", "utf8"));\nconst n = Math.floor(rows.length * 0.75);\nconst X = rows.map((r) => r.x);\nconst Y = rows.map((r) => r.y);`,
        `let best = { trees: 0, acc: 0 };\nfor (const trees of [10, 50, 100]) {\n  const rf = new RandomForestClassifier({ nEstimators: trees });\n  rf.train(X.slice(0, n), Y.slice(0, n));\n  const p = rf.predict(X.slice(n));\n  const acc = p.filter((v, i) => v === Y.slice(n)[i]).length / p.length;\n  if (acc > best.acc) best = { trees, acc };\n}`,
      ],
      errors: [{ cell: 1, line: 7 }],
    },
    {
      name: "models in an object, compared through Object.entries",
      cells: [
        split,
        `const models = { nb: new GaussianNB(), tree: new DecisionTreeClassifier({ maxDepth: 4 }), forest: new RandomForestClassifier() };\nlet bestName = "";\nlet top = 0;\nfor (const [name, model] of Object.entries(models)) {\n  const f1 = metrics.f1(yTest, model.fit(xTrain, yTrain).predict(xTest), { average: "macro" });\n  if (f1 > top) { top = f1; bestName = name; }\n}`,
      ],
      errors: [{ cell: 1, line: 6 }],
    },
    {
      name: "a sorted copy of the test results",
      cells: [split, `const results = [];\nfor (const m of [new GaussianNB(), new DecisionTreeClassifier()]) results.push({ m, acc: metrics.accuracy(yTest, m.fit(xTrain, yTrain).predict(xTest)) });\nconst ranked = [...results].sort((p, q) => q.acc - p.acc);`],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "lodash maxBy over test scores",
      cells: [split, `import _ from "lodash";\nconst runs = [new GaussianNB(), new DecisionTreeClassifier()].map((m) => ({ m, acc: metrics.accuracy(yTest, m.fit(xTrain, yTrain).predict(xTest)) }));\nconst top = _.maxBy(runs, (r) => r.acc);`],
      errors: [{ cell: 1, line: 3 }],
    },
    {
      name: "a leaderboard built on the test part",
      cells: [split, `const board = compareModels({ nb: new GaussianNB(), tree: new DecisionTreeClassifier() }, xTest, yTest, { folds: 5, metric: "f1" });\nconst pick = board.best().model.clone().fit(xTrain, yTrain);\nevaluate(pick, xTest, yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "a test-score helper used to choose",
      cells: [
        split,
        `function testScore(model) {\n  model.fit(xTrain, yTrain);\n  return metrics.accuracy(yTest, model.predict(xTest));\n}`,
        `const lr = new LogisticRegression();\nconst nb = new GaussianNB();\nconst chosen = testScore(lr) > testScore(nb) ? lr : nb;`,
      ],
      errors: [{ cell: 2, line: 3 }],
    },
  ],
  valid: [
    {
      name: "accuracy counted with hits++ on a validation part to keep the best k, the test part once",
      cells: [
        split,
        `const inner = trainTestSplit(xTrain, yTrain, { testSize: 0.25, stratify: true, seed: 1 });\nlet best = { k: 1, score: -1 };\nfor (const k of [1, 3, 5, 7, 9, 11, 15]) {\n  const said = new KNeighborsClassifier({ k }).fit(inner.xTrain, inner.yTrain).predict(inner.xTest);\n  let hits = 0;\n  for (let i = 0; i < said.length; i++) if (said[i] === inner.yTest.values[i]) hits++;\n  if (hits / said.length > best.score) best = { k, score: hits / said.length };\n}\nevaluate(new KNeighborsClassifier({ k: best.k }).fit(xTrain, yTrain), xTest, yTest);`,
      ],
    },
    {
      name: "validation scores mapped over a literal list of k, the best one picked, the test set used once",
      cells: [
        split,
        `const inner = trainTestSplit(xTrain, yTrain, { testSize: 0.25, stratify: true });\nconst ks = [1, 5, 9];\nconst scores = ks.map((k) => metrics.f1(inner.yTest, new KNeighborsClassifier({ k }).fit(inner.xTrain, inner.yTrain).predict(inner.xTest), { average: "macro" }));\nconst k = ks[scores.indexOf(Math.max(...scores))];\nevaluate(new KNeighborsClassifier({ k }).fit(xTrain, yTrain), xTest, yTest);`,
      ],
    },
    {
      name: "chosen by cross-validation, tested once",
      cells: [split, `const board = compareModels({ nb: new GaussianNB(), lr: new LogisticRegression() }, xTrain, yTrain, { folds: 5, metric: "f1" });\nconst chosen = board.best().model.clone().fit(xTrain, yTrain);\nevaluate(chosen, xTest, yTest);`],
    },
    {
      name: "chosen on a validation split cut from the training part",
      cells: [
        split,
        `const inner = trainTestSplit(xTrain, yTrain, { testSize: 0.25, stratify: true });\nlet best = null, bestAcc = -1;\nfor (const k of [3, 5, 9]) {\n  const m = new KNeighborsClassifier({ k }).fit(inner.xTrain, inner.yTrain);\n  const acc = metrics.accuracy(inner.yTest, m.predict(inner.xTest));\n  if (acc > bestAcc) { bestAcc = acc; best = k; }\n}`,
        `evaluate(new KNeighborsClassifier({ k: best }).fit(xTrain, yTrain), xTest, yTest);`,
      ],
    },
    {
      name: "test scores of a few models printed side by side",
      cells: [split, `for (const model of [new DummyClassifier(), new LogisticRegression()]) {\n  const pred = model.fit(xTrain, yTrain).predict(xTest);\n  console.log(metrics.accuracy(yTest, pred), metrics.f1(yTest, pred, { average: "macro" }));\n}`],
    },
    {
      name: "a test score checked against a fixed bar",
      cells: [split, `const lr = new LogisticRegression().fit(xTrain, yTrain);\nconst acc = metrics.accuracy(yTest, lr.predict(xTest));\nif (acc < 0.8) throw new Error("model below the agreed bar");`],
    },
    {
      name: "training score against test score of one model (the overfitting gap)",
      cells: [split, `const t = new DecisionTreeClassifier().fit(xTrain, yTrain);\nconst trainAcc = metrics.accuracy(yTrain, t.predict(xTrain));\nconst testAcc = metrics.accuracy(yTest, t.predict(xTest));\nif (trainAcc - testAcc > 0.1) console.warn("overfitting");`],
    },
    {
      name: "cross-validated means compared",
      cells: [split, `let best = null, bestMean = 0;\nfor (const m of [new GaussianNB(), new LogisticRegression()]) {\n  const cv = crossValidate(m, xTrain, yTrain, { folds: 5 });\n  if (cv.mean.f1 > bestMean) { bestMean = cv.mean.f1; best = m; }\n}\nevaluate(best.clone().fit(xTrain, yTrain), xTest, yTest);`],
    },
    {
      name: "the model checked against the baseline without choosing",
      cells: [split, `const base = new DummyClassifier().fit(xTrain, yTrain);\nconst lr = new LogisticRegression().fit(xTrain, yTrain);\nconst baseAcc = metrics.accuracy(yTest, base.predict(xTest));\nconst lrAcc = metrics.accuracy(yTest, lr.predict(xTest));\nif (lrAcc <= baseAcc) console.warn("no better than the majority class");`],
    },
    {
      name: "a results table without a ranking",
      cells: [split, `const table = [new GaussianNB(), new DecisionTreeClassifier()].map((m) => ({ name: m.constructor.name, acc: metrics.accuracy(yTest, m.fit(xTrain, yTrain).predict(xTest)) }));\nconsole.table(table);`],
    },
    {
      name: "training scores compared (a different mistake, not this one)",
      cells: [split, `const a = new GaussianNB().fit(xTrain, yTrain);\nconst b = new DecisionTreeClassifier().fit(xTrain, yTrain);\nconst pick = metrics.accuracy(yTrain, a.predict(xTrain)) > metrics.accuracy(yTrain, b.predict(xTrain)) ? a : b;`],
    },
    {
      name: "results sorted by name",
      cells: [split, `const rows = [new GaussianNB(), new LogisticRegression()].map((m, i) => ({ name: "m" + i, acc: metrics.accuracy(yTest, m.fit(xTrain, yTrain).predict(xTest)) }));\nrows.sort((a, b) => a.name.localeCompare(b.name));\nconsole.table(rows);`],
    },
    {
      name: "the best fold of a hand-written cross-validation",
      cells: [
        split,
        `import { kFold } from "aibook";\nconst rows = xTrain.values;\nconst labels = yTrain.values;\nconst accs = [];\nfor (const f of kFold(rows.length, { folds: 5 })) {\n  const m = new GaussianNB().fit(f.trainIndex.map((i) => rows[i]), f.trainIndex.map((i) => labels[i]));\n  accs.push(metrics.accuracy(f.testIndex.map((i) => labels[i]), m.predict(f.testIndex.map((i) => rows[i]))));\n}\nconsole.log(Math.max(...accs), Math.min(...accs));`,
      ],
    },
    {
      name: "one model, several metrics",
      cells: [split, `const lr = new LogisticRegression().fit(xTrain, yTrain);\nconst p = lr.predict(xTest);\nconst scores = [metrics.precision(yTest, p, { average: "macro" }), metrics.recall(yTest, p, { average: "macro" })];\nconsole.log(Math.min(...scores));`],
    },
  ],
});
