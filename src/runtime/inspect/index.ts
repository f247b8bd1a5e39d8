export { permutationImportance, type PermutationImportance, type PermutationImportanceOptions, type FeatureImportance } from "./permutation-importance";
