import { preprocessingLeakage } from "./preprocessing-leakage";
import assert from "node:assert/strict";
import { ruleTester, lintCells } from "../../../test/lint/rule-tester";
import { lintNotebook, type LintFix } from "../index";

const load = `import { readCsv, trainTestSplit, StandardScaler, MinMaxScaler, SimpleImputer, PCA, SelectKBest, OneHotEncoder, LabelEncoder, LogisticRegression, LinearRegression, DummyClassifier, pipeline, crossValidate, evaluate, metrics } from "aibook";
const df = await readCsv("patients.csv");
const X = df.drop({ columns: ["outcome"] });
const y = df["outcome"];`;

ruleTester(preprocessingLeakage, {
  invalid: [
    {
      name: "a noisy copy of every row pushed onto a spread copy of the rows, then split",
      cells: [
        load,
        `const rows = X.values;\nconst labels = y.values;\nconst augX = [...rows];\nconst augY = [...labels];\nfor (let i = 0; i < rows.length; i++) {\n  augX.push(rows[i].map((v) => v * (1 + (Math.random() - 0.5) * 0.02)));\n  augY.push(labels[i]);\n}`,
        `const s = trainTestSplit(augX, augY, { testSize: 0.2, stratify: true });\nevaluate(new LogisticRegression().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`,
      ],
      errors: [{ cell: 1, line: 6 }],
    },
    {
      name: "rows of the rare class unshifted onto a copy of the rows with forEach, then split",
      cells: [
        load,
        `const rows = X.values.slice();\nconst labels = y.values.slice();\nX.values.forEach((r, i) => {\n  if (labels[i] === 1) { rows.unshift(X.values[i]); labels.unshift(1); }\n});\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(rows, labels, { testSize: 0.25 });\nevaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "gaps filled with each column's mean over the present values of every row, then split",
      cells: [
        load,
        `const rows = X.values;\nconst means = rows[0].map((_, j) => {\n  const present = rows.map((r) => r[j]).filter((v) => !Number.isNaN(v));\n  return present.reduce((a, b) => a + b, 0) / present.length;\n});\nconst filled = rows.map((r) => r.map((v, j) => (Number.isNaN(v) ? means[j] : v)));\nconst s = trainTestSplit(filled, y.values, { stratify: true });\nevaluate(new LogisticRegression().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`,
      ],
      errors: [{ cell: 1, line: 4 }],
    },
    {
      name: "min-max by hand in a helper: each column's minimum and maximum picked by index over every row",
      cells: [
        `import { readCsv, trainTestSplit, KNeighborsClassifier, evaluate } from "aibook";\nfunction rescale(m) {\n  const lo = m[0].map((_, j) => Math.min(...m.map((r) => r[j])));\n  const hi = m[0].map((_, j) => Math.max(...m.map((r) => r[j])));\n  return m.map((r) => r.map((v, j) => (v - lo[j]) / (hi[j] - lo[j])));\n}`,
        `const seeds = await readCsv("seeds.csv");\nconst unit = rescale(seeds.drop({ columns: ["variety"] }).values);\nconst s = trainTestSplit(unit, seeds["variety"].values, { stratify: true });\nevaluate(new KNeighborsClassifier().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`,
      ],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "target encoding: the target's mean per group on every row, looked up through a Map",
      cells: [
        `import { readCsv, trainTestSplit, LogisticRegression, evaluate } from "aibook";\nconst loans = await readCsv("loans.csv");\nconst perRegion = loans.groupby(["region"]).col(["defaulted"]).mean();\nconst lookup = new Map();\nperRegion["region"].values.forEach((r, i) => lookup.set(r, perRegion["defaulted_mean"].values[i]));\nconst withRate = loans.addColumn("region_rate", loans["region"].values.map((r) => lookup.get(r)));`,
        `const { xTrain, xTest, yTrain, yTest } = trainTestSplit(withRate.drop({ columns: ["defaulted", "region"] }), withRate["defaulted"], { stratify: true });\nevaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`,
      ],
      errors: [{ cell: 0, line: 3 }],
    },
    {
      name: "target encoding through a plain object keyed by category",
      cells: [
        `import { readCsv, trainTestSplit, GaussianNB, evaluate } from "aibook";\nconst loans = await readCsv("loans.csv");\nconst stats = loans.groupby(["grade"]).col(["defaulted"]).mean();\nconst table: Record<string, number> = {};\nstats["grade"].values.forEach((g, i) => {\n  table[g] = stats["defaulted_mean"].values[i];\n});\nconst encoded = loans.addColumn("grade_rate", loans["grade"].values.map((g) => table[g]));`,
        `const parts = trainTestSplit(encoded.drop({ columns: ["defaulted", "grade"] }), encoded["defaulted"], { stratify: true });\nevaluate(new GaussianNB().fit(parts.xTrain, parts.yTrain), parts.xTest, parts.yTest);`,
      ],
      errors: [{ cell: 0, line: 3 }],
    },
    {
      name: "StandardScaler.fitTransform on every row, then the split",
      cells: [load, `const z = new StandardScaler().fitTransform(X);\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(z, y, { stratify: true });`, `evaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "MinMaxScaler fitted on every row, transform later",
      cells: [load, `const mm = new MinMaxScaler();\nmm.fit(X);`, `const parts = trainTestSplit(mm.transform(X), y, { stratify: true, seed: 3 });\nconst lr = new LogisticRegression().fit(parts.xTrain, parts.yTrain);\nmetrics.accuracy(parts.yTest, lr.predict(parts.xTest));`],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "SimpleImputer on the whole table",
      cells: [load, `const imputed = new SimpleImputer({ strategy: "median" }).fitTransform(X);\nconst s = trainTestSplit(imputed, y, { stratify: true });\nevaluate(new LogisticRegression().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "danfojs fillna with the column means, then a sample held out",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { GaussianNB, metrics } from "aibook";\nconst raw = await dfd.readCSV("cars.csv");\nconst means = raw.mean();\nconst full = raw.fillNa(means);`,
        `const test = await full.sample(100);\nconst train = full.drop({ index: test.index });\nconst nb = new GaussianNB().fit(train.drop({ columns: ["class"] }), train["class"]);\nmetrics.f1(test["class"], nb.predict(test.drop({ columns: ["class"] })), { average: "macro" });`,
      ],
      errors: [{ cell: 0, line: 4 }],
    },
    {
      name: "z-scores by hand with a mean and deviation of every row, then slices",
      cells: [
        `import { RandomForestClassifier } from "ml-random-forest";\nimport { readFileSync } from "node:fs";\nconst rows = JSON.parse(readFileSync("rows.json", "utf8"));\nconst xs = rows.map((r) => r.value);\nconst mu = xs.reduce((a, b) => a + b, 0) / xs.length;\nconst feats = rows.map((r) => [(r.value - mu) / 2, r.other]);\nconst labels = rows.map((r) => r.label);`,
        `const cut = Math.floor(rows.length * 0.8);\nconst rf = new RandomForestClassifier();\nrf.train(feats.slice(0, cut), labels.slice(0, cut));\nconst got = rf.predict(feats.slice(cut));\ngot.filter((g, i) => g === labels.slice(cut)[i]).length;`,
      ],
      errors: [{ cell: 0, line: 5 }],
    },
    {
      name: "tf.moments over the whole tensor before tf.split",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("d.csv");\nconst raw = tf.tensor2d(d.drop({ columns: ["y"] }).values);\nconst ys = tf.tensor1d(d["y"].values);\nconst { mean, variance } = tf.moments(raw, 0);\nconst xs = raw.sub(mean).div(variance.sqrt());`,
        `const [xa, xb] = tf.split(xs, [400, 100]);\nconst [ya, yb] = tf.split(ys, [400, 100]);\nconst net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [6], activation: "sigmoid" })] });\nnet.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\nawait net.fit(xa, ya);\nnet.evaluate(xb, yb);`,
      ],
      errors: [{ cell: 0, line: 6 }],
    },
    {
      name: "PCA fitted on every row",
      cells: [load, `const reduced = new PCA({ components: 5 }).fitTransform(X);\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(reduced, y, { stratify: true });\nevaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "SelectKBest chooses features with the test labels in view",
      cells: [load, `const selector = new SelectKBest({ k: 8 }).fit(X, y);\nconst chosen = selector.transform(X);`, `const { xTrain, xTest, yTrain, yTest } = trainTestSplit(chosen, y, { stratify: true });\nconst lr = new LogisticRegression().fit(xTrain, yTrain);\nevaluate(lr, xTest, yTest);`],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "oversampling by copying rare rows before the split",
      cells: [
        `import { readCsv, trainTestSplit, LogisticRegression, evaluate } from "aibook";\nconst rows = (await readCsv("fraud.csv")).values;\nconst rare = rows.filter((r) => r[9] === 1);\nconst boosted = [...rows, ...rare, ...rare];`,
        `const X = boosted.map((r) => r.slice(0, 9));\nconst y = boosted.map((r) => r[9]);\nconst s = trainTestSplit(X, y, { stratify: true });\nevaluate(new LogisticRegression().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`,
      ],
      errors: [{ cell: 0, line: 4 }],
    },
    {
      name: "OneHotEncoder fitted on every row",
      cells: [load, `const enc = new OneHotEncoder();\nconst encoded = enc.fitTransform(X);\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(encoded, y, { stratify: true });\nevaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`],
      errors: [{ cell: 1, line: 2 }],
    },
    {
      name: "a normalising helper computing the maximum of every row",
      cells: [
        `import { readCsv, trainTestSplit, LinearRegression, metrics } from "aibook";\nconst df = await readCsv("prices.csv");\nfunction scaleByMax(values) {\n  const top = Math.max(...values);\n  return values.map((v) => v / top);\n}`,
        `const size = scaleByMax(df["size"].values);\nconst s = trainTestSplit(size.map((v) => [v]), df["price"].values, { testSize: 0.2 });\nconst reg = new LinearRegression().fit(s.xTrain, s.yTrain);\nmetrics.r2(s.yTest, reg.predict(s.xTest));`,
      ],
      errors: [{ cell: 1, line: 1 }],
    },
    {
      name: "columns filled in place with their means, in a loop",
      cells: [
        `import * as dfd from "danfojs-node";\nimport { trainTestSplit, GaussianNB, evaluate } from "aibook";\nconst df = await dfd.readCSV("cars.csv");\nfor (const col of ["hp", "weight"]) {\n  df[col] = df[col].fillNa(df[col].mean());\n}`,
        `const s = trainTestSplit(df.drop({ columns: ["origin"] }), df["origin"], { stratify: true });\nevaluate(new GaussianNB().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`,
      ],
      errors: [{ cell: 0, line: 5 }],
    },
    {
      name: "scaled once, then cross-validated",
      cells: [load, `const scaled = new StandardScaler().fitTransform(X);\ncrossValidate(new LogisticRegression(), scaled, y, { folds: 5 });`],
      errors: [{ cell: 1, line: 1 }],
    },
  ],
  valid: [
    {
      name: "noisy copies of the training rows pushed onto a copy of the training rows only",
      cells: [
        load,
        `const s = trainTestSplit(X.values, y.values, { testSize: 0.2, stratify: true });\nconst augX = [...s.xTrain];\nconst augY = [...s.yTrain];\nfor (let i = 0; i < s.xTrain.length; i++) {\n  augX.push(s.xTrain[i].map((v) => v * 1.01));\n  augY.push(s.yTrain[i]);\n}\nevaluate(new LogisticRegression().fit(augX, augY), s.xTest, s.yTest);`,
      ],
    },
    {
      name: "rows of another file pushed onto a copy of the rows (more data, not the same rows twice)",
      cells: [
        load,
        `const extra = await readCsv("more-patients.csv");\nconst rows = [...X.values];\nfor (const r of extra.drop({ columns: ["outcome"] }).values) rows.push(r);\nconst labels = [...y.values, ...extra["outcome"].values];\nconst s = trainTestSplit(rows, labels, { testSize: 0.2 });\nevaluate(new LogisticRegression().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`,
      ],
    },
    {
      name: "column means of the training part scale a tfjs network that holds out a validation split while training",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv, trainTestSplit, metrics } from "aibook";\nconst df = await readCsv("sonar.csv");\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(df.drop({ columns: ["label"] }).values, df["label"].values, { stratify: true });\nconst mu = xTrain[0].map((_, j) => xTrain.reduce((s, r) => s + r[j], 0) / xTrain.length);\nconst norm = (m) => m.map((r) => r.map((v, j) => v - mu[j]));`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [60], units: 1, activation: "sigmoid" })] });\nnet.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\nawait net.fit(tf.tensor2d(norm(xTrain)), tf.tensor1d(yTrain), { epochs: 5, validationSplit: 0.2 });\nmetrics.f1(yTest, Array.from((net.predict(tf.tensor2d(norm(xTest)))).dataSync()).map((p) => (p > 0.5 ? 1 : 0)));`,
      ],
    },
    {
      name: "gaps filled with the training part's column means over present values",
      cells: [
        load,
        `const s = trainTestSplit(X.values, y.values, { stratify: true });\nconst means = s.xTrain[0].map((_, j) => {\n  const present = s.xTrain.map((r) => r[j]).filter((v) => v !== null && !Number.isNaN(v));\n  return present.reduce((a, b) => a + b, 0) / present.length;\n});\nconst fill = (m) => m.map((r) => r.map((v, j) => (Number.isNaN(v) ? means[j] : v)));\nevaluate(new LogisticRegression().fit(fill(s.xTrain), s.yTrain), fill(s.xTest), s.yTest);`,
      ],
    },
    {
      name: "min-max by hand with the training part's column minimum and maximum, applied to both parts",
      cells: [
        `import { readCsv, trainTestSplit, KNeighborsClassifier, evaluate } from "aibook";\nconst seeds = await readCsv("seeds.csv");\nconst s = trainTestSplit(seeds.drop({ columns: ["variety"] }).values, seeds["variety"].values, { stratify: true });\nconst lo = s.xTrain[0].map((_, j) => Math.min(...s.xTrain.map((r) => r[j])));\nconst hi = s.xTrain[0].map((_, j) => Math.max(...s.xTrain.map((r) => r[j])));\nconst unit = (m) => m.map((r) => r.map((v, j) => (v - lo[j]) / (hi[j] - lo[j])));`,
        `evaluate(new KNeighborsClassifier().fit(unit(s.xTrain), s.yTrain), unit(s.xTest), s.yTest);`,
      ],
    },
    {
      name: "target encoding learned on the training part, applied to both parts",
      cells: [
        `import { readCsv, trainTestSplit, LogisticRegression, evaluate } from "aibook";\nconst loans = await readCsv("loans.csv");\nconst { train, test } = trainTestSplit(loans, { stratify: "defaulted" });\nconst perRegion = train.groupby(["region"]).col(["defaulted"]).mean();\nconst lookup = new Map();\nperRegion["region"].values.forEach((r, i) => lookup.set(r, perRegion["defaulted_mean"].values[i]));\nconst encode = (part) => part.addColumn("region_rate", part["region"].values.map((r) => lookup.get(r) ?? 0));`,
        `const a = encode(train);\nconst b = encode(test);\nevaluate(new LogisticRegression().fit(a.drop({ columns: ["defaulted", "region"] }), a["defaulted"]), b.drop({ columns: ["defaulted", "region"] }), b["defaulted"]);`,
      ],
    },
    {
      name: "scaler fitted on the training part, applied to both",
      cells: [load, `const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { stratify: true });\nconst sc = new StandardScaler().fit(xTrain);\nevaluate(new LogisticRegression().fit(sc.transform(xTrain), yTrain), sc.transform(xTest), yTest);`],
    },
    {
      name: "steps inside a pipeline fitted on the training part",
      cells: [load, `const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { stratify: true });\nconst model = pipeline(new SimpleImputer(), new StandardScaler(), new LogisticRegression()).fit(xTrain, yTrain);\nevaluate(model, xTest, yTest);`],
    },
    {
      name: "statistics of the training slice only",
      cells: [
        `import { RandomForestClassifier } from "ml-random-forest";\nimport { readFileSync } from "node:fs";\nconst rows = JSON.parse(readFileSync("rows.json", "utf8"));\nconst cut = Math.floor(rows.length * 0.8);\nconst trainRows = rows.slice(0, cut);\nconst testRows = rows.slice(cut);`,
        `const top = Math.max(...trainRows.map((r) => r.v));\nconst rf = new RandomForestClassifier();\nrf.train(trainRows.map((r) => [r.v / top]), trainRows.map((r) => r.y));\nconst p = rf.predict(testRows.map((r) => [r.v / top]));\np.filter((g, i) => g === testRows[i].y);`,
      ],
    },
    {
      name: "tf.moments of the training tensor",
      cells: [
        `import * as tf from "@tensorflow/tfjs";\nimport { readCsv } from "aibook";\nconst d = await readCsv("d.csv");\nconst all = tf.tensor2d(d.drop({ columns: ["y"] }).values);\nconst ys = tf.tensor1d(d["y"].values);\nconst [xa, xb] = tf.split(all, [400, 100]);\nconst [ya, yb] = tf.split(ys, [400, 100]);`,
        `const { mean, variance } = tf.moments(xa, 0);\nconst norm = (t) => t.sub(mean).div(variance.sqrt());\nconst net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [6] })] });\nnet.compile({ optimizer: "adam", loss: "meanSquaredError" });\nawait net.fit(norm(xa), ya);\nnet.evaluate(norm(xb), yb);`,
      ],
    },
    {
      name: "fillna with a constant",
      cells: [load, `const filled = X.fillNa(0);\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(filled, y, { stratify: true });\nevaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`],
    },
    {
      name: "a mean that is only printed",
      cells: [load, `console.log("average age", df["age"].mean());\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { stratify: true });\nevaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`],
    },
    {
      name: "normalised on every row but never evaluated on held-out rows",
      cells: [load, `const z = new StandardScaler().fitTransform(X);\nconst lr = new LogisticRegression().fit(z, y);\nevaluate(lr, z, y);`],
    },
    {
      name: "labels encoded on every row (class names only)",
      cells: [load, `const codes = new LabelEncoder().fitTransform(y);\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, codes, { stratify: true });\nevaluate(new LogisticRegression().fit(xTrain, yTrain), xTest, yTest);`],
    },
    {
      name: "rows with gaps dropped before the split",
      cells: [load, `const complete = df.dropNa();\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(complete.drop({ columns: ["outcome"] }), complete["outcome"], { stratify: true });\nevaluate(new DummyClassifier().fit(xTrain, yTrain), xTest, yTest);`],
    },
    {
      name: "oversampling only the training part",
      cells: [
        load,
        `const { train, test } = trainTestSplit(df, { testSize: 0.2, stratify: "outcome" });\nconst trainRows = train.values;\nconst rare = trainRows.filter((r) => r[0] === 1);\nconst boosted = [...trainRows, ...rare, ...rare];\nconst lr = new LogisticRegression().fit(boosted.map((r) => r.slice(1)), boosted.map((r) => r[0]));\nevaluate(lr, test.drop({ columns: ["outcome"] }), test["outcome"]);`,
      ],
    },
    {
      name: "cross-validating a pipeline",
      cells: [load, `crossValidate(pipeline(new StandardScaler(), new LogisticRegression()), X, y, { folds: 5 });\nconst sc = new StandardScaler().fit(X);`],
    },
  ],
});

