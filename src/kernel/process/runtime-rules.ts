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
  /** Wraps the training and evaluation calls of a module a cell imported. */
  instrument(specifier: string, namespace: unknown): void;
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
  const rules: RuntimeRules = {
    sendingFindings(send) {
      return (message) => {
        if (message.type === "done" && enabled) {
          resetNesting();
          try {
            const findings: KernelRuntimeFinding[] = monitor.findings().map((f) => ({
              rule: f.rule,
              severity: f.severity,
              message: f.message,
              frames: f.site,
              related: f.related.map((r) => ({ frames: r.site, message: r.message })),
            }));
            send({ type: "findings", id: message.id, findings });
          } catch {
            // The rules must never keep a cell from finishing.
          }
        }
        send(message);
      };
    },
    instrument(specifier, namespace) {
      if (!enabled || typeof namespace !== "object" || namespace === null || instrumented.has(namespace)) return;
      instrumented.add(namespace);
      try {
        instrumentLibrary(specifier, namespace as Record<string, unknown>);
      } catch {
        // An unexpected library shape: stay silent rather than break the import.
      }
    },
    instrumentImports(loader) {
      const load = loader.import;
      loader.import = async (specifier) => {
        const namespace = await load(specifier);
        if (typeof specifier === "string") rules.instrument(specifier, namespace);
        return namespace;
      };
    },
  };
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

function instrumentLibrary(specifier: string, ns: Record<string, unknown>): void {
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
      // KNN learns in its constructor; its predictions still tie metrics to the rows asked about.
      wrapTrainPredict(typeof ns.default === "function" ? ns.default : ns, lib, "KNN");
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
