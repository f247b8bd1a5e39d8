/**
 * The runtime pitfall rules inside the kernel: installs the observer the `aibook` runtime reports
 * its splits, fits and evaluations to (src/runtime/checks/observe.ts), wraps the training and
 * evaluation calls of the libraries cells import by hand (ml-* `train`, tfjs `fit`/`evaluate`),
 * anchors each observed call at the cell frames of its stack, and sends the findings that hold
 * before each cell's "done". The host maps frames to cell lines (src/kernel/host/runtime-findings.ts).
 */
import type { CellFrame, KernelMessage, KernelRuntimeFinding } from "../../protocol/kernel";
import { RUNTIME_RULES_ENV } from "../../protocol/kernel";
import { RuntimeMonitor } from "../../runtime/checks/monitor";
import { OBSERVER, report, runtimeCall, type ObservedEvent } from "../../runtime/checks/observe";
import type { RuntimeRuleSettings } from "../../runtime/checks/types";

const CELL_FRAME = /aibook-cell-(\d+)\.js:(\d+):(\d+)/;

/** The cell frames of the current stack, innermost first. */
export function cellFrames(stack: string | undefined): CellFrame[] {
  const frames: CellFrame[] = [];
  for (const line of (stack ?? "").split("\n")) {
    const m = CELL_FRAME.exec(line);
    if (m) frames.push({ execution: Number(m[1]), line: Number(m[2]), column: Number(m[3]) });
  }
  return frames;
}

