import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KernelSession, RuntimeFinding } from "../../src/kernel/session";
import { sourceKernel } from "./sourceKernel";

const summary = (findings: RuntimeFinding[]) => findings.map((f) => `${f.rule}@${String(f.cellId)}:${f.line}`).sort();

describe("kernel: runtime pitfall findings", function () {
  this.timeout(60000);
  let dir: string;
  let kernel: KernelSession;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "aibook-runtime-rules-"));
    kernel = sourceKernel(dir);
  });
  afterEach(() => {
    kernel.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("anchors a split finding at the cell and line of the split call, and says it through the findings event", async () => {
    const events: RuntimeFinding[][] = [];
    kernel.on("findings", (f) => events.push(f));
    await kernel.execute(`import { trainTestSplit } from "aibook";\nconst X = Array.from({ length: 100 }, (_, i) => [i, i % 7]);\nconst y = X.map(([i]) => i % 2);`, { cellId: "a" });
    const result = await kernel.execute(`const note = "tiny";\nconst s = trainTestSplit(X, y,\n  { testSize: 10, seed: 1 });`, { cellId: "b" });
    assert.equal(result.status, "ok");
    const [finding] = kernel.runtimeFindings;
    assert.deepEqual(summary(kernel.runtimeFindings), ["non-representative-test@b:2"]);
    assert.equal(finding.source, "runtime");
    assert.equal(finding.severity, "warning");
    assert.equal(finding.column, 11);
    assert.match(finding.message, /only 10 rows/);
    assert.deepEqual(summary(events.at(-1)!), ["non-representative-test@b:2"]);
  });

  it("costs a trivial cell no message while there is nothing to report", async () => {
    let events = 0;
    kernel.on("findings", () => events++);
    assert.equal((await kernel.execute("1 + 1")).status, "ok");
    assert.equal((await kernel.execute(`import { metrics } from "aibook";\nmetrics.accuracy([0, 1, 1], [0, 1, 0]);`)).status, "ok");
    assert.equal(events, 0);
  });

  it("reports missing values at the training call of the cell that failed on them", async () => {
    await kernel.execute(`import { LinearRegression } from "aibook";\nconst X = [[1], [Number.NaN], [3], [4]];`, { cellId: 0 });
    const result = await kernel.execute(`const model = new LinearRegression();\n\nmodel.fit(X, [1, 2, 3, 4]);`, { cellId: 1 });
    assert.equal(result.status, "error");
    assert.deepEqual(summary(kernel.runtimeFindings), ["missing-values@1:3"]);
    assert.match(kernel.runtimeFindings[0].message, /x0: 1/);
  });

  it("sees hand-made training calls of ml.js libraries", async () => {
    await kernel.execute(
      `import { RandomForestClassifier } from "ml-random-forest";\nconst rf = new RandomForestClassifier({ nEstimators: 3, seed: 1 });\nconst X = Array.from({ length: 40 }, (_, i) => [i, i % 3 === 0 ? Number.NaN : i]);\nconst y = X.map((_, i) => i % 2);\nrf.train(X, y);`,
      { cellId: 0 },
    );
    assert.deepEqual(summary(kernel.runtimeFindings), ["missing-values@0:5"]);
    assert.match(kernel.runtimeFindings[0].message, /RandomForestClassifier\.train \(ml-random-forest\)/);
    // ml-knn learns in its constructor.
    await kernel.execute(`import KNN from "ml-knn";\nconst knn = new KNN(X, y, { k: 3 });\nknn instanceof KNN`, { cellId: 1 });
    assert.deepEqual(summary(kernel.runtimeFindings), ["missing-values@0:5", "missing-values@1:2"]);
    assert.match(kernel.runtimeFindings[1].message, /new KNN \(ml-knn\)/);
  });

  it("sees tfjs model.fit and model.evaluate: accuracy alone on imbalanced labels", async () => {
    const result = await kernel.execute(
      [
        `import * as tf from "@tensorflow/tfjs";`,
        `const xs = tf.tensor2d(Array.from({ length: 100 }, (_, i) => [i / 100]));`,
        `const ys = tf.tensor2d(Array.from({ length: 100 }, (_, i) => [i >= 95 ? 1 : 0]));`,
        `const net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1, activation: "sigmoid" })] });`,
        `net.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });`,
        `await net.fit(xs, ys, { epochs: 1, verbose: 0 });`,
        `net.evaluate(xs, ys);`,
      ].join("\n"),
      { cellId: 0 },
    );
    assert.equal(result.status, "ok", JSON.stringify(result));
    assert.deepEqual(summary(kernel.runtimeFindings), ["imbalanced-accuracy@0:7"]);
  });

  it("recognises a split made by hand with array slices: anchored where the test rows were taken", async () => {
    await kernel.execute(
      [
        `import { DecisionTreeClassifier } from "ml-cart";`,
        `const rows = Array.from({ length: 120 }, (_, i) => [i % 10, (i * 7) % 13]);`,
        `const labels = rows.map((r) => (r[0] > 4 ? 1 : 0));`,
        `const trainX = rows.slice(0, 100), trainY = labels.slice(0, 100);`,
        `const testX = rows.slice(100);`,
      ].join("\n"),
      { cellId: 0 },
    );
    await kernel.execute(`const tree = new DecisionTreeClassifier();\ntree.train(trainX, trainY);\nconst guesses = tree.predict(testX);`, { cellId: 1 });
    const found = kernel.runtimeFindings;
    assert.deepEqual(summary(found), ["non-representative-test@0:5"]);
    assert.match(found[0].message, /only 20 rows/);
    assert.deepEqual(found[0].related.map((r) => [r.cellId, r.line]), [[1, 2]]);
  });

  it("recognises a danfojs shuffle-then-iloc split of dated rows: temporal leakage at the test part's iloc", async () => {
    const result = await kernel.execute(
      [
        `import * as dfd from "danfojs-node";`,
        `import { LinearRegression, evaluate } from "aibook";`,
        `const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);`,
        `const df = new dfd.DataFrame(Array.from({ length: 200 }, (_, i) => [day(i), i, 2 * i + (i % 3)]), { columns: ["sale_date", "x", "y"] });`,
        `const shuffled = await df.sample(200, { seed: 4 });`,
        `const test = shuffled.iloc({ rows: ["0:50"] });`,
        `const train = shuffled.iloc({ rows: ["50:"] });`,
        `const model = new LinearRegression().fit(train.loc({ columns: ["x"] }), train["y"]);`,
        `evaluate(model, test.loc({ columns: ["x"] }), test["y"]);`,
      ].join("\n"),
      { cellId: 0 },
    );
    assert.equal(result.status, "ok", JSON.stringify(result));
    assert.deepEqual(summary(kernel.runtimeFindings), ["temporal-leakage@0:6"]);
    assert.match(kernel.runtimeFindings[0].message, /"sale_date"/);
  });

  it("follows the rest of a held-out sample (df.drop({ index })): temporal leakage at the sample; a cut by date is fine", async () => {
    const frame = [
      `import * as dfd from "danfojs-node";`,
      `import { LinearRegression, evaluate } from "aibook";`,
      `const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);`,
      `const df = new dfd.DataFrame(Array.from({ length: 200 }, (_, i) => [day(i), i, 2 * i + (i % 3)]), { columns: ["sale_date", "x", "y"] });`,
    ];
    const fitAndEvaluate = [
      `const model = new LinearRegression().fit(rest.loc({ columns: ["x"] }), rest["y"]);`,
      `evaluate(model, held.loc({ columns: ["x"] }), held["y"]);`,
    ];
    const sampled = await kernel.execute([...frame, `const held = await df.sample(50, { seed: 4 });`, `const rest = df.drop({ index: held.index });`, ...fitAndEvaluate].join("\n"), { cellId: 0 });
    assert.equal(sampled.status, "ok", JSON.stringify(sampled));
    assert.deepEqual(summary(kernel.runtimeFindings).filter((f) => f.startsWith("temporal")), ["temporal-leakage@0:5"]);
    const cut = await kernel.execute([...frame, `const held = df.iloc({ rows: ["150:"] });`, `const rest = df.drop({ index: held.index });`, ...fitAndEvaluate].join("\n"), { cellId: 0 });
    assert.equal(cut.status, "ok", JSON.stringify(cut));
    assert.deepEqual(summary(kernel.runtimeFindings), []);
  });

  it("follows the rows of hand-cut parts into their projections (part.map(...)): temporal leakage at the test slice; a cut in date order is fine", async () => {
    const records = (order: string) =>
      [
        `import { LinearRegression, metrics } from "aibook";`,
        `const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);`,
        // Distinct x per row: no test row copies a training row (that would be duplicate-leakage).
        `const records = Array.from({ length: 200 }, (_, i) => ({ day: day(i), x: (i * 919) % 1000, y: 2 * ((i * 919) % 1000) + (i % 3) }));`,
        order,
        `const fitPart = records.slice(0, 150);`,
        `const checkPart = records.slice(150);`,
        `const model = new LinearRegression().fit(fitPart.map((r) => [r.x]), fitPart.map((r) => r.y));`,
        `metrics.mae(checkPart.map((r) => r.y), model.predict(checkPart.map((r) => [r.x])));`,
      ].join("\n");
    const shuffled = await kernel.execute(records(`records.sort((a, b) => ((a.x * 7 + a.y) % 5) - ((b.x * 7 + b.y) % 5));`), { cellId: 0 });
    assert.equal(shuffled.status, "ok", JSON.stringify(shuffled));
    assert.deepEqual(summary(kernel.runtimeFindings).filter((f) => f.startsWith("temporal")), ["temporal-leakage@0:6"]);
    const inOrder = await kernel.execute(records(`records.sort((a, b) => a.day.localeCompare(b.day));`), { cellId: 0 });
    assert.equal(inOrder.status, "ok", JSON.stringify(inOrder));
    assert.deepEqual(summary(kernel.runtimeFindings), []);
  });

  it("follows iloc on the runtime's own frames, with no import of danfojs in the notebook", async () => {
    writeFileSync(path.join(dir, "rows.csv"), ["a,b,label", ...Array.from({ length: 100 }, (_, i) => `${i},${(i * 7) % 10},${i % 3}`)].join("\n") + "\n");
    const result = await kernel.execute(
      [
        `import { readCsv, GaussianNB, evaluate } from "aibook";`,
        `const df = await readCsv("rows.csv");`,
        `const train = df.iloc({ rows: ["0:90"] });`,
        `const test = df.iloc({ rows: ["90:"] });`,
        `evaluate(new GaussianNB().fit(train.drop({ columns: ["label"] }), train["label"]), test.drop({ columns: ["label"] }), test["label"]);`,
      ].join("\n"),
      { cellId: 0 },
    );
    assert.equal(result.status, "ok", JSON.stringify(result));
    assert.deepEqual(summary(kernel.runtimeFindings), ["non-representative-test@0:4"]);
  });

  it("a split by a date condition (danfojs query) is a time split: no drift finding, no temporal leakage", async () => {
    const result = await kernel.execute(
      [
        `import * as dfd from "danfojs-node";`,
        `import { LinearRegression, evaluate } from "aibook";`,
        `const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + ((i * 37) % 200))).toISOString().slice(0, 10);`,
        `const df = new dfd.DataFrame(Array.from({ length: 200 }, (_, i) => [day(i), (i * 37) % 200, 3 * ((i * 37) % 200)]), { columns: ["sale_date", "x", "y"] });`,
        `const train = df.query(df["x"].lt(150));`,
        `const test = df.query(df["x"].ge(150));`,
        `const model = new LinearRegression().fit(train.loc({ columns: ["x"] }), train["y"]);`,
        `evaluate(model, test.loc({ columns: ["x"] }), test["y"]);`,
      ].join("\n"),
      { cellId: 0 },
    );
    assert.equal(result.status, "ok", JSON.stringify(result));
    assert.deepEqual(summary(kernel.runtimeFindings), []);
    // A condition that leaves 10 test rows: still too few to measure anything, whatever the order.
    await kernel.execute(`const early = df.query(df["y"].lt(30));\nconst m2 = new LinearRegression().fit(df.query(df["y"].ge(30)).loc({ columns: ["x"] }), df.query(df["y"].ge(30))["y"]);\nevaluate(m2, early.loc({ columns: ["x"] }), early["y"]);`, { cellId: 1 });
    assert.deepEqual(summary(kernel.runtimeFindings), ["non-representative-test@1:1"]);
  });

  it("re-running a cell clears what no longer holds; a restart clears everything", async () => {
    await kernel.execute(`import { metrics } from "aibook";\nconst yTest = [...Array(95).fill(0), ...Array(5).fill(1)];\nconst pred = Array(100).fill(0);`, { cellId: 0 });
    await kernel.execute(`metrics.accuracy(yTest, pred);`, { cellId: 1 });
    assert.deepEqual(summary(kernel.runtimeFindings), ["imbalanced-accuracy@1:1"]);
    await kernel.execute(`console.log(metrics.accuracy(yTest, pred), metrics.balancedAccuracy(yTest, pred));`, { cellId: 1 });
    assert.deepEqual(summary(kernel.runtimeFindings), []);
    await kernel.execute(`const other = [...Array(90).fill("a"), ...Array(3).fill("b")];\nmetrics.accuracy(other, Array(93).fill("a"));`, { cellId: 2 });
    assert.deepEqual(summary(kernel.runtimeFindings), ["imbalanced-accuracy@2:2"]);
    await kernel.restart();
    assert.deepEqual(kernel.runtimeFindings, []);
  });

  it("takes thresholds and rules turned off from the session's settings", async () => {
    kernel.dispose();
    kernel = sourceKernel(dir, { runtimeRules: { thresholds: { minTestRows: 5, minClassRows: 1 }, off: ["temporal-leakage"] } });
    await kernel.execute(`import { trainTestSplit } from "aibook";\nconst X = Array.from({ length: 100 }, (_, i) => [2000 + (i % 20), i % 7]);\nconst s = trainTestSplit(X, X.map((r) => r[1] % 2), { testSize: 10, seed: 1 });`, { cellId: 0 });
    assert.deepEqual(summary(kernel.runtimeFindings), []);
  });
});
