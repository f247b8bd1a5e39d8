import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadModel, saveModel, MODEL_FORMAT_VERSION } from "../../../src/runtime/models/persist";
import { GradientBoostingClassifier } from "../../../src/runtime/models/boosting";
import { PCA } from "../../../src/runtime/models/pca";
import { LogisticRegression } from "../../../src/runtime/models/logistic";
import { buildSync } from "esbuild";
import { StandardScaler, pipeline } from "../../../src/runtime/preprocess";
import { dataset } from "./fixtures";

describe("saveModel / loadModel", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "aibook-models-"));
  const d = dataset("wine_std");

  it("a whole pipeline reloads and predicts the same probabilities", () => {
    const model = pipeline(new StandardScaler(), new PCA({ components: 5 }), new LogisticRegression()).fit(d.xTrain, d.yTrain);
    const file = saveModel(model, path.join(dir, "pipe.json"));
    const saved = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(saved.format, "aibook-model");
    assert.equal(saved.version, MODEL_FORMAT_VERSION);
    const again = loadModel<typeof model>(file);
    assert.deepEqual(again.predictProba(d.xTest), model.predictProba(d.xTest));
    assert.deepEqual(again.predict(d.xTest), model.predict(d.xTest));
  });

  it("without a type argument, the loaded model types predict and predictProba (checked by tsc over test/)", () => {
    // The production script a notebook leads to: `loadModel("model.json").predict(X)`. With the
    // old default type (BaseEstimator) this file did not type-check, and a notebook cell showed
    // "Property 'predict' does not exist" under the call.
    const model = pipeline(new StandardScaler(), new LogisticRegression()).fit(d.xTrain, d.yTrain);
    const loaded = loadModel(saveModel(model, path.join(dir, "untyped.json")));
    const labels: (string | number)[] = loaded.predict(d.xTest);
    const proba: number[][] = loaded.predictProba(d.xTest);
    assert.deepEqual(labels, model.predict(d.xTest));
    assert.deepEqual(proba, model.predictProba(d.xTest));
    assert.ok(model.classes?.length, "a pipeline ending in a classifier has its classes");
    assert.deepEqual(loaded.classes, model.classes);
  });

  it("reloads in a plain Node process (no tsx, no notebook) from the runtime bundle", () => {
    // The same bundle as npm run build's dist/runtime/index.js, built here so the test stands alone.
    const bundle = path.join(dir, "runtime.js");
    buildSync({
      entryPoints: [path.resolve(__dirname, "../../../src/runtime/index.ts")],
      outfile: bundle,
      bundle: true,
      platform: "node",
      format: "cjs",
      nodePaths: [path.resolve(__dirname, "../../../node_modules")],
      external: ["danfojs-node", "@tensorflow/*", "ml-*", "typescript"],
      logLevel: "error",
    });
    const model = new GradientBoostingClassifier({ nEstimators: 20, seed: 1 }).fit(d.xTrain, d.yTrain);
    const file = saveModel(model, path.join(dir, "gb.json"));
    writeFileSync(path.join(dir, "x.json"), JSON.stringify(d.xTest));
    const script = `const a = require(${JSON.stringify(bundle)}); const m = a.loadModel(${JSON.stringify(file)});
      process.stdout.write(JSON.stringify(m.predictProba(require(${JSON.stringify(path.join(dir, "x.json"))}))));`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, NODE_PATH: path.resolve(__dirname, "../../../node_modules") } }));
    assert.deepEqual(out, model.predictProba(d.xTest));
  });

  it("says what is wrong with an unfitted model, a foreign file and a newer format", () => {
    assert.throws(() => saveModel(new LogisticRegression(), path.join(dir, "x.json")), /not fitted yet/);
    const foreign = path.join(dir, "foreign.json");
    writeFileSync(foreign, JSON.stringify({ hello: 1 }));
    assert.throws(() => loadModel(foreign), /not an aibook model file/);
    const newer = path.join(dir, "newer.json");
    writeFileSync(newer, JSON.stringify({ format: "aibook-model", version: MODEL_FORMAT_VERSION + 1, model: {} }));
    assert.throws(() => loadModel(newer), /Update aibook/);
    assert.throws(() => loadModel(path.join(dir, "missing.json")), /cannot read .*missing\.json/);
  });
});
