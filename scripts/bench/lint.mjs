// Benchmark of the static pitfall linter (issue 6): a generated 200-cell notebook linted cold, and
// re-linted after a one-character edit in one cell (the parse cache keeps the other cells), next
// to the time TypeScript alone takes to parse the same code as one file, measured in the same run.
// Goals: a full lint under 5x the parse time; an edit re-linted under 50 ms.
//   node scripts/bench/lint.mjs [--cells 200] [--edits 40]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import * as esbuild from "esbuild";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The linter as the CLI and the server bundle it (TypeScript stays external). */
async function loadLinter() {
  const cache = path.join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, "aibook-bench-lint-"));
  const outfile = path.join(dir, "lint.cjs");
  await esbuild.build({ entryPoints: [path.join(root, "src/lint/index.ts")], outfile, bundle: true, platform: "node", format: "cjs", external: ["typescript"], logLevel: "warning" });
  const loaded = createRequire(path.join(root, "package.json"))(outfile);
  rmSync(dir, { recursive: true, force: true });
  return loaded;
}
const { createLinter } = await loadLinter();

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cellCount = arg("--cells", 200);
const editCount = arg("--edits", 40);

/** One cell of a plausible modelling notebook: reads, splits, scalers, fits, loops, helpers, metrics. */
function cellText(i) {
  switch (i % 8) {
    case 0:
      return i === 0
        ? `import { readCsv, trainTestSplit, StandardScaler, LogisticRegression, RandomForestClassifier, DummyClassifier, evaluate, metrics } from "aibook";\nconst df0 = await readCsv("data0.csv");`
        : `const df${i} = await readCsv("data${i}.csv");\nconsole.log(df${i}.shape, df${i}.columns);`;
    case 1:
      return `const X${i} = df${i - 1}.drop({ columns: ["label"] });\nconst y${i} = df${i - 1}["label"];\nconst s${i} = trainTestSplit(X${i}, y${i}, { testSize: 0.2, stratify: true, seed: ${i} });`;
    case 2:
      return `const scaler${i} = new StandardScaler().fit(s${i - 1}.xTrain);\nconst tr${i} = scaler${i}.transform(s${i - 1}.xTrain);\nconst te${i} = scaler${i}.transform(s${i - 1}.xTest);`;
    case 3:
      return `const base${i} = new DummyClassifier().fit(tr${i - 1}, s${i - 2}.yTrain);\nevaluate(base${i}, te${i - 1}, s${i - 2}.yTest, { name: "baseline ${i}" });`;
    case 4:
      return `function fitAndScore${i}(model, a, b, c, d) {\n  model.fit(a, b);\n  return metrics.f1(d, model.predict(c), { average: "macro" });\n}\nconst lr${i} = new LogisticRegression({ c: ${(i % 5) + 1} });\nconsole.log(fitAndScore${i}(lr${i}, tr${i - 2}, s${i - 3}.yTrain, te${i - 2}, s${i - 3}.yTest));`;
    case 5:
      return `const scores${i} = [];\nfor (const n of [10, 50, 100]) {\n  const rf = new RandomForestClassifier({ nEstimators: n, seed: ${i} }).fit(tr${i - 3}, s${i - 4}.yTrain);\n  scores${i}.push(metrics.accuracy(s${i - 4}.yTest, rf.predict(te${i - 3})));\n}\nconsole.table(scores${i});`;
    case 6:
      return `const rows${i} = df${i - 6}.values;\nconst cut${i} = Math.floor(rows${i}.length * 0.8);\nconst head${i} = rows${i}.slice(0, cut${i});\nconst tail${i} = rows${i}.slice(cut${i});\nconst widths${i} = head${i}.map((r) => r.length).filter((n) => n > 2);`;
    default:
      return `// notes on cell ${i}\nconst summary${i} = { cell: ${i}, rows: rows${i - 1}.length, tail: tail${i - 1}.length };\nconsole.log(JSON.stringify(summary${i}));\nconst best${i} = Math.max(...scores${i - 2});`;
  }
}

const cells = Array.from({ length: cellCount }, (_, i) => ({ index: i, kind: "code", source: cellText(i) }));
const joined = cells.map((c) => c.source).join("\n");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

// Warm both paths once (JIT), then measure.
ts.createSourceFile("warm.ts", joined, ts.ScriptTarget.Latest, true);
createLinter().lint(cells);

const parse = median(Array.from({ length: 9 }, () => time(() => ts.createSourceFile("notebook.ts", joined, ts.ScriptTarget.Latest, true))));
const cold = median(Array.from({ length: 9 }, () => time(() => createLinter().lint(cells))));

const linter = createLinter();
const findings = linter.lint(cells);
const edits = [];
let current = cells;
for (let k = 0; k < editCount; k++) {
  const at = (k * 37 + 11) % cellCount;
  current = current.map((c, i) => (i === at ? { ...c, source: c.source + (k % 2 ? " " : "\n") } : c));
  edits.push(time(() => linter.lint(current)));
}
const edit = median(edits);
const editP95 = [...edits].sort((a, b) => a - b)[Math.floor(edits.length * 0.95)];

const fmt = (ms) => `${ms.toFixed(2)} ms`;
console.log(`lint bench: ${cellCount} cells, ${joined.length} chars, ${findings.length} findings`);
console.log(`  TypeScript parse of the same code (one file):  ${fmt(parse)}`);
console.log(`  full lint, cold linter (median of 9):          ${fmt(cold)}   = ${(cold / parse).toFixed(2)}x parse   (goal < 5x)  ${cold / parse < 5 ? "ok" : "MISSED"}`);
console.log(`  re-lint after a one-character edit (median):   ${fmt(edit)}   p95 ${fmt(editP95)}   (goal < 50 ms)  ${edit < 50 ? "ok" : "MISSED"}`);
