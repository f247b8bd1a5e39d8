/**
 * The estimator contract, after scikit-learn: the constructor only stores options (unknown names
 * are an error), `fit` learns and returns `this`, `predict`/`transform` never refit, `clone()`
 * gives an unfitted copy with the same options, and `toJSON()` is what `saveModel` writes.
 */
import { AibookError, NotFittedError, UnknownOptionError } from "./errors";
import { columnNamesOf, type Label } from "./data";
import { checkedSeed } from "../random";
import { checkFlags } from "../options";

export type Params = Record<string, unknown>;

/** What `toJSON()` gives and `estimatorFromJSON` reads back; `state` is null while unfitted. */
export interface SavedEstimator {
  type: string;
  params: Params;
  state: unknown;
  /** The column names of the table it was fitted on (a DataFrame or records), if it had names. */
  featureNames?: string[];
}

type EstimatorClass = { new (options?: any): BaseEstimator<any>; readonly estimatorName: string };

const registry = new Map<string, EstimatorClass>();

/** Every concrete estimator registers itself so that saved models can be rebuilt by name. */
export function registerEstimator(cls: EstimatorClass): void {
  registry.set(cls.estimatorName, cls);
}

/** Names of every registered estimator (the conformance test runs over all of them). */
export function registeredEstimators(): string[] {
  return [...registry.keys()];
}

/** The class registered under `name`, if any. */
export function registeredEstimator(name: string): EstimatorClass | undefined {
  return registry.get(name);
}

export function estimatorFromJSON(saved: SavedEstimator): BaseEstimator<Params> {
  const cls = registry.get(saved?.type);
  if (!cls) throw new AibookError(`Unknown estimator type "${saved?.type}" in a saved model; known: ${[...registry.keys()].join(", ")}.`);
  const estimator = new cls(saved.params);
  if (saved.state !== null && saved.state !== undefined) estimator.restore(saved.state, saved.featureNames);
  return estimator;
}

/** The methods that read a table laid out as in fit, checked against fit's column names. */
const CHECKED_METHODS = ["predict", "predictProba", "decisionFunction", "scoreSamples", "transform"];

/** Node's hook for how util.inspect (console.log, a cell's value) shows an object. */
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

export abstract class BaseEstimator<P extends Params> {
  /** Stable name used in saved models, errors and reports (class names do not survive minifying). */
  static readonly estimatorName: string = "BaseEstimator";
  readonly params: Readonly<P>;
  #fitted = false;
  #defaults: P;
  /** Column names of the named table (DataFrame, records) of the last fit; undefined for plain arrays. */
  #featureNames: string[] | undefined;

  protected constructor(defaults: P, options: Partial<P> = {}) {
    const known = Object.keys(defaults);
    for (const key of Object.keys(options ?? {})) {
      if (!known.includes(key)) throw new UnknownOptionError(this.estimatorName, key, known);
    }
    // A seed in text ("42", from a form or a config file) would fail deep inside fit; refuse it here.
    if (known.includes("seed")) checkedSeed((options as Params | undefined)?.seed, this.estimatorName);
    // A switch given as text ({ fitIntercept: "false" }) was truthy and did the opposite of what it says.
    checkFlags(this.estimatorName, options, known.filter((key) => typeof (defaults as Params)[key] === "boolean"));
    this.#defaults = defaults;
    this.params = Object.freeze({ ...defaults, ...stripUndefined(options) });
    this.#checkColumnNames();
  }

