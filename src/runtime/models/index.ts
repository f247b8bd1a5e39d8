/** Every model family; importing this registers them all for estimatorFromJSON / loadModel. */
export { LinearRegression, type LinearRegressionOptions } from "./linear";
export { LogisticRegression, type LogisticRegressionOptions } from "./logistic";
export { GLM, type GLMOptions, type GlmFamily } from "./glm";
export { GaussianNB, type GaussianNBOptions } from "./naiveBayes";
export { KNeighborsClassifier, type KNeighborsClassifierOptions } from "./neighbors";
export { DummyClassifier, DummyRegressor, type DummyClassifierOptions, type DummyRegressorOptions } from "./dummy";
export { PCA, type PCAOptions } from "./pca";
export { DecisionTreeClassifier, DecisionTreeRegressor, type DecisionTreeOptions } from "./decisionTree";
export { RandomForestClassifier, RandomForestRegressor, type RandomForestOptions } from "./forest";
export { GradientBoostingClassifier, GradientBoostingRegressor, type GradientBoostingOptions } from "./boosting";
export { SVC, type SVCOptions } from "./svm";
export { MLPClassifier, MLPRegressor, type MLPOptions } from "./mlp";
export { KMeans, type KMeansOptions } from "./kmeans";
export { DBSCAN, type DBSCANOptions } from "./dbscan";
export { IsolationForest, type IsolationForestOptions } from "./isolationForest";
export { LocalOutlierFactor, type LocalOutlierFactorOptions } from "./localOutlierFactor";
export { OneClassSVM, type OneClassSVMOptions } from "./oneClassSvm";
export { saveModel, loadModel, MODEL_FORMAT, MODEL_FORMAT_VERSION, type SavedModelFile, type LoadedModel } from "./persist";
