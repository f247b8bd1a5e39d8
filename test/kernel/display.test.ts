import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { DataFrame, Series } from "danfojs-node";
import { mimeBundle } from "../../src/kernel/process/display";
import { Mime } from "../../src/protocol/mime";
import type { TablePayload } from "../../src/protocol/views";

describe("kernel display of values", () => {
  it("shows a DataFrame as a column-major table with types, missing counts and a text fallback", () => {
    const df = new DataFrame({ n: [1.5, NaN, 3], s: ["a", "b", null] });
    const [table, text] = mimeBundle(df);
    assert.equal(table.mime, Mime.table);
    const payload = table.data as TablePayload;
    assert.deepEqual(payload.columns.map((c) => [c.name, c.type, c.missing]), [["n", "number", 1], ["s", "string", 1]]);
    assert.deepEqual(payload.data, [[1.5, null, 3], ["a", "b", null]]);
    assert.deepEqual([payload.rowCount, payload.columnCount, payload.truncated], [3, 2, false]);
    assert.equal(text.mime, Mime.text);
  });

  it("shows a Series as a one-column table", () => {
    const payload = mimeBundle(new Series([1, 2, 3], { columns: ["y"] }))[0].data as TablePayload;
    assert.deepEqual(payload.columns.map((c) => c.name), ["y"]);
    assert.deepEqual(payload.data, [[1, 2, 3]]);
  });

  it("shows a tensor with its shape and values", () => {
    const bundle = mimeBundle(tf.tensor2d([[1, 2], [3, 4]]));
    assert.deepEqual(bundle[0], { mime: Mime.json, data: { shape: [2, 2], dtype: "float32", values: [[1, 2], [3, 4]] } });
    assert.match(String(bundle[1].data), /^Tensor float32 shape \[2, 2\]/);
  });

  it("uses an object's own bundle and adds text/plain when it has none", () => {
    const bundle = mimeBundle({ toMimeBundle: () => [{ mime: "text/html", data: "<b>hi</b>" }] });
    assert.deepEqual(bundle.map((item) => item.mime), ["text/html", Mime.text]);
  });

  it("shows other values as the REPL does", () => {
    assert.deepEqual(mimeBundle("text"), [{ mime: Mime.text, data: "'text'" }]);
    assert.deepEqual(mimeBundle({ a: [1, 2] }), [{ mime: Mime.text, data: "{ a: [ 1, 2 ] }" }]);
  });
});
