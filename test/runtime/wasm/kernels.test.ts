import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { withKernels } from "../../../src/runtime/wasm";
import { createRandom } from "../../../src/runtime/random";

const random = createRandom(7);
const matrix = (n: number, p: number) => Array.from({ length: n }, () => Array.from({ length: p }, () => random.next() * 10 - 5));
const squared = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
const dot = (a: number[], b: number[]) => a.reduce((s, v, j) => s + v * b[j], 0);
const close = (actual: ArrayLike<number>, expected: number[], what: string) => {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-12 * Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
};

describe("WebAssembly kernels", () => {
  it("kernels.ts holds exactly what kernels.wat compiles to", async () => {
    const script = path.resolve(__dirname, "../../../scripts/build-wasm.mjs");
    const { compileKernels } = await import(script);
    const committed = readFileSync(path.resolve(__dirname, "../../../src/runtime/wasm/kernels.ts"), "utf8");
    assert.equal(committed, await compileKernels(), "run node scripts/build-wasm.mjs after editing kernels.wat");
  });

  // Odd widths and widths below one SIMD pair exercise every tail of the kernels' loops.
  for (const p of [1, 2, 3, 5, 8, 20, 65]) {
    it(`squaredDistances, dotRows and addTransposedProduct match plain loops (p = ${p})`, () => {
      const n = 37;
      const k = 3;
      const X = matrix(n, p);
      const C = matrix(k, p);
      const R = matrix(n, k);
      const layout = { x: ["f64", n * p], c: ["f64", k * p], r: ["f64", n * k], out: ["f64", n * k], g: ["f64", k * p] } as const;
      withKernels(layout, (kernels, m) => {
        X.forEach((row, i) => m.x.set(row, i * p));
        C.forEach((row, i) => m.c.set(row, i * p));
        R.forEach((row, i) => m.r.set(row, i * k));
        kernels.squaredDistances(m.at.x, n, p, m.at.c, k, m.at.out);
        close(m.out, X.flatMap((x) => C.map((c) => squared(x, c))), "squaredDistances");
        kernels.dotRows(m.at.x, n, p, m.at.c, k, m.at.out);
        close(m.out, X.flatMap((x) => C.map((c) => dot(x, c))), "dotRows");
        m.g.fill(1);
        kernels.addTransposedProduct(m.at.x, n, p, m.at.r, k, m.at.g);
        const expected = Array.from({ length: k }, (_, c) => Array.from({ length: p }, (_, j) => 1 + X.reduce((s, x, i) => s + R[i][c] * x[j], 0)));
        close(m.g, expected.flat(), "addTransposedProduct");
      });
    });
  }

  it("squaredDistances gives the same bits for a centre taken in a pair as for the odd centre alone", () => {
    // Centres go through the kernel two at a time and the odd one alone: a row's distance must
    // not depend on which, or a neighbour search would rank a row differently by its position.
    for (const p of [1, 2, 3, 4, 7, 20]) {
      const n = 25;
      const X = matrix(n, p);
      const C = matrix(3, p);
      const layout = { x: ["f64", n * p], c: ["f64", 3 * p], out: ["f64", n * 3], one: ["f64", n] } as const;
      withKernels(layout, (kernels, m) => {
        X.forEach((row, i) => m.x.set(row, i * p));
        C.forEach((row, i) => m.c.set(row, i * p));
        kernels.squaredDistances(m.at.x, n, p, m.at.c, 3, m.at.out);
        for (let c = 0; c < 3; c++) {
          kernels.squaredDistances(m.at.x, n, p, m.at.c + c * p * 8, 1, m.at.one);
          for (let i = 0; i < n; i++) assert.equal(m.out[i * 3 + c], m.one[i], `p = ${p}, row ${i}, centre ${c}`);
        }
      });
    }
  });

  it("nearestTwo finds each row's nearest and second-nearest centre, the lowest index on ties", () => {
    const n = 200;
    const p = 3;
    const X = matrix(n, p);
    const C = [...matrix(4, p), X[5]];
    C.push([...C[1]]); // a duplicate centre: rows nearest to it must keep the lower index
    const k = C.length;
    const layout = { x: ["f64", n * p], c: ["f64", k * p], labels: ["i32", n], first: ["f64", n], second: ["f64", n] } as const;
    withKernels(layout, (kernels, m) => {
      X.forEach((row, i) => m.x.set(row, i * p));
      C.forEach((row, i) => m.c.set(row, i * p));
      kernels.nearestTwo(m.at.x, n, p, m.at.c, k, m.at.labels, m.at.first, m.at.second);
      X.forEach((x, i) => {
        const d = C.map((c) => squared(x, c));
        const sorted = [...d].sort((a, b) => a - b);
        assert.equal(m.labels[i], d.indexOf(sorted[0]), `row ${i}`);
        close([m.first[i], m.second[i]], [sorted[0], sorted[1]], `row ${i}`);
      });
      assert.equal(m.labels[5], 4, "a row that is a centre belongs to it");
      assert.equal(m.first[5], 0);
    });
  });

  it("hamerlyStep gives plain Lloyd's labels, sums and counts after every move of the centres", () => {
    const n = 300;
    const p = 5;
    const k = 4;
    const X = [...matrix(n / 2, p), ...matrix(n / 2, p).map((r) => r.map((v) => v + 8))];
    const layout = {
      x: ["f64", n * p], c: ["f64", k * p], labels: ["i32", n], upper: ["f64", n], lower: ["f64", n],
      moved: ["f64", k], half: ["f64", k], sums: ["f64", k * p], counts: ["f64", k],
    } as const;
    withKernels(layout, (kernels, m) => {
      X.forEach((row, i) => m.x.set(row, i * p));
      let centers = X.slice(0, k).map((r) => [...r]);
      centers.forEach((row, i) => m.c.set(row, i * p));
      kernels.nearestTwo(m.at.x, n, p, m.at.c, k, m.at.labels, m.at.upper, m.at.lower);
      for (let i = 0; i < n; i++) {
        m.upper[i] = Math.sqrt(m.upper[i]);
        m.lower[i] = Math.sqrt(m.lower[i]);
        m.counts[m.labels[i]]++;
        for (let j = 0; j < p; j++) m.sums[m.labels[i] * p + j] += X[i][j];
      }
      let skipped = 0;
      for (let step = 0; step < 12; step++) {
        // Move the centres to their means (Lloyd), or at random on odd steps: bounds must hold for any move.
        const next = centers.map((c, ci) =>
          step % 2 === 0 && m.counts[ci] > 0 ? c.map((_, j) => m.sums[ci * p + j] / m.counts[ci]) : c.map((v) => v + random.next() - 0.5),
        );
        const moved = next.map((c, ci) => Math.sqrt(squared(c, centers[ci])));
        const order = moved.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]);
        centers = next;
        centers.forEach((row, i) => m.c.set(row, i * p));
        m.moved.set(moved);
        centers.forEach((c, ci) => (m.half[ci] = Math.min(...centers.filter((_, o) => o !== ci).map((o) => Math.sqrt(squared(c, o)))) / 2));
        const before = Array.from(m.labels);
        const changed = kernels.hamerlyStep(
          m.at.x, n, p, m.at.c, k, m.at.labels, m.at.upper, m.at.lower, m.at.moved, m.at.half,
          order[0][1], order[0][0], order[1][0], m.at.sums, m.at.counts,
        );
        const nearest = X.map((x) => {
          const d = centers.map((c) => squared(x, c));
          return d.indexOf(Math.min(...d));
        });
        assert.deepEqual(Array.from(m.labels), nearest, `labels after step ${step}`);
        assert.equal(changed, nearest.filter((c, i) => c !== before[i]).length, `changed rows at step ${step}`);
        for (let c = 0; c < k; c++) {
          const members = X.filter((_, i) => nearest[i] === c);
          assert.equal(m.counts[c], members.length);
          close(m.sums.subarray(c * p, c * p + p), Array.from({ length: p }, (_, j) => members.reduce((s, r) => s + r[j], 0)), `sums of ${c}`);
        }
        X.forEach((x, i) => {
          const own = Math.sqrt(squared(x, centers[m.labels[i]]));
          assert.ok(m.upper[i] >= own - 1e-9, `upper bound of row ${i}`);
          const others = centers.filter((_, c) => c !== m.labels[i]).map((c) => Math.sqrt(squared(x, c)));
          assert.ok(m.lower[i] <= Math.min(...others) + 1e-9, `lower bound of row ${i}`);
          if (m.upper[i] > own + 1e-12) skipped++;
        });
      }
      assert.ok(skipped > 0, "some rows were skipped on their bounds (else this test checks plain Lloyd only)");
    });
  });

  it("gives a nested use memory of its own, so the outer use's arrays stay as they were", () => {
    withKernels({ a: ["f64", 4] } as const, (_, outer) => {
      outer.a.fill(7);
      withKernels({ a: ["f64", 1 << 20] } as const, (_, inner) => inner.a.fill(9));
      assert.deepEqual(Array.from(outer.a), [7, 7, 7, 7]);
    });
  });

  it("zero-fills every array, even where an earlier use left values", () => {
    withKernels({ a: ["f64", 64] } as const, (_, m) => m.a.fill(3));
    withKernels({ a: ["f64", 64] } as const, (_, m) => assert.ok(m.a.every((v) => v === 0)));
  });
});
