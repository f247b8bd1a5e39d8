/**
 * Payloads for renderer tests and screenshots, made by the runtime itself (so a change of the
 * payload shape breaks these tests), from tiny models and the shared data sets.
 */
import { toTablePayload } from "../../src/runtime/report/table";
import { toProfilePayload } from "../../src/runtime/report/profile";
import { toEvaluationPayload } from "../../src/runtime/report/evaluate";
import { compareModels } from "../../src/runtime/report/compare";
import { chart } from "../../src/runtime/report/chart";
import { VIEWS_VERSION, type SplitCheckPayload } from "../../src/protocol/views";
import { DummyClassifier, LineRegressor, ThresholdClassifier } from "../runtime/report/tiny-models";

export const XSS = `<img src=x onerror="globalThis.__xss = (globalThis.__xss || 0) + 1">`;

/** A deterministic pseudo-random stream (no seed dependency on the runtime's generator). */
function stream(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function bigTable(rows = 100_000, odd = XSS) {
  const r = stream(1);
  const cities = ["Oslo", "Rome", "Lima", "Pune", odd];
  return toTablePayload(
    {
      id: Array.from({ length: rows }, (_, i) => i),
      age: Array.from({ length: rows }, () => (r() < 0.05 ? null : Math.round(18 + r() * 60))),
      income: Array.from({ length: rows }, () => Math.round(r() * 100000) / 100),
      city: Array.from({ length: rows }, (_, i) => cities[i % cities.length]),
      churned: Array.from({ length: rows }, () => r() < 0.2),
    },
    { title: "customers.csv" },
  );
}

export function classificationData(n = 200) {
  const r = stream(2);
  const X = Array.from({ length: n }, (_, i) => [(i % 2) * 2 + r() * 3]);
  const y = X.map((_, i) => i % 2);
  return { X, y };
}

export function evaluationPayload() {
  const { X, y } = classificationData();
  return toEvaluationPayload(new ThresholdClassifier().fit(X, y), X, y, { name: "threshold on x0" });
}

export function multiclassEvaluation(labels = ["setosa", "versicolor", XSS]) {
  const r = stream(3);
  const n = 90;
  const y = Array.from({ length: n }, (_, i) => labels[i % 3]);
  const proba = y.map((_, i) => {
    const raw = [r(), r(), r()];
    raw[i % 3] += 0.9;
    const sum = raw[0] + raw[1] + raw[2];
    return raw.map((v) => v / sum);
  });
  const pred = proba.map((p) => labels[p.indexOf(Math.max(...p))]);
  return toEvaluationPayload({ estimatorName: "GaussianNB", classes: labels, predict: () => pred, predictProba: () => proba }, y.map((_, i) => [i]), y, { name: "iris species" });
}

export function regressionEvaluation() {
  const r = stream(4);
  const X = Array.from({ length: 300 }, () => [r() * 10]);
  const y = X.map(([x]) => 3 * x + 2 + (r() - 0.5) * 4);
  return toEvaluationPayload(new LineRegressor().fit(X, y), X, y, { name: "price model" });
}

export function leaderboardPayload(odd = XSS) {
  const { X, y } = classificationData();
  return compareModels({ threshold: new ThresholdClassifier(), baseline: new DummyClassifier(), [odd]: new DummyClassifier() }, X, y, { folds: 5 }).payload;
}

export function profilePayload(odd = XSS) {
  const r = stream(5);
  const n = 500;
  return toProfilePayload(
    {
      age: Array.from({ length: n }, () => (r() < 0.1 ? null : Math.round(20 + r() * 50))),
      income: Array.from({ length: n }, () => Math.exp(9 + r() * 2)),
      segment: Array.from({ length: n }, (_, i) => ["retail", "business", odd][i % 3]),
      churned: Array.from({ length: n }, () => (r() < 0.12 ? "yes" : "no")),
    },
    { target: "churned", title: "customers.csv" },
  );
}

export function charts(odd = XSS) {
  const r = stream(6);
  const a = Array.from({ length: 400 }, () => r() + r() + r());
  const b = Array.from({ length: 400 }, () => r() + r() + r() + 0.6);
  return {
    histogram: chart.histogram({ train: a, test: b }, { title: "Feature by split", xLabel: "value" }).payload,
    scatter: chart.scatter(a, b, { title: "b against a", xLabel: "a", yLabel: "b" }).payload,
    line: chart.line({ train: a.slice(0, 50).map((v, i) => 2 / (i + 1) + v / 10), validation: a.slice(0, 50).map((v, i) => 2.2 / (i + 1) + v / 8) }, { title: "Loss per epoch", xLabel: "epoch", yLabel: "loss" }).payload,
    bar: chart.bar(["age", "income", "tenure", odd], { importance: [0.31, 0.22, 0.08, 0.02] }, { title: "Permutation importance" }).payload,
  };
}

export function splitCheckPayload(odd = XSS): SplitCheckPayload {
  return {
    kind: "split-check",
    version: VIEWS_VERSION,
    trainRows: 750,
    testRows: 250,
    duplicateRows: 21,
    classBalance: [
      { label: "no", train: 0.8, test: 0.78 },
      { label: odd || "yes", train: 0.2, test: 0.22 },
    ],
    columns: [
      { column: "age", test: "ks", statistic: 0.04, pValue: 0.91, effect: 0.04, meanShift: -0.021, shifted: false },
      { column: "income", test: "ks", statistic: 0.31, pValue: 1e-9, effect: 0.31, meanShift: 0.82, shifted: true },
      { column: "segment", test: "chi2", statistic: 4.2, pValue: 0.12, effect: 0.065, shifted: false },
    ],
    findings: [
      { rule: "duplicate-leakage", severity: "error", message: `21 test rows (8.4%) copy training rows.${odd ? ` ${odd}` : ""}` },
      { rule: "non-representative-test", severity: "warning", message: "income differs between train and test (KS 0.31, p < 1e-6)." },
    ],
  };
}
