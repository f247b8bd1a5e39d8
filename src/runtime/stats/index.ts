export { ks2Samp, type KsResult } from "./ks-2samp";
export { chi2Contingency, cramersV, labelTable, type Chi2Result } from "./chi2-contingency";
export { chiSquareSf, fSf } from "./special";
