/**
 * `pipeline(...steps)`: transformers followed by a final model (or transformer), as one
 * estimator. Fitting it fits every step on the rows it is given and nothing else, which is what
 * keeps test rows out of scaling, imputation and feature selection; cross-validation clones the
 * whole chain per fold. It saves and reloads as one model.
 */
import { AibookError } from "../core/errors";
import { BaseEstimator, estimatorFromJSON, registerEstimator, type SavedEstimator } from "../core/estimator";
import type { Label } from "../core/data";

/** What a step must offer; the last one may be a model. */
export interface Step {
  fit(X: unknown, y?: unknown): unknown;
  clone(): Step;
  toJSON(): SavedEstimator;
  readonly estimatorName: string;
  transform?(X: unknown): unknown;
  fitTransform?(X: unknown, y?: unknown): unknown;
  predict?(X: unknown): unknown;
  predictProba?(X: unknown): number[][];
  decisionFunction?(X: unknown): unknown;
  readonly isFitted?: boolean;
}

export type PipelineOptions = { steps: (Step | SavedEstimator)[] };

export class Pipeline extends BaseEstimator<PipelineOptions> {
  static override readonly estimatorName = "Pipeline";
  readonly steps: Step[];
  /** The final model's class labels when it is a classifier (scikit-learn's Pipeline.classes_); defined in the constructor. */
  declare readonly classes?: Label[];

  constructor(options: Partial<PipelineOptions> = {}) {
    super({ steps: [] }, options);
    // new Pipeline({ steps: model }) threw "map is not a function" from here.
    if (!Array.isArray(this.params.steps ?? [])) {
      throw new AibookError(`Pipeline: steps must be an array of estimators, e.g. new Pipeline({ steps: [new StandardScaler(), new LogisticRegression()] }) or pipeline(...steps); got ${this.params.steps instanceof BaseEstimator ? "one estimator" : typeof this.params.steps}.`);
    }
    this.steps = (this.params.steps ?? []).map((s, i) => {
      if (s instanceof BaseEstimator) return s as unknown as Step;
      if (s && typeof (s as Step).fit === "function") return s as Step;
      if (s && typeof (s as SavedEstimator).type === "string") return estimatorFromJSON(s as SavedEstimator) as unknown as Step;
      throw new AibookError(`pipeline: step ${i + 1} is not an estimator (got ${JSON.stringify(s)}).`);
    });
    if (!this.steps.length) throw new AibookError("pipeline: give at least one step, e.g. pipeline(new StandardScaler(), new LogisticRegression()).");
    this.steps.slice(0, -1).forEach((s, i) => {
      if (typeof s.transform !== "function") {
        throw new AibookError(`pipeline: step ${i + 1} (${s.estimatorName}) has no transform(); only the last step may be a model.`);
      }
    });
    const last = this.final;
    if ("classes" in (last as object)) {
      Object.defineProperty(this, "classes", { get: () => (last as unknown as { classes: Label[] }).classes, enumerable: false });
    }
    if (typeof last.predictProba !== "function") Object.defineProperty(this, "predictProba", { value: undefined, enumerable: false });
    // As scikit-learn's Pipeline: decision_function exists when the final model has one (an SVC
    // without probability), so ROC scores of a scaled SVC work as they do for the bare model.
    if (typeof last.decisionFunction !== "function") Object.defineProperty(this, "decisionFunction", { value: undefined, enumerable: false });
  }

  /** The last step: the model. */
  get final(): Step {
    return this.steps[this.steps.length - 1];
  }

  fit(X: unknown, y?: unknown): this {
    let data = X;
    for (const step of this.steps.slice(0, -1)) {
      data = step.fitTransform ? step.fitTransform(data, y) : (step.fit(data, y), step.transform!(data));
    }
    this.final.fit(data, y);
    this.markFitted();
    return this;
  }

  /** X passed through every transformer (not the last step), without refitting. */
  transformUpToModel(X: unknown): unknown {
    this.assertFitted("predict");
    return this.steps.slice(0, -1).reduce((data, step) => step.transform!(data), X);
  }

  predict(X: unknown): Label[] & number[] {
    const last = this.final;
    if (typeof last.predict !== "function") throw new AibookError(`pipeline: the last step (${last.estimatorName}) has no predict(); it is a transformer.`);
    return last.predict(this.transformUpToModel(X)) as Label[] & number[];
  }

  predictProba(X: unknown): number[][] {
    const last = this.final;
    if (typeof last.predictProba !== "function") throw new AibookError(`pipeline: the last step (${last.estimatorName}) has no predictProba().`);
    return last.predictProba(this.transformUpToModel(X));
  }

  decisionFunction(X: unknown): unknown {
    const last = this.final;
    if (typeof last.decisionFunction !== "function") throw new AibookError(`pipeline: the last step (${last.estimatorName}) has no decisionFunction().`);
    return last.decisionFunction(this.transformUpToModel(X));
  }

  transform(X: unknown): unknown {
    const last = this.final;
    if (typeof last.transform !== "function") throw new AibookError(`pipeline: the last step (${last.estimatorName}) has no transform(); use predict().`);
    return last.transform(this.transformUpToModel(X));
  }

  fitTransform(X: unknown, y?: unknown): unknown {
    return this.fit(X, y).transform(X);
  }

  override clone(): this {
    return new Pipeline({ steps: this.steps.map((s) => s.clone()) }) as this;
  }

  override toJSON(): SavedEstimator {
    return { type: this.estimatorName, params: { steps: this.steps.map((s) => s.toJSON()) }, state: this.isFitted ? { fitted: true } : null };
  }

  override get estimatorName(): string {
    return "Pipeline";
  }

  /** "StandardScaler → LogisticRegression", for reports and leaderboards. */
  override toString(): string {
    return this.steps.map((s) => s.estimatorName).join(" → ");
  }

  protected saveState(): unknown {
    return { fitted: true };
  }

  protected loadState(): void {
    // The steps carry their own state (restored when the steps were rebuilt from JSON).
  }
}

/** `pipeline(new StandardScaler(), new LogisticRegression())`. */
export function pipeline(...steps: Step[]): Pipeline {
  return new Pipeline({ steps });
}

registerEstimator(Pipeline);
