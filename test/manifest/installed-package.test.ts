/**
 * "The same module works in a plain Node script" (runtime-api.md), checked on the package a user
 * installs: `npm pack` of the built tree, unpacked as node_modules/aibook of a fresh project whose
 * other dependencies are the repository's own (linked, so nothing is downloaded). Then the whole
 * guide workflow runs once as an ES module (`import { ... } from "aibook"`, which depends on Node
 * finding the bundle's named exports) and once as CommonJS (`require("aibook")`); a second process
 * reloads each saved model and must predict the same labels and probabilities; and tsc type-checks
 * a TypeScript script against the package's `types`. npm test builds first; a stale build fails
 * here rather than passing on old code.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DATASETS } from "../runtime/data/reference";
import { assertFreshBuild } from "../fresh-build";

const root = path.resolve(__dirname, "../..");


const workflow = (tag: string) => `
const df = await readCsv(${JSON.stringify(path.join(DATASETS, "wine.csv"))});
const report = profile(df, { target: "cultivar" });
if (report.rows !== 178) throw new Error("profile rows " + report.rows);
const X = df.drop({ columns: ["cultivar"] });
const y = df["cultivar"];
const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.25, stratify: true, seed: 7 });
const model = pipeline(new StandardScaler(), new LogisticRegression()).fit(xTrain, yTrain);
const evaluation = evaluate(model, xTest, yTest, { name: "${tag}" });
saveModel(model, "model-${tag}.json");
fs.writeFileSync("expected-${tag}.json", JSON.stringify({ x: xTest.values, predicted: model.predict(xTest), proba: model.predictProba(xTest), accuracy: evaluation.metrics.accuracy }));
`;

const reload = (tag: string) => `
const { loadModel } = require("aibook");
const fs = require("node:fs");
const expected = JSON.parse(fs.readFileSync("expected-${tag}.json", "utf8"));
const model = loadModel("model-${tag}.json");
process.stdout.write(JSON.stringify({ predicted: model.predict(expected.x), proba: model.predictProba(expected.x), expected }));
`;

describe("the installed npm package (npm pack, then a fresh project)", function () {
  this.timeout(120_000);
  let project: string;
  let dir: string | undefined;

  before(function () {
    assertFreshBuild(root, ["dist/runtime/index.js", "dist/types/runtime/index.d.ts"], ["src/runtime"]);
    dir = mkdtempSync(path.join(os.tmpdir(), "aibook-installed-"));
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const packed = JSON.parse(execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
    project = path.join(dir!, "project");
    const modules = path.join(project, "node_modules");
    mkdirSync(modules, { recursive: true });
    execFileSync("tar", ["xzf", path.join(dir!, packed[0].filename), "-C", modules]);
    renameSync(path.join(modules, "package"), path.join(modules, "aibook"));
    for (const name of readdirSync(path.join(root, "node_modules"))) {
      if (name === "aibook" || name.startsWith(".")) continue;
      symlinkSync(path.join(root, "node_modules", name), path.join(modules, name), "junction");
    }
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, dependencies: { aibook: "*" } }));
  });

  // The links into the repository's node_modules are removed, not followed.
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  function checkReload(tag: string): void {
    const out = JSON.parse(run(["-e", reload(tag)]));
    assert.ok(out.expected.predicted.length > 40, `${tag}: the workflow predicted the test rows`);
    assert.ok(out.expected.accuracy > 0.9, `${tag}: accuracy ${out.expected.accuracy}`);
    assert.deepEqual(out.predicted, out.expected.predicted, `${tag}: the reloaded model predicts the same labels`);
    assert.deepEqual(out.proba, out.expected.proba, `${tag}: the reloaded model predicts the same probabilities`);
  }

  it("runs the workflow as an ES module and reloads the model in another process", () => {
    const names = "readCsv, profile, trainTestSplit, pipeline, StandardScaler, LogisticRegression, evaluate, saveModel";
    writeFileSync(path.join(project, "flow.mjs"), `import { ${names} } from "aibook";\nimport fs from "node:fs";\n${workflow("esm")}`);
    run(["flow.mjs"]);
    checkReload("esm");
  });

  it("runs the workflow as CommonJS and reloads the model in another process", () => {
    const names = "readCsv, profile, trainTestSplit, pipeline, StandardScaler, LogisticRegression, evaluate, saveModel";
    writeFileSync(path.join(project, "flow.cjs"), `const { ${names} } = require("aibook");\nconst fs = require("node:fs");\n(async () => {\n${workflow("cjs")}\n})().catch((e) => { console.error(e); process.exit(1); });`);
    run(["flow.cjs"]);
    checkReload("cjs");
  });

  it("type-checks a TypeScript script against the package's types", () => {
    writeFileSync(
      path.join(project, "flow.ts"),
      `import { readCsv, trainTestSplit, pipeline, StandardScaler, LogisticRegression, evaluate, saveModel, loadModel, metrics, type EvaluationReport } from "aibook";
export async function main(): Promise<number> {
  const df = await readCsv("wine.csv");
  const { xTrain, xTest, yTrain, yTest } = trainTestSplit(df.drop({ columns: ["cultivar"] }), df["cultivar"], { stratify: true, seed: 1 });
  const model = pipeline(new StandardScaler(), new LogisticRegression({ c: 1 })).fit(xTrain, yTrain);
  const report: EvaluationReport = evaluate(model, xTest, yTest);
  saveModel(model, "model.json");
  const loaded = loadModel("model.json");
  const proba: number[][] = loaded.predictProba(xTest);
  return metrics.accuracy(yTest, loaded.predict(xTest)) + (report.metrics.accuracy ?? 0) + proba.length;
}
`,
    );
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["flow.ts"] }),
    );
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    try {
      run([tsc, "-p", "tsconfig.json"]);
    } catch (error) {
      assert.fail(`tsc failed:\n${(error as { stdout?: string }).stdout ?? error}`);
    }
    assert.ok(readFileSync(path.join(project, "node_modules/aibook/package.json"), "utf8").includes('"types"'));
  });
});
