/**
 * Our side of the held-out score audit (issue 5): fits every randomized / iterative model on the
 * rows scikit-learn saw (scripts/audit/randomized_audit.py writes them first), over the same seeds,
 * and prints a table of median scores, flagging each model x data set more than 2 points away.
 *   /usr/bin/python3 scripts/audit/randomized_audit.py && npx tsx scripts/audit/randomized-audit.ts
 *   npx tsx scripts/audit/randomized-audit.ts [--out DIR] [--only RandomForest,SVC] [--sets digits,syn_]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as models from "../../src/runtime/models/index";
import { progressSettings } from "../../src/runtime/core/progress";
import { tfReady } from "../../src/runtime/tf/backend";
import { ari } from "../../test/runtime/models/fixtures";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const OUT = arg("--out", "/tmp/aibook-audit");
const ONLY = arg("--only", "").split(",").filter(Boolean);
const SETS = arg("--sets", "").split(",").filter(Boolean);
const TOLERANCE = 2;

interface DataSet {
  task: string;
  X: number[][];
  y: (number | string)[];
  train: number[];
  test: number[];
}
interface Result {
  model: string;
  dataset: string;
  metric: "accuracy" | "r2" | "ari" | "auc";
  scores: number[];
  k?: number;
}

const sets: Record<string, DataSet> = JSON.parse(readFileSync(path.join(OUT, "sets.json"), "utf8"));
const reference: { results: Result[] } = JSON.parse(readFileSync(path.join(OUT, "sklearn.json"), "utf8"));

const quiet = { verbose: false };
// Forests and boosting report progress on long fits; the audit table is all this script prints.
progressSettings.intervalMs = Infinity;
const makers: Record<string, (seed: number) => any> = {
  DecisionTreeClassifier: (seed) => new models.DecisionTreeClassifier({ seed }),
  RandomForestClassifier: (seed) => new models.RandomForestClassifier({ seed }),
  GradientBoostingClassifier: (seed) => new models.GradientBoostingClassifier({ seed }),
  SVC: (seed) => new models.SVC({ seed }),
  MLPClassifier: (seed) => new models.MLPClassifier({ seed, ...quiet }),
  DecisionTreeRegressor: (seed) => new models.DecisionTreeRegressor({ seed }),
  RandomForestRegressor: (seed) => new models.RandomForestRegressor({ seed }),
  GradientBoostingRegressor: (seed) => new models.GradientBoostingRegressor({ seed }),
  MLPRegressor: (seed) => new models.MLPRegressor({ seed, ...quiet }),
};

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pick = <T>(a: T[], idx: number[]) => idx.map((i) => a[i]);

function accuracy(pred: unknown[], truth: unknown[]): number {
  return (100 * pred.filter((p, i) => p === truth[i]).length) / truth.length;
}
function r2(pred: number[], truth: number[]): number {
  const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
  const res = truth.reduce((s, t, i) => s + (t - pred[i]) ** 2, 0);
  const tot = truth.reduce((s, t) => s + (t - mean) ** 2, 0);
  return 100 * (1 - res / tot);
}
function auc(score: number[], truth: number[]): number {
  const order = score.map((s, i) => [s, truth[i] === -1 ? 1 : 0]).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let nPos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (order[k][1]) (rankSum += rank), nPos++;
    i = j;
  }
  const nNeg = order.length - nPos;
  return (100 * (rankSum - (nPos * (nPos + 1)) / 2)) / (nPos * nNeg);
}

function ourScores(r: Result): number[] {
  const d = sets[r.dataset];
  const seeds = r.scores.length;
  const out: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    if (r.metric === "ari") {
      out.push(ari(new models.KMeans({ k: r.k!, seed }).fit(d.X).labels, d.y));
    } else if (r.metric === "auc") {
      const truth = d.y as number[];
      let outlying: number[];
      if (r.model === "IsolationForest") outlying = new models.IsolationForest({ seed }).fit(d.X).scoreSamples(d.X).map((v: number) => -v);
      else if (r.model === "LocalOutlierFactor") outlying = new models.LocalOutlierFactor().fit(d.X).negativeOutlierFactor.map((v: number) => -v);
      else outlying = new models.OneClassSVM().fit(d.X).decisionFunction(d.X).map((v: number) => -v);
      out.push(auc(outlying, truth));
    } else {
      const xTrain = pick(d.X, d.train);
      const xTest = pick(d.X, d.test);
      const yTrain = pick(d.y, d.train);
      const yTest = pick(d.y, d.test);
      if (r.metric === "accuracy") out.push(accuracy(makers[r.model](seed).fit(xTrain, yTrain).predict(xTest), yTest));
      else if (r.model === "MLPRegressor") {
        const y = yTrain as number[];
        const mu = y.reduce((a, b) => a + b, 0) / y.length;
        const sd = Math.sqrt(y.reduce((a, b) => a + (b - mu) ** 2, 0) / y.length);
        const pred = makers[r.model](seed).fit(xTrain, y.map((v) => (v - mu) / sd)).predict(xTest) as number[];
        out.push(r2(pred.map((v) => v * sd + mu), yTest as number[]));
      } else out.push(r2(makers[r.model](seed).fit(xTrain, yTrain).predict(xTest), yTest as number[]));
    }
  }
  return out;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
async function main(): Promise<void> {
  await tfReady(); // MLPs on the WebAssembly backend, as in notebooks
  const rows: { model: string; dataset: string; metric: string; ours: number; sklearn: number; diff: number; meanDiff: number; seconds: number }[] = [];
  for (const r of reference.results) {
    if (ONLY.length && !ONLY.some((o) => r.model.startsWith(o))) continue;
    if (SETS.length && !SETS.some((s) => r.dataset.startsWith(s))) continue;
    const started = Date.now();
    const scores = ourScores(r);
    const ours = median(scores);
    const sklearn = median(r.scores);
    const meanDiff = mean(scores) - mean(r.scores);
    const row = { model: r.model, dataset: r.dataset, metric: r.metric, ours, sklearn, diff: ours - sklearn, meanDiff, seconds: (Date.now() - started) / 1000 / r.scores.length };
    rows.push(row);
    const flag = row.diff < -TOLERANCE ? "  MISS" : row.diff > TOLERANCE ? "  (above)" : "";
    console.log(`${r.model.padEnd(28)} ${r.dataset.padEnd(24)} ${r.metric.padEnd(8)} ours ${ours.toFixed(2).padStart(7)}  sklearn ${sklearn.toFixed(2).padStart(7)}  ${row.diff >= 0 ? "+" : ""}${row.diff.toFixed(2)}  (means ${meanDiff >= 0 ? "+" : ""}${meanDiff.toFixed(2)})${flag}`);
  }
  const misses = rows.filter((r) => Math.abs(r.diff) > TOLERANCE);
  console.log(`\n${rows.length} model x data set pairs, ${misses.length} more than ${TOLERANCE} points away (${misses.filter((r) => r.diff < 0).length} below scikit-learn)`);
  writeFileSync(path.join(OUT, `ours${ONLY.length || SETS.length ? "-partial" : ""}.json`), JSON.stringify(rows, null, 1));
}

void main();
