/**
 * Transformers on scikit-learn's edge cases (scripts/fixtures/reference_edge_cases.py): imputer
 * strategies with ties and text columns, unknown categories and drop options of OneHotEncoder,
 * LabelEncoder's sorted classes with number-like strings, constant columns in the scalers, PCA
 * with a variance fraction, SelectKBest with f_classif, chi2, f_regression and k "all". Each case
 * runs on the same data as number[][], as a danfojs DataFrame and as an array of records, which
 * must all give scikit-learn's numbers.
 */
import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import "../../../src/runtime/index";
import { registeredEstimator } from "../../../src/runtime/core/estimator";
import { AibookError } from "../../../src/runtime/core/errors";
import { MinMaxScaler, SimpleImputer, StandardScaler } from "../../../src/runtime/preprocess";
import { PCA } from "../../../src/runtime/models";
import { fixture, assertClose } from "../data/reference";

const edge = fixture("edge-cases");
const RTOL = 1e-9;

type Rows = unknown[][];
const columnsOf = (rows: Rows) => rows[0].map((_, j) => `x${j}`);
/** The three input forms the spec promises give the same results. */
const FORMS: Record<string, (rows: Rows) => unknown> = {
  "number[][]": (rows) => rows.map((r) => [...r]),
  DataFrame: (rows) => new DataFrame(rows.map((r) => r.map((v) => (v === null ? NaN : v))), { columns: columnsOf(rows) }),
  "array of records": (rows) => rows.map((r) => Object.fromEntries(r.map((v, j) => [`x${j}`, v]))),
};

/** A DataFrame's or records' values as rows, to compare with scikit-learn's arrays. */
function plain(out: unknown): unknown {
  if (out && typeof out === "object" && !Array.isArray(out) && "values" in out) return (out as { values: unknown }).values;
  if (Array.isArray(out) && out.length && typeof out[0] === "object" && !Array.isArray(out[0])) return out.map((r) => Object.values(r as object));
  return out;
}

/** NaN in a DataFrame's text column comes back as NaN where scikit-learn has None: compare as null. */
const nullish = (rows: unknown) => (rows as unknown[][]).map((r) => (Array.isArray(r) ? r.map((v) => (typeof v === "number" && Number.isNaN(v) ? null : v)) : r));

function make(c: any): any {
  const Cls = registeredEstimator(c.estimator)!;
  return new Cls(c.options);
}

describe("transformer edge cases against scikit-learn", () => {
  // Summation cases hold the forms whose numpy layout scikit-learn saw (a DataFrame is column-major, nested rows row-major).
  for (const c of [...edge.transformers, ...edge.summation.transformers]) {
    const forms = c.estimator === "LabelEncoder" ? { array: (v: unknown) => v } : FORMS;
    for (const [form, as] of Object.entries(forms).filter(([form]) => !c.forms || c.forms.includes(form))) {
      it(`${c.name} (${form})`, () => {
        const model = make(c);
        const fitInput = as(c.fit);
        if (c.error && !c.transform) {
          // JSON writes scikit-learn's NaN label as null: give it back as the NaN a user would pass.
          const y = c.y?.map((v: unknown) => (v === null ? NaN : v));
          assert.throws(() => (y ? model.fit(fitInput, y) : model.fitTransform(fitInput)), AibookError, `scikit-learn: ${c.sklearnError}`);
          return;
        }
        if (c.estimator === "LabelEncoder") {
          assertClose(model.fitTransform(fitInput), c.expected.codes, 0);
          assert.deepEqual(model.classes, c.expected.classes);
          return;
        }
        if (c.estimator === "SelectKBest") {
          const out = plain(model.fit(fitInput, c.y).transform(fitInput));
          if (c.expected.support.length) assertClose(out, c.expected.transformed, RTOL, 0, "transformed");
          assert.deepEqual(model.selectedColumns, c.expected.support.map((j: number) => `x${j}`));
          assertClose(model.scores, c.expected.scores, RTOL, 0, "scores");
          assertClose(model.pValues, c.expected.pValues, 1e-6, 1e-300, "pValues");
          return;
        }
        const out = plain(model.fitTransform(fitInput));
        if (form === "array of records" && c.estimator !== "PCA") {
          // Records come back as records, named like a DataFrame's columns.
          const names = (model.featureNames ?? model.selectedColumns ?? columnsOf(c.fit)) as string[];
          assert.deepEqual(Object.keys((model.transform(fitInput) as object[])[0]), names);
        }
        if (c.upToSign) assertUpToSign(out as number[][], c.expected);
        else assertClose(nullish(out), c.expected, RTOL, 0, "fitTransform");
        for (const [name, expected] of Object.entries(c.attributes ?? {})) {
          if (name === "nComponents") assert.equal(model.components.length, expected);
          else if (name === "categories" || name === "featureNames" || (name === "statistics" && typeof (expected as unknown[])[0] === "string")) assert.deepEqual(model[name], expected, name);
          else assertClose(model[name], expected, RTOL, 1e-300, name);
        }
        if (c.transform) {
          const input = as(c.transform);
          if (c.error) assert.throws(() => model.transform(input), AibookError, `scikit-learn: ${c.sklearnError}`);
          else assertClose(plain(model.transform(input)), c.transformExpected, RTOL, 0, "transform");
        }
      });
    }
  }
});

describe("transformers on seeded random matrices (scales 1e-3 to 1e3, constant columns, holes)", () => {
  edge.random.transformers.forEach((c: any, i: number) => {
    it(`case ${i}: ${c.X.length} x ${c.X[0].length}`, () => {
      assertClose(new StandardScaler().fitTransform(c.X), c.standard, RTOL, 1e-12, "StandardScaler");
      assertClose(new MinMaxScaler().fitTransform(c.X), c.minMax, RTOL, 1e-12, "MinMaxScaler");
      for (const strategy of ["mean", "median", "most_frequent"] as const) {
        assertClose(new SimpleImputer({ strategy }).fitTransform(c.holes), c[strategy], RTOL, 0, `SimpleImputer ${strategy}`);
      }
      const pca = new PCA({ components: c.pcaComponents });
      const Z = pca.fitTransform(c.X);
      assertClose(pca.explainedVarianceRatio, c.pcaRatio, 1e-9, 1e-12, "explainedVarianceRatio");
      // Components with a (near) zero variance have no defined direction; compare the others.
      const defined = c.pcaRatio.map((r: number, j: number) => (r > 1e-10 ? j : -1)).filter((j: number) => j >= 0);
      const pick = (rows: number[][]) => rows.map((r) => defined.map((j: number) => r[j]));
      assertUpToSign(pick(Z), pick(c.pca));
    });
  });
});

/** PCA's components are defined up to sign: each output column may be flipped as a whole. */
function assertUpToSign(actual: number[][], expected: number[][]): void {
  assert.equal(actual[0].length, expected[0].length, "components");
  for (let j = 0; j < expected[0].length; j++) {
    const sign = Math.sign(actual[0][j]) === Math.sign(expected[0][j]) ? 1 : -1;
    assertClose(actual.map((r) => r[j] * sign), expected.map((r) => r[j]), 1e-9, 1e-12, `column ${j}`);
  }
}
