import assert from "node:assert/strict";
import { createRandom } from "../../../src/runtime/random";

describe("random: the seeded source every randomized step shares", () => {
  it("repeats a stream for a seed and differs between seeds", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 20 }, () => a.next());
    assert.deepEqual(xs, Array.from({ length: 20 }, () => b.next()));
    assert.notDeepEqual(xs, Array.from({ length: 20 }, () => createRandom(43).next()));
    assert.equal(createRandom(42).seed, 42);
  });

  it("draws uniform floats in [0, 1) and integers in [0, n)", () => {
    const r = createRandom(1);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20000; i++) {
      const x = r.next();
      assert.ok(x >= 0 && x < 1);
      counts[r.int(10)]++;
    }
    for (const c of counts) assert.ok(c > 1800 && c < 2200, `bucket count ${c}`);
  });

  it("permutes, shuffles and samples without repeats", () => {
    const r = createRandom(7);
    const perm = r.permutation(100);
    assert.deepEqual([...perm].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
    assert.notDeepEqual(perm, Array.from({ length: 100 }, (_, i) => i));
    const sample = r.sample(50, 10);
    assert.equal(new Set(sample).size, 10);
    assert.ok(sample.every((i) => i >= 0 && i < 50));
    assert.throws(() => r.sample(3, 4), /cannot draw 4 distinct values from 3/);
  });

  it("gives normal draws with the asked mean and spread, and independent forks", () => {
    const r = createRandom(3);
    const xs = Array.from({ length: 20000 }, () => r.normal(5, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    assert.ok(Math.abs(mean - 5) < 0.05 && Math.abs(sd - 2) < 0.05, `mean ${mean}, sd ${sd}`);
    const f1 = createRandom(9).fork();
    const f2 = createRandom(9).fork();
    assert.equal(f1.next(), f2.next());
    assert.throws(() => createRandom(Infinity), /finite/);
  });
});
