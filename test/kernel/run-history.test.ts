import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NOTEBOOK_ENV, parseRunHistory, RUN_HISTORY_ENV, runHistoryPath } from "../../src/protocol/run-history";
import type { KernelSession } from "../../src/kernel/session";
import { sourceKernel } from "./sourceKernel";

/** The wiring the metrics panel depends on: the host's env and run context reach the runtime in the kernel. */
describe("kernel: run history", function () {
  this.timeout(60000);
  let dir: string;
  let kernel: KernelSession | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "aibook-run-history-"));
  });
  afterEach(() => {
    kernel?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const fitAndEvaluate = [
    `import { DummyClassifier, evaluate } from "aibook";`,
    `const X = Array.from({ length: 20 }, (_, i) => [i]);`,
    `const y = X.map(([i]) => (i < 12 ? "a" : "b"));`,
    `evaluate(new DummyClassifier().fit(X, y), X, y, { name: "baseline" });`,
  ].join("\n");

  it("records evaluate in the file the host names, with the notebook and the cell the host says is running", async () => {
    const notebook = path.join(dir, "churn.aibook");
    const file = runHistoryPath(dir);
    kernel = sourceKernel(dir, { env: { [RUN_HISTORY_ENV]: file, [NOTEBOOK_ENV]: notebook } });
    const result = await kernel.execute(fitAndEvaluate, { runContext: { notebook, cell: 3 } });
    assert.equal(result.status, "ok");
    const runs = parseRunHistory(readFileSync(file, "utf8"));
    assert.deepEqual(
      runs.map((r) => [r.kind, r.name, r.notebook, r.cell]),
      [["evaluation", "baseline", notebook, 3]],
    );
  });

  it("writes no history when the host gives no file", async () => {
    kernel = sourceKernel(dir);
    const result = await kernel.execute(fitAndEvaluate, { runContext: { notebook: path.join(dir, "n.aibook"), cell: 1 } });
    assert.equal(result.status, "ok");
    assert.equal(existsSync(runHistoryPath(dir)), false);
  });
});
