/**
 * One seeded random source for everything randomized in the runtime (splits, folds, forests,
 * permutation importance), so that `seed: 42` in a notebook gives the same result on every run
 * and on every machine. Math.random cannot be seeded, hence this small generator: sfc32 seeded
 * through splitmix32, fast and well distributed for shuffling and sampling.
 */

import { AibookError } from "./core/errors";

export interface Random {
  /** The seed this stream started from (reported so that a run can be repeated). */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** A normally distributed value (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** 0..n-1 in random order. */
  permutation(n: number): number[];
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** `k` distinct indices from 0..n-1, in random order. */
  sample(n: number, k: number): number[];
  /** A new independent stream whose seed is drawn from this one (for per-tree or per-fold seeds). */
  fork(): Random;
}

/** A fresh 32-bit seed, for when the user gave none. */
export function randomSeed(): number {
  return (Math.random() * 0x1_0000_0000) >>> 0;
}

/** A generator seeded with `seed` (any finite number; non-integers are hashed), or a random seed. */
export function createRandom(seed?: number): Random {
  const start = seed === undefined || seed === null ? randomSeed() : normalizeSeed(checkedSeed(seed, "createRandom"));
  let s = start;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const nextUint = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint();
  let spareNormal: number | undefined;

  const random: Random = {
    seed: start,
    next: () => nextUint() / 0x1_0000_0000,
    int(maxExclusive) {
      if (!(maxExclusive >= 1)) throw new RangeError(`int(${maxExclusive}): the bound must be at least 1.`);
      return Math.floor(random.next() * Math.floor(maxExclusive));
    },
    normal(mean = 0, sd = 1) {
      if (spareNormal !== undefined) {
        const z = spareNormal;
        spareNormal = undefined;
        return mean + sd * z;
      }
      let u = 0;
      while (u === 0) u = random.next();
      const v = random.next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
    permutation(n) {
      return random.shuffle(Array.from({ length: n }, (_, i) => i));
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = random.int(i + 1);
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
      }
      return items;
    },
    sample(n, k) {
      if (k > n) throw new RangeError(`sample(${n}, ${k}): cannot draw ${k} distinct values from ${n}.`);
      const pool = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + random.int(n - i);
        const t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
      }
      return pool.slice(0, k);
    },
    fork: () => createRandom(nextUint()),
  };
  return random;
}

/** The seed option, refused unless it is a finite number (or left out), naming where it was given ("trainTestSplit"). */
export function checkedSeed<S>(seed: S, where: string): S {
  if (seed === undefined || seed === null || (typeof seed === "number" && Number.isFinite(seed))) return seed;
  const got = typeof seed === "string" ? JSON.stringify(seed) : String(seed);
  throw new AibookError(`${where}: seed must be a finite number, e.g. seed: 42; got ${got}${typeof seed === "string" ? " (text)" : ""}.`);
}

function normalizeSeed(seed: number): number {
  if (Number.isInteger(seed)) return seed >>> 0;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, seed);
  return (view.getUint32(0) ^ Math.imul(view.getUint32(4), 0x9e3779b1)) >>> 0;
}
