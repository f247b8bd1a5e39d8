import assert from "node:assert/strict";
import { lstsq, svd, svdValues } from "../../../src/runtime/models/linalg";
import { createRandom } from "../../../src/runtime/random";

const random = createRandom(11);
const matrix = (n: number, p: number) => Array.from({ length: n }, () => Array.from({ length: p }, () => random.next() * 4 - 2));
const maxAbs = (a: number[]) => Math.max(...a.map(Math.abs));

describe("linalg", () => {
  for (const [n, p] of [[60, 6], [9, 6], [4, 7], [500, 1]]) {
    it(`svd of ${n} x ${p}: U·S·Vᵀ gives A back, U and V have orthonormal columns, S descends`, () => {
      const A = matrix(n, p);
      const { u, s, v } = svd(A);
      const r = Math.min(n, p);
      assert.equal(s.length, r);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < p; j++) {
          let x = 0;
          for (let c = 0; c < r; c++) x += u[i][c] * s[c] * v[j][c];
          assert.ok(Math.abs(x - A[i][j]) < 1e-12, `A[${i}][${j}]`);
        }
      }
      for (const [M, rows] of [[u, n], [v, p]] as const) {
        for (let a = 0; a < r; a++) {
          for (let b = 0; b < r; b++) {
            let x = 0;
            for (let i = 0; i < rows; i++) x += M[i][a] * M[i][b];
            assert.ok(Math.abs(x - (a === b ? 1 : 0)) < 1e-12, `column ${a}·${b}`);
          }
        }
      }
      for (let c = 1; c < r; c++) assert.ok(s[c] <= s[c - 1]);
    });
  }

  // 60 x 6 and 500 x 1 go through Householder QR first (n >= 2p), 9 x 6 through Jacobi directly.
  for (const [n, p] of [[60, 6], [500, 1], [9, 6]]) {
    it(`svdValues of ${n} x ${p}: the singular values and right vectors of svd, up to sign`, () => {
      const A = matrix(n, p);
      const full = svd(A);
      const { s, v } = svdValues(A);
      s.forEach((x, c) => assert.ok(Math.abs(x - full.s[c]) <= 1e-12 * full.s[0], `s[${c}]`));
      for (let c = 0; c < p; c++) {
        const sign = Math.sign(v.reduce((t, row, j) => t + row[c] * full.v[j][c], 0));
        v.forEach((row, j) => assert.ok(Math.abs(row[c] * sign - full.v[j][c]) < 1e-10, `v[${j}][${c}]`));
      }
    });
  }

  it("lstsq on collinear columns gives the minimum-norm solution (normal equations hold, no part along the null space)", () => {
    const A = matrix(40, 5);
    for (const row of A) row[3] = 2 * row[1] - row[0];
    const b = A.map(() => random.next());
    const x = lstsq(A, b);
    const residual = A.map((row, i) => row.reduce((s, v, j) => s + v * x[j], 0) - b[i]);
    const normal = [0, 1, 2, 3, 4].map((j) => A.reduce((s, row, i) => s + row[j] * residual[i], 0));
    assert.ok(maxAbs(normal) < 1e-12, `Aᵀ(Ax - b) = ${normal}`);
    // -col0 + 2 col1 - col3 = 0: the minimum-norm x is orthogonal to (-1, 2, 0, -1, 0).
    assert.ok(Math.abs(-x[0] + 2 * x[1] - x[3]) < 1e-12, `x = ${x}`);
  });

  it("lstsq with a zero column leaves its coefficient at 0", () => {
    const A = matrix(30, 4);
    for (const row of A) row[2] = 0;
    const x = lstsq(A, A.map(() => random.next()));
    assert.equal(x[2], 0);
  });
});
