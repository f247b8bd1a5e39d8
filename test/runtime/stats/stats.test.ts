import assert from "node:assert/strict";
import { ks2Samp, chi2Contingency, cramersV, labelTable } from "../../../src/runtime/stats";
import { fixture, assertClose } from "../data/reference";

const reference = fixture("stats");
const RTOL = 1e-6;

describe("statistics match scipy", () => {
  for (const c of reference.ks) {
    it(`ks_2samp: ${c.name} (${c.a.length} vs ${c.b.length})`, () => {
      const r = ks2Samp(c.a, c.b);
      assertClose(r.statistic, c.statistic, 1e-12, 0, "statistic");
      assertClose(r.pValue, c.pValue, RTOL, 1e-300, "p-value");
      assert.equal(r.method, Math.max(c.a.length, c.b.length) <= 10000 ? "exact" : "asymp");
    });
  }

  for (const c of reference.chi2) {
    it(`chi2_contingency and Cramér's V: ${c.name}`, () => {
      const r = chi2Contingency(c.table);
      assertClose(r.statistic, c.statistic, RTOL, 0, "statistic");
      assertClose(r.pValue, c.pValue, RTOL, 1e-300, "p-value");
      assert.equal(r.dof, c.dof);
      assertClose(r.expected, c.expected, 1e-12);
      const raw = chi2Contingency(c.table, { correction: false });
      assertClose(raw.statistic, c.statisticNoCorrection, RTOL, 0, "uncorrected statistic");
      assertClose(raw.pValue, c.pValueNoCorrection, RTOL, 1e-300, "uncorrected p-value");
      assertClose(cramersV(c.table), c.cramersV, RTOL, 0, "Cramér's V");
    });
  }

  it("the asymptotic p-value is used above 10,000 values, the exact one when asked", () => {
    const big = reference.ks.find((c: { a: number[] }) => c.a.length > 10000);
    assert.equal(ks2Samp(big.a, big.b).method, "asymp");
    const small = reference.ks[0];
    assert.equal(ks2Samp(small.a, small.b, { method: "asymp" }).method, "asymp");
  });
});

describe("statistics helpers and errors", () => {
  it("labelTable counts labels per sample in sorted label order", () => {
    assert.deepEqual(labelTable(["b", "a", "a"], ["a", "c"]), { labels: ["a", "b", "c"], table: [[2, 1, 0], [1, 0, 1]] });
  });

  it("identical samples give D = 0 and p = 1", () => {
    assert.deepEqual(ks2Samp([1, 2, 3], [3, 2, 1]), { statistic: 0, pValue: 1, method: "exact" });
  });

  it("refuses NaN in a sample, empty samples and empty table rows", () => {
    assert.throws(() => ks2Samp([1, NaN], [1, 2]), /first sample holds NaN at position 1/);
    assert.throws(() => ks2Samp([], [1]), /at least one value/);
    assert.throws(() => chi2Contingency([[1, 0], [2, 0]]), /sums to zero/);
    assert.throws(() => chi2Contingency([[1, -1], [2, 3]]), /counts must be non-negative/);
  });
});
