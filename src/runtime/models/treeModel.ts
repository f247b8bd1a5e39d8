/**
 * What trees, forests and gradient boosting share: everything they learn is one plain-JSON
 * state object (saved as is by saveModel), with the feature importances scikit-learn exposes;
 * the classifiers also expose the classes seen in fit. Regressors must not have `classes`,
 * which is how the runtime tells a classifier (isClassifier), hence two bases.
 */
import type { Label } from "../core/data";
import { BaseEstimator, type Params } from "../core/estimator";

export interface TreeModelState {
  featureImportances: number[];
  classes?: Label[];
}

export abstract class TreeModel<P extends Params, S extends TreeModelState> extends BaseEstimator<P> {
  protected state?: S;

  get featureImportances(): number[] {
    this.assertFitted("featureImportances");
    return [...this.state!.featureImportances];
  }

  protected saveState(): S {
    return this.state!;
  }

  protected loadState(state: unknown): void {
    this.state = state as S;
  }
}

export abstract class TreeClassifierModel<P extends Params, S extends TreeModelState> extends TreeModel<P, S> {
  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.state!.classes!];
  }
}
