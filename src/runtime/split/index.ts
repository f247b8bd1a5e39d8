export { trainTestSplit, type SplitOptions, type FrameSplitOptions, type XYSplit } from "./train-test-split";
export { timeSplit, type TimeSplitOptions } from "./time-split";
export { kFold, stratifiedKFold, type Fold, type FoldOptions } from "./k-fold";
export { crossValidate, score, type CrossValidateOptions, type CrossValidation, type ScoreName } from "./cross-validate";
export { splitInfoOf, type SplitInfo } from "./split-info";
