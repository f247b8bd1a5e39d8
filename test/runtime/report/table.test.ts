import assert from "node:assert/strict";
import { DataFrame, Series } from "danfojs-node";
import { table, toTablePayload } from "../../../src/runtime/report/table";
import { TABLE_LIMITS } from "../../../src/protocol/views";
import { Mime } from "../../../src/protocol/mime";

describe("table view", () => {
  it("sends a DataFrame as columns with types, missing counts and null for missing values", () => {
    const df = new DataFrame({ n: [1.5, NaN, 3], s: ["a", null, "<img src=x onerror=alert(1)>"], b: [true, false, true] });
    const p = toTablePayload(df);
    assert.deepEqual(p.columns, [
      { name: "n", type: "number", missing: 1 },
      { name: "s", type: "string", missing: 1 },
      { name: "b", type: "boolean", missing: 0 },
    ]);
    assert.deepEqual(p.data, [[1.5, null, 3], ["a", null, "<img src=x onerror=alert(1)>"], [true, false, true]]);
    assert.equal(p.rowCount, 3);
    assert.equal(p.truncated, false);
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(p))), JSON.stringify(p), "the payload is plain JSON");
  });

  it("reads a Series, records, 2-D arrays and dates", () => {
    assert.deepEqual(toTablePayload(new Series([1, 2], { columns: ["price"] })).columns.map((c) => c.name), ["price"]);
    const records = toTablePayload([{ a: 1, when: new Date("2024-01-02T00:00:00Z") }, { a: 2 }]);
    assert.deepEqual(records.columns.map((c) => [c.name, c.type]), [["a", "integer"], ["when", "datetime"]]);
    assert.deepEqual(records.data[1], ["2024-01-02T00:00:00.000Z", null]);
    assert.deepEqual(toTablePayload([[1, "x"], [2, "y"]]).data, [[1, 2], ["x", "y"]]);
  });

  it("caps rows to the cell limit of wide frames and says it did", () => {
    const columns = 40;
    const rows = TABLE_LIMITS.maxCells / columns + 10;
    const data = Object.fromEntries(Array.from({ length: columns }, (_, j) => [`c${j}`, new Array(rows).fill(j)]));
    const p = toTablePayload(data);
    assert.equal(p.data[0].length, TABLE_LIMITS.maxCells / columns);
    assert.equal(p.rowCount, rows);
    assert.equal(p.truncated, true);
  });

  it("prints the first and last rows like pandas in its text form", () => {
    const [rich, text] = table({ id: Array.from({ length: 100 }, (_, i) => i) }).toMimeBundle();
    assert.equal(rich.mime, Mime.table);
    const lines = String(text.data).split("\n");
    assert.match(lines[1], /^\s*0\s+0$/);
    assert.ok(lines.some((l) => /…/.test(l)));
    assert.match(String(text.data), /\[100 rows x 1 columns\]$/);
  });
});

describe("table text form", () => {
  it("prints a missing string, date or boolean as pandas does (<NA>, NaT), not as NaN", () => {
    const lines = table({ n: [1.5, null], s: ["a", null], when: ["2024-01-02", null], ok: [true, null] }).toString().split("\n");
    assert.deepEqual(lines[2].trim().split(/\s+/), ["1", "NaN", "<NA>", "NaT", "<NA>"]);
  });

  it("shows the first and last columns of a wide frame with … between, like pandas", () => {
    const data = Object.fromEntries(Array.from({ length: 30 }, (_, j) => [`c${j}`, [j]]));
    const header = table(data).toString().split("\n")[0];
    assert.match(header, /c0\s+c1\s+c2\s+c3\s+c4\s+c5\s+…\s+c27\s+c28\s+c29$/);
  });

  it("fits an 80-column terminal: a frame of wide columns shows fewer of them around the …", () => {
    const data = Object.fromEntries(Array.from({ length: 30 }, (_, j) => [`customer_feature_${j}`, [j * 1000.5, -j]]));
    const lines = table(data).toString().split("\n");
    assert.ok(lines.every((l) => l.length <= 80), lines.join("\n"));
    assert.match(lines[0], /customer_feature_0 .*….*customer_feature_29$/);
  });

  it("lines up columns after wide characters (CJK, emoji) by their width on screen", () => {
    const lines = table({ name: ["日本語", "abc", "😀"], n: [1, 2, 3] }).toString().split("\n").slice(1, 4);
    const width = (l: string) => [...l].reduce((w, ch) => w + (/[\u3000-\u9fff]|\p{Extended_Pictographic}/u.test(ch) ? 2 : 1), 0);
    assert.deepEqual(lines.map(width), [width(lines[0]), width(lines[0]), width(lines[0])], lines.join("\n"));
  });

  it("prints a large float as a number in exponent form, not 21 digits", () => {
    const text = table({ v: [1e21 / 3, 2.5] }).toString();
    assert.match(text, /3\.333e\+20/);
  });
});

