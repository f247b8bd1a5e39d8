/**
 * Shared by the runtime data tests: the scikit-learn/scipy fixtures written by
 * scripts/fixtures/reference_data.py, the shared data sets, and a tolerance check that says
 * which value differed.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { readCsv } from "../../../src/runtime/data";

const ROOT = resolve(__dirname, "../../..");

export const DATASETS = process.env.AIBOOK_DATASETS ?? resolve(ROOT, "../shared/datasets");

export function fixture<T = any>(name: "data" | "metrics" | "preprocess" | "split" | "stats" | "edge-cases"): T {
  return JSON.parse(readFileSync(resolve(ROOT, "test/fixtures/runtime/data", `${name}.json`), "utf8"), (_, v) =>
    v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v,
  );
}

export function dataset(name: string) {
  return readCsv(resolve(DATASETS, `${name}.csv`));
}

/** |actual − expected| ≤ rtol·|expected| + atol, element-wise over nested arrays; null means missing (NaN or null). */
export function assertClose(actual: unknown, expected: unknown, rtol: number, atol = 0, path = "value"): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)?.slice(0, 80)}`);
    assert.equal((actual as unknown[]).length, expected.length, `${path}: length`);
    expected.forEach((e, i) => assertClose((actual as unknown[])[i], e, rtol, atol, `${path}[${i}]`));
    return;
  }
  if (expected === null) {
    assert.ok(actual === null || (typeof actual === "number" && Number.isNaN(actual)), `${path}: expected a missing value (NaN or null), got ${actual}`);
    return;
  }
  if (typeof expected !== "number") {
    assert.deepEqual(actual, expected, path);
    return;
  }
  assert.equal(typeof actual, "number", `${path}: expected a number, got ${JSON.stringify(actual)}`);
  const a = actual as number;
  if (!Number.isFinite(expected)) {
    assert.equal(a, expected, path);
    return;
  }
  const err = Math.abs(a - expected);
  assert.ok(err <= rtol * Math.abs(expected) + atol, `${path}: ${a} differs from scikit-learn's ${expected} by ${err} (rtol ${rtol}, atol ${atol})`);
}
