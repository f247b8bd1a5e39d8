import assert from "node:assert/strict";
import { inspect } from "node:util";
import { LogisticRegression } from "../../../src/runtime/models/logistic";
import { RandomForestClassifier } from "../../../src/runtime/models/forest";
import { pipeline, SimpleImputer, StandardScaler } from "../../../src/runtime/preprocess";

describe("how an estimator shows in a cell", () => {
  it("prints its name and the options that differ from the defaults, as scikit-learn's repr", () => {
    assert.equal(inspect(new LogisticRegression()), "LogisticRegression()");
    assert.equal(inspect(new LogisticRegression({ c: 0.5, maxIter: 100 })), "LogisticRegression({ c: 0.5 })");
    assert.equal(inspect(new SimpleImputer({ strategy: "median" })), 'SimpleImputer({ strategy: "median" })');
  });

  it("prints nested estimators the same way, fitted or not", () => {
    const model = pipeline(new StandardScaler(), new RandomForestClassifier({ nEstimators: 3, seed: 1 }));
    const shown = "Pipeline({ steps: [StandardScaler(), RandomForestClassifier({ nEstimators: 3, seed: 1 })] })";
    assert.equal(inspect(model), shown);
    model.fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
    assert.equal(inspect(model), shown);
    assert.equal(inspect({ best: new LogisticRegression({ c: 2 }) }), "{ best: LogisticRegression({ c: 2 }) }");
  });
});
