import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { lintCommand } from "../../src/cli/lint";
import { capture } from "./capture";
import { staticRules } from "../../src/lint";

const run = (args: string[]) => capture(() => lintCommand(args));

const code = (...lines: string[]) => ({ kind: "code", language: "typescript", source: lines, outputs: [] });
const leaking = {
  aibook: 1,
  metadata: {},
  cells: [
    { kind: "markdown", source: ["# Wine"] },
    code(`import { readCsv, trainTestSplit, LogisticRegression, metrics } from "aibook";`, ``, `const wine = await readCsv("wine.csv");`, `const X = wine.drop({ columns: ["c"] });`, `const y = wine["c"];`),
    code(`const clf = new LogisticRegression();`, `clf.fit(X, y);`),
    code(`const { xTest, yTest } = trainTestSplit(X, y, { testSize: 0.25 });`, `metrics.f1(yTest, clf.predict(xTest), { average: "macro" });`),
  ],
};
const warningOnly = {
  aibook: 1,
  metadata: {},
  cells: [
    code(`import { readCsv, trainTestSplit, GaussianNB, evaluate } from "aibook";`, `const df = await readCsv("iris.csv");`, `const s = trainTestSplit(df.drop({ columns: ["species"] }), df["species"], { seed: 1 });`),
    code(`evaluate(new GaussianNB().fit(s.xTrain, s.yTrain), s.xTest, s.yTest);`),
  ],
};
const clean = { aibook: 1, metadata: {}, cells: [code(`const x = 1;`)] };

describe("cli: aibook lint", () => {
  let dir: string;
  let files: { leaking: string; warningOnly: string; clean: string };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "aibook-lint-"));
    files = { leaking: path.join(dir, "leaking.aibook"), warningOnly: path.join(dir, "warn.aibook"), clean: path.join(dir, "clean.aibook") };
    writeFileSync(files.leaking, JSON.stringify(leaking, null, 2) + "\n");
    writeFileSync(files.warningOnly, JSON.stringify(warningOnly, null, 2) + "\n");
    writeFileSync(files.clean, JSON.stringify(clean, null, 2) + "\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prints findings as text and exits 1 when one is an error", async () => {
    const r = await run([files.leaking]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /leaking\.aibook: cell 3, line 2:1: error \[overlap-leakage\]/);
    assert.match(r.stdout, /cell 4, line 1:\d+: warning \[unstratified-split\]/);
  });

  it("exits 0 when the findings are warnings only, or none", async () => {
    assert.equal((await run([files.warningOnly])).code, 0);
    const r = await run([files.clean]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /0 errors, 0 warnings/);
  });

  it("writes the JSON of cli.md: file as given, 0-based cell over all cells, 1-based positions, static source", async () => {
    const r = await run(["--format", "json", files.leaking, files.clean]);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    const overlap = report.diagnostics.find((d: { rule: string }) => d.rule === "overlap-leakage");
    assert.deepEqual(
      { file: overlap.file, cell: overlap.cell, line: overlap.line, column: overlap.column, endLine: overlap.endLine, endColumn: overlap.endColumn, severity: overlap.severity, source: overlap.source },
      { file: files.leaking, cell: 2, line: 2, column: 1, endLine: 2, endColumn: 14, severity: "error", source: "static" },
    );
    assert.deepEqual(overlap.related.map((x: { cell: number; line: number }) => [x.cell, x.line]), [[3, 2], [3, 1]]);
    assert.match(overlap.message, /\(cell 4, line 2\b/, "messages count cells from 1 as VS Code shows them (Cell 4 of 4); the JSON fields are 0-based indexes");
    assert.ok(overlap.related.every((x: { message: string }) => x.message.length > 0));
  });

  it("runs only the rules given with --rules", async () => {
    const r = await run([files.leaking, "--format", "json", "--rules", "unstratified-split"]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((d: { rule: string }) => d.rule), ["unstratified-split"]);
  });

  it("writes SARIF 2.1.0 with the rules and regions on the .aibook file's own lines", async () => {
    const r = await run([files.leaking, "--format", "sarif"]);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, "2.1.0");
    const run0 = sarif.runs[0];
    const ruleIds = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    for (const rule of staticRules) assert.ok(ruleIds.includes(rule.meta.id), `SARIF lists ${rule.meta.id}`);
    for (const result of run0.results) assert.equal(ruleIds[result.ruleIndex], result.ruleId);
    for (const rule of run0.tool.driver.rules) {
      assert.ok(rule.help.text.length > 100);
      assert.ok(["error", "warning", "note"].includes(rule.defaultConfiguration.level));
    }
    const result = run0.results.find((x: { ruleId: string }) => x.ruleId === "overlap-leakage");
    assert.equal(result.level, "error");
    const loc = result.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, pathToFileURL(files.leaking).href);
    const fileLines = readFileSync(files.leaking, "utf8").split("\n");
    assert.equal(fileLines[loc.region.startLine - 1]!.trim(), JSON.stringify("clf.fit(X, y);"));
    const note = run0.results.find((x: { ruleId: string }) => x.ruleId === "unstratified-split");
    assert.equal(note.level, "warning");
    assert.match(fileLines[note.locations[0].physicalLocation.region.startLine - 1]!, /trainTestSplit/);
  });

  it("exits 2 for bad usage", async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run([files.clean, "--format", "xml"])).code, 2);
    const r = await run([files.clean, "--rules", "no-such-rule"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown rule no-such-rule/);
  });

  it("exits 2 naming a file it cannot read or parse, and still lints the others", async () => {
    const broken = path.join(dir, "broken.aibook");
    writeFileSync(broken, "{ not json");
    const r = await run(["--format", "json", broken, files.leaking, path.join(dir, "missing.aibook")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.aibook:1:\d+/);
    assert.match(r.stderr, /missing\.aibook: cannot read/);
    assert.ok(JSON.parse(r.stdout).diagnostics.length > 0);
  });
});
