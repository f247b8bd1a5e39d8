/** Reads the scikit-learn reference fixtures written by scripts/fixtures/reference_models.py. */
import { readFileSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { GaussianNB } from "../../../src/runtime/models/naiveBayes";

const dir = path.resolve(__dirname, "../../fixtures/runtime/models");

export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.join(dir, `${name}.json`), "utf8"));
}

export interface Split {
  X: number[][];
  y: (number | string)[];
  xTrain: number[][];
  yTrain: (number | string)[];
  xTest: number[][];
  yTest: (number | string)[];
}

let cache: Record<string, any> | undefined;

/** A prepared data set with scikit-learn's stratified split (random_state=0). */
export function dataset(name: string): Split {
  cache ??= fixture("datasets").datasets;
  const d = cache![name];
  if (!d) throw new Error(`no data set ${name} in datasets.json`);
  const pick = <T>(a: T[], idx: number[]) => idx.map((i) => a[i]);
  return { X: d.X, y: d.y, xTrain: pick(d.X, d.train), yTrain: pick(d.y, d.train), xTest: pick(d.X, d.test), yTest: pick(d.y, d.test) };
}

/** A GaussianNB fitted on xTrain against scikit-learn's fitted attributes and its predictions on xTest. */
export function assertGaussianNbMatches(c: { classes: unknown; theta: unknown; var: unknown; classPrior: unknown; predictProba: unknown; predict: unknown }, d: Pick<Split, "xTrain" | "yTrain" | "xTest">): void {
  const m = new GaussianNB().fit(d.xTrain, d.yTrain);
  assert.deepEqual(m.classes, c.classes);
  assertClose(m.theta, c.theta, 1e-9, 1e-12, "theta");
  assertClose(m.variance, c.var, 1e-9, 1e-12, "var");
  assertClose(m.classPrior, c.classPrior, 1e-12, 0, "classPrior");
  assertClose(m.predictProba(d.xTest), c.predictProba, 1e-4, 1e-10, "predictProba");
  assert.deepEqual(m.predict(d.xTest), c.predict);
}

/** |a - b| <= rtol * |b| + atol, element by element, with the first offending index in the message. */
export function assertClose(actual: unknown, expected: unknown, rtol = 1e-4, atol = 1e-10, label = ""): void {
  const a = flat(actual);
  const e = flat(expected);
  assert.equal(a.length, e.length, `${label}: length ${a.length} vs ${e.length}`);
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - e[i]) <= rtol * Math.abs(e[i]) + atol)) {
      assert.fail(`${label}[${i}]: ${a[i]} vs scikit-learn ${e[i]} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

function flat(v: unknown): number[] {
  return Array.isArray(v) ? v.flatMap((x) => flat(x)) : [v as number];
}

export function accuracy(pred: unknown[], truth: unknown[]): number {
  return (100 * pred.filter((p, i) => p === truth[i]).length) / truth.length;
}

export function r2(pred: number[], truth: number[]): number {
  const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
  const ssRes = truth.reduce((s, t, i) => s + (t - pred[i]) ** 2, 0);
  const ssTot = truth.reduce((s, t) => s + (t - mean) ** 2, 0);
  return 100 * (1 - ssRes / ssTot);
}

/** Adjusted Rand index × 100 (agreement of two clusterings, label names ignored). */
export function ari(a: unknown[], b: unknown[]): number {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const table = new Map<string, number>();
  const ca = new Map<unknown, number>();
  const cb = new Map<unknown, number>();
  a.forEach((x, i) => {
    const key = JSON.stringify([x, b[i]]);
    table.set(key, (table.get(key) ?? 0) + 1);
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  });
  const index = [...table.values()].reduce((s, v) => s + pairs(v), 0);
  const sa = [...ca.values()].reduce((s, v) => s + pairs(v), 0);
  const sb = [...cb.values()].reduce((s, v) => s + pairs(v), 0);
  const expected = (sa * sb) / pairs(a.length);
  return (100 * (index - expected)) / ((sa + sb) / 2 - expected);
}
