/**
 * The WebAssembly kernels of kernels.wat: compiled once, on first use, from the bytes bundled in
 * kernels.ts (no .wasm file to find next to the bundle). A caller lays out its arrays in the
 * kernels' memory with `withKernels`, fills them, calls kernels with their byte offsets and reads
 * the results back through the same typed-array views.
 */
import { AibookError } from "../core/errors";
import { kernelsWasm } from "./kernels";

/** Pointers are byte offsets into the kernels' memory; see kernels.wat for each kernel's contract. */
export interface Kernels {
  squaredDistances(x: number, n: number, p: number, c: number, k: number, out: number): void;
  dotRows(x: number, n: number, p: number, w: number, k: number, out: number): void;
  addTransposedProduct(x: number, n: number, p: number, r: number, k: number, g: number): void;
  nearestTwo(x: number, n: number, p: number, c: number, k: number, labels: number, first: number, second: number): void;
  hamerlyStep(
    x: number, n: number, p: number, c: number, k: number,
    labels: number, upper: number, lower: number, moved: number, half: number,
    maxAt: number, maxMoved: number, secondMoved: number, sums: number, counts: number,
  ): number;
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

type Exports = Kernels & { memory: WasmMemory };

// The WebAssembly global of Node (and browsers); @types/node declares only its types' namespace.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** The arrays of one use of the kernels: name → element type and length. */
export type Layout = Record<string, readonly ["f64" | "i32", number]>;

/** Views on the laid-out arrays, and their byte offsets (for the kernels) under `at`. */
export type Placed<L extends Layout> = { [K in keyof L]: L[K][0] extends "i32" ? Int32Array : Float64Array } & {
  at: { [K in keyof L]: number };
};

const PAGE = 65536;
/** Memory above this is handed back after a use (a new instance starts small again). */
const KEEP_BYTES = 64 * 1024 * 1024;

let module: object | undefined;
/**
 * Instances not in use. A use takes one (or makes one) and gives it back when done, so nested
 * uses get memory of their own; a use that never ends (a cell interrupted in the middle: the
 * interrupt unwinds without running `finally`) just never gives its instance back, and the
 * next use makes a new one instead of finding the memory taken.
 */
const idle: Exports[] = [];

function take(): Exports {
  const reused = idle.pop();
  if (reused) return reused;
  module ??= new WebAssembly.Module(Buffer.from(kernelsWasm, "base64"));
  return new WebAssembly.Instance(module, {}).exports as unknown as Exports;
}

/**
 * Lays out `layout` in the memory of a kernels instance (zero-filled) and runs `use` with the
 * kernels and the views. Views are valid only inside `use`: the memory is reused afterwards.
 */
export function withKernels<L extends Layout, R>(layout: L, use: (kernels: Kernels, arrays: Placed<L>) => R): R {
  const exports = take();
  let bytes = 0;
  const at: Record<string, number> = {};
  for (const [name, [type, length]] of Object.entries(layout)) {
    at[name] = bytes;
    // 16-byte alignment keeps every array's pairs of float64 on SIMD boundaries.
    bytes += Math.ceil((length * (type === "i32" ? 4 : 8)) / 16) * 16;
  }
  const memory = exports.memory;
  const missing = Math.ceil((bytes - memory.buffer.byteLength) / PAGE);
  if (missing > 0) {
    try {
      memory.grow(missing);
    } catch {
      throw new AibookError(
        `aibook: the data need ${(bytes / 2 ** 30).toFixed(1)} GB of working memory, more than WebAssembly can address (4 GB). Use fewer rows or columns.`,
      );
    }
  }
  const arrays: Record<string, unknown> = { at };
  for (const [name, [type, length]] of Object.entries(layout)) {
    const view = type === "i32" ? new Int32Array(memory.buffer, at[name], length) : new Float64Array(memory.buffer, at[name], length);
    view.fill(0);
    arrays[name] = view;
  }
  try {
    return use(exports, arrays as Placed<L>);
  } finally {
    // Large memories are handed back to the garbage collector; small ones are kept for reuse.
    if (memory.buffer.byteLength <= KEEP_BYTES) idle.push(exports);
  }
}
