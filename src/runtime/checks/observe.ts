/**
 * The runtime's event bus for the pitfall rules: splits, fits, predictions and evaluations made
 * from user code are reported to an observer — the kernel installs one (src/kernel/process/
 * runtime-rules.ts) under a global symbol, so that it works across bundles. Without an observer
 * every hook is one global lookup: plain Node scripts pay nothing.
 *
 * Only calls from user code count: a fit inside a pipeline, a forest or a cross-validation is
 * the runtime's own business, so calls made while another observed call runs are not reported.
 */
import type { SplitInfo } from "../split/split-info";

export const OBSERVER = Symbol.for("aibook.runtimeObserver");

export type ObservedEvent =
  /** A split made by the runtime: `parts` are [xTrain, xTest, yTrain, yTest] or [train, test]. */
  | { kind: "split"; call: string; parts: unknown[]; info: SplitInfo }
  /** A model trained: the runtime's `fit`, a library's `train`/`fit`. */
  | { kind: "fit"; call: string; model: unknown; X: unknown; y?: unknown }
  /** A model's predictions, so that a metric on them can be tied to the model and its input. */
  | { kind: "predict"; call: string; model: unknown; X: unknown; output: unknown }
  /** A model measured: `metrics` are the metric names reported for `yTrue`. */
  | { kind: "evaluate"; call: string; model?: unknown; X?: unknown; yTrue: unknown; yPred?: unknown; metrics: string[] }
  /**
   * Rows taken from data by user code (`array.slice`, danfojs `sample`/`iloc`): `rows` are positions
   * in `source`; `random` when they were drawn at random. A hand-made split is two of these.
   */
  | { kind: "rows"; call: string; source: unknown; result: unknown; rows: number[]; random: boolean };

export type Observer = (event: ObservedEvent) => void;

/** How deep in observed calls we are, shared by every bundle that reports (runtime, kernel). */
const nesting = ((globalThis as Record<symbol, unknown>)[Symbol.for("aibook.observeNesting")] ??= { depth: 0 }) as { depth: number };

function observer(): Observer | undefined {
  const found = (globalThis as Record<symbol, unknown>)[OBSERVER];
  return typeof found === "function" ? (found as Observer) : undefined;
}

/** Reports an event from a call made by user code (not from inside another observed call). */
export function report(event: () => ObservedEvent): void {
  const observe = observer();
  if (!observe || nesting.depth > 0) return;
  try {
    observe(event());
  } catch {
    // A check must never break the user's call.
  }
}

/** Runs the runtime's own work: what it calls inside is not the user's doing. */
export function runtimeCall<T>(work: () => T): T {
  if (!observer()) return work();
  nesting.depth++;
  try {
    return work();
  } finally {
    nesting.depth--;
  }
}

export function reportSplit(parts: unknown[], info: SplitInfo): void {
  report(() => ({ kind: "split", call: info.method === "time" ? "timeSplit" : "trainTestSplit", parts, info }));
}

type Method = (this: unknown, ...args: unknown[]) => unknown;
const WRAPPED = Symbol.for("aibook.observedMethod");

function wrap(target: Record<string, unknown>, name: string, wrapper: (original: Method) => Method): void {
  const original = target[name] as Method;
  if (typeof original !== "function" || (original as unknown as Record<symbol, unknown>)[WRAPPED]) return;
  const wrapped = wrapper(original);
  Object.defineProperty(wrapped, WRAPPED, { value: true });
  Object.defineProperty(wrapped, "name", { value: original.name });
  target[name] = wrapped;
}

const estimatorName = (model: unknown) => String((model as { estimatorName?: string })?.estimatorName ?? (model as object)?.constructor?.name ?? "model");

/**
 * Reports `fit` and `predict` of every model class (classes with `predict`; transformers alone are
 * not training). Called once by the runtime's index with its exports.
 */
export function observeEstimators(classes: unknown[]): void {
  for (const cls of classes) {
    const proto = typeof cls === "function" ? (cls.prototype as Record<string, unknown> | undefined) : undefined;
    if (!proto || typeof proto.fit !== "function" || typeof proto.predict !== "function") continue;
    for (let p: Record<string, unknown> | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      if (Object.prototype.hasOwnProperty.call(p, "fit")) {
        wrap(p, "fit", (original) => function (this: unknown, ...args) {
          report(() => ({ kind: "fit", call: `${estimatorName(this)}.fit`, model: this, X: args[0], y: args[1] }));
          return runtimeCall(() => original.apply(this, args));
        });
      }
      if (Object.prototype.hasOwnProperty.call(p, "predict")) {
        wrap(p, "predict", (original) => function (this: unknown, ...args) {
          const output = runtimeCall(() => original.apply(this, args));
          report(() => ({ kind: "predict", call: `${estimatorName(this)}.predict`, model: this, X: args[0], output }));
          return output;
        });
      }
    }
  }
}

/** Reports every function of the `metrics` namespace as an evaluation of its first argument. */
export function observeMetrics(metrics: Record<string, unknown>): void {
  for (const name of Object.keys(metrics)) {
    if (name === "silhouette") continue; // clustering: no labels to speak of
    wrap(metrics, name, (original) => function (this: unknown, ...args) {
      report(() => ({ kind: "evaluate", call: `metrics.${name}`, yTrue: args[0], yPred: args[1], metrics: [name] }));
      return runtimeCall(() => original.apply(this, args));
    });
  }
}
