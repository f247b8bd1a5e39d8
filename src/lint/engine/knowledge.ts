/**
 * What the analysis knows about libraries: which module names mean the aibook runtime, TensorFlow.js,
 * danfojs or the ml-* packages, and what a model class is by its name (classifier or regressor,
 * simple or complex). Names rather than types, because notebooks often import the same model from
 * different packages and the rules care about what the model is, not where it came from.
 */
import type { Complexity, Role } from "./values";

/** The short library name of a module specifier ("@tensorflow/tfjs-node" -> "tf"). */
export function libraryOf(specifier: string): string {
  if (specifier === "aibook" || specifier.startsWith("aibook/")) return "aibook";
  if (specifier.startsWith("@tensorflow/tfjs")) return "tf";
  if (specifier === "danfojs-node" || specifier === "danfojs") return "dfd";
  if (specifier === "fs" || specifier === "node:fs" || specifier === "fs/promises" || specifier === "node:fs/promises") return "fs";
  return specifier;
}

/** Default exports of the ml-* packages (`import KNN from "ml-knn"`). */
export const defaultExportClass: Record<string, string> = {
  "ml-knn": "KNN",
  "ml-logistic-regression": "LogisticRegression",
  "ml-random-forest": "RandomForestClassifier",
  "ml-naivebayes": "GaussianNB",
  "ml-cart": "DecisionTreeClassifier",
};

/** The runtime's exported functions, recognised even when a notebook relies on them without an import. */
export const aibookFunctions = new Set([
  "readCsv", "readJson", "profile", "dropDuplicates", "dropMissing", "trainTestSplit", "timeSplit", "kFold",
  "stratifiedKFold", "crossValidate", "pipeline", "evaluate", "compareModels", "metrics", "permutationImportance",
  "checkSplit", "display", "chart", "saveModel", "loadModel",
]);

const transformers = /^(StandardScaler|MinMaxScaler|RobustScaler|MaxAbsScaler|Normalizer|SimpleImputer|KNNImputer|IterativeImputer|OneHotEncoder|OrdinalEncoder|TargetEncoder|LabelEncoder|PCA|TruncatedSVD|SelectKBest|VarianceThreshold|PolynomialFeatures|SMOTE|RandomOverSampler|RandomUnderSampler|ADASYN)$/;
const unsupervised = /^(KMeans|DBSCAN|IsolationForest|LocalOutlierFactor|OneClassSVM|AgglomerativeClustering|GaussianMixture)$/;

/** Transformers whose fit learns nothing that says how the test rows are distributed. */
export const harmlessTransformers = new Set(["LabelEncoder"]);

/** Transformers that add or remove rows (resampling) rather than rescale columns. */
export const resamplers = new Set(["SMOTE", "RandomOverSampler", "RandomUnderSampler", "ADASYN"]);

export function roleOfClass(cls: string, options?: Record<string, string>): Role {
  if (transformers.test(cls)) return "transformer";
  if (unsupervised.test(cls)) return "unsupervised";
  if (cls === "GLM") return options?.family === "binomial" ? "classifier" : "regressor";
  if (/Classifier$|^LogisticRegression$|NB$|^NaiveBayes|^SVC$|^LinearSVC$|^NuSVC$|^KNN$|^Perceptron$/.test(cls)) return "classifier";
  if (/Regress(or|ion)$|^Ridge$|^Lasso$|^ElasticNet$|^SVR$|^LinearSVR$/.test(cls)) return "regressor";
  return "unknown";
}

export function complexityOfClass(cls: string, options?: Record<string, string>): Complexity {
  if (/^(SVC|SVR|NuSVC|SVM)$/.test(cls)) return options?.kernel === "linear" ? "simple" : "complex";
  if (/RandomForest|GradientBoosting|HistGradient|XGB|LightGBM|LGBM|CatBoost|AdaBoost|ExtraTrees|MLP|Sequential|NeuralNetwork|LayersModel/.test(cls)) return "complex";
  if (/^Dummy|LinearRegression|LogisticRegression|DecisionTree|NB$|NaiveBayes|KNN|KNeighbors|^GLM$|^Ridge$|^Lasso$|ElasticNet|LinearSVC|LinearSVR|Perceptron/.test(cls)) return "simple";
  return "other";
}

/** Statistics that, computed on data and applied to data, make a preprocessing step. */
export const statisticMethods = new Set(["mean", "std", "median", "min", "max", "var", "variance", "mode", "quantile", "describe", "moments", "norm", "sum"]);

/** Methods that keep the rows of a DataFrame, Series, array or tensor (columns may change). */
export const rowPreservingMethods = new Set([
  "drop", "loc", "iloc", "addColumn", "asType", "astype", "rename", "setIndex", "resetIndex", "copy", "values", "toArray", "arraySync",
  "dataSync", "array", "data", "reshape", "expandDims", "squeeze", "cast", "toFloat", "toInt", "trim", "split", "column",
  "getColumnData", "selectColumns", "map", "apply", "applyMap", "fillNa", "fillna", "replace", "abs", "log", "log1p", "exp", "round",
  "mul", "add", "sub", "div", "pow", "sqrt", "square", "matMul", "oneHot", "argMax", "toTensor", "tensor", "flat", "clip",
  "clipByValue", "clone", "eq", "gt", "lt", "ge", "le", "ne", "and", "or", "not", "isNa", "notNa", "toFixed", "get", "toJSON",
  "batch", "prefetch", "trimEnd", "trimStart", "split", "lines", "str", "dt", "cumSum", "diff", "shift", "pctChange", "sigmoid",
  "softmax", "relu", "neg", "minimum", "maximum", "where", "concat1d", "transpose", "flatten", "unstack", "asScalar", "as1D",
  "as2D", "asArray", "tolist", "sort_index", "groupby", "groupBy", "col",
]);

/** Words that mark a column or a property as a date or a time (for "sorted by time"). */
export const timeWord = /date|time|year|month|week|day|stamp|created|updated|period|quarter/i;
