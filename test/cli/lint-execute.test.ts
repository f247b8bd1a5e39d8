import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { lintCommand } from "../../src/cli/lint";
import { sourceKernelOptions } from "../kernel/sourceKernel";
import { capture } from "./capture";

/** The kernel of --execute runs from source (no build needed). */
const run = (args: string[]) => capture(() => lintCommand(args, sourceKernelOptions));

const code = (...lines: string[]) => ({ kind: "code", language: "typescript", source: lines, outputs: [] });
const notebook = {
  aibook: 1,
  metadata: {},
  cells: [
    { kind: "markdown", source: ["# Copies on both sides"] },
    code(
      `import { readCsv, trainTestSplit, DecisionTreeClassifier, DummyClassifier, evaluate } from "aibook";`,
      `const df = await readCsv("rows.csv");`,
      `const split = trainTestSplit(df.drop({ columns: ["label"] }), df["label"], {`,
      `  testSize: 0.25, stratify: true, seed: 3 });`,
    ),
    code(`evaluate(new DummyClassifier().fit(split.xTrain, split.yTrain), split.xTest, split.yTest);`, `evaluate(new DecisionTreeClassifier().fit(split.xTrain, split.yTrain), split.xTest, split.yTest);`),
  ],
};

describe("cli: aibook lint --execute", function () {
  this.timeout(120000);
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "aibook-lint-execute-"));
    // 60 distinct rows, each written twice: most test rows copy a training row.
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${(i * 7) % 11},${i % 2 ? "yes" : "no"}`);
    writeFileSync(path.join(dir, "rows.csv"), ["a,b,label", ...rows, ...rows].join("\n") + "\n");
    file = path.join(dir, "copies.aibook");
    writeFileSync(file, JSON.stringify(notebook, null, 1));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the notebook in its folder and adds runtime findings to the JSON report, file untouched", async () => {
    const before = readFileSync(file);
    const { code: exit, stdout } = await run([file, "--execute", "--format", "json"]);
    assert.deepEqual(readFileSync(file), before);
    const report = JSON.parse(stdout) as { version: number; diagnostics: { file: string; cell: number; line: number; column: number; rule: string; severity: string; source: string; message: string }[] };
    assert.equal(report.version, 1);
    const runtime = report.diagnostics.filter((d) => d.source === "runtime");
    assert.deepEqual(runtime.map((d) => [d.file, d.cell, d.line, d.rule, d.severity]), [[file, 1, 3, "duplicate-leakage", "error"]]);
    assert.match(runtime[0].message, /^\d+ of the 30 test rows \(\d+%\) are exact copies of training rows/);
    assert.ok(report.diagnostics.every((d) => d.source === "runtime" || d.source === "static"));
    assert.equal(exit, 1, "an error-severity finding fails the lint");
  });

  it("without --execute nothing runs and runtime rules are unknown to --rules", async () => {
    const { code: exit, stdout } = await run([file, "--format", "json"]);
    assert.equal(exit, 0);
    assert.ok((JSON.parse(stdout) as { diagnostics: { source: string }[] }).diagnostics.every((d) => d.source === "static"));
    assert.equal((await run([file, "--rules", "duplicate-leakage"])).code, 2);
  });

  it("--rules picks runtime rules too, and SARIF lists them", async () => {
    const { stdout } = await run([file, "--execute", "--rules", "duplicate-leakage", "--format", "sarif"]);
    const sarif = JSON.parse(stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
    const [r] = sarif.runs;
    assert.deepEqual(r.results.map((x) => x.ruleId), ["duplicate-leakage"]);
    assert.equal(r.tool.driver.rules[r.results[0].ruleIndex].id, "duplicate-leakage");
  });
});