function captureFrames(): CellFrame[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 80;
  try {
    return cellFrames(new Error().stack);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function readSettings(): RuntimeRuleSettings {
  try {
    return JSON.parse(process.env[RUNTIME_RULES_ENV] ?? "{}") as RuntimeRuleSettings;
  } catch {
    return {};
  }
}

export interface RuntimeRules {
  /** A `send` that reports the findings before each cell's "done". */
  sendingFindings(send: (message: KernelMessage) => void): (message: KernelMessage) => void;
  /** Wraps the training and evaluation calls of a module a cell imported; returns what the cell gets instead, if anything. */
  instrument(specifier: string, namespace: unknown): unknown;
  /** Makes the loader's `import` instrument what it loads. */
  instrumentImports(loader: { import(specifier: unknown): Promise<unknown> }): void;
}

export function installRuntimeRules(settings: RuntimeRuleSettings = readSettings()): RuntimeRules {
  const siteKey = (frames: CellFrame[]) => frames.map((f) => `${f.execution}:${f.line}:${f.column}`).join(",");
  const monitor = new RuntimeMonitor<CellFrame[]>(settings, siteKey);
  const enabled = settings.enabled !== false;
  if (enabled) {
    (globalThis as Record<symbol, unknown>)[OBSERVER] = (event: ObservedEvent) => {
      const frames = captureFrames();
      if (frames.length) monitor.observe(event, frames);
    };
  }
  const instrumented = new WeakSet<object>();
  const replacements = new WeakMap<object, unknown>();
  let lastSent = "[]";
  const renewSliceBudget = enabled ? trackSlices(monitor) : () => {};
  const rules: RuntimeRules = {
    sendingFindings(send) {
      return (message) => {
        if (message.type === "done" && enabled) {
          resetNesting();
          renewSliceBudget();
          try {
            const findings: KernelRuntimeFinding[] = monitor.findings().map((f) => ({
              rule: f.rule,
              severity: f.severity,
              message: f.message,
              frames: f.site,
              related: f.related.map((r) => ({ frames: r.site, message: r.message })),
            }));
            // While there is nothing to say, nothing travels: a trivial cell costs no extra message.
            // Any other time the set goes out, so the host re-reads which cell runs it supersedes.
            const text = JSON.stringify(findings);
            if (text !== "[]" || lastSent !== "[]") send({ type: "findings", id: message.id, findings });
            lastSent = text;
          } catch {
            // The rules must never keep a cell from finishing.
          }
        }
        send(message);
      };
    },
    instrument(specifier, namespace) {
      if (!enabled || (typeof namespace !== "object" && typeof namespace !== "function") || namespace === null) return undefined;
      if (replacements.has(namespace)) return replacements.get(namespace);
      if (instrumented.has(namespace)) return undefined;
      instrumented.add(namespace);
      try {
        const replacement = instrumentLibrary(specifier, namespace as Record<string, unknown>, monitor);
        if (replacement !== undefined) replacements.set(namespace, replacement);
        return replacement;
      } catch {
        // An unexpected library shape: stay silent rather than break the import.
        return undefined;
      }
    },
    instrumentImports(loader) {
      const load = loader.import;
      loader.import = async (specifier) => {
        let namespace = await load(specifier);
        if (typeof specifier === "string") namespace = rules.instrument(specifier, namespace) ?? namespace;
        return namespace;
      };
    },
  };
  // The runtime's frames are danfojs frames and the runtime loads danfojs on first use: its
  // sample/iloc count even when no cell imports danfojs, without loading it any sooner. The
  // runtime announces the load (no require hook: a frame of ours on every require makes
  // Node 22+ print deprecation warnings meant for libraries, such as punycode's, into cells).
  if (enabled) {
    (globalThis as Record<symbol, unknown>)[Symbol.for("aibook.danfoLoaded")] = (exports: unknown) => rules.instrument("danfojs-node", exports);
  }
  return rules;
}

/** An interrupted cell may have unwound past the `finally` that ends an observed call. */
function resetNesting(): void {
  const nesting = (globalThis as Record<symbol, unknown>)[Symbol.for("aibook.observeNesting")] as { depth: number } | undefined;
  if (nesting) nesting.depth = 0;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;
const WRAPPED = Symbol.for("aibook.observedMethod");

/** Wraps `name` where the prototype chain defines it (ml-random-forest's `train` lives on a base class). */
function wrapMethod(start: Record<string, unknown> | undefined, name: string, wrapper: (original: Method) => Method): void {
  let proto = start;
  while (proto && proto !== Object.prototype && !Object.prototype.hasOwnProperty.call(proto, name)) proto = Object.getPrototypeOf(proto) as Record<string, unknown>;
  if (!proto || proto === Object.prototype) return;
  const original = proto[name] as Method;
  if (typeof original !== "function" || (original as unknown as Record<symbol, unknown>)[WRAPPED]) return;
  const wrapped = wrapper(original);
  Object.defineProperty(wrapped, WRAPPED, { value: true });
  proto[name] = wrapped;
}

const nameOf = (model: unknown, fallback: string) => (model as object)?.constructor?.name || fallback;

const prototypeOf = (cls: unknown) => (typeof cls === "function" ? (cls.prototype as Record<string, unknown>) : undefined);

/** `train(X, y)` and `predict(X)` of the ml.js models. */
function wrapTrainPredict(cls: unknown, library: string, className: string): void {
  const proto = prototypeOf(cls);
  wrapMethod(proto, "train", (original) => function (this: unknown, ...args) {
    report(() => ({ kind: "fit", call: `${nameOf(this, className)}.train (${library})`, model: this, X: args[0], y: args[1] }));
    return runtimeCall(() => original.apply(this, args));
  });
  wrapMethod(proto, "predict", (original) => function (this: unknown, ...args) {
    const output = runtimeCall(() => original.apply(this, args));
    report(() => ({ kind: "predict", call: `${nameOf(this, className)}.predict (${library})`, model: this, X: args[0], output }));
    return output;
  });
}

function instrumentLibrary(specifier: string, ns: Record<string, unknown>, monitor: RuntimeMonitor<CellFrame[]>): unknown {
  const lib = specifier.replace(/^node:/, "");
  const exported = (name: string) => ns[name] ?? (ns.default as Record<string, unknown> | undefined)?.[name];
  switch (lib) {
    case "ml-random-forest":
      for (const name of ["RandomForestClassifier", "RandomForestRegression"]) wrapTrainPredict(exported(name), lib, name);
      return;
    case "ml-cart":
      for (const name of ["DecisionTreeClassifier", "DecisionTreeRegression"]) wrapTrainPredict(exported(name), lib, name);
      return;
    case "ml-naivebayes":
      for (const name of ["GaussianNB", "MultinomialNB"]) wrapTrainPredict(exported(name), lib, name);
      return;
    case "ml-logistic-regression":
      wrapTrainPredict(typeof ns.default === "function" ? ns.default : ns, lib, "LogisticRegression");
      return;
    case "ml-knn":
      return observedKnn(typeof ns.default === "function" ? ns.default : ns);
    case "danfojs-node":
    case "danfojs":
      instrumentDanfo(ns, monitor);
      return;
    default:
      if (lib === "@tensorflow/tfjs" || lib.startsWith("@tensorflow/tfjs-")) instrumentTf(ns);
  }
}

/** tfjs: `model.fit` trains, `model.evaluate` measures with the compiled metrics, `predict` predicts. */
function instrumentTf(tf: Record<string, unknown>): void {
  for (const name of ["LayersModel", "Sequential"]) {
    const proto = prototypeOf(tf[name]);
    wrapMethod(proto, "fit", (original) => function (this: unknown, ...args) {
      report(() => ({ kind: "fit", call: "model.fit (tfjs)", model: this, X: args[0], y: args[1] }));
      return runtimeCall(() => original.apply(this, args));
    });
    wrapMethod(proto, "evaluate", (original) => function (this: unknown, ...args) {
      report(() => ({ kind: "evaluate", call: "model.evaluate (tfjs)", model: this, X: args[0], yTrue: args[1], metrics: tfMetricNames(this) }));
      return runtimeCall(() => original.apply(this, args));
    });
    wrapMethod(proto, "predict", (original) => function (this: unknown, ...args) {
      const output = runtimeCall(() => original.apply(this, args));
      report(() => ({ kind: "predict", call: "model.predict (tfjs)", model: this, X: args[0], output }));
      return output;
    });
  }
}

const TF_METRICS: Record<string, string> = { acc: "accuracy", accuracy: "accuracy", binaryAccuracy: "accuracy", categoricalAccuracy: "accuracy", sparseCategoricalAccuracy: "accuracy", precision: "precision", recall: "recall", auc: "rocAuc" };

function tfMetricNames(model: unknown): string[] {
  const names = (model as { metricsNames?: unknown; model?: { metricsNames?: unknown } }).metricsNames ?? (model as { model?: { metricsNames?: unknown } }).model?.metricsNames;
  if (!Array.isArray(names)) return [];
  return names.filter((n) => n !== "loss").map((n) => TF_METRICS[String(n).replace(/^val_/, "")] ?? String(n));
}

// ---------------------------------------------------------------------------------------------
// Hand-made splits: rows taken by slices, samples and iloc calls in cells
// ---------------------------------------------------------------------------------------------

/** Data smaller than this is not a data set worth a split check (and keeps the hook cheap). */
const MIN_SOURCE_ROWS = 20;

const nesting = () => ((globalThis as Record<symbol, unknown>)[Symbol.for("aibook.observeNesting")] as { depth: number } | undefined)?.depth ?? 0;

const asCallSites = (_: Error, callSites: NodeJS.CallSite[]) => callSites;

/** The cell frame of `wrapper`'s caller when a cell called it directly; else undefined. One frame, no text: cheap. */
function cellCaller(wrapper: Function): CellFrame[] | undefined {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 1;
  Error.prepareStackTrace = asCallSites;
  const holder: { stack?: unknown } = {};
  try {
    Error.captureStackTrace(holder, wrapper);
    const site = (holder.stack as NodeJS.CallSite[] | undefined)?.[0];
    const m = /aibook-cell-(\d+)\.js$/.exec(site?.getFileName() ?? "");
    return m && site ? [{ execution: Number(m[1]), line: site.getLineNumber() ?? 0, column: site.getColumnNumber() ?? 0 }] : undefined;
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/**
 * Finding the caller costs microseconds, so a slice is looked at only while a cell's budget
 * lasts, and an array sliced again and again (a loop, not a split) stops being looked at.
 */
const SLICE_BUDGET_PER_CELL = 500;
const SLICES_PER_SOURCE = 8;

/** `array.slice(a, b)` in a cell: the rows a..b of the array. Returns what renews the budget. */
function trackSlices(monitor: RuntimeMonitor<CellFrame[]>): () => void {
  let budget = SLICE_BUDGET_PER_CELL;
  const renew = () => {
    budget = SLICE_BUDGET_PER_CELL;
  };
  const original = Array.prototype.slice;
  if ((original as unknown as Record<symbol, unknown>)[WRAPPED]) return renew;
  const perSource = new WeakMap<object, number>();
  const slice = function slice(this: unknown[], start?: number, end?: number): unknown[] {
    const result = original.call(this, start, end);
    if (budget > 0 && Array.isArray(this) && this.length >= MIN_SOURCE_ROWS && result.length > 0 && nesting() === 0) {
      const count = (perSource.get(this) ?? 0) + 1;
      perSource.set(this, count);
      budget--;
      const site = count <= SLICES_PER_SOURCE ? cellCaller(slice) : undefined;
      if (site) {
        const n = this.length;
        const s = start === undefined ? 0 : Math.trunc(Number(start)) || 0;
        const from = s < 0 ? Math.max(n + s, 0) : Math.min(s, n);
        try {
          monitor.observe({ kind: "rows", call: "slice", source: this, result, rows: range(from, result.length), random: false }, site);
        } catch {
          // never break a slice
        }
      }
    }
    return result;
  };
  Object.defineProperty(slice, WRAPPED, { value: true });
  Object.defineProperty(Array.prototype, "slice", { value: slice, writable: true, configurable: true, enumerable: false });
  // `trainRows.map((r) => r.features)` keeps the rows of a part: the model trained on it saw those rows.
  const originalMap = Array.prototype.map;
  const map = function map(this: unknown[], callback: (value: unknown, index: number, array: unknown[]) => unknown, thisArg?: unknown): unknown[] {
    const result = originalMap.call(this, callback, thisArg);
    if (nesting() === 0 && monitor.holdsTakenRows(this) && result.length === this.length) monitor.observeProjection(this, result);
    return result;
  };
  Object.defineProperty(map, WRAPPED, { value: true });
  Object.defineProperty(Array.prototype, "map", { value: map, writable: true, configurable: true, enumerable: false });
  return renew;
}

/** danfojs `sample` (random rows) and `iloc` (rows by position): positions found through the row labels. */
function instrumentDanfo(dfd: Record<string, unknown>, monitor: RuntimeMonitor<CellFrame[]>): void {
  const frameProto = prototypeOf(dfd.DataFrame);
  const taken = (source: unknown, result: unknown, call: string, random: boolean, site: CellFrame[]) => {
    try {
      const from = (source as { index?: unknown }).index;
      const to = (result as { index?: unknown }).index;
      if (!Array.isArray(from) || !Array.isArray(to) || from.length < MIN_SOURCE_ROWS) return;
      const position = new Map(from.map((label, i) => [label, i]));
      const rows = to.map((label) => position.get(label));
      if (rows.some((r) => r === undefined)) return;
      monitor.observe({ kind: "rows", call, source, result, rows: rows as number[], random }, site);
    } catch {
      // an odd frame: stay silent
    }
  };
  wrapMethod(frameProto, "sample", (original) => function sample(this: unknown, ...args) {
    const site = nesting() === 0 ? cellCaller(sample) : undefined;
    const result = original.apply(this, args);
    if (site) {
      if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then((frame) => taken(this, frame, "sample", true, site), () => {});
      else taken(this, result, "sample", true, site);
    }
    return result;
  });
  wrapMethod(frameProto, "iloc", (original) => function iloc(this: unknown, ...args) {
    const site = nesting() === 0 ? cellCaller(iloc) : undefined;
    const result = original.apply(this, args);
    if (site) taken(this, result, "iloc", false, site);
    return result;
  });
  // Rows picked by a condition (`df.query(mask)`, `df.loc({ rows: mask })`) or left once others are
  // dropped (`df.drop({ index: held.index })`, the rest of a sample); column picks keep every row and are not splits.
  for (const name of ["query", "loc", "drop"]) {
    wrapMethod(frameProto, name, (original) => {
      const picked = function (this: unknown, ...args: unknown[]) {
        const site = nesting() === 0 ? cellCaller(picked) : undefined;
        const result = original.apply(this, args);
        if (site && rowCount(result) < rowCount(this)) taken(this, result, name, false, site);
        return result;
      };
      return picked;
    });
  }
}

function rowCount(frame: unknown): number {
  const index = (frame as { index?: unknown } | null)?.index;
  return Array.isArray(index) ? index.length : 0;
}

/**
 * ml-knn learns in its constructor (`new KNN(X, y)`): the cell gets a subclass that reports the
 * training after it (instances are still KNN instances; `KNN.load` is inherited).
 */
function observedKnn(KNN: unknown): unknown {
  if (typeof KNN !== "function") return undefined;
  wrapTrainPredict(KNN, "ml-knn", "KNN");
  const Base = KNN as new (...args: unknown[]) => object;
  class ObservedKNN extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      // KNN.load(model) builds through the constructor too: only (dataset, labels) is training.
      if (Array.isArray(args[0]) && Array.isArray(args[1])) report(() => ({ kind: "fit", call: "new KNN (ml-knn)", model: this, X: args[0], y: args[1] }));
    }
  }
  Object.defineProperty(ObservedKNN, "name", { value: "KNN" });
  return ObservedKNN;
}
