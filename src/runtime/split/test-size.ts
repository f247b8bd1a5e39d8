/** scikit-learn's train/test sizes: a fraction rounds the test part up, the train part down. */
import { AibookError } from "../core/errors";

export function splitSizes(n: number, testSize: number | undefined, trainSize: number | undefined, where: string): { nTrain: number; nTest: number } {
  const size = (v: number, name: string) => {
    if (typeof v !== "number") throw new AibookError(`${where}: ${name} must be a number (a fraction in (0, 1) or a row count); got ${JSON.stringify(v)}.`);
    if (!(v > 0)) throw new AibookError(`${where}: ${name} must be a fraction in (0, 1) or a row count ≥ 1; got ${v}.`);
    if (v < 1) return v;
    if (!Number.isInteger(v)) throw new AibookError(`${where}: ${name} = ${v} is neither a fraction in (0, 1) nor a whole number of rows; for ${v}% pass ${v / 100}.`);
    if (v >= n) throw new AibookError(`${where}: ${name} = ${v} rows, but there are ${n} rows.`);
    return v;
  };
  const test = testSize === undefined ? (trainSize === undefined ? 0.25 : undefined) : size(testSize, "testSize");
  const train = trainSize === undefined ? undefined : size(trainSize, "trainSize");
  let nTest = test === undefined ? undefined : test < 1 ? Math.ceil(test * n) : test;
  let nTrain = train === undefined ? undefined : train < 1 ? Math.floor(train * n) : train;
  if (nTrain === undefined) nTrain = n - nTest!;
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) throw new AibookError(`${where}: train (${nTrain}) and test (${nTest}) rows add up to more than the ${n} rows.`);
  if (nTrain <= 0 || nTest <= 0) {
    throw new AibookError(`${where}: with ${n} rows and testSize ${testSize ?? 0.25}, the ${nTrain <= 0 ? "training" : "test"} part would be empty.`);
  }
  return { nTrain, nTest };
}
