import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { NotebookFormatError, parseNotebook, serializeNotebook } from "../../src/format";
import { formatFixturesDir } from "./paths";

/** The message of the error that parsing `text` as churn.aibook throws. */
function errorOf(text: string | Uint8Array): NotebookFormatError {
  try {
    parseNotebook(text, "churn.aibook");
  } catch (e) {
    assert.ok(e instanceof NotebookFormatError, `expected a NotebookFormatError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected parseNotebook to throw");
}

const lines = (...l: string[]) => l.join("\n");

describe("format: malformed input is refused with the file, the problem and its line", () => {
  it("names a wrong kind and its line and column", () => {
    const text = lines('{"aibook": 1, "cells": [', '  {"kind": "code", "source": []},', '  {"kind": 7, "source": []}', "]}");
    const e = errorOf(text);
    assert.equal(e.message, 'churn.aibook:3:12: cells[1].kind must be "code" or "markdown", found 7');
    assert.deepEqual([e.file, e.line, e.column], ["churn.aibook", 3, 12]);
  });

  it("refuses a newer format version", () => {
    assert.equal(
      errorOf(lines("{", '  "aibook": 2,', '  "cells": []', "}")).message,
      "churn.aibook:2:13: written by a newer aibook (format version 2); this one reads version 1",
    );
  });

  it("refuses a file without a format version, and other versions", () => {
    assert.equal(
      errorOf('{"metadata": {}, "cells": []}').message,
      'churn.aibook:1:1: not an aibook notebook: the format version "aibook" is missing (expected "aibook": 1)',
    );
    assert.match(errorOf('{"cells": [], "nbformat": 4}').message, /"aibook" is missing .*; it looks like a Jupyter notebook: convert it with `aibook import FILE\.ipynb`$/);
    assert.match(errorOf('{"aibook": "1"}').message, /^churn\.aibook:1:12: "aibook" must be the format version number 1, found "1"$/);
    assert.match(errorOf('{"aibook": 0}').message, /unknown format version 0/);
    assert.match(errorOf('{"aibook": 1.5}').message, /unknown format version 1\.5/);
  });

  it("refuses JSON that is not an object", () => {
    assert.match(errorOf("[1, 2]").message, /^churn\.aibook:1:1: not an aibook notebook: .* found an array$/);
    assert.match(errorOf('"text"').message, /found "text"$/);
  });

  it("gives the line and column of a syntax error", () => {
    const e = errorOf(lines("{", '  "aibook": 1,', '  "cells": [}', "}"));
    assert.deepEqual([e.line, e.column], [3, 13]);
    assert.match(e.message, /^churn\.aibook:3:13: not valid JSON: unexpected "}" where a value should be$/);
    assert.match(errorOf('{"aibook": 1 "cells": []}').message, /^churn\.aibook:1:14: not valid JSON: expected "," or "}" after a property value/);
    assert.match(errorOf("{'aibook': 1}").message, /1:2: not valid JSON: expected a property name in double quotes/);
    assert.match(errorOf('{"aibook": 1, 2}').message, /1:15: not valid JSON: expected a property name/);
    assert.match(errorOf('{"aibook": 1} x').message, /1:15: not valid JSON: unexpected "x" after the end/);
    assert.match(errorOf('{"aibook": 1, "a": "x\\qy"}').message, /invalid escape \\q/);
    assert.match(errorOf('{"aibook": 01}').message, /not valid JSON/);
  });

  it("refuses every truncation of a real notebook, naming a line inside the file", () => {
    const text = readFileSync(path.join(formatFixturesDir, "golden/full.aibook"), "utf8");
    const lineCount = text.split("\n").length;
    for (let length = 1; length < text.length - 1; length += 7) {
      const prefix = text.slice(0, length);
      const e = errorOf(prefix);
      assert.ok(e.line >= 1 && e.line <= lineCount, `line ${e.line} for a prefix of ${length} characters`);
      assert.match(e.message, /not valid JSON: .*(cut off|end of file)/, `prefix of ${length}: ${e.message}`);
    }
  });

  it("reports wrong types deep inside, with the line of the value", () => {
    const text = readFileSync(path.join(formatFixturesDir, "golden/full.aibook"), "utf8");
    const cases: [string, string, RegExp][] = [
      ['"count": 1,', '"count": "one",', /^churn\.aibook:27:18: cells\[1\]\.execution\.count must be a whole number or null, found "one"$/],
      ['"success": true,', '"success": "yes",', /^churn\.aibook:28:20: cells\[1\]\.execution\.success must be true or false/],
      ['"mime": "text/plain",', '"mime": 3,', /^churn\.aibook:36:23: cells\[1\]\.outputs\[0\]\.items\[0\]\.mime must be a mime type/],
      ['"data": "iVBORw0KGgo=",', '"data": "not base64!",', /^churn\.aibook:60:23: cells\[1\]\.outputs\[1\]\.items\[0\]\.data must be base64 text/],
      ['"encoding": "base64"', '"encoding": "hex"', /^churn\.aibook:61:27: cells\[1\]\.outputs\[1\]\.items\[0\]\.encoding must be "base64", found "hex"$/],
      ['"language": "javascript",', '"language": 5,', /^churn\.aibook:70:19: cells\[2\]\.language must be a language name/],
      ['"outputs": []', '"outputs": {}', /^churn\.aibook:72:18: cells\[2\]\.outputs must be an array, found an object$/],
      ['"Why we build it."', "null", /^churn\.aibook:15:9: cells\[0\]\.source\[2\] must be a string/],
      ['"title": "Churn model",', '"title": "Churn model"', /not valid JSON/],
    ];
    for (const [from, to, expected] of cases) {
      assert.ok(text.includes(from), from);
      assert.match(errorOf(text.replace(from, to)).message, expected);
    }
    assert.match(errorOf('{"aibook": 1, "metadata": []}').message, /1:27: metadata must be an object, found an array/);
    assert.match(errorOf('{"aibook": 1, "cells": {}}').message, /1:24: cells must be an array, found an object/);
    assert.match(errorOf('{"aibook": 1, "cells": [3]}').message, /1:25: cells\[0\] must be an object, found 3/);
    assert.match(errorOf('{"aibook": 1, "cells": [{"source": []}]}').message, /1:25: cells\[0\] has no "kind"/);
    assert.match(errorOf('{"aibook": 1, "cells": [{"kind": "code"}]}').message, /1:25: cells\[0\] has no "source"/);
    assert.match(errorOf('{"aibook": 1, "cells": [{"kind": "code", "source": 1}]}').message, /1:52: cells\[0\]\.source must be a string or an array of lines, found 1/);
    assert.match(errorOf('{"aibook": 1, "cells": [{"kind": "code", "source": [], "outputs": [{}]}]}').message, /cells\[0\]\.outputs\[0\] has no "items"/);
    assert.match(errorOf('{"aibook": 1, "cells": [{"kind": "code", "source": [], "outputs": [{"items": [{"mime": "a/b"}]}]}]}').message, /items\[0\] has no "data"/);
  });

  it("refuses a duplicated key at any level, naming the second one: JSON.parse would silently drop the first value", () => {
    const e = errorOf(lines('{"aibook": 1, "cells": [{', '"kind": "code",', '"kind": 9, "source": []}]}'));
    assert.equal(e.message, 'churn.aibook:3:1: the key "kind" appears twice in cells[0] (first on line 2); JSON keeps only the last value, so remove one');
    const text = lines("{", '  "aibook": 1,', '  "cells": [', '    {"kind": "code", "source": ["a()"], "source": ["b()"]}', "  ]", "}");
    assert.match(errorOf(text).message, /^churn\.aibook:4:41: the key "source" appears twice in cells\[0\] \(first on line 4\)/);
    assert.match(errorOf('{"aibook": 1, "aibook": 1}').message, /^churn\.aibook:1:15: the key "aibook" appears twice in the notebook/);
    assert.match(errorOf('{"aibook": 1, "metadata": {"a": {"b": 1, "b\\u0062": 2, "\\u0062": 3}}}').message, /1:56: the key "b" appears twice in metadata\.a \(first on line 1\)/);
    assert.match(errorOf('{"aibook": 1, "cells": [{"kind": "markdown", "source": []}, {"kind": "markdown", "source": [], "kind": "code"}]}').message, /1:96: the key "kind" appears twice in cells\[1\]/);
    // the same key in sibling objects, or escaped differently but different, is fine
    const siblings = parseNotebook('{"aibook": 1, "metadata": {"x": {"a": 1}, "y": {"a": 2}, "a\\"": [{"a": 1}, {"a": 2}], "a": "a"}}', "a.aibook");
    assert.deepEqual(siblings.metadata, { x: { a: 1 }, y: { a: 2 }, 'a"': [{ a: 1 }, { a: 2 }], a: "a" });
  });

  it("names a trailing comma at the comma", () => {
    const text = lines("{", '  "aibook": 1,', '  "cells": [', '    {"kind": "markdown", "source": []},', "  ]", "}");
    assert.equal(errorOf(text).message, 'churn.aibook:4:39: not valid JSON: a comma after the last element of an array (JSON allows none); remove it');
    assert.equal(errorOf('{"aibook": 1,}').message, 'churn.aibook:1:13: not valid JSON: a comma after the last property of an object (JSON allows none); remove it');
    assert.equal(errorOf('{"aibook": 1,\n\n  }').message, 'churn.aibook:1:13: not valid JSON: a comma after the last property of an object (JSON allows none); remove it');
  });

  it("opens an empty or whitespace-only file as an empty notebook", () => {
    for (const empty of ["", "  \n\t\r\n", new Uint8Array(), new Uint8Array([0xef, 0xbb, 0xbf])]) {
      const notebook = parseNotebook(empty, "churn.aibook");
      assert.deepEqual([notebook.cells, notebook.metadata], [[], {}]);
    }
  });

  it("accepts a byte order mark, counts columns without it, and keeps it", () => {
    const withBom = "\uFEFF" + '{"aibook": 1, "cells": []}\n';
    assert.equal(serializeNotebook(parseNotebook(withBom, "a.aibook")).startsWith("\uFEFF{\n"), true);
    const bytes = Buffer.from("\uFEFF" + '{"aibook": 1, "cells": [7]}', "utf8");
    assert.deepEqual([errorOf(bytes).line, errorOf(bytes).column], [1, 25]);
  });

  it("accepts CRLF and counts its lines like LF", () => {
    const text = lines("{", '  "aibook": 1,', '  "cells": [', "    3", "  ]", "}").replace(/\n/g, "\r\n");
    const e = errorOf(text);
    assert.deepEqual([e.line, e.column], [4, 5]);
    const ok = parseNotebook(text.replace("    3", '{"kind": "markdown", "source": ["a", "b"]}'), "a.aibook");
    assert.equal(ok.layout?.lineEnding, "\r\n");
    assert.equal(ok.cells[0].source, "a\nb");
  });

  it("refuses bytes that are not UTF-8, naming their line", () => {
    const before = Buffer.from('{\n  "aibook": 1,\n  "metadata": {"title": "caf', "utf8");
    const bytes = Buffer.concat([before, Buffer.from([0xe9]), Buffer.from('"}\n}', "utf8")]);
    const e = errorOf(bytes);
    assert.deepEqual([e.line, e.column], [3, 29]);
    assert.match(e.message, /^churn\.aibook:3:29: the file is not UTF-8 text \(byte 0xE9 at byte offset 45\)/);
    const utf16 = Buffer.from("\uFEFF{}", "utf16le");
    assert.match(errorOf(utf16).message, /^churn\.aibook:1:1: the file is not UTF-8 text \(byte 0xFF/);
    assert.match(errorOf(new Uint8Array([0x7b, 0xed, 0xa0, 0x80, 0x7d])).message, /byte 0xED/, "an encoded surrogate is not UTF-8");
    assert.match(errorOf(new Uint8Array([0x7b, 0xc0, 0x80, 0x7d])).message, /byte 0xC0/, "an overlong encoding is not UTF-8");
  });

  it("reads very deeply nested JSON, and reports its errors as NotebookFormatErrors, not stack overflows", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    assert.deepEqual(parseNotebook(`{"aibook": 1, "metadata": {"x": ${deep}}}`, "churn.aibook").cells, []);
    assert.match(errorOf(`{"aibook": 1, "metadata": {"x": ${deep}}, "cells": 3}`).message, /^churn\.aibook:1:1: cells must be an array/);
    assert.match(errorOf(`{"aibook": 1, "metadata": {"x": ${deep.slice(1)}}}`).message, /^churn\.aibook:\d+:\d+: /);
  });

  it("reads and writes cells of several megabytes", () => {
    const longLine = "x".repeat(3_000_000);
    const manyLines = Array.from({ length: 200_000 }, (_, i) => `const v${i} = ${i};`).join("\n");
    const notebook = parseNotebook(
      JSON.stringify({ aibook: 1, cells: [{ kind: "code", source: [longLine] }, { kind: "code", source: manyLines }] }),
      "big.aibook",
    );
    const saved = serializeNotebook(notebook);
    assert.ok(saved.length > 6_000_000);
    assert.equal(serializeNotebook(parseNotebook(saved, "big.aibook")), saved);
    assert.equal(parseNotebook(saved, "big.aibook").cells[1].source, manyLines);
    const broken = saved.slice(0, saved.length - 10);
    const e = errorOf(broken);
    assert.ok(e.line > 200_000, `line ${e.line}`);
  });
});
