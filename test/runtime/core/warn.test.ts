import assert from "node:assert/strict";
import { warnOnce } from "../../../src/runtime/core/warn";
import { LogisticRegression } from "../../../src/runtime/models/logistic";
import { crossValidate } from "../../../src/runtime/split/cross-validate";

/** What console.warn receives while `work` runs (and its microtasks settle). */
async function warnings(work: () => void): Promise<string[]> {
  const lines: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    work();
    await Promise.resolve();
  } finally {
    console.warn = original;
  }
  return lines;
}

describe("runtime warnings", () => {
  it("prints a message once per piece of synchronous work, and again in later work", async () => {
    assert.deepEqual(await warnings(() => ["a", "b", "a", "a"].forEach(warnOnce)), ["a", "b"]);
    assert.deepEqual(await warnings(() => warnOnce("a")), ["a"]);
  });

  it("crossValidate of a model that does not converge warns once, not once per fold", async () => {
    // Unscaled columns far apart: lbfgs needs more than 3 iterations.
    const X = Array.from({ length: 60 }, (_, i) => [i * 1000, (i % 7) / 10]);
    const y = X.map((_, i) => (i % 3 === 0 ? 1 : 0));
    const lines = await warnings(() => crossValidate(new LogisticRegression({ maxIter: 3 }), X, y, { folds: 5 }));
    assert.deepEqual(lines, ["LogisticRegression: lbfgs did not converge in 3 iterations. Scale the features (StandardScaler in a pipeline) or raise maxIter."]);
  });
});
