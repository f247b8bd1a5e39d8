/**
 * The `aibook` module that notebook cells import, and that a plain Node script imports unchanged
 * (package.json `exports`). Everything in shared/spec/runtime-api.md is exported from here.
 * Each part adds its own export lines in its section; keep the sections and their order.
 */

// Core: errors and the estimator contract
export { AibookError, NotFittedError, MissingValuesError, UnknownOptionError } from "./core/errors";
export { BaseEstimator, registerEstimator, estimatorFromJSON, isClassifier } from "./core/estimator";
export type { Classifier, Regressor, SupervisedModel, Transformer, SavedEstimator, Params } from "./core/estimator";
export type { Matrix, Label, MatrixInput, VectorInput, FrameLike, SeriesLike } from "./core/data";

// Randomness
export { createRandom, randomSeed } from "./random";
export type { Random } from "./random";

// Data
export { readCsv, readJson, dropDuplicates, dropMissing } from "./data";
export type { ReadCsvOptions, ReadJsonOptions, DropDuplicatesOptions, DropMissingOptions } from "./data";

// Splitting
export { trainTestSplit, timeSplit, kFold, stratifiedKFold, crossValidate, splitInfoOf } from "./split";
export type { SplitOptions, FrameSplitOptions, XYSplit, TimeSplitOptions, Fold, FoldOptions, CrossValidateOptions, CrossValidation, ScoreName, SplitInfo } from "./split";

// Preparing
export { StandardScaler, MinMaxScaler, SimpleImputer, OneHotEncoder, LabelEncoder, SelectKBest, Pipeline, pipeline } from "./preprocess";
export type { StandardScalerOptions, MinMaxScalerOptions, SimpleImputerOptions, OneHotEncoderOptions, SelectKBestOptions, PipelineOptions, Step } from "./preprocess";

// Measuring
export { metrics } from "./metrics";
export type { MetricName, Average, AverageOptions, ClassificationReport, ClassScores, RocCurve } from "./metrics";

// Statistics
export { ks2Samp, chi2Contingency, cramersV, labelTable } from "./stats";
export type { KsResult, Chi2Result } from "./stats";

// Inspecting
export { permutationImportance } from "./inspect";
export type { PermutationImportance, PermutationImportanceOptions, FeatureImportance } from "./inspect";

// Models (models engineer)
export * from "./models";
export { tfReady, tfBackend, tfBackendNote, loadTf } from "./tf/backend";

// Reports and views (views engineer)
export { evaluate, compareModels, profile, chart, table, display, mimeBundleOf } from "./report";
export { EvaluationReport, Leaderboard, ProfileReport, ChartView, TableView } from "./report";
export type { EvaluateOptions, CompareOptions, LeaderboardEntry, ProfileOptions, ChartOptions, TableOptions } from "./report";

// Runtime pitfall checks (runtime rules engineer): checkSplit, and the hooks that report user
// calls to the kernel's observer (no-op without one; see ./checks/observe.ts).
export { checkSplit, SplitCheckReport, runtimeRules, DEFAULT_THRESHOLDS } from "./checks";
export type { CheckSplitXY, CheckSplitFrames, CheckSplitOptions, RuntimeThresholds } from "./checks";
import * as observedModels from "./models";
import { Pipeline as ObservedPipeline } from "./preprocess";
import { metrics as observedMetrics } from "./metrics";
import { observeEstimators, observeMetrics } from "./checks/observe";
observeEstimators([...Object.values(observedModels), ObservedPipeline]);
observeMetrics(observedMetrics as unknown as Record<string, unknown>);
