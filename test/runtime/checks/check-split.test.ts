import assert from "node:assert/strict";
import { checkSplit, DEFAULT_THRESHOLDS, dropDuplicates, timeSplit, trainTestSplit } from "../../../src/runtime";
import { Mime } from "../../../src/protocol/mime";
import type { SplitCheckPayload } from "../../../src/protocol/views";
import { readDataset } from "./datasets";

const rulesOf = (report: { findings: { rule: string }[] }) => report.findings.map((f) => f.rule);

describe("checkSplit on real datasets", function () {
  this.timeout(60000);

  it("an ordinary random split of a few hundred rows passes (breast cancer, wine, diabetes; several seeds)", async () => {
    for (const [file, target, stratify] of [
      ["breast_cancer.csv", "diagnosis", true],
      ["wine.csv", "cultivar", true],
      ["diabetes.csv", "progression", false],
    ] as const) {
      const df = await readDataset(file);
      for (const seed of [1, 2, 3, 4, 5]) {
        const split = trainTestSplit(df.drop({ columns: [target] }), df[target], { testSize: 0.25, stratify, seed });
        const report = checkSplit(split);
        assert.deepEqual(rulesOf(report), [], `${file} seed ${seed}: ${report.findings.map((f) => f.message).join(" | ")}`);
        assert.ok(report.payload.columns.length > 0);
      }
    }
  });

  it("a test set cut from one end of a sorted feature is not representative", async () => {
    const df = await readDataset("breast_cancer.csv");
    const sorted = df.sortValues("mean_radius");
    const n = sorted.shape[0];
    const train = sorted.iloc({ rows: [`0:${n - 150}`] });
    const test = sorted.iloc({ rows: [`${n - 150}:`] });
    const report = checkSplit({ train, test, target: "diagnosis" });
    assert.deepEqual(rulesOf(report), ["non-representative-test"]);
    const radius = report.payload.columns.find((c) => c.column === "mean_radius")!;
    assert.ok(radius.shifted && radius.effect! > 0.5);
    assert.match(report.findings[0].message, /distribution of "mean_radius" differs/);
    assert.match(report.findings[0].message, /the label distribution differs/);
  });

  it("too small a test set (iris, 8%) is reported, as the corpus notebook does", async () => {
    const iris = await readDataset("iris.csv");
    const split = trainTestSplit(iris.drop({ columns: ["species"] }), iris["species"], { testSize: 0.08, stratify: true, seed: 1 });
    const report = checkSplit(split);
    assert.ok(rulesOf(report).includes("non-representative-test"));
    assert.match(report.findings[0].message, /only 12 rows/);
  });

  it("duplicates across the split in the affairs survey: count and share; none after dropDuplicates", async () => {
    const fair = await readDataset("fair.csv");
    const split = trainTestSplit(fair.drop({ columns: ["affairs"] }), fair["affairs"].gt(0), { testSize: 0.25, stratify: true, seed: 12 });
    const report = checkSplit(split);
    const finding = report.findings.find((f) => f.rule === "duplicate-leakage")!;
    assert.equal(finding.severity, "error");
    const share = report.payload.duplicateRows / report.payload.testRows;
    assert.ok(share > 0.05);
    assert.match(finding.message, new RegExp(`^${report.payload.duplicateRows} of the ${report.payload.testRows} test rows`));
    // Duplicates of features and label: drop them with the label as a column.
    const deduplicated = dropDuplicates(fair.addColumn("had", fair["affairs"].gt(0).values).drop({ columns: ["affairs"] }));
    const clean = trainTestSplit(deduplicated.drop({ columns: ["had"] }), deduplicated["had"], { testSize: 0.25, stratify: true, seed: 12 });
    assert.equal(checkSplit(clean).payload.duplicateRows, 0);
  });

  it("a random split of the quarterly macro series learns from the future; timeSplit does not", async () => {
    const macro = await readDataset("macrodata.csv");
    const random = trainTestSplit(macro.drop({ columns: ["realgdp"] }), macro["realgdp"], { testSize: 0.2, seed: 19 });
    assert.deepEqual(rulesOf(checkSplit(random)), ["temporal-leakage"]);
    const byTime = timeSplit(macro, { column: "year", testSize: 0.2 });
    const report = checkSplit({ train: byTime.train, test: byTime.test, target: "realgdp" });
    assert.deepEqual(rulesOf(report), [], report.findings.map((f) => f.message).join(" | "));
  });

  it("does not say a time split's test set looks like the training set: its columns are not compared", async () => {
    // co2 by date: the test years have far higher CO2, which is expected of the future and not
    // tested; before, the text still ended "the test set looks like the training set".
    const co2 = await readDataset("co2.csv");
    const byTime = timeSplit(co2, { column: "date", testSize: 0.2 });
    const report = checkSplit({ train: byTime.train, test: byTime.test });
    assert.equal(report.payload.timeOrdered, true);
    assert.equal(report.payload.columns.length, 0);
    const text = String(report);
    assert.doesNotMatch(text, /looks like the training set/);
    assert.match(text, /No finding: a time split, the test rows are the latest/);
    const iris = await readDataset("iris.csv");
    const random = checkSplit(trainTestSplit(iris.drop({ columns: ["species"] }), iris["species"], { testSize: 0.3, stratify: true, seed: 3 }));
    assert.equal(random.payload.timeOrdered, undefined);
  });

  it("is displayed as a split-check view with a text/plain form", async () => {
    const iris = await readDataset("iris.csv");
    const report = checkSplit(trainTestSplit(iris.drop({ columns: ["species"] }), iris["species"], { testSize: 0.3, stratify: true, seed: 3 }));
    const bundle = report.toMimeBundle();
    assert.deepEqual(bundle.map((b) => b.mime), [Mime.splitCheck, Mime.text]);
    const payload = bundle[0].data as SplitCheckPayload;
    assert.equal(payload.kind, "split-check");
    assert.equal(payload.trainRows + payload.testRows, 150);
    assert.deepEqual(payload.classBalance!.map((c) => c.label).sort(), ["setosa", "versicolor", "virginica"]);
    assert.doesNotThrow(() => JSON.stringify(payload));
    assert.match(String(bundle[1].data), /^Split check: 105 training rows, 45 test rows/);
  });

  it("gives numeric columns the standardized mean difference (Cohen's d) beside the KS statistic, which is not repeated as the effect", () => {
    // Train 1..20 and test 6..25: the same spread, the test mean 5 higher. Pooled sd = sd(1..20) = 5.916.
    const xTrain = Array.from({ length: 20 }, (_, i) => [i + 1, i % 2 ? "a" : "b"]);
    const xTest = Array.from({ length: 20 }, (_, i) => [i + 6, i % 2 ? "a" : "b"]);
    const report = checkSplit({ xTrain, xTest });
    const [x, cat] = report.payload.columns;
    assert.equal(x.test, "ks");
    assert.ok(Math.abs(x.meanShift! - 5 / Math.sqrt(35)) < 1e-12, `d = ${x.meanShift}`);
    assert.equal(cat.test, "chi2");
    assert.equal(cat.meanShift, undefined, "a category has no mean");
    const text = report.toString();
    assert.match(text, /^x0\s+KS\s+D 0\.250\s+\S+\s+d \+0\.845\b/m);
    const table = text.slice(text.indexOf("\ncolumn ") + 1).split("\n");
    assert.ok(table.length === 4 && table.every((l) => l.length <= 80), text);
  });

  it("takes thresholds, and refuses parts that are not tables", async () => {
    const iris = await readDataset("iris.csv");
    const split = trainTestSplit(iris.drop({ columns: ["species"] }), iris["species"], { testSize: 0.2, stratify: true, seed: 3 });
    assert.equal(checkSplit(split).findings.length, 0);
    assert.ok(checkSplit(split, { thresholds: { minTestRows: DEFAULT_THRESHOLDS.minTestRows * 10 } }).findings.length > 0);
    assert.throws(() => checkSplit({ xTrain: 3, xTest: 4 }), /xTrain and xTest must be DataFrames/);
    assert.throws(() => checkSplit({ train: iris, test: iris, target: "nope" }), /no column "nope"/);
    // Misspelt names used to be ignored: { label } checked no labels, { ytest } no test labels.
    assert.throws(() => checkSplit({ train: iris, test: iris, label: "species" } as never), /checkSplit has no option "label"\. Known options: train, test, target/);
    assert.throws(() => checkSplit({ ...split, ytest: split.yTest } as never), /no option "ytest"/);
    assert.throws(() => checkSplit(split, { minTestRows: 3 } as never), /no option "minTestRows"\. Known options: thresholds/);
  });
});
