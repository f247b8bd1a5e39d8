import assert from "node:assert/strict";
import { KMeans } from "../../../src/runtime/models/kmeans";
import { LogisticRegression } from "../../../src/runtime/models/logistic";
import { progressSettings } from "../../../src/runtime/models/progress";
import { dataset } from "./fixtures";

/** The lines a fit prints, with progress shown at every step (intervalMs 0) or at the default pace. */
function printed(fit: () => void, intervalMs: number): string[] {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  progressSettings.intervalMs = intervalMs;
  try {
    fit();
  } finally {
    console.log = original;
    progressSettings.intervalMs = 1000;
  }
  return lines;
}

describe("progress of iterative fits", () => {
  const d = dataset("wine_std");

  it("KMeans prints its Lloyd iterations with the centre shift, then the inertia", () => {
    const lines = printed(() => new KMeans({ k: 3, seed: 1 }).fit(d.xTrain), 0);
    assert.match(lines[1], /^KMeans\.fit: iteration 2\/300, centre shift \d\.\d\de[-+]\d+ \(\d+\.\d s\)$/);
    assert.match(lines.at(-1)!, /^KMeans\.fit: done, \d+ iterations, inertia \d+\.?\d* \(\d+\.\d s\)$/);
    const runs = printed(() => new KMeans({ k: 3, seed: 1, nInit: 2 }).fit(d.xTrain), 0);
    assert.ok(runs.some((l) => l.startsWith("KMeans.fit (run 2/2): iteration 1/300")), runs.join("\n"));
  });

  it("LogisticRegression prints its lbfgs iterations with the loss, then a summary", () => {
    const lines = printed(() => new LogisticRegression().fit(d.xTrain, d.yTrain), 0);
    assert.match(lines[2], /^LogisticRegression\.fit: iteration 3\/100, loss \d\.\d{5}/);
    assert.match(lines.at(-1)!, /^LogisticRegression\.fit: done, \d+ iterations, loss \d/);
  });

  it("stays quiet for fits shorter than the interval", () => {
    assert.deepEqual(printed(() => new KMeans({ k: 3, seed: 1 }).fit(d.xTrain), 1000), []);
    assert.deepEqual(printed(() => new LogisticRegression().fit(d.xTrain, d.yTrain), 1000), []);
  });
});
