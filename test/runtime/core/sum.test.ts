/**
 * numpySum against np.sum (scripts/fixtures/reference_edge_cases.py, "summation"): the same bits,
 * below and above the 8-value and 128-value blocks of numpy's pairwise summation and its
 * 8192-value buffer. The inputs are rebuilt from the generator's formula.
 */
import assert from "node:assert/strict";
import { numpySum } from "../../../src/runtime/core/sum";
import { fixture } from "../data/reference";

const edge = fixture("edge-cases");

describe("numpySum adds as numpy does", () => {
  for (const c of edge.summation.sums) {
    it(`${c.n} values near ${c.offset}`, () => {
      const values = Array.from({ length: c.n }, (_, i) => c.offset + ((i * 7919) % 1013) / 997);
      assert.equal(numpySum(values), c.sum);
    });
  }
});