  /**
   * Remembers the column names a model is fitted on and refuses, as scikit-learn does, a named
   * table with other names or another order at predict/transform: its values would be read with
   * the wrong meaning and the predictions would be silently wrong (typically records from JSON
   * whose keys come in another order). Plain arrays carry no names and are not checked.
   */
  #checkColumnNames(): void {
    const self = this as unknown as Record<string, unknown>;
    const fit = self.fit;
    if (typeof fit !== "function") return;
    const checkedFit = (X: unknown, ...rest: unknown[]) => {
      const out = fit.call(this, X, ...rest);
      this.#featureNames = this.#fitted ? columnNamesOf(X) : undefined;
      return out;
    };
    // Named as the method, so a stack trace reads "LogisticRegression.fit", not ".value".
    Object.defineProperty(checkedFit, "name", { value: "fit" });
    Object.defineProperty(this, "fit", { configurable: true, writable: true, value: checkedFit });
    for (const method of CHECKED_METHODS) {
      const original = self[method];
      if (typeof original !== "function") continue;
      const checked = (X: unknown, ...rest: unknown[]) => {
        this.#assertSameColumns(X, method);
        this.#depth++;
        try {
          return original.call(this, X, ...rest);
        } catch (error) {
          throw this.#depth === 1 ? this.#asCalled(error, method) : error;
        } finally {
          this.#depth--;
        }
      };
      Object.defineProperty(checked, "name", { value: method });
      Object.defineProperty(this, method, { configurable: true, writable: true, value: checked });
    }
  }

  /** How deep the checked methods are nested (predict calls predictProba, which calls decisionFunction). */
  #depth = 0;

  /**
   * An error from a method that the one the user called calls in turn names the method the user
   * called: "call fit before predict()" and "RandomForestClassifier.predict: X has 3 columns",
   * not predictProba, which the cell never mentions.
   */
  #asCalled(error: unknown, method: string): unknown {
    if (error instanceof NotFittedError && !this.#fitted) return new NotFittedError(this.estimatorName, method);
    if (!(error instanceof AibookError)) return error;
    const prefix = `${this.estimatorName}.`;
    if (!error.message.startsWith(prefix)) return error;
    const inner = /^\w+/.exec(error.message.slice(prefix.length))?.[0];
    if (!inner || inner === method || (!CHECKED_METHODS.includes(inner) && inner !== "predictLogProba")) return error;
    const message = `${prefix}${method}${error.message.slice(prefix.length + inner.length)}`;
    if (typeof error.stack === "string") error.stack = error.stack.replace(error.message, message);
    error.message = message;
    return error;
  }

  #assertSameColumns(X: unknown, method: string): void {
    const fitted = this.#featureNames;
    if (!fitted || !this.#fitted) return;
    const now = columnNamesOf(X);
    if (!now || (now.length === fitted.length && now.every((c, j) => c === fitted[j]))) return;
    const j = now.findIndex((c, k) => c !== fitted[k]);
    const first = j >= 0 && j < fitted.length ? `column ${j} is "${now[j]}" but was "${fitted[j]}" in fit` : `X has ${now.length} columns but fit saw ${fitted.length}`;
    const unseen = now.filter((c) => !fitted.includes(c));
    const absent = fitted.filter((c) => !now.includes(c));
    const why = unseen.length || absent.length
      ? [absent.length ? `missing: ${absent.join(", ")}` : "", unseen.length ? `not seen in fit: ${unseen.join(", ")}` : ""].filter(Boolean).join("; ")
      : "the same names in another order";
    throw new AibookError(
      `${this.estimatorName}.${method}: ${first} (fit saw ${fitted.join(", ")}; X has ${now.join(", ")}; ${why}). ` +
        `Pass the same columns in the same order, e.g. X.loc({ columns: ${JSON.stringify(fitted)} }).`,
    );
  }

  /**
   * How a cell (and Node's console) shows an estimator: as scikit-learn's repr does, its name and
   * the options that differ from the defaults, e.g. `LogisticRegression({ c: 0.5 })`.
   */
  [INSPECT](): string {
    return describeEstimator(this, this.#defaults);
  }

  get estimatorName(): string {
    return (this.constructor as EstimatorClass).estimatorName;
  }

  get isFitted(): boolean {
    return this.#fitted;
  }

  /** An unfitted copy with the same options. */
  clone(): this {
    const cls = this.constructor as new (options: P) => this;
    return new cls({ ...this.params });
  }

  toJSON(): SavedEstimator {
    const saved: SavedEstimator = { type: this.estimatorName, params: { ...this.params }, state: this.#fitted ? this.saveState() : null };
    if (this.#fitted && this.#featureNames) saved.featureNames = [...this.#featureNames];
    return saved;
  }

  /** Loads learned state written by `saveState` (used by `loadModel`), and the column names fit saw. */
  restore(state: unknown, featureNames?: string[]): this {
    this.loadState(state);
    this.#fitted = true;
    this.#featureNames = Array.isArray(featureNames) ? featureNames.map(String) : undefined;
    return this;
  }

  /** Subclasses call this at the end of a successful fit. */
  protected markFitted(): void {
    this.#fitted = true;
  }

  protected assertFitted(method: string): void {
    if (!this.#fitted) throw new NotFittedError(this.estimatorName, method);
  }

  /** The learned state as plain JSON (no options: they are saved apart). */
  protected abstract saveState(): unknown;
  protected abstract loadState(state: unknown): void;
}

/**
 * An estimator whose learned state is one plain-JSON object, which saveModel writes and
 * loadModel reads back as is (transformers, trees, forests, boosting).
 */
export abstract class StatefulEstimator<P extends Params, S> extends BaseEstimator<P> {
  protected state?: S;

  protected saveState(): S {
    return this.state!;
  }

  protected loadState(state: unknown): void {
    this.state = state as S;
  }
}

/** Models fitted on features and a target. */
export interface SupervisedModel {
  fit(X: unknown, y: unknown): this;
  predict(X: unknown): Label[] | number[];
  clone(): this;
  toJSON(): SavedEstimator;
  readonly estimatorName: string;
}

export interface Classifier extends SupervisedModel {
  /** The labels seen in fit, sorted as scikit-learn sorts `classes_`. */
  readonly classes: Label[];
  predict(X: unknown): Label[];
  predictProba?(X: unknown): number[][];
}

export interface Regressor extends SupervisedModel {
  predict(X: unknown): number[];
}

export interface Transformer {
  fit(X: unknown, y?: unknown): this;
  transform(X: unknown): unknown;
  fitTransform(X: unknown, y?: unknown): unknown;
  clone(): this;
  readonly estimatorName: string;
}

export function isClassifier(model: unknown): model is Classifier {
  return typeof model === "object" && model !== null && "classes" in model && typeof (model as Classifier).predict === "function";
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `Name({ option: value })` with the options that differ from `defaults`; nested estimators alike. */
function describeEstimator(estimator: BaseEstimator<Params>, defaults: Params): string {
  const show = (v: unknown): string => {
    if (v instanceof BaseEstimator) return (v as unknown as Record<symbol, () => string>)[INSPECT]();
    if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
    if (typeof v === "string") return JSON.stringify(v);
    if (typeof v === "object" && v !== null) return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(", ")} }`;
    return String(v);
  };
  const changed = Object.entries(estimator.params).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(defaults[k]));
  return `${estimator.estimatorName}(${changed.length ? `{ ${changed.map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }` : ""})`;
}
