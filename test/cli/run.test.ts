import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { parseNotebook } from "../../src/format";
import { runCommand } from "../../src/cli/run";
import { sourceKernelOptions } from "../kernel/sourceKernel";
import { capture } from "./capture";

const fixtures = "test/fixtures/kernel";
/** Runs `aibook run` in this process, its kernel from source, and captures what it prints. */
const aibookRun = (...args: string[]) => capture(() => runCommand(args, sourceKernelOptions));

/** The JSON report without durations, which change from run to run (checked separately). */
function withoutDurations(report: { cells: { durationMs: unknown }[] }) {
  for (const cell of report.cells) {
    assert.equal(typeof cell.durationMs, "number");
    delete (cell as { durationMs?: unknown }).durationMs;
  }
  return report;
}

function expected(name: string) {
  return JSON.parse(readFileSync(path.join(fixtures, `${name}.expected.json`), "utf8"));
}

describe("aibook run", () => {
  it("runs a passing notebook: outputs in print order, cells indexed among all cells", async () => {
    const { code, stdout } = await aibookRun(`${fixtures}/passing.aibook`, "--format", "json");
    assert.equal(code, 0);
    assert.deepEqual(withoutDurations(JSON.parse(stdout)), expected("passing"));
  });

  it("starts the WebAssembly TensorFlow.js backend when a cell imports aibook, so a neural network fits on it", async () => {
    const { code, stdout } = await aibookRun(`${fixtures}/mlp-backend.aibook`, "--format", "json");
    assert.equal(code, 0, stdout);
    const items = JSON.parse(stdout).cells[0].outputs as { mime: string; data: string }[];
    assert.ok(items.some((o) => o.mime === "application/vnd.code.notebook.stdout" && /TensorFlow\.js backend: wasm/.test(o.data)), JSON.stringify(items));
    assert.ok(items.some((o) => o.mime === "text/plain" && o.data === "'wasm'"), JSON.stringify(items));
  });

  describe("run history", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), "aibook-run-history-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const copyInto = (folder: string) => {
      mkdirSync(folder, { recursive: true });
      const target = path.join(folder, "records-runs.aibook");
      copyFileSync(`${fixtures}/records-runs.aibook`, target);
      return target;
    };
    const records = (file: string) => readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line));

    it("records each evaluate in the project's .aibook/runs.jsonl, naming the notebook and cell, as the editor does", async () => {
      writeFileSync(path.join(dir, "package.json"), "{}");
      const notebook = copyInto(path.join(dir, "notebooks"));
      const { code, stdout } = await aibookRun(notebook, "--format", "json");
      assert.equal(code, 0, stdout);
      const runs = records(path.join(dir, ".aibook", "runs.jsonl"));
      assert.deepEqual(runs.map((r) => [r.kind, r.name, r.notebook, r.cell]), [
        ["evaluation", "baseline", notebook, 1],
        ["evaluation", "logistic", notebook, 2],
      ]);
      assert.equal(runs[1].metrics.accuracy, 1);
    });

    it("without a project around the notebook, records next to it; --no-history records nothing", async () => {
      const notebook = copyInto(path.join(dir, "loose"));
      assert.equal((await aibookRun(notebook, "--no-history", "--format", "json")).code, 0);
      assert.equal(existsSync(path.join(dir, "loose", ".aibook")), false);
      assert.equal((await aibookRun(notebook, "--format", "json")).code, 0);
      assert.equal(records(path.join(dir, "loose", ".aibook", "runs.jsonl")).length, 2);
    });
  });

  it("stops at the failing cell, exits 1 and names the error's line and column in the cell", async () => {
    const { code, stdout } = await aibookRun(`${fixtures}/failing.aibook`, "--format", "json");
    assert.equal(code, 1);
    assert.deepEqual(withoutDurations(JSON.parse(stdout)), expected("failing"));
  });

  it("says which cell and line failed in text format", async () => {
    const { code, stdout, stderr } = await aibookRun(`${fixtures}/failing.aibook`);
    assert.equal(code, 1);
    assert.match(stdout, /before\n/);
    assert.doesNotMatch(stdout, /never runs/);
    assert.match(stderr, /failing\.aibook: cell 3, line 3, column 27: TypeError: Cannot read properties of undefined \(reading 'max'\)/);
  });

  it("ends a run that exceeds --timeout and names the cell", async () => {
    const started = Date.now();
    const { code, stdout } = await aibookRun(`${fixtures}/timeout.aibook`, "--timeout", "4", "--format", "json");
    assert.equal(code, 1);
    assert.ok(Date.now() - started < 10_000);
    assert.deepEqual(withoutDurations(JSON.parse(stdout)), expected("timeout"));
  });

  it("saves outputs and execution facts with --out, leaving the source notebook alone", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aibook-run-"));
    try {
      const out = path.join(dir, "ran.aibook");
      const before = readFileSync(`${fixtures}/passing.aibook`, "utf8");
      const { code } = await aibookRun(`${fixtures}/passing.aibook`, "--out", out, "--format", "json");
      assert.equal(code, 0);
      assert.equal(readFileSync(`${fixtures}/passing.aibook`, "utf8"), before);
      const saved = parseNotebook(readFileSync(out), out);
      assert.deepEqual(saved.cells[1].outputs, [
        { items: [{ mime: "application/vnd.code.notebook.stdout", data: "rows 3\n" }] },
        { items: [{ mime: "text/plain", data: "[ 2, 4, 6 ]" }] },
      ]);
      assert.deepEqual([saved.cells[1].execution?.count, saved.cells[3].execution?.count, saved.cells[3].execution?.success], [1, 3, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes the error into the notebook with --inplace", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aibook-run-"));
    try {
      const file = path.join(dir, "failing.aibook");
      copyFileSync(`${fixtures}/failing.aibook`, file);
      assert.equal((await aibookRun(file, "--inplace", "--format", "json")).code, 1);
      const saved = parseNotebook(readFileSync(file), file);
      assert.equal(saved.cells[2].execution?.success, false);
      assert.equal(saved.cells[2].outputs?.[0].items[0].mime, "application/vnd.code.notebook.error");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 on bad usage and on a file that cannot be read, naming it", async () => {
    assert.equal((await aibookRun()).code, 2);
    assert.equal((await aibookRun("a.aibook", "--inplace", "--out", "b.aibook")).code, 2);
    assert.equal((await aibookRun("a.aibook", "--timeout", "soon")).code, 2);
    const missing = await aibookRun("no-such.aibook");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such\.aibook/);
    const broken = await aibookRun(`${fixtures}/broken.aibook`);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.aibook:3:/);
  });

  it("--inplace leaves a notebook with a key written twice as it was, and names the second key", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aibook-run-dup-"));
    try {
      const file = path.join(dir, "merged.aibook");
      const text = '{\n  "aibook": 1,\n  "cells": [\n    {"kind": "code", "source": ["1 + 1"], "source": ["2 + 2"]}\n  ]\n}\n';
      writeFileSync(file, text);
      const result = await aibookRun(file, "--inplace");
      assert.equal(result.code, 2);
      assert.match(result.stderr, /merged\.aibook:4:43: the key "source" appears twice in cells\[0\]/);
      assert.equal(readFileSync(file, "utf8"), text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
