// Benchmark of the runtime pitfall rules (issue 7): what observing costs a notebook, measured
// in one run as the ratio of a cell's time with the rules on to the same cell with them off
// (aibook.runtimeRules.enable = false), in the built kernel (run `npm run build` first):
// - a loop of 200,000 `array.slice` calls: once a cell's budget of looked-at slices is spent,
//   what remains is the hook's call overhead on a builtin (goal: < 5x on this worst case),
// - the breast-cancer split, fit and evaluate of the runtime: the checks run once per split (KS
//   and chi-square per column, duplicates, time order) plus one stack per observed call
//   (goal: < 250 ms added per split, the first one included, when JIT warm-up counts).
//   node scripts/bench/runtime-rules.mjs [--runs 5]
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const runsArg = process.argv.indexOf("--runs");
const runs = Math.max(3, runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5);
const datasets = path.resolve(root, "..", "shared", "datasets");

const cache = path.join(root, "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(path.join(cache, "aibook-bench-rules-"));
await esbuild.build({ entryPoints: [path.join(root, "src/kernel/session.ts")], outfile: path.join(dir, "session.cjs"), bundle: true, platform: "node", format: "cjs", target: "node20", external: ["typescript"], logLevel: "warning" });
const { KernelSession } = createRequire(path.join(root, "package.json"))(path.join(dir, "session.cjs"));

const cells = {
  slices: `{ const a = Array.from({ length: 100 }, (_, i) => i); let n = 0; for (let i = 0; i < 200000; i++) n += a.slice(10, 60).length; n; }`,
  split: `{ const s = trainTestSplit(df.drop({ columns: ["diagnosis"] }), df["diagnosis"], { testSize: 0.25, stratify: true, seed: 1 }); evaluate(new GaussianNB().fit(s.xTrain, s.yTrain), s.xTest, s.yTest); }`,
};

async function measure(enabled) {
  const session = new KernelSession({ notebookDir: datasets, kernelPath: path.join(root, "dist", "kernel.js"), runtimeRules: { enabled } });
  try {
    const setup = await session.execute(`import { readCsv, trainTestSplit, GaussianNB, evaluate } from "aibook";\nconst df = await readCsv("breast_cancer.csv");`);
    if (setup.status !== "ok") throw new Error(JSON.stringify(setup));
    const times = {};
    for (const [name, code] of Object.entries(cells)) {
      const samples = [];
      for (let r = 0; r < runs; r++) {
        const result = await session.execute(code);
        if (result.status !== "ok") throw new Error(`${name}: ${JSON.stringify(result)}`);
        samples.push(result.durationMs);
      }
      samples.sort((a, b) => a - b);
      times[name] = samples[Math.floor(samples.length / 2)];
    }
    return times;
  } finally {
    session.dispose();
  }
}

try {
  const off = await measure(false);
  const on = await measure(true);
  for (const name of Object.keys(cells)) {
    const goal = name === "slices" ? "goal < 5x" : `added ${on[name] - off[name]} ms, goal < 250 ms`;
    console.log(`${name.padEnd(8)} rules off ${String(off[name]).padStart(5)} ms   on ${String(on[name]).padStart(5)} ms   ratio ${(on[name] / Math.max(1, off[name])).toFixed(2)}x (${goal})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
