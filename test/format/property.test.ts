import assert from "node:assert/strict";
import fc from "fast-check";
import { NotebookFormatError, parseNotebook, serializeNotebook } from "../../src/format";
import { asJson, notebook } from "./arbitraries";

describe("format: generated notebooks (fast-check)", () => {
  it("serialize -> parse -> serialize gives the same bytes, and parse gives the model back", () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const first = serializeNotebook(nb);
        const parsed = parseNotebook(first, "generated.aibook");
        assert.equal(serializeNotebook(parsed), first);
        assert.deepEqual(parsed, asJson(nb));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps unknown keys at every level", () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const parsed = parseNotebook(serializeNotebook(nb), "generated.aibook");
        assert.deepEqual(parsed.extra, asJson(nb.extra));
        nb.cells.forEach((cell, i) => {
          assert.deepEqual(parsed.cells[i].extra, asJson(cell.extra));
          assert.deepEqual(parsed.cells[i].execution?.extra, asJson(cell.execution?.extra));
          cell.outputs?.forEach((o, j) => {
            assert.deepEqual(parsed.cells[i].outputs?.[j].extra, asJson(o.extra));
            o.items.forEach((it, k) => assert.deepEqual(parsed.cells[i].outputs?.[j].items[k].extra, asJson(it.extra)));
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("writes the file's layout: two-space JSON, source as lines, final newline, its line ending and BOM", () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const saved = serializeNotebook(nb);
        const body = nb.layout?.bom ? saved.slice(1) : saved;
        assert.equal(saved.startsWith("\uFEFF"), nb.layout?.bom === true);
        const lf = nb.layout?.lineEnding === "\r\n" ? body.replace(/\r\n/g, "\n") : body;
        assert.equal(lf.includes("\r"), false, "no line break but the file's own");
        const raw = JSON.parse(lf) as { cells: { source: unknown }[] };
        // Keys like "0" are the one thing JSON.stringify orders differently (first), so leave those out here.
        fc.pre(!/"(0|[1-9]\d*)": /.test(lf));
        assert.equal(lf, JSON.stringify(raw, null, 2) + "\n");
        raw.cells.forEach((c) => assert.ok(Array.isArray(c.source)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("format: damaged files (fast-check)", () => {
  it("either open or fail with a NotebookFormatError whose line and column are inside the file", () => {
    const damage = fc.tuple(notebook, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ unit: "binary", maxLength: 3 })), { minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(damage, ([nb, edits]) => {
        let text = serializeNotebook(nb);
        for (const [at, remove, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        try {
          const parsed = parseNotebook(text, "damaged.aibook");
          const again = serializeNotebook(parsed);
          assert.equal(serializeNotebook(parseNotebook(again, "damaged.aibook")), again);
        } catch (e) {
          assert.ok(e instanceof NotebookFormatError, `not a NotebookFormatError: ${String(e)}`);
          const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
          assert.ok(e.line >= 1 && e.line <= lines.length, `line ${e.line} of ${lines.length}`);
          assert.ok(e.column >= 1 && e.column <= lines[e.line - 1].length + 1, `column ${e.column} on line ${e.line}`);
          assert.ok(e.message.startsWith(`damaged.aibook:${e.line}:${e.column}: `));
        }
      }),
      { numRuns: 500 },
    );
  });
});