/** Apply replace edits to cell texts (edits of one cell from the last to the first). */
function apply(cells: string[], fix: LintFix): string[] {
  const out = [...cells];
  const edits = fix.edits.flatMap((e) => (e.kind === "replace" ? [e] : [])).sort((a, b) => b.range.cell - a.range.cell || b.range.line - a.range.line || b.range.column - a.range.column);
  for (const e of edits) {
    const lines = out[e.range.cell]!.split("\n");
    const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    const text = out[e.range.cell]!;
    out[e.range.cell] = text.slice(0, offset(e.range.line, e.range.column)) + e.newText + text.slice(offset(e.range.endLine, e.range.endColumn));
  }
  return out;
}

describe("preprocessing-leakage quick fix", () => {
  it("moves an inline scaler into pipeline(...) with the model, and the notebook is clean after", () => {
    const cells = [
      `import { readCsv, trainTestSplit, StandardScaler, LogisticRegression, evaluate } from "aibook";\nconst df = await readCsv("d.csv");\nconst X = df.drop({ columns: ["y"] });`,
      `const scaled = new StandardScaler().fitTransform(X);\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(scaled, df["y"], { stratify: true });`,
      `const lr = new LogisticRegression({ c: 2 }).fit(xTrain, yTrain);\nevaluate(lr, xTest, yTest);`,
    ];
    const [d] = lintCells(preprocessingLeakage, cells);
    const fixed = apply(cells, d!.fixes[0]!);
    assert.equal(fixed[1], `const scaled = X;\nconst { xTrain, xTest, yTrain, yTest } = trainTestSplit(scaled, df["y"], { stratify: true });`);
    assert.equal(fixed[2], `import { pipeline } from "aibook";\nconst lr = pipeline(new StandardScaler(), new LogisticRegression({ c: 2 })).fit(xTrain, yTrain);\nevaluate(lr, xTest, yTest);`);
    assert.deepEqual(lintNotebook(fixed.map((source, index) => ({ index, kind: "code" as const, source }))), []);
  });
});
