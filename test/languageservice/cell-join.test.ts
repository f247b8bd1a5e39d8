import assert from "node:assert/strict";
import ts from "typescript";
import fc from "fast-check";
import { JoinedNotebook, CellSyntaxCache, type CellInput } from "../../src/languageservice/cell-join";
import { LineMap } from "../../src/languageservice/line-map";

const cells = (...texts: string[]): CellInput[] => texts.map((text, i) => ({ id: `cell-${i}`, text }));

/** Every offset of every cell maps into the joined text and back to itself, at the same character. */
function assertRoundTrip(joined: JoinedNotebook): void {
  for (const cell of joined.cells) {
    for (let offset = 0; offset <= cell.text.length; offset++) {
      const at = joined.toJoined(cell.id, offset)!;
      assert.notEqual(at, undefined);
      if (offset < cell.text.length) assert.equal(joined.text[at], cell.text[offset], `cell ${cell.index} offset ${offset}`);
      const back = joined.toCell(at)!;
      assert.equal(back.cell.id, cell.id);
      assert.equal(back.offset, offset);
    }
  }
}

describe("languageservice/cell-join", () => {
  it("nests each cell in a block after the hoisted imports, and maps every offset both ways", () => {
    const joined = JoinedNotebook.join(cells('import { readCsv } from "aibook";\nconst df = await readCsv("a.csv");', "const n = df.shape[0];\nn"));
    assert.match(joined.text, /^import \{ readCsv \} from "aibook";\nexport \{\};\n\{\n/);
    assert.ok(joined.text.trimEnd().endsWith("}}"));
    assertRoundTrip(joined);
  });

  it("parses as a module in which a re-declared const is no error", () => {
    const joined = JoinedNotebook.join(cells("const x = 1;", "const x = 'a';\nx.length", "let y = x;"));
    const file = ts.createSourceFile("n.ts", joined.text, ts.ScriptTarget.ES2022, true);
    assert.equal((file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0);
  });

  it("keeps a cell's lines where they are when an import in the middle of it is hoisted", () => {
    const text = 'const a = 1;\nimport {\n  x\n} from "m";\nconst b = x;';
    const joined = JoinedNotebook.join(cells(text));
    const cell = joined.cells[0]!;
    const b = text.indexOf("b =");
    const mapped = joined.positionInCell(joined.toJoined(cell.id, b)!)!;
    assert.deepEqual(mapped.position, { line: 4, character: 6 });
    const x = text.indexOf("x\n}");
    const inHeader = joined.toJoined(cell.id, x)!;
    assert.ok(inHeader < joined.text.indexOf("export {}"), "an import's position maps into the header");
    assert.deepEqual(joined.positionInCell(inHeader)!.position, { line: 2, character: 2 });
    assertRoundTrip(joined);
  });

  it("returns no cell for generated text", () => {
    const joined = JoinedNotebook.join(cells("1", "2"));
    assert.equal(joined.toCell(joined.text.indexOf("export")), undefined);
    assert.equal(joined.toCell(joined.text.length - 1), undefined);
  });

  it("follows cells edited, inserted, moved and deleted", () => {
    const cache = new CellSyntaxCache();
    let inputs = cells("const a = 1;", "const b = a + 1;", "b");
    assertRoundTrip(JoinedNotebook.join(inputs, cache));
    inputs[1] = { id: "cell-1", text: "const b = a + 2;\nconst c = b;" }; // edited
    let joined = JoinedNotebook.join(inputs, cache);
    assertRoundTrip(joined);
    assert.deepEqual(joined.positionInCell(joined.offsetOfPosition("cell-1", { line: 1, character: 6 })!)!.position, { line: 1, character: 6 });
    inputs.splice(1, 0, { id: "new", text: 'import x from "y";\nx' }); // inserted
    joined = JoinedNotebook.join(inputs, cache);
    assertRoundTrip(joined);
    assert.deepEqual(joined.cells.map((c) => c.id), ["cell-0", "new", "cell-1", "cell-2"]);
    inputs = [inputs[3]!, inputs[0]!, inputs[1]!, inputs[2]!]; // moved
    joined = JoinedNotebook.join(inputs, cache);
    assertRoundTrip(joined);
    assert.equal(joined.cell("cell-2")!.index, 0);
    assert.ok(joined.cell("cell-2")!.bodyStart < joined.cell("cell-0")!.bodyStart);
    inputs = inputs.filter((c) => c.id !== "new"); // deleted
    joined = JoinedNotebook.join(inputs, cache);
    assertRoundTrip(joined);
    assert.equal(joined.cell("new"), undefined);
    assert.equal(joined.toJoined("new", 0), undefined);
    assert.ok(!joined.text.includes('from "y"'), "a deleted cell's hoisted import goes with it");
  });

  it("maps a span to its cell and cuts it at the cell's end", () => {
    const joined = JoinedNotebook.join(cells("let abc = 1;", "abc"));
    const start = joined.toJoined("cell-1", 0)!;
    assert.deepEqual(
      (({ cell, start: s, end }) => ({ id: cell.id, s, end }))(joined.spanToCell(start, 3)!),
      { id: "cell-1", s: 0, end: 3 },
    );
    assert.equal(joined.spanToCell(start, 50)!.end, 3);
  });

  it("finds the first cell that does not parse on its own", () => {
    assert.equal(JoinedNotebook.join(cells("1", "function f() {", "2")).firstCellWithSyntaxErrors(), 1);
    assert.equal(JoinedNotebook.join(cells("1", "2")).firstCellWithSyntaxErrors(), -1);
  });

  it("round-trips offsets of generated notebooks with imports, CRLF and unicode", () => {
    const line = fc.constantFrom("const a = 1;", 'import { z } from "aibook";', "x\r", "// é😀", "", "  await f();", 'import t = require("t");');
    const cellText = fc.array(line, { maxLength: 6 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(fc.array(cellText, { maxLength: 6 }), (texts) => {
        const joined = JoinedNotebook.join(cells(...texts));
        assertRoundTrip(joined);
        for (const cell of joined.cells) {
          const lines = new LineMap(cell.text);
          for (let offset = 0; offset <= cell.text.length; offset++) {
            assert.equal(joined.positionInCell(joined.toJoined(cell.id, offset)!)!.cell.id, cell.id);
            assert.equal(lines.offsetAt(lines.positionAt(offset)) <= cell.text.length, true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("languageservice/line-map", () => {
  it("converts offsets and positions with LF, CRLF and CR line ends", () => {
    const map = new LineMap("ab\r\ncd\ne\rf");
    assert.deepEqual(map.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(map.positionAt(8), { line: 2, character: 1 });
    assert.deepEqual(map.positionAt(9), { line: 3, character: 0 });
    assert.equal(map.offsetAt({ line: 1, character: 1 }), 5);
    assert.equal(map.offsetAt({ line: 0, character: 99 }), 2, "past the line's end clamps before the line break");
    assert.equal(map.lineCount, 4);
  });
});
