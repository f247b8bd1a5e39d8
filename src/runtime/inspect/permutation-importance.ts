/**
 * `permutationImportance`, scikit-learn's permutation_importance: how much a fitted model's score
 * drops when one feature's values are shuffled, breaking its link with the target. Run it on
 * held-out rows to see what the model relies on; a feature whose shuffling costs nothing is
 * not used, and one that dominates is worth a second look for leakage.
 */
import { AibookError } from "../core/errors";
import { isClassifier, type SupervisedModel } from "../core/estimator";
import { isFrame, showValue, toTable, toVector, type Label } from "../core/data";
import { frameFromColumns, rowCount } from "../data/frame";
import { sortedLabels } from "../metrics/labels";
import { checkOptions } from "../options";
import { checkedSeed, createRandom } from "../random";
import { score, CLASSIFICATION_SCORES, REGRESSION_SCORES, type ScoreName } from "../split/cross-validate";
import { runtimeCall } from "../checks/observe";
import { progress } from "../core/progress";
import { Mime, type Displayable, type MimeItem } from "../../protocol/mime";
import { chart } from "../report/chart";
import { formatValue, textTable } from "../report/text";

export interface PermutationImportanceOptions {
  /** Score to compare (default accuracy for classifiers, r2 for regressors). */
  metric?: ScoreName;
  /** Shuffles per feature (default 5, as scikit-learn). */
  repeats?: number;
  seed?: number;
}

export interface FeatureImportance {
  feature: string;
  /** Mean drop in score over the repeats (errors such as rmse: mean rise). */
  mean: number;
  std: number;
  values: number[];
}

/**
 * The result: plain fields to compute with, and a view for the notebook (a bar per feature, most
 * important first, and the same numbers as a table in text).
 */
export class PermutationImportance implements Displayable {
  constructor(
    readonly metric: ScoreName,
    readonly baseline: number,
    /** One entry per feature, most important first. */
    readonly features: FeatureImportance[],
    /** Mean importance per input column, in column order (scikit-learn's importances_mean). */
    readonly importancesMean: number[],
  ) {}

  toMimeBundle(): MimeItem[] {
    const drop = `${LOWER_IS_BETTER.has(this.metric) ? "rise" : "drop"} in ${this.metric}`;
    const view = chart.bar(
      this.features.map((f) => f.feature),
      { [`mean ${drop}`]: this.features.map((f) => f.mean) },
      { title: `Permutation importance (${this.metric} ${formatValue(this.baseline)} before shuffling)`, xLabel: "feature", yLabel: drop },
    );
    return [view.toMimeBundle()[0], { mime: Mime.text, data: this.toString() }];
  }

  toString(): string {
    const rows = this.features.map((f) => [f.feature, f.mean, f.std]);
    return `Permutation importance: ${LOWER_IS_BETTER.has(this.metric) ? "rise" : "drop"} in ${this.metric} when a feature is shuffled (${this.metric} ${formatValue(this.baseline)} before), most important first\n${textTable(["feature", "mean", "std"], rows)}`;
  }
}

const LOWER_IS_BETTER = new Set<ScoreName>(["rmse", "mae", "mse"]);

export function permutationImportance(model: SupervisedModel, X: unknown, y: unknown, options: PermutationImportanceOptions = {}): PermutationImportance {
  // The fits and scores inside are the runtime's own work, not user calls for the runtime rules.
  return runtimeCall(() => permutationImportanceUnobserved(model, X, y, options));
}

function permutationImportanceUnobserved(model: SupervisedModel, X: unknown, y: unknown, options: PermutationImportanceOptions): PermutationImportance {
  checkOptions("permutationImportance", options, ["metric", "repeats", "seed"]);
  if (!model || typeof model.predict !== "function") throw new AibookError("permutationImportance: the first argument must be a fitted model.");
  if ((model as { isFitted?: boolean }).isFitted === false) throw new AibookError(`permutationImportance: ${model.estimatorName} is not fitted yet; fit it on the training rows first.`);
  const n = rowCount(X, "permutationImportance: X");
  if (n !== rowCount(y, "permutationImportance: y")) throw new AibookError(`permutationImportance: X has ${n} rows but y has ${rowCount(y)}; they must describe the same rows.`);
  const classifier = isClassifier(model);
  const metric = options.metric ?? (classifier ? "accuracy" : "r2");
  if (![...CLASSIFICATION_SCORES, ...REGRESSION_SCORES].includes(metric)) {
    throw new AibookError(`permutationImportance: unknown metric "${metric}". Known: ${[...CLASSIFICATION_SCORES, ...REGRESSION_SCORES].join(", ")}.`);
  }
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1) throw new AibookError(`permutationImportance: repeats must be a whole number ≥ 1; got ${showValue(repeats)}.`);
  // The model's classes, as scikit-learn's scorers use: predictProba's columns follow them, and a
  // test set may lack a class (before, a 3-class model scored on 2 of them read the wrong column).
  const classes = classifier ? ((model as { classes?: Label[] }).classes ?? sortedLabels(toVector(y, "permutationImportance (y)"))) : [];
  const sign = LOWER_IS_BETTER.has(metric) ? -1 : 1;
  const { columns, rows } = toTable(X, "permutationImportance (X)");
  const frame = isFrame(X);
  const index = frame ? ((X as { index?: (string | number)[] }).index ?? undefined) : undefined;
  const asInput = (data: unknown[][]): unknown =>
    frame ? frameFromColumns(columns, columns.map((_, j) => data.map((r) => r[j])), { index: index ? [...index] : undefined }) : data;
  const baseline = score(metric, model, X, y, classes);
  const random = createRandom(checkedSeed(options.seed, "permutationImportance"));
  const report = progress("permutationImportance", "feature", columns.length);
  const features = columns.map((feature, j) => {
    const values: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const order = random.permutation(n);
      const shuffled = rows.map((row, i) => {
        const copy = [...row];
        copy[j] = rows[order[i]][j];
        return copy;
      });
      values.push(sign * (baseline - score(metric, model, asInput(shuffled), y, classes)));
    }
    const mean = values.reduce((a, b) => a + b, 0) / repeats;
    const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / repeats);
    report.tick(j + 1, `${feature} ${mean.toFixed(4)}`);
    return { feature, mean, std, values };
  });
  report.finish(`${columns.length} features × ${repeats} repeats`);
  return new PermutationImportance(metric, baseline, [...features].sort((a, b) => b.mean - a.mean), features.map((f) => f.mean));
}
