import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Series } from "danfojs-node";
import { readCsv, readJson, dropDuplicates, dropMissing } from "../../../src/runtime/data";
import { dataset, fixture, assertClose } from "./reference";
import { capturingWarnings } from "../warnings";

const reference = fixture("data");
const dir = mkdtempSync(join(tmpdir(), "aibook-data-"));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("readCsv", () => {
  for (const expected of reference.datasets) {
    it(`reads ${expected.dataset}.csv as pandas.read_csv does`, async () => {
      const df = await dataset(expected.dataset);
      assert.deepEqual(df.shape, expected.shape);
      assert.deepEqual(df.columns, expected.columns);
      const kinds = { int: "int32", float: "float32", boolean: "boolean", string: "string" } as Record<string, string>;
      assert.deepEqual(df.dtypes, expected.kinds.map((k: string) => kinds[k]), "dtypes as pandas infers them (int64 -> int32, float64 -> float32, object -> string)");
      const rows = df.values as unknown[][];
      expected.numericColumns.forEach((name: string, k: number) => {
        const j = df.columns.indexOf(name);
        assert.notEqual(df.dtypes[j], "string", `${name} should be numeric`);
        const sum = rows.reduce((s, r) => s + (Number.isNaN(r[j] as number) ? 0 : (r[j] as number)), 0);
        assertClose(sum, expected.sums[k], 1e-12, 0, `${expected.dataset}.${name} sum`);
      });
      const missing = df.columns.map((_, j) => rows.filter((r) => r[j] === null || (typeof r[j] === "number" && Number.isNaN(r[j]))).length);
      assert.deepEqual(missing, expected.missing);
      assertClose(rows[0], expected.firstRow, 0, 0, "first row");
    });
  }

  for (const edge of reference.edgeCsv) {
    it(`parses the edge case "${edge.name}" like pandas`, async () => {
      const df = await readCsv(file(`${edge.name.replace(/\W+/g, "-")}.csv`, edge.text));
      assert.deepEqual(df.columns, edge.columns);
      const kinds = df.dtypes.map((d: string) => (d === "string" ? "string" : d === "boolean" ? "boolean" : "number"));
      assert.deepEqual(kinds, edge.kinds);
      assertClose(df.values, edge.values, 0, 0, edge.name);
    });
  }

  it("resolves relative paths against process.cwd() (the notebook's folder)", async () => {
    const cwd = process.cwd();
    file("beside.csv", "x,y\n1,2\n");
    process.chdir(dir);
    try {
      const df = await readCsv("beside.csv");
      assert.deepEqual(df.values, [[1, 2]]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("parses across chunk boundaries, including quoted newlines", async () => {
    const { parseCsvFile } = await import("../../../src/runtime/data/csv-parser");
    const lines = ["id,text,v"];
    for (let i = 0; i < 500; i++) lines.push(`${i},"line ${i}\nsecond ""part""",${i / 4}`);
    const path = file("chunks.csv", lines.join("\n") + "\n");
    const columns = parseCsvFile(path, { delimiter: ",", header: true, naValues: [""], chunkBytes: 37 });
    assert.equal(columns[0].values.length, 500);
    assert.equal(columns[1].values[499], 'line 499\nsecond "part"');
    assert.equal(columns[2].values[7], 1.75);
  });

  it("skips lines of only spaces or tabs, as pandas does", async () => {
    // pandas.read_csv("a,b\n1,2\n  \n3,4\n   \n") gives two int64 rows. Before, each such line was a
    // row whose "  " turned column a into text.
    const df = await readCsv(file("blank-spaces.csv", "a,b\n1,2\n  \n3,4\n\t\n   \n"));
    assert.deepEqual(df.dtypes, ["int32", "int32"]);
    assert.deepEqual(df.values, [[1, 2], [3, 4]]);
    // a field of spaces in a row of several fields is still text, as in pandas
    assert.deepEqual((await readCsv(file("space-field.csv", "a,b\n1,2\n  ,3\n"))).dtypes, ["string", "int32"]);
  });

  it("keeps text after a closing quote, as pandas does", async () => {
    // pd.read_csv: "x"y -> xy, "x" followed by a space -> "x ", "1" followed by a space -> 1. Before, the text after the quote was dropped.
    const df = await readCsv(file("after-quote.csv", 'a,b,c\r\n"x"y,"x" ,"1" \r\n"p""q"r,s,2\r\n'));
    assert.deepEqual(df.values, [["xy", "x ", 1], ['p"qr', "s", 2]]);
    assert.deepEqual(df.dtypes, ["string", "string", "int32"]);
  });

  it("reads old Mac files whose lines end with a lone CR, as pandas does", async () => {
    // Before, the whole file was one header line: columns ["a", "b\r1", "2\r3", "4"], no rows.
    const df = await readCsv(file("mac.csv", "a,b\r1,2\r3,\"x\ny\"\r"));
    assert.deepEqual(df.columns, ["a", "b"]);
    assert.deepEqual(df.values, [[1, "2"], [3, "x\ny"]]);
  });

  it("types the columns of a header without rows as text (pandas: object), and refuses an empty file", async () => {
    const df = await readCsv(file("header-only.csv", "a,b\n"));
    assert.deepEqual(df.columns, ["a", "b"]);
    assert.deepEqual(df.dtypes, ["string", "string"]);
    await assert.rejects(readCsv(file("empty.csv", "")), /empty\.csv is empty/);
    await assert.rejects(readCsv(file("blank.csv", "\n\n")), /blank\.csv is empty/);
  });

  it("names the file and line of a row with too many fields", async () => {
    const path = file("bad.csv", "a,b\n1,2\n3,4,5\n");
    await assert.rejects(readCsv(path), /bad\.csv, line 3: expected 2 fields, saw 3/);
  });

  it("names an empty header cell Unnamed: <position>, as pandas does", async () => {
    // pandas' to_csv writes its index under an empty name: ",a,b". Before, the column was named ""
    // (and a second empty one ".1"), which df[""] and every error message showed as nothing.
    assert.deepEqual((await readCsv(file("index.csv", ",a,b\n0,1,x\n1,2,y\n"))).columns, ["Unnamed: 0", "a", "b"]);
    assert.deepEqual((await readCsv(file("blank-names.csv", "a,,\n1,2,3\n"))).columns, ["a", "Unnamed: 1", "Unnamed: 2"]);
  });

  it("suggests the delimiter when a one-column header meets a row with more fields", async () => {
    await assert.rejects(readCsv(file("semicolons.csv", "a;b\n1,5;2\n")), /line 2: expected 1 fields, saw 2.*delimiter: ";"/);
  });

  it("says where it looked for a missing file", async () => {
    await assert.rejects(readCsv("no-such-file.csv"), /no file at .*no-such-file\.csv .*relative to/);
    await assert.rejects(readCsv("/no/such/dir/file.csv"), (e: Error) => e.message === "readCsv: no file at /no/such/dir/file.csv.");
  });

  it("names the file of a folder, a spreadsheet or another binary file instead of parsing noise", async () => {
    // Before: Node's bare "EISDIR: illegal operation on a directory, read", and an .xlsx read as
    // one column named "PK\u0003\u0004…".
    await assert.rejects(readCsv(dir), (e: Error) => e.message === `readCsv: ${dir} is a folder, not a file.`);
    await assert.rejects(readJson(dir), /readJson: .* is a folder, not a file/);
    const xlsx = file("book.xlsx", "");
    writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x21, 0x00, 0xff, 0x0a]));
    await assert.rejects(readCsv(xlsx), /book\.xlsx is a zip archive \(an Excel \.xlsx workbook is one\): save the sheet as CSV/);
    const gz = file("data.csv.gz", "");
    writeFileSync(gz, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x0a]));
    await assert.rejects(readCsv(gz), /data\.csv\.gz is gzip-compressed/);
    const utf16 = file("utf16.csv", "");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n1,2\n", "utf16le")]));
    await assert.rejects(readCsv(utf16), /utf16\.csv is UTF-16 text: save it as UTF-8/);
  });

  it("refuses text that is not UTF-8, naming the line, and reads it with { encoding }", async () => {
    // pandas raises UnicodeDecodeError; before, each such letter became U+FFFD without a word.
    const latin = file("latin.csv", "");
    writeFileSync(latin, Buffer.from("name,city,v\nAnna,Bern,2\nJos\xe9,Z\xfcrich,1\n", "latin1"));
    await assert.rejects(readCsv(latin), /latin\.csv, line 3: not valid UTF-8 text\. .*encoding: "cp1252"/);
    // pd.read_csv(path, encoding="latin1").values
    assert.deepEqual((await readCsv(latin, { encoding: "latin1" })).values, [["Anna", "Bern", 2], ["José", "Zürich", 1]]);
    const excel = file("excel.csv", "");
    writeFileSync(excel, Buffer.from([...Buffer.from("item,price\n"), 0x80, ...Buffer.from(" off,5\n")]));
    assert.deepEqual((await readCsv(excel, { encoding: "cp1252" })).values, [["€ off", 5]]);
    await assert.rejects(readCsv(latin, { encoding: "utf16" }), /unknown encoding "utf16"/);
  });

  it("reads UTF-8 letters split across chunk boundaries", async () => {
    const { parseCsvFile } = await import("../../../src/runtime/data/csv-parser");
    const lines = ["word,n"];
    for (let i = 0; i < 200; i++) lines.push(`${"日本語é".repeat(1 + (i % 3))},${i}`);
    const path = file("multibyte.csv", lines.join("\n") + "\n");
    const columns = parseCsvFile(path, { delimiter: ",", header: true, naValues: [""], chunkBytes: 5 });
    assert.equal(columns[0].values[199], "日本語é".repeat(2));
    assert.equal(columns[1].values.length, 200);
  });

  it("rejects unknown options", async () => {
    await assert.rejects(readCsv(file("o.csv", "a\n1\n"), { sep: ";" } as never), /no option "sep".*delimiter/);
  });

  it("treats a number given as a missing marker as missing in numeric and text columns, by value as pandas does", async () => {
    // pd.read_csv(path, na_values=["-999"]): a, b float64 with NaN; c object with NaN. Before, -999 stayed a number.
    const path = file("sentinel.csv", "a,b,c\n1,-999,x\n2,5,-999.0\n-999,7,y\n");
    const df = await readCsv(path, { naValues: ["-999"] });
    assert.deepEqual(df.dtypes, ["float32", "float32", "string"]);
    assert.deepEqual(df.values, [[1, NaN, "x"], [2, 5, null], [NaN, 7, "y"]]);
    assert.deepEqual((await readCsv(path, { naValues: ["-999.0"] })).values, [[1, NaN, "x"], [2, 5, null], [NaN, 7, "y"]]);
    // one value or a number, as pandas takes na_values="-999" or -999; a string was spread into its letters
    assert.deepEqual((await readCsv(path, { naValues: -999 })).values, [[1, NaN, "x"], [2, 5, null], [NaN, 7, "y"]]);
    const letters = await readCsv(file("letters.csv", "w\nx\n-\n?\n"), { naValues: "-?" });
    assert.deepEqual(letters.values, [["x"], ["-"], ["?"]]);
  });

  it("reads pandas' header=0 as a header line and refuses other header values", async () => {
    // Before, header: 0 was falsy: the names became a data row and both columns text.
    const path = file("header0.csv", "a,b\n1,2\n");
    const df = await readCsv(path, { header: 0 as never });
    assert.deepEqual([df.columns, df.values], [["a", "b"], [[1, 2]]]);
    assert.deepEqual((await readCsv(path, { header: null as never })).columns, ["0", "1"]);
    await assert.rejects(readCsv(path, { header: 1 as never }), /header must be true .* or false; got 1/);
  });

  it("honours delimiter, header and extra missing markers", async () => {
    const df = await readCsv(file("semi.csv", "1;-\n2;5\n"), { delimiter: ";", header: false, naValues: ["-"] });
    assert.deepEqual(df.columns, ["0", "1"]);
    assertClose(df.values, [[1, null], [2, 5]], 0);
  });
});

