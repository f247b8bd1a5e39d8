// Benchmark of the runtime's data half (issue 5), side by side with pandas and scikit-learn in
// the same run on this machine (skipped with a message when /usr/bin/python3 lacks them):
// - readCsv vs pandas.read_csv on a generated 1,000,000-row, 20-column CSV: time and peak
//   memory (each reader in its own process; memory is peak RSS, total and above the process's
//   baseline after loading its libraries), plus danfojs' own readCSV on a 100,000-row slice;
// - StandardScaler fit+transform vs scikit-learn on digits.csv and on 100,000 synthetic rows.
// Goal: every ratio at most 3x.
//   node scripts/bench/runtime-data.mjs [--rows 1000000] [--scaler-only]
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const rowsArg = process.argv.indexOf("--rows");
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
const onlyScaler = process.argv.includes("--scaler-only");
const PY = "/usr/bin/python3";
const datasets = process.env.AIBOOK_DATASETS ?? path.resolve(root, "../shared/datasets");

const cache = path.join(root, "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(path.join(cache, "aibook-bench-data-"));

const hasPandas = existsSync(PY) && spawnSync(PY, ["-c", "import pandas, sklearn"]).status === 0;

/** A seeded CSV: 17 decimals, 2 integers, 1 category. */
async function generate(file, rows) {
  let s = 1;
  const rand = () => ((s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647);
  const out = createWriteStream(file);
  const header = [...Array.from({ length: 17 }, (_, j) => `f${j}`), "count", "year", "group"].join(",");
  out.write(header + "\n");
  const groups = ["alpha", "beta", "gamma", "delta", "epsilon"];
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let j = 0; j < 17; j++) cells.push((rand() * 200 - 100).toFixed(4));
    cells.push(String(Math.floor(rand() * 1000)), String(1990 + (i % 35)), groups[i % 5]);
    chunk.push(cells.join(","));
    if (chunk.length === 10000) {
      if (!out.write(chunk.join("\n") + "\n")) await new Promise((r) => out.once("drain", r));
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join("\n") + "\n");
  await new Promise((r) => out.end(r));
}

function run(cmd, args, label) {
  const res = spawnSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  if (res.status !== 0) throw new Error(`${label} failed (${res.status}): ${res.stderr.slice(-2000)}`);
  return JSON.parse(res.stdout.trim().split("\n").pop());
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

try {
  // Only the data half is bundled, so the figures do not depend on the other parts' build.
  const entry = path.join(dir, "entry.ts");
  const fs = await import("node:fs");
  fs.writeFileSync(entry, `export { readCsv } from ${JSON.stringify(path.join(root, "src/runtime/data/index.ts"))};\nexport { StandardScaler } from ${JSON.stringify(path.join(root, "src/runtime/preprocess/index.ts"))};\n`);
  await esbuild.build({ entryPoints: [entry], outfile: path.join(dir, "data.cjs"), bundle: true, platform: "node", format: "cjs", target: "node20", external: ["danfojs-node", "@tensorflow/*"], logLevel: "warning" });

  if (!onlyScaler) {
  const csv = path.join(dir, "big.csv");
  const small = path.join(dir, "small.csv");
  let t = performance.now();
  await generate(csv, ROWS);
  await generate(small, Math.min(100_000, ROWS));
  console.log(`generated ${ROWS.toLocaleString("en")} rows x 20 columns (${(fs.statSync(csv).size / 2 ** 20).toFixed(0)} MB) in ${fmt(performance.now() - t)}`);

  const nodeReader = path.join(dir, "read.cjs");
  fs.writeFileSync(nodeReader, `
const which = process.argv[2], file = process.argv[3];
const { readCsv } = require(${JSON.stringify(path.join(dir, "data.cjs"))});
const dfd = require("danfojs-node");
const base = process.resourceUsage().maxRSS;
const t = performance.now();
(which === "aibook" ? readCsv(file) : dfd.readCSV(file)).then((df) => {
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, rows: df.shape[0], cols: df.shape[1], peakKb: process.resourceUsage().maxRSS, baseKb: base }));
});`);
  const pyReader = `
import json, resource, sys, time
import pandas as pd
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
df = pd.read_csv(sys.argv[1])
ms = (time.perf_counter() - t) * 1000
print(json.dumps({"ms": ms, "rows": df.shape[0], "cols": df.shape[1], "peakKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "baseKb": base}))`;

  const ours = run(process.execPath, ["--max-old-space-size=8192", nodeReader, "aibook", csv], "readCsv");
  console.log(`readCsv            ${fmt(ours.ms)}, peak ${mb(ours.peakKb)} (${mb(ours.peakKb - ours.baseKb)} above baseline), ${ours.rows} x ${ours.cols}`);
  if (hasPandas) {
    const theirs = run(PY, ["-c", pyReader, csv], "pandas.read_csv");
    console.log(`pandas.read_csv    ${fmt(theirs.ms)}, peak ${mb(theirs.peakKb)} (${mb(theirs.peakKb - theirs.baseKb)} above baseline), ${theirs.rows} x ${theirs.cols}`);
    console.log(`ratio readCsv/pandas: time ${ratio(ours.ms, theirs.ms)}, peak memory ${ratio(ours.peakKb, theirs.peakKb)} (above baseline ${ratio(ours.peakKb - ours.baseKb, theirs.peakKb - theirs.baseKb)})`);
    const oursSmall = run(process.execPath, [nodeReader, "aibook", small], "readCsv small");
    const danfo = run(process.execPath, ["--max-old-space-size=8192", nodeReader, "danfojs", small], "danfojs readCSV");
    const pandasSmall = run(PY, ["-c", pyReader, small], "pandas small");
    console.log(`100,000 rows: readCsv ${fmt(oursSmall.ms)}, danfojs readCSV ${fmt(danfo.ms)} (${ratio(danfo.ms, pandasSmall.ms)} pandas, ${mb(danfo.peakKb - danfo.baseKb)} above baseline), pandas ${fmt(pandasSmall.ms)}`);
  } else console.log("pandas.read_csv: skipped (/usr/bin/python3 with pandas and scikit-learn not found)");
  }

  // StandardScaler fit+transform: best of repeated runs (the machine is shared), data in memory.
  const scalerNode = path.join(dir, "scaler.cjs");
  fs.writeFileSync(scalerNode, `
const { readCsv, StandardScaler } = require(${JSON.stringify(path.join(dir, "data.cjs"))});
const best = (xs) => Math.min(...xs);
const time = (f, reps) => best(Array.from({ length: reps }, () => { const t = performance.now(); f(); return performance.now() - t; }));
(async () => {
  const digits = (await readCsv(process.argv[2])).drop({ columns: ["digit"] });
  const arrays = digits.values;
  let s = 7; const rand = () => ((s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647);
  const synthetic = Array.from({ length: 100000 }, () => Array.from({ length: 20 }, () => rand() * 10));
  const out = {
    digitsArrays: time(() => new StandardScaler().fit(arrays).transform(arrays), 15),
    digitsFrame: time(() => new StandardScaler().fit(digits).transform(digits), 9),
    syntheticArrays: time(() => new StandardScaler().fit(synthetic).transform(synthetic), 7),
  };
  console.log(JSON.stringify(out));
})();`);
  const scalerPy = `
import json, sys, time
import numpy as np, pandas as pd
from sklearn.preprocessing import StandardScaler
def best_time(f, reps):
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); ts.append((time.perf_counter() - t) * 1000)
    return min(ts)
digits = pd.read_csv(sys.argv[1]).drop(columns=["digit"])
X = digits.to_numpy(dtype=float)
S = np.random.default_rng(7).random((100000, 20)) * 10
print(json.dumps({"digitsArrays": best_time(lambda: StandardScaler().fit(X).transform(X), 15),
                  "digitsFrame": best_time(lambda: StandardScaler().fit(digits).transform(digits), 9),
                  "syntheticArrays": best_time(lambda: StandardScaler().fit(S).transform(S), 7)}))`;
  const digitsCsv = path.join(datasets, "digits.csv");
  const ourScaler = run(process.execPath, [scalerNode, digitsCsv], "StandardScaler");
  if (hasPandas) {
    const skScaler = run(PY, ["-c", scalerPy, digitsCsv], "sklearn StandardScaler");
    for (const [key, label] of [["digitsArrays", "digits, number[][] vs ndarray"], ["digitsFrame", "digits, DataFrame vs pandas"], ["syntheticArrays", "100,000 x 20 synthetic"]]) {
      console.log(`StandardScaler fit+transform, ${label}: ${fmt(ourScaler[key])} vs scikit-learn ${fmt(skScaler[key])} = ${ratio(ourScaler[key], skScaler[key])}`);
    }
  } else {
    console.log(`StandardScaler fit+transform: digits ${fmt(ourScaler.digitsArrays)}, 100,000 rows ${fmt(ourScaler.syntheticArrays)} (scikit-learn skipped: /usr/bin/python3 with scikit-learn not found)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
