import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluate } from "../../../src/runtime/report/evaluate";
import { compareModels } from "../../../src/runtime/report/compare";
import { currentRunContext } from "../../../src/runtime/history/record-run";
import { parseRunHistory, RUN_CONTEXT_KEY, runHistoryEnv, runHistoryPath, setRunContext } from "../../../src/protocol/run-history";
import { DummyClassifier, ThresholdClassifier } from "./tiny-models";

const X = Array.from({ length: 20 }, (_, i) => [i]);
const y = X.map(([v]) => (v >= 10 ? 1 : 0));

describe("run history", () => {
  const saved = { ...process.env };
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "aibook-history-"))));
  afterEach(() => {
    process.env = { ...saved };
    delete (globalThis as Record<symbol, unknown>)[RUN_CONTEXT_KEY];
    rmSync(dir, { recursive: true, force: true });
  });

  it("appends one JSON line per evaluate and compareModels with notebook, cell, sizes and metrics", () => {
    const file = join(dir, ".aibook", "runs.jsonl");
    process.env.AIBOOK_RUN_HISTORY = file;
    process.env.AIBOOK_NOTEBOOK = "/ws/churn.aibook";
    process.env.AIBOOK_CELL = "3:cell-abc";
    evaluate(new ThresholdClassifier().fit(X, y), X, y, { name: "first" });
    (globalThis as Record<symbol, unknown>)[RUN_CONTEXT_KEY] = { notebook: "/ws/other.aibook", cell: 5 };
    compareModels({ dummy: new DummyClassifier(), thr: new ThresholdClassifier() }, X, y, { folds: 2 });
    const records = parseRunHistory(readFileSync(file, "utf8"));
    assert.equal(records.length, 2);
    const [ev, lb] = records;
    assert.deepEqual([ev.kind, ev.name, ev.model, ev.notebook, ev.cell, ev.cellId, ev.rows, ev.features], ["evaluation", "first", "ThresholdClassifier", "/ws/churn.aibook", 3, "cell-abc", 20, 1]);
    assert.equal(ev.metrics.accuracy, 1);
    assert.ok(!Number.isNaN(Date.parse(ev.time)));
    assert.deepEqual([lb.kind, lb.notebook, lb.cell], ["leaderboard", "/ws/other.aibook", 5]);
    const board = lb.payload.kind === "leaderboard" ? lb.payload : undefined;
    const best = board?.entries.find((e) => e.name === board.best);
    assert.equal(best?.name, "thr");
    assert.equal(lb.metrics.balancedAccuracy, best?.mean);
    assert.notEqual(ev.id, lb.id);
  });

  it("writes nothing when the kernel set no history file (a plain Node script)", () => {
    delete process.env.AIBOOK_RUN_HISTORY;
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      evaluate(new ThresholdClassifier().fit(X, y), X, y);
    } finally {
      process.chdir(cwd);
    }
    assert.equal(existsSync(join(dir, ".aibook")), false);
  });

  it("skips a half-written last line when reading", () => {
    assert.equal(parseRunHistory('{"id":"a","payload":{}}\n{"id":"b","pay').length, 1);
  });

  it("reads the cell from the environment when no global context is set", () => {
    assert.deepEqual(currentRunContext({ AIBOOK_NOTEBOOK: "/n.aibook", AIBOOK_CELL: "7" }), { notebook: "/n.aibook", cell: 7 });
    assert.deepEqual(currentRunContext({}), { notebook: null, cell: null });
  });
});

describe("run history contract for the kernel", () => {
  afterEach(() => delete (globalThis as Record<symbol, unknown>)[RUN_CONTEXT_KEY]);

  it("names the workspace's history file and the notebook in the child's environment", () => {
    assert.deepEqual(runHistoryEnv("/ws/", "/ws/a.aibook"), { AIBOOK_RUN_HISTORY: "/ws/.aibook/runs.jsonl", AIBOOK_NOTEBOOK: "/ws/a.aibook" });
    assert.equal(runHistoryPath("C:\\ws"), "C:\\ws\\.aibook\\runs.jsonl");
  });

  it("takes the cell set by the kernel before the environment's", () => {
    setRunContext({ notebook: "/ws/b.aibook", cell: 2, cellId: "x" });
    assert.deepEqual(currentRunContext({ AIBOOK_NOTEBOOK: "/ws/a.aibook", AIBOOK_CELL: "7" }), { notebook: "/ws/b.aibook", cell: 2, cellId: "x" });
  });
});
