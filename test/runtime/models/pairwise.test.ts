import assert from "node:assert/strict";
import { forEachDistanceBlock } from "../../../src/runtime/models/pairwise";
import { argKmin } from "../../../src/runtime/models/kdTree";

function rows(n: number, p: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647);
  return Array.from({ length: n }, () => Array.from({ length: p }, () => Math.round(next() * 40) / 4 - 5));
}

const plain = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);

describe("pairwise distances in blocks", () => {
  it("visits every query once, in order, in blocks of at most 256, with the distances of a plain loop", () => {
    // 600 queries: two full blocks and a partial one; 7 columns: an odd tail after the SIMD pairs.
    const train = rows(1000, 7, 5);
    const queries = rows(600, 7, 9);
    const seen: number[] = [];
    forEachDistanceBlock(train, queries, (first, count, d) => {
      assert.ok(count <= 256);
      assert.equal(d.length, train.length * count);
      for (let j = 0; j < count; j++) {
        seen.push(first + j);
        for (let i = 0; i < train.length; i += 37) {
          const expected = plain(train[i], queries[first + j]);
          assert.ok(Math.abs(d[i * count + j] - expected) <= 1e-12 * expected, `row ${i}, query ${first + j}`);
        }
      }
    });
    assert.deepEqual(seen, queries.map((_, i) => i));
  });

  it("argKmin returns the k smallest distances, each of a distinct row that has it, for any thread count", () => {
    // Values on a grid of quarters: many rows tie at the k-th distance.
    const train = rows(700, 3, 11);
    const queries = rows(300, 3, 13);
    for (const threads of [1, 2, 5]) {
      const found = argKmin(train, queries, 6, threads);
      found.forEach(({ index, rdist }, q) => {
        const all = train.map((r) => plain(r, queries[q])).sort((a, b) => a - b);
        assert.deepEqual(rdist, all.slice(0, 6), `query ${q}: distances`);
        index.forEach((i, r) => assert.equal(plain(train[i], queries[q]), rdist[r]));
        assert.equal(new Set(index).size, 6);
      });
    }
  });
});