describe("readJson", () => {
  it("flattens nested keys to a.b like pandas.json_normalize", async () => {
    const df = await readJson(file("records.json", JSON.stringify(reference.json.records)));
    assert.deepEqual([...df.columns].sort(), [...reference.json.columns].sort());
    const city = df.columns.indexOf("user.address.city");
    assert.deepEqual((df.values as unknown[][]).map((r) => r[city]), ["London", "Wilmslow", null]);
    const age = df.columns.indexOf("user.age");
    assertClose((df.values as unknown[][]).map((r) => r[age]), [36, null, 85], 0);
  });

  it("orders columns as pandas.json_normalize: a record's own keys first, then its nested objects", async () => {
    // pd.json_normalize([{"id": 1, "user": {"age": 3, "addr": {"city": "X"}}, "tags": ["a"]}, {"id": 2, "extra": "e"}])
    // .columns == ["id", "tags", "user.age", "user.addr.city", "extra"]; before, user.* came before tags.
    const records = [{ id: 1, user: { age: 3, addr: { city: "X" } }, tags: ["a"] }, { id: 2, extra: "e" }];
    const df = await readJson(file("order.json", JSON.stringify(records)));
    assert.deepEqual(df.columns, ["id", "tags", "user.age", "user.addr.city", "extra"]);
    assert.deepEqual(df.values, [[1, '["a"]', 3, "X", null], [2, null, NaN, null, "e"]]);
  });

  it("names the file, line and column of a truncated JSON document, and the file of a record that is not an object", async () => {
    // Before: "… is not valid JSON (Unexpected end of JSON input)" with no line.
    await assert.rejects(readJson(file("cut.json", '[{"a": 1},\n {"a": 2},\n')), /cut\.json, line 2, column 11: .*not valid JSON/);
    await assert.rejects(readJson(file("scalars.json", "[1, 2]")), /^AibookError: readJson: .*scalars\.json: record 0 is 1; expected an object/);
  });

  it("says which key to read as rows when the document is one object wrapping a list of records", async () => {
    // { "meta": ..., "data": [...] } read silently as one row with the list as JSON text in "data".
    const path = file("api.json", JSON.stringify({ meta: { n: 2 }, data: [{ a: 1 }, { a: 2 }] }));
    const { value, warnings } = capturingWarnings(() => readJson(path));
    assert.deepEqual((await value).shape, [1, 2]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /api\.json is one record, read as one row, but "data" holds a list of 2 records: to read those as rows pass readJson\(path, \{ records: "data" \}\)/);
    assert.deepEqual((await readJson(path, { records: "data" })).values, [[1], [2]]);
    const plain = capturingWarnings(() => readJson(file("one.json", JSON.stringify({ a: 1, tags: ["x", "y"] }))));
    await plain.value;
    assert.deepEqual(plain.warnings, []);
  });

  it("names the line of a JSON-lines record that is not an object", async () => {
    // Before: "record 1 is an array", which left the user counting non-blank lines.
    await assert.rejects(readJson(file("array-line.jsonl", '{"a":1}\n\n[1,2]\n')), /array-line\.jsonl, line 3: record 1 is an array; expected an object/);
  });

  it("refuses a JSON file that is not UTF-8, naming the line", async () => {
    const latin = file("latin.json", "");
    writeFileSync(latin, Buffer.from('[{"name": "Anna"},\n {"name": "Jos\xe9"}]\n', "latin1"));
    await assert.rejects(readJson(latin), /latin\.json, line 2: not valid UTF-8 text/);
  });

  it("reads JSON lines", async () => {
    const text = reference.json.records.map((r: unknown) => JSON.stringify(r)).join("\n") + "\n";
    const df = await readJson(file("records.jsonl", text));
    assert.equal(df.shape[0], 3);
    assert.ok(df.columns.includes("user.name"));
  });

  it("names the line of invalid JSON lines", async () => {
    await assert.rejects(readJson(file("bad.jsonl", '{"a":1}\n{"a":\n'), { lines: true }), /bad\.jsonl, line 2 is not valid JSON/);
  });

  it("names the line and column of an error in one JSON document", async () => {
    // Before, only V8's character offset ("at position 17"), which an editor does not show.
    await assert.rejects(readJson(file("bad-doc.json", '[{"a": 1},\n {"a": 2,}\n]\n')), /bad-doc\.json, line 2, column 10: .*not valid JSON/);
    await assert.rejects(readJson(file("bad-crlf.json", '[\r\n{"a": 1},\r\n{"a" 2}\r\n]')), /line 3, column 6/);
  });

  it("an integer key missing from some records gives a float column with NaN, as pandas does", async () => {
    // pandas.json_normalize([{"a": 1, "b": 1}, {"a": 2}]) types b as float64 (1.0, NaN).
    const df = await readJson(file("gaps.json", JSON.stringify([{ a: 1, b: 1 }, { a: 2 }, { a: 3, b: null }])));
    assert.deepEqual(df.dtypes, ["int32", "float32"]);
    assert.deepEqual(df.values, [[1, 1], [2, NaN], [3, NaN]]);
  });

  it("an empty nested object adds no column, as in pandas.json_normalize", async () => {
    const df = await readJson(file("empty-obj.json", JSON.stringify([{ a: 1, meta: {} }, { a: 2, meta: { x: 5 } }])));
    assert.deepEqual(df.columns, ["a", "meta.x"]);
  });

  it("finds the records under a dotted path", async () => {
    const df = await readJson(file("wrapped.json", JSON.stringify({ data: { items: [{ a: 1 }, { a: 2 }] } })), { records: "data.items" });
    assert.deepEqual(df.values, [[1], [2]]);
  });
});

