/**
 * What library calls and methods do to rows: the aibook runtime, danfojs, TensorFlow.js, the ml-*
 * packages and plain arrays. Each function maps abstract arguments to an abstract result and
 * records facts (fits, preprocessing steps, evaluations, splits, score comparisons) on the way.
 * Anything not listed returns "unknown", so the rules stay silent about it.
 */
export type { Runtime } from "./core";
export { compareScores, handMetric } from "./core";
export { arithmetic, elementOf, getProperty } from "./access";
export { callLibrary, callMethod } from "./calls";
