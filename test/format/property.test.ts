import assert from "node:assert/strict";
import fc from "fast-check";
import {
  NotebookFormatError,
  parseNotebook,
  serializeNotebook,
  type AibookCell,
  type AibookNotebook,
  type AibookOutputItem,
  type JsonObject,
  type JsonValue,
} from "../../src/format";
import { KNOWN_KEYS } from "../../src/format/parse";

/** Unknown keys at one level: any JSON under names the format does not use there. */
function extras(known: readonly string[]): fc.Arbitrary<JsonObject | undefined> {
  const key = fc.string({ maxLength: 8 }).filter((k) => !known.includes(k));
  return fc.option(fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>, { minKeys: 1, maxKeys: 3 }), { nil: undefined });
}

const item: fc.Arbitrary<AibookOutputItem> = fc.oneof(
  fc.record({ mime: fc.constant("text/plain"), data: fc.string({ unit: "binary", maxLength: 40 }) }),
  fc.record({ mime: fc.constant("application/vnd.aibook.table+json"), data: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue> }),
  fc.record({
    mime: fc.constantFrom("image/png", "application/octet-stream"),
    data: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64")),
    encoding: fc.constant("base64" as const),
  }),
).chain((i) => extras(KNOWN_KEYS.item).map((extra) => (extra ? { ...i, extra } : i)));

const text = fc.string({ unit: "binary", maxLength: 60 });

const codeCell: fc.Arbitrary<AibookCell> = fc
  .record({
    kind: fc.constant("code" as const),
    source: text,
    language: fc.constantFrom("typescript", "javascript"),
    execution: fc.option(
      fc.record(
        { count: fc.option(fc.nat(), { nil: null }), success: fc.boolean(), durationMs: fc.nat(), extra: extras(KNOWN_KEYS.execution) },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    outputs: fc.array(fc.record({ items: fc.array(item, { maxLength: 3 }), extra: extras(KNOWN_KEYS.output) }), { maxLength: 3 }),
    extra: extras(KNOWN_KEYS.codeCell),
  })
  .map(dropUndefined);

const markdownCell: fc.Arbitrary<AibookCell> = fc
  .record({ kind: fc.constant("markdown" as const), source: text, extra: extras(KNOWN_KEYS.markdownCell) })
  .map(dropUndefined);

const notebook: fc.Arbitrary<AibookNotebook> = fc
  .record({
    metadata: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>, { maxKeys: 3 }),
    cells: fc.array(fc.oneof(codeCell, markdownCell), { maxLength: 5 }),
    extra: extras(KNOWN_KEYS.notebook),
    layout: fc.record({ bom: fc.boolean(), lineEnding: fc.constantFrom("\n" as const, "\r\n" as const) }),
  })
  .map(dropUndefined);

/** Generated objects hold `undefined` for absent options; the parser leaves such keys out. */
function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropUndefined) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) Object.defineProperty(out, k, { value: dropUndefined(v), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
  }
  return value;
}

/** What the file can hold: JSON drops -0's sign, and keys keep JavaScript's order. */
function asJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

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