describe("dropDuplicates and dropMissing", () => {
  const expected = reference.dropDuplicates;

  it("drops duplicate rows as pandas.drop_duplicates, keeping index labels", async () => {
    const df = await dataset(expected.dataset);
    const kept = dropDuplicates(df);
    assert.equal(kept.shape[0], expected.rows);
    assert.deepEqual(kept.index.slice(0, 20), expected.firstKeptIndex);
    assert.equal(dropDuplicates(df, { keep: "last" }).shape[0], expected.lastRows);
    assert.equal(dropDuplicates(df, { keep: false }).shape[0], expected.noneRows);
    assert.equal(dropDuplicates(df, { columns: ["mdvis", "idp"] }).shape[0], expected.subsetRows);
  });

  it("drops rows with missing values, in any or the given columns", async () => {
    const df = await readCsv(file("holes.csv", "a,b,c\n1,,x\n2,3,\n4,5,y\n"));
    assert.deepEqual(dropMissing(df).index, [2]);
    assert.deepEqual(dropMissing(df, { columns: ["b"] }).index, [1, 2]);
    assert.throws(() => dropMissing(df, { columns: ["z"] }), /no column "z"/);
  });

  it("take plain arrays and Series as every runtime function does (they said \"expected a DataFrame\")", () => {
    assert.deepEqual(dropDuplicates([[1, 2], [1, 2], [3, 4]]), [[1, 2], [3, 4]]);
    // pd.Series([1, 1, 2, nan, nan]).drop_duplicates() -> 1, 2, nan
    assert.deepEqual(dropDuplicates([1, 1, 2, NaN, NaN]), [1, 2, NaN]);
    assert.deepEqual(dropMissing([[1, NaN], [2, 3], [NaN, 4]], { columns: ["x1"] }), [[2, 3], [NaN, 4]]);
    assert.deepEqual(dropMissing([1, null, 2]), [1, 2]);
    const kept = dropMissing(new Series([1, NaN, 1, 2]));
    assert.deepEqual([kept.values, kept.index], [[1, 1, 2], [0, 2, 3]]);
    assert.throws(() => dropMissing(5 as never), /expected a DataFrame, a Series or an array; got number/);
  });

  it("take one column name as pandas' subset does, and refuse an unknown keep", async () => {
    // pandas: df.dropna(subset="b"), df.drop_duplicates(subset="a"). Before: "wanted.map is not a
    // function", and keep: "none" silently kept the first copy.
    const df = await readCsv(file("holes2.csv", "a,b,c\n1,,x\n2,3,\n4,5,y\n4,5,y\n"));
    assert.deepEqual(dropMissing(df, { columns: "b" }).index, [1, 2, 3]);
    assert.deepEqual(dropDuplicates(df, { columns: "a" }).index, [0, 1, 2]);
    assert.throws(() => dropDuplicates(df, { keep: "none" as never }), /keep must be "first", "last" or false; got "none"/);
    assert.throws(() => dropMissing(df, { columns: 3 as never }), /columns must be a column name or a list/);
  });
});
