import "./fakeVscode";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  AibookNotebookSerializer,
  diskLanguageOf,
  editorLanguageOf,
  notebookContentOptions,
} from "../../src/extension/serializer";
import { fakeFiles, fakeSettings, fakeTabs, NotebookCellData, NotebookCellOutput, NotebookCellOutputItem, TabInputNotebook } from "./fakeVscode";
import { formatFixturesDir, pitfallCorpusDir } from "./paths";
import type * as vscode from "vscode";

const serializer = new AibookNotebookSerializer();
const open = (bytes: Uint8Array) => serializer.deserializeNotebook(bytes);
const save = (data: vscode.NotebookData) => Buffer.from(serializer.serializeNotebook(data)).toString("utf8");

describe("extension serializer: .aibook <-> NotebookData", () => {
  afterEach(() => {
    for (const key of Object.keys(fakeSettings)) delete fakeSettings[key];
    fakeTabs.length = 0;
    fakeFiles.clear();
  });

  const golden = path.join(formatFixturesDir, "golden");
  const files = [
    ...readdirSync(pitfallCorpusDir).filter((f) => f.endsWith(".aibook")).map((f) => path.join(pitfallCorpusDir, f)),
    ...["full.aibook", "bom-crlf.aibook", "placeholder.aibook"].map((f) => path.join(golden, f)),
  ];
  for (const file of files) {
    it(`saves ${path.basename(file)} unchanged to the same bytes`, async () => {
      const bytes = readFileSync(file);
      assert.ok(Buffer.from(serializer.serializeNotebook(await open(bytes))).equals(bytes));
    });
  }

  it("maps cells, languages, outputs and execution to the editor's shapes", async () => {
    const data = await open(readFileSync(path.join(golden, "full.aibook")));
    assert.deepEqual(
      data.cells.map((c) => [c.kind, c.languageId]),
      [[1, "markdown"], [2, editorLanguageOf("typescript")], [2, editorLanguageOf("javascript")]],
    );
    const code = data.cells[1];
    assert.equal(code.value, 'const df = await readCsv("data/churn.csv");\ndf.shape');
    assert.deepEqual(code.executionSummary, { executionOrder: 1, success: true });
    const items = code.outputs![0].items;
    assert.equal(Buffer.from(items[0].data).toString(), "[ 7043, 21 ]");
    assert.deepEqual(JSON.parse(Buffer.from(items[1].data).toString()), { columns: ["a"], rows: [[1]] });
    assert.deepEqual([...code.outputs![1].items[0].data], [...Buffer.from("iVBORw0KGgo=", "base64")]);
    assert.equal((data.metadata as { metadata: { title: string } }).metadata.title, "Churn model");
  });

  it("saves an edit, a new cell, and a fresh run from the controller", async () => {
    const data = await open(readFileSync(path.join(golden, "full.aibook")));
    data.cells[2].value = "console.log(1)\nconsole.log(2)";
    const cell = data.cells[1];
    cell.executionSummary = { executionOrder: 7, success: false, timing: { startTime: 1000, endTime: 1250.4 } };
    cell.outputs = [new NotebookCellOutput([new NotebookCellOutputItem(new TextEncoder().encode("boom"), "application/vnd.code.notebook.stderr")])];
    data.cells.push(new NotebookCellData(2, "1 + 1", "typescript") as unknown as vscode.NotebookCellData);
    const saved = JSON.parse(save(data)) as { cells: Record<string, unknown>[]; future: unknown };
    assert.deepEqual(saved.cells[2].source, ["console.log(1)", "console.log(2)"]);
    assert.deepEqual(saved.cells[1].execution, { count: 7, success: false, durationMs: 250 });
    assert.deepEqual(saved.cells[1].outputs, [{ items: [{ mime: "application/vnd.code.notebook.stderr", data: "boom" }] }]);
    assert.equal(saved.cells[1].collapsed, false, "unknown cell keys survive the edit");
    assert.deepEqual(saved.cells[3], { kind: "code", language: "typescript", source: ["1 + 1"], outputs: [] });
    assert.deepEqual(saved.future, { key: [1, 2] });
  });

  it("saves items held in another form than their mime's usual one as they were, instead of base64-encoding them again", async () => {
    const items = [
      { mime: "image/png", data: "iVBORw0KGgo=" },
      { mime: "application/x-custom", data: { a: [1, "b"] } },
      { mime: "application/x-custom", data: "plain words" },
      { mime: "text/plain", data: 5 },
      { mime: "text/plain", data: ["a", "b"] },
      { mime: "text/plain", data: "abc\r\ndef" },
      { mime: "application/json", data: "x" },
      { mime: "application/octet-stream", data: "AAEC", encoding: "base64" },
    ];
    const text = JSON.stringify({ aibook: 1, metadata: {}, cells: [{ kind: "code", language: "typescript", source: [], outputs: [{ items }] }] }, null, 2) + "\n";
    assert.equal(save(await open(Buffer.from(text))), text);
  });

  it("drops the execution read from the file once the editor clears it", async () => {
    const data = await open(readFileSync(path.join(golden, "full.aibook")));
    data.cells[1].executionSummary = {};
    assert.equal((JSON.parse(save(data)) as { cells: Record<string, unknown>[] }).cells[1].execution, undefined);
  });

  it("reads both settings at save time", async () => {
    const data = await open(readFileSync(path.join(golden, "full.aibook")));
    fakeSettings.maxBinaryOutputBytes = 4;
    const limited = JSON.parse(save(data)) as { cells: { outputs: { items: { omitted?: unknown }[] }[] }[] };
    assert.deepEqual(limited.cells[1].outputs[1].items[0].omitted, { mime: "image/png", bytes: 8 });
    fakeSettings.saveOutputs = false;
    const stripped = JSON.parse(save(data)) as { cells: Record<string, unknown>[] };
    assert.deepEqual(stripped.cells[1].outputs, []);
    assert.equal(stripped.cells[1].execution, undefined);
  });

  it("refuses a broken file with the problem, its line and the file's name when the editor has it open", async () => {
    const broken = new TextEncoder().encode('{\n  "aibook": 2,\n  "cells": []\n}\n');
    await assert.rejects(open(broken), { message: "written by a newer aibook (format version 2); this one reads version 1 (line 2, column 13)" });
    fakeFiles.set("file:///work/notebooks/churn.aibook", broken);
    fakeFiles.set("file:///work/other.aibook", new TextEncoder().encode("{}"));
    fakeTabs.push(new TabInputNotebook({ toString: () => "file:///work/other.aibook" }, "aibook"));
    fakeTabs.push(new TabInputNotebook({ toString: () => "file:///work/notebooks/churn.aibook" }, "aibook"));
    await assert.rejects(open(broken), { message: "notebooks/churn.aibook:2:13: written by a newer aibook (format version 2); this one reads version 1" });
  });

  it("declares outputs as saved, and the runtime cell metadata as not saved", () => {
    assert.equal(notebookContentOptions.transientOutputs, false);
    assert.deepEqual(notebookContentOptions.transientCellMetadata, { runtime: true });
    for (const language of ["typescript", "javascript", "python"]) assert.equal(diskLanguageOf(editorLanguageOf(language)), language);
    assert.notEqual(editorLanguageOf("typescript"), editorLanguageOf("javascript"));
  });
});
