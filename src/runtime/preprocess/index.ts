export { StandardScaler, type StandardScalerOptions } from "./standard-scaler";
export { MinMaxScaler, type MinMaxScalerOptions } from "./min-max-scaler";
export { SimpleImputer, type SimpleImputerOptions } from "./simple-imputer";
export { OneHotEncoder, type OneHotEncoderOptions } from "./one-hot-encoder";
export { LabelEncoder } from "./label-encoder";
export { SelectKBest, fClassif, fRegression, chi2, type SelectKBestOptions } from "./select-k-best";
export { Pipeline, pipeline, type PipelineOptions, type Step } from "./pipeline";
