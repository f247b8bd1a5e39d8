/**
 * The runtime on data sets it was not ported against (scripts/fixtures/reference_unseen.py):
 * statsmodels' bundled data and synthetic sets with odd shapes, read from CSV with readCsv as a
 * notebook would. Every metric, transformer, split and deterministic model is compared with
 * scikit-learn's (statsmodels' for GLMs) values in test/fixtures/runtime/unseen/reference.json.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { DataFrame } from "danfojs-node";
import { readCsv } from "../../src/runtime/data";
import { metrics } from "../../src/runtime/metrics";
import { LabelEncoder, MinMaxScaler, OneHotEncoder, SelectKBest, SimpleImputer, StandardScaler, pipeline } from "../../src/runtime/preprocess";
import { GaussianNB, GLM, KNeighborsClassifier, LinearRegression, LocalOutlierFactor, LogisticRegression, OneClassSVM, PCA, SVC } from "../../src/runtime/models";
import { crossValidate, kFold, stratifiedKFold, timeSplit, trainTestSplit } from "../../src/runtime/split";
import { assertClose } from "./data/reference";
import { assertGaussianNbMatches } from "./models/fixtures";
import { capturingWarnings } from "./warnings";
const captureWarnings = (run: () => unknown) => capturingWarnings(run).warnings;

const DIR = resolve(__dirname, "../fixtures/runtime/unseen");
const ref = JSON.parse(readFileSync(resolve(DIR, "reference.json"), "utf8"), (_, v) => (v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v));
const RTOL = 1e-9;

type Row = (number | string | null)[];
interface Loaded {
  df: DataFrame;
  X: number[][];
  y: (number | string)[];
  xTrain: number[][];
  xTest: number[][];
  yTrain: (number | string)[];
  yTest: (number | string)[];
}
const frames = new Map<string, DataFrame>();
const pick = <T>(a: T[], idx: number[]) => idx.map((i) => a[i]);

function columns(df: DataFrame, names: string[]): Row[] {
  const all = df.columns as string[];
  const idx = names.map((n) => all.indexOf(n));
  return (df.values as Row[]).map((r) => idx.map((j) => r[j]));
}

function data(name: string): Loaded {
  const d = ref.datasets[name];
  const df = frames.get(d.file)!;
  const X = columns(df, d.features) as number[][];
  const y = columns(df, [d.target]).map((r) => r[0]) as (number | string)[];
  return { df, X, y, xTrain: pick(X, d.train), xTest: pick(X, d.test), yTrain: pick(y, d.train), yTest: pick(y, d.test) };
}

function standardizeWith(train: number[][]) {
  const p = train[0].length;
  const mean = Array.from({ length: p }, (_, j) => train.reduce((s, r) => s + r[j], 0) / train.length);
  const sd = mean.map((m, j) => Math.sqrt(train.reduce((s, r) => s + (r[j] - m) ** 2, 0) / train.length) || 1);
  return (X: number[][]) => X.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
}

function assertUpToSign(actual: number[][], expected: number[][], rtol: number, atol: number) {
  for (let j = 0; j < expected[0].length; j++) {
    const e = expected.map((r) => r[j]);
    const a = actual.map((r) => r[j]);
    const k = e.reduce((best, v, i) => (Math.abs(v) > Math.abs(e[best]) ? i : best), 0);
    const sign = Math.sign(a[k]) === Math.sign(e[k]) ? 1 : -1;
    assertClose(a.map((v) => sign * v), e, rtol, atol, `component ${j}`);
  }
}

before(async () => {
  const files = new Set<string>(Object.values(ref.datasets).map((d: any) => d.file));
  for (const f of files) frames.set(f, await readCsv(resolve(DIR, f)));
});

describe("unseen data: metrics match scikit-learn", () => {
  for (const c of ref.metrics) {
    describe(c.dataset, () => {
      for (const v of c.values) {
        it(`${v.fn} ${v.options ? JSON.stringify(v.options) : ""}`, () => {
          const { yTrue, yPred, proba } = c;
          switch (v.fn) {
            case "classificationReportDict": {
              const report = metrics.classificationReport(yTrue, yPred, { zeroDivision: 0 } as never) as any;
              for (const k of report.classes) {
                const e = v.expected[String(k.label)];
                assertClose([k.precision, k.recall, k.f1, k.support], [e.precision, e.recall, e["f1-score"], e.support], RTOL, 0, String(k.label));
              }
              if (v.expected.accuracy !== undefined) assertClose(report.accuracy, v.expected.accuracy, RTOL);
              for (const [ours, theirs] of [[report.macroAvg, v.expected["macro avg"]], [report.weightedAvg, v.expected["weighted avg"]]]) {
                assertClose([ours.precision, ours.recall, ours.f1, ours.support], [theirs.precision, theirs.recall, theirs["f1-score"], theirs.support], RTOL);
              }
              return;
            }
            case "classificationReportText": {
              const lines = (s: string) => s.split("\n").map((l) => l.trimEnd()).filter((l) => l.length);
              assert.deepEqual(lines(String(metrics.classificationReport(yTrue, yPred))), lines(v.expected));
              return;
            }
            case "rocAucMatrix":
              assertClose(metrics.rocAuc(yTrue, proba), v.expected, RTOL);
              return;
            case "rocAuc": {
              if (v.options.positiveLabel !== undefined) {
                const col = c.classes.indexOf(v.options.positiveLabel);
                assertClose(metrics.rocAuc(yTrue, proba.map((r: number[]) => r[col]), v.options), v.expected, RTOL);
              } else assertClose(metrics.rocAuc(yTrue, proba, v.options), v.expected, RTOL);
              return;
            }
            case "rocCurve": {
              const curve = metrics.rocCurve(yTrue, proba.map((r: number[]) => r[1]), v.options);
              assertClose(curve.fpr, v.expected.fpr, RTOL, 0, "fpr");
              assertClose(curve.tpr, v.expected.tpr, RTOL, 0, "tpr");
              assertClose(curve.thresholds.slice(1), v.expected.thresholds, RTOL, 0, "thresholds");
              return;
            }
            default: {
              const fn = (metrics as any)[v.fn];
              // Ill-defined precision warns, as scikit-learn's UndefinedMetricWarning (not checked here).
              let value: unknown;
              captureWarnings(() => (value = v.options ? fn(yTrue, yPred, v.options) : fn(yTrue, yPred)));
              assertClose(value, v.expected, RTOL);
            }
          }
        });
      }
    });
  }
  for (const c of ref.regressionMetrics) {
    it(`regression metrics on ${c.dataset}`, () => {
      for (const k of ["r2", "mse", "rmse", "mae"]) assertClose((metrics as any)[k](c.yTrue, c.yPred), c[k], RTOL, 0, k);
    });
  }
  for (const c of ref.silhouette) {
    it(`silhouette of the classes of ${c.dataset} (training rows)`, () => {
      const d = data(c.dataset);
      assertClose(metrics.silhouette(d.xTrain, d.yTrain), c.score, RTOL);
    });
  }
});

describe("unseen data: transformers match scikit-learn", () => {
  const make: Record<string, (o: any) => any> = {
    StandardScaler: (o) => new StandardScaler(o),
    MinMaxScaler: (o) => new MinMaxScaler(o),
    PCA: (o) => new PCA(o),
    SelectKBest: (o) => new SelectKBest(o),
    SimpleImputer: (o) => new SimpleImputer(o),
    OneHotEncoder: (o) => new OneHotEncoder(o),
  };
  for (const c of ref.transformers) {
    const label = `${c.estimator} ${JSON.stringify(c.options ?? {})} on ${c.dataset}${c.columns ? ` [${c.columns.join(", ")}]` : ""}`;
    it(label, () => {
      const d = data(c.dataset);
      const spec = ref.datasets[c.dataset];
      if (c.estimator === "LabelEncoder") {
        const values = columns(d.df, [c.column]).map((r) => r[0]);
        const le = new LabelEncoder();
        assertClose(le.fitTransform(values), c.expected, 0);
        assert.deepEqual(le.classes, c.classes);
        return;
      }
      const m = make[c.estimator](c.options ?? {});
      if (c.columns) {
        let rows = columns(d.df, c.columns).map((r) => r.map((v) => (typeof v === "number" && Number.isNaN(v) ? null : v)));
        if (c.fillText) rows = rows.map((r) => r.map((v) => v ?? c.fillText));
        const fitRows = c.fitRows ?? spec.train;
        const transformRows = c.transformRows ?? spec.test;
        const warnings = captureWarnings(() => m.fit(pick(rows, fitRows)));
        if (c.warned !== undefined) assert.equal(warnings.length > 0, c.warned, `warned: ${warnings.join(" | ")}`);
        const out = m.transform(pick(rows, transformRows)) as unknown[][];
        const nulls = out.map((r) => r.map((v) => (typeof v === "number" && Number.isNaN(v) ? null : v)));
        assertClose(nulls, c.expected, RTOL, 0, "transform");
        // Fitted on plain arrays: columns are named x0, x1, ... as scikit-learn names them without input names.
        const unnamed = (n: string) => c.columns.reduce((s: string, col: string, j: number) => (s === col || s.startsWith(`${col}_`) ? `x${j}${s.slice(col.length)}` : s), n);
        if (c.featureNames) assert.deepEqual(m.featureNames, c.featureNames.map(unnamed));
        if (c.categories) assert.deepEqual(m.categories, c.categories);
        return;
      }
      if (c.estimator === "SelectKBest") m.fit(d.xTrain, d.yTrain);
      else m.fit(d.xTrain);
      const out = m.transform(d.xTest) as number[][];
      if (c.upToSign) assertUpToSign(out, c.expected, 1e-6, 1e-9);
      else assertClose(out, c.expected, RTOL, 1e-12, "transform");
      for (const [k, e] of Object.entries(c.attributes ?? {})) {
        if (k === "pValues") assertClose(m[k], e, 1e-6, 1e-300, k);
        else assertClose(m[k], e, c.estimator === "PCA" ? 1e-7 : RTOL, 1e-300, k);
      }
    });
  }
});

describe("unseen data: splits have scikit-learn's sizes", () => {
  for (const c of ref.splits) {
    it(`${c.fn} ${c.folds ?? c.testSize} on ${c.dataset}`, () => {
      const d = data(c.dataset);
      const count = (idx: number[]) => c.classes.map((k: unknown) => idx.filter((i) => d.y[i] === k).length);
      switch (c.fn) {
        case "kFold":
          assert.deepEqual(kFold(d.X, { folds: c.folds }).map((f) => f.testIndex.length), c.testSizes);
          return;
        case "stratifiedKFold":
          assert.deepEqual(stratifiedKFold(d.y, { folds: c.folds }).map((f) => count(f.testIndex)), c.testCounts);
          return;
        case "timeSplit": {
          const { train, test } = timeSplit(d.df, { column: "year", testSize: c.testSize });
          assert.equal(test.shape[0], c.nTest);
          const years = (f: DataFrame) => (f.column("year").values as number[]);
          assert.equal(Math.min(...years(test)), c.minTestYear);
          assert.equal(Math.max(...years(train)), c.maxTrainYear);
          return;
        }
        case "trainTestSplit": {
          const idx = d.X.map((_, i) => [i]);
          if (c.error) {
            assert.throws(() => trainTestSplit(idx, d.y, { testSize: c.testSize, stratify: true, seed: 0 }), `scikit-learn: ${c.sklearnError}`);
            return;
          }
          if (c.nTest !== undefined) {
            assert.equal(trainTestSplit(idx, d.y, { testSize: c.testSize, seed: 0 }).xTest.length, c.nTest);
            return;
          }
          // scikit-learn breaks ties between equal remainders at random: each class's count must be
          // one scikit-learn gives it for some seed, and the total its test size.
          const lo = c.classes.map((_: unknown, k: number) => Math.min(...c.possibleCounts.map((p: number[]) => p[k])));
          const hi = c.classes.map((_: unknown, k: number) => Math.max(...c.possibleCounts.map((p: number[]) => p[k])));
          const total = c.possibleCounts[0].reduce((a: number, b: number) => a + b, 0);
          for (const seed of [0, 1, 2]) {
            const counts = count(trainTestSplit(idx, d.y, { testSize: c.testSize, stratify: true, seed }).xTest.map((r) => r[0]));
            const why = `seed ${seed}: test counts ${JSON.stringify(counts)}, scikit-learn's between ${JSON.stringify(lo)} and ${JSON.stringify(hi)}, total ${total}`;
            assert.equal(counts.reduce((a: number, b: number) => a + b, 0), total, why);
            counts.forEach((v: number, k: number) => assert.ok(v >= lo[k] && v <= hi[k], why));
          }
        }
      }
    });
  }
});

describe("unseen data: deterministic models match scikit-learn / statsmodels", () => {
  for (const c of ref.linear) {
    it(`LinearRegression on ${c.dataset}`, () => {
      const d = data(c.dataset);
      const m = new LinearRegression().fit(d.xTrain, d.yTrain);
      const scale = Math.max(...c.coef.map(Math.abs));
      assertClose(m.coef, c.coef, 1e-4, 1e-6 * scale, "coef");
      assertClose(m.intercept, c.intercept, 1e-4, 1e-8, "intercept");
      assertClose(m.predict(d.xTest), c.predict, 1e-6, 1e-8, "predict");
    });
  }
  for (const c of ref.logistic) {
    it(`LogisticRegression ${JSON.stringify(c.options)} on ${c.dataset}${c.standardize ? " (standardized)" : " (raw)"}`, () => {
      const d = data(c.dataset);
      const t = c.standardize ? standardizeWith(d.xTrain) : (X: number[][]) => X;
      const captured: string[] = [];
      let m!: LogisticRegression;
      captured.push(...captureWarnings(() => (m = new LogisticRegression(c.options).fit(t(d.xTrain), d.yTrain))));
      assert.deepEqual(m.classes, c.classes);
      assert.equal(m.converged, c.converged, `converged (warnings: ${captured.join(" | ")})`);
      if (c.converged) {
        const scale = Math.max(...c.coef.flat().map(Math.abs));
        assertClose(m.coef, c.coef, 0, 1e-4 * scale, "coef");
        assertClose(m.intercept, c.intercept, 0, 1e-4 * Math.max(1, ...c.intercept.map(Math.abs)), "intercept");
      } else assert.equal((m.toJSON().state as { iterations: number }).iterations, c.nIter, "iterations");
      // Stopped at maxIter on raw, ill-conditioned columns (anes96: popul up to 7300 beside 0/1
      // codes), the L-BFGS path is the same as scipy's but rounding differences double every few
      // steps (1e-15 after 1 iteration, 1e-9 after 40, 1e-1 after 100): the unconverged
      // coefficients of a long path cannot be reproduced, only the short ones.
      if (c.converged || c.nIter <= 30) assertClose(m.predictProba(t(d.xTest)), c.predictProba, 0, 1e-4, "predictProba");
    });
  }
  for (const c of ref.gaussianNb) {
    it(`GaussianNB on ${c.dataset}`, () => {
      assertGaussianNbMatches(c, data(c.dataset));
    });
  }
  for (const c of ref.knn) {
    it(`KNeighborsClassifier ${JSON.stringify(c.options)} on ${c.dataset} (${c.standardize ? "standardized" : "raw"}, scikit-learn's ${c.algorithm})`, () => {
      const d = data(c.dataset);
      const t = c.standardize ? standardizeWith(d.xTrain) : (X: number[][]) => X;
      const m = new KNeighborsClassifier(c.options).fit(t(d.xTrain), d.yTrain);
      const proba = m.predictProba(t(d.xTest));
      const pred = m.predict(t(d.xTest));
      // With its KD tree scikit-learn's choice among rows tied at the k-th distance is reproduced,
      // so every row is compared; its brute-force search (above 15 columns) ranks by distances
      // rounded through a matrix product, so rows with a tie at the k-th distance are left out.
      const rows = c.tiedAtK.map((tied: boolean, i: number) => (tied && c.algorithm === "brute" ? -1 : i)).filter((i: number) => i >= 0);
      assertClose(pick(proba, rows), pick(c.predictProba, rows), 1e-9, 1e-12, "predictProba");
      assert.deepEqual(pick(pred, rows), pick(c.predict, rows));
    });
  }
  for (const c of ref.glm) {
    it(`GLM ${c.family}, alpha ${c.alpha} on ${c.dataset} (${c.reference})`, () => {
      const d = data(c.dataset);
      const X = c.standardize ? standardizeWith(d.X)(d.X) : d.X;
      const m = new GLM({ family: c.family, alpha: c.alpha }).fit(X, d.y);
      const scale = Math.max(Math.abs(c.intercept), ...c.coef.map(Math.abs));
      assertClose([m.intercept, ...m.coef], [c.intercept, ...c.coef], 1e-4, 1e-6 * scale, "params");
      assertClose(m.predict(X), c.predict, 1e-4, 1e-10, "predict");
    });
  }
});



describe("unseen data: a column with no values in fit goes out of the pipeline as in scikit-learn", () => {
  for (const c of ref.pipelines) {
    it(`imputer → one-hot → logistic regression on ${c.dataset}, "${c.emptyColumn}" empty (DataFrame input)`, async () => {
      const { DataFrame } = await import("danfojs-node");
      const d = data(c.dataset);
      const spec = ref.datasets[c.dataset];
      const rows = columns(d.df, c.columns.map((n: string) => (n === c.emptyColumn ? c.columns[0] : n))).map((r) =>
        r.map((v, j) => (c.columns[j] === c.emptyColumn || (typeof v === "number" && Number.isNaN(v)) ? null : v)),
      );
      const frame = (idx: number[]) => new DataFrame(pick(rows, idx), { columns: c.columns });
      const imputer = new SimpleImputer({ strategy: "most_frequent" });
      const encoder = new OneHotEncoder({ handleUnknown: "ignore" });
      const model = pipeline(imputer, encoder, new LogisticRegression());
      const warnings = captureWarnings(() => model.fit(frame(spec.train), pick(d.y, spec.train)));
      assert.ok(warnings.some((w) => w.includes(`"${c.emptyColumn}"`) && /dropped/.test(w)), `warnings: ${warnings.join(" | ")}`);
      assert.deepEqual(imputer.featureNames, c.imputerNames);
      assert.deepEqual(encoder.featureNames, c.encoderNames);
      assertClose((model as any).predictProba(frame(spec.test)), c.predictProba, 0, 1e-4, "predictProba");
    });
  }
});

describe("unseen data: splits of labels with rare classes, as scikit-learn splits them or refuses", () => {
  for (const c of ref.labelSplits) {
    it(`${c.fn} ${c.folds ?? c.testSize} on ${c.name}${c.error ? " (refused)" : ""}`, () => {
      const X = c.y.map((_: unknown, i: number) => [i]);
      const count = (idx: number[]) => c.classes.map((k: unknown) => idx.filter((i) => c.y[i] === k).length);
      if (c.fn === "stratifiedKFold") {
        if (c.error) {
          assert.throws(() => stratifiedKFold(c.y, { folds: c.folds }), `scikit-learn: ${c.sklearnError}`);
          return;
        }
        // scikit-learn warns that a class has fewer members than folds, and splits anyway.
        captureWarnings(() => assert.deepEqual(stratifiedKFold(c.y, { folds: c.folds }).map((f) => count(f.testIndex)), c.testCounts));
        return;
      }
      if (c.error) {
        assert.throws(() => trainTestSplit(X, c.y, { testSize: c.testSize, stratify: true, seed: 0 }), `scikit-learn: ${c.sklearnError}`);
        return;
      }
      const lo = c.classes.map((_: unknown, k: number) => Math.min(...c.possibleCounts.map((p: number[]) => p[k])));
      const hi = c.classes.map((_: unknown, k: number) => Math.max(...c.possibleCounts.map((p: number[]) => p[k])));
      for (const seed of [0, 1, 2]) {
        const counts = count(trainTestSplit(X, c.y, { testSize: c.testSize, stratify: true, seed }).xTest.map((r: number[]) => r[0]));
        counts.forEach((v: number, k: number) => assert.ok(v >= lo[k] && v <= hi[k], `seed ${seed}: ${JSON.stringify(counts)} vs scikit-learn ${JSON.stringify(lo)}..${JSON.stringify(hi)}`));
      }
    });
  }
});

describe("unseen data: crossValidate gives scikit-learn's fold scores (cv=5, no shuffling)", () => {
  const models: Record<string, () => any> = {
    "scaled LogisticRegression": () => pipeline(new StandardScaler(), new LogisticRegression()),
    GaussianNB: () => new GaussianNB(),
    "scaled KNeighborsClassifier": () => pipeline(new StandardScaler(), new KNeighborsClassifier()),
    KNeighborsClassifier: () => new KNeighborsClassifier(),
    LinearRegression: () => new LinearRegression(),
  };
  for (const c of ref.crossValidate) {
    it(`${c.model} on ${c.dataset}`, () => {
      const d = data(c.dataset);
      const names = Object.keys(c.folds[0]);
      const result = crossValidate(models[c.model](), d.X, d.y, { metrics: names as never });
      for (const name of names) {
        const rtol = c.model.includes("Logistic") ? 1e-4 : 1e-9;
        assertClose(result.folds.map((f) => f[name]), c.folds.map((f: Record<string, number>) => f[name]), rtol, 1e-12, name);
      }
    });
  }
});

describe("unseen data: KNeighborsClassifier on one-hot columns keeps scikit-learn's tied rows (brute force)", () => {
  for (const c of ref.knnOneHot) {
    it(`${JSON.stringify(c.options)} on ${c.dataset}, ${c.columns} one-hot columns (scikit-learn's ${c.algorithm}, ${c.ompThreads} OpenMP threads)`, () => {
      const d = data(c.dataset);
      const enc = new OneHotEncoder({ handleUnknown: "ignore" });
      const xTrain = enc.fitTransform(d.xTrain) as number[][];
      const xTest = enc.transform(d.xTest) as number[][];
      assert.equal(xTrain[0].length, c.columns);
      // Which rows tied at the k-th distance scikit-learn keeps depends on its thread count.
      const saved = process.env.OMP_NUM_THREADS;
      process.env.OMP_NUM_THREADS = String(c.ompThreads);
      try {
        const m = new KNeighborsClassifier(c.options).fit(xTrain, d.yTrain);
        assertClose(m.predictProba(xTest), c.predictProba, 1e-9, 1e-12, "predictProba");
        assert.deepEqual(m.predict(xTest), c.predict);
      } finally {
        if (saved === undefined) delete process.env.OMP_NUM_THREADS;
        else process.env.OMP_NUM_THREADS = saved;
      }
    });
  }
});

describe("unseen data: LocalOutlierFactor on tied and duplicated rows keeps scikit-learn's neighbours", () => {
  for (const c of ref.lof) {
    it(`${JSON.stringify(c.options)} on ${c.dataset}${c.oneHot ? `, ${c.columns} one-hot columns` : ""} (scikit-learn's ${c.algorithm})`, () => {
      const d = data(c.dataset);
      let X = d.X;
      let xTrain = d.xTrain;
      let xTest = d.xTest;
      if (c.oneHot) {
        const enc = new OneHotEncoder().fit(d.X);
        [X, xTrain, xTest] = [d.X, d.xTrain, d.xTest].map((m) => enc.transform(m) as number[][]);
        assert.equal(X[0].length, c.columns);
      }
      // Brute force: which rows tied at the k-th distance scikit-learn keeps depends on its thread count.
      const saved = process.env.OMP_NUM_THREADS;
      process.env.OMP_NUM_THREADS = String(c.ompThreads);
      try {
        const m = new LocalOutlierFactor(c.options);
        assert.deepEqual(m.fitPredict(X), c.fitPredict);
        assertClose(m.negativeOutlierFactor, c.negativeOutlierFactor, 1e-9, 0, "negativeOutlierFactor");
        const novelty = new LocalOutlierFactor(c.options).fit(xTrain);
        assertClose(novelty.scoreSamples(xTest), c.noveltyScoreSamples, 1e-9, 0, "novelty scoreSamples");
        assert.deepEqual(novelty.predict(xTest), c.noveltyPredict);
      } finally {
        if (saved === undefined) delete process.env.OMP_NUM_THREADS;
        else process.env.OMP_NUM_THREADS = saved;
      }
    });
  }
});

describe("unseen data: SVC and OneClassSVM give libsvm's decision values (single-precision kernel, shrinking)", () => {
  for (const c of ref.svm) {
    it(`${c.estimator} ${JSON.stringify(c.options)} on ${c.dataset}${c.standardize ? " standardized" : ""} (libsvm: ${c.iterations} iterations)`, () => {
      const d = data(c.dataset);
      const X = columns(d.df, c.features) as number[][];
      const tr = ref.datasets[c.dataset].train as number[];
      const te = (ref.datasets[c.dataset].test as number[]).slice(0, c.decisionFunction.length);
      let xTrain = pick(X, tr);
      let xTest = pick(X, te);
      if (c.standardize) {
        const scale = standardizeWith(xTrain);
        [xTrain, xTest] = [scale(xTrain), scale(xTest)];
      }
      const scale = Math.max(...c.decisionFunction.flat().map(Math.abs));
      if (c.estimator === "OneClassSVM") {
        const m = new OneClassSVM(c.options).fit(xTrain);
        assertClose(m.decisionFunction(xTest), c.decisionFunction, 0, 1e-6 * scale, "decisionFunction");
        assert.deepEqual(m.predict(xTest), c.predict);
      } else {
        const m = new SVC(c.options).fit(xTrain, pick(d.y, tr));
        assertClose(m.decisionFunction(xTest), c.decisionFunction, 0, 1e-6 * scale, "decisionFunction");
        assert.deepEqual(m.predict(xTest), c.predict);
      }
    });
  }
});
