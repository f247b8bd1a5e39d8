import assert from "node:assert/strict";
import {
  base64ToBytes,
  bytesToBase64,
  isBinaryMime,
  outputItemBytes,
  outputItemFromBytes,
  parseNotebook,
  serializeNotebook,
  type AibookNotebook,
} from "../../src/format";

function notebookWithImage(bytes: number): AibookNotebook {
  const png = new Uint8Array(bytes).map((_, i) => i % 251);
  return {
    metadata: {},
    cells: [
      {
        kind: "code",
        language: "typescript",
        source: "plot(df)",
        execution: { count: 3, success: true, durationMs: 12 },
        outputs: [
          { items: [outputItemFromBytes("image/png", png), { mime: "text/plain", data: "<Figure>" }] },
          { items: [{ mime: "application/vnd.aibook.chart+json", data: { points: [1, 2] } }] },
        ],
      },
    ],
  };
}

describe("format: saving outputs and the size limit", () => {
  it("saves binary outputs up to the limit as base64", () => {
    const saved = parseNotebook(serializeNotebook(notebookWithImage(100), { maxBinaryOutputBytes: 100 }), "a.aibook");
    const item = saved.cells[0].outputs![0].items[0];
    assert.deepEqual([item.mime, item.encoding], ["image/png", "base64"]);
    assert.deepEqual([...outputItemBytes(item)], [...new Uint8Array(100).map((_, i) => i % 251)]);
  });

  it("replaces a binary output over the limit by a text placeholder that says what was left out", () => {
    const text = serializeNotebook(notebookWithImage(101), { maxBinaryOutputBytes: 100 });
    const items = parseNotebook(text, "a.aibook").cells[0].outputs![0].items;
    assert.equal(items.length, 2);
    assert.deepEqual(items[0].omitted, { mime: "image/png", bytes: 101 });
    assert.equal(items[0].mime, "text/plain");
    assert.equal(items[0].encoding, undefined);
    assert.match(String(items[0].data), /image\/png output of 101 bytes not saved: larger than aibook\.notebook\.maxBinaryOutputBytes \(100 bytes\)/);
    assert.deepEqual(items[1], { mime: "text/plain", data: "<Figure>" }, "the other items stay");
    assert.equal(text.includes(bytesToBase64(new Uint8Array([0, 1, 2, 3, 4, 5]))), false);
    assert.equal(serializeNotebook(parseNotebook(text, "a.aibook"), { maxBinaryOutputBytes: 100 }), text, "a placeholder saves as itself");
  });

  it("uses a 1 MiB limit by default, as the setting does", () => {
    const under = parseNotebook(serializeNotebook(notebookWithImage(1048576)), "a.aibook");
    assert.equal(under.cells[0].outputs![0].items[0].encoding, "base64");
    const over = parseNotebook(serializeNotebook(notebookWithImage(1048577)), "a.aibook");
    assert.deepEqual(over.cells[0].outputs![0].items[0].omitted, { mime: "image/png", bytes: 1048577 });
  });

  it("drops outputs and execution together when outputs are not saved", () => {
    const text = serializeNotebook(notebookWithImage(10), { saveOutputs: false });
    const cell = parseNotebook(text, "a.aibook").cells[0];
    assert.deepEqual(cell.outputs, []);
    assert.equal(cell.execution, undefined);
    assert.equal(cell.source, "plot(df)");
    assert.equal(text.includes("execution"), false);
  });

  it("keeps an unknown key named __proto__ as a key, not as a prototype", () => {
    const text = '{"aibook": 1, "__proto__": {"polluted": true}, "cells": [{"kind": "markdown", "source": [], "__proto__": 1}]}';
    const nb = parseNotebook(text, "a.aibook");
    assert.equal(Object.getPrototypeOf(nb.extra), Object.prototype);
    assert.deepEqual(Object.keys(nb.extra!), ["__proto__"]);
    const again = parseNotebook(serializeNotebook(nb), "a.aibook");
    assert.deepEqual(Object.getOwnPropertyDescriptor(again.cells[0].extra!, "__proto__")?.value, 1);
    assert.match(serializeNotebook(nb), /"__proto__": \{\n {4}"polluted": true/);
  });
});

describe("format: output items and bytes", () => {
  it("classifies mimes: text and JSON stay readable, the rest is binary", () => {
    for (const mime of ["image/png", "image/jpeg", "application/octet-stream", "application/pdf"]) assert.equal(isBinaryMime(mime), true, mime);
    for (const mime of ["text/plain", "text/html", "image/svg+xml", "application/json", "application/vnd.aibook.table+json", "application/vnd.code.notebook.stdout", "application/vnd.code.notebook.error"]) {
      assert.equal(isBinaryMime(mime), false, mime);
    }
  });

  it("converts items to bytes and back", () => {
    const bytes = new Uint8Array([0, 255, 10, 13, 128]);
    const binary = outputItemFromBytes("image/png", bytes);
    assert.deepEqual(binary, { mime: "image/png", data: "AP8KDYA=", encoding: "base64" });
    assert.deepEqual([...outputItemBytes(binary)], [...bytes]);
    assert.deepEqual([...base64ToBytes(bytesToBase64(bytes))], [...bytes]);

    const json = outputItemFromBytes("application/json", new TextEncoder().encode('{"a": [1, "é"]}'));
    assert.deepEqual(json, { mime: "application/json", data: { a: [1, "é"] } });
    assert.deepEqual(outputItemFromBytes(json.mime, outputItemBytes(json)), json);
    const jsonString = { mime: "application/json", data: "a string" };
    assert.deepEqual(outputItemFromBytes(jsonString.mime, outputItemBytes(jsonString)), jsonString);

    const text = outputItemFromBytes("text/plain", new TextEncoder().encode("héllo\n"));
    assert.deepEqual(text, { mime: "text/plain", data: "héllo\n" });
    assert.equal(new TextDecoder().decode(outputItemBytes(text)), "héllo\n");
    assert.deepEqual(outputItemFromBytes("text/plain", new TextEncoder().encode("aGk="), "base64"), { mime: "text/plain", data: "YUdrPQ==", encoding: "base64" });
  });
});
