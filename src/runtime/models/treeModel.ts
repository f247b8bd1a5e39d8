/**
 * What trees, forests and gradient boosting share: their learned state (one plain-JSON object)
 * holds the feature importances scikit-learn exposes;
 * the classifiers also expose the classes seen in fit. Regressors must not have `classes`,
 * which is how the runtime tells a classifier (isClassifier), hence two bases.
 */
import type { Label } from "../core/data";
import { StatefulEstimator, type Params } from "../core/estimator";

export interface TreeModelState {
  featureImportances: number[];
  classes?: Label[];
}

export abstract class TreeModel<P extends Params, S extends TreeModelState> extends StatefulEstimator<P, S> {
  get featureImportances(): number[] {
    this.assertFitted("featureImportances");
    return [...this.state!.featureImportances];
  }
}

export abstract class TreeClassifierModel<P extends Params, S extends TreeModelState> extends TreeModel<P, S> {
  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.state!.classes!];
  }
}
