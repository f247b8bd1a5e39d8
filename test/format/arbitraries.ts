/** fast-check generators of `.aibook` notebooks, shared by the format's property tests. */
import fc from "fast-check";
import type { AibookCell, AibookNotebook, AibookOutputItem, JsonObject, JsonValue } from "../../src/format";
import { KNOWN_KEYS } from "../../src/format/parse";

/** Unknown keys at one level: any JSON under names the format does not use there. */
export function extras(known: readonly string[]): fc.Arbitrary<JsonObject | undefined> {
  const key = fc.string({ maxLength: 8 }).filter((k) => !known.includes(k));
  return fc.option(fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>, { minKeys: 1, maxKeys: 3 }), { nil: undefined });
}

export const item: fc.Arbitrary<AibookOutputItem> = fc.oneof(
  fc.record({ mime: fc.constant("text/plain"), data: fc.string({ unit: "binary", maxLength: 40 }) }),
  fc.record({ mime: fc.constant("application/vnd.aibook.table+json"), data: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue> }),
  fc.record({
    mime: fc.constantFrom("image/png", "application/octet-stream"),
    data: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64")),
    encoding: fc.constant("base64" as const),
  }),
).chain((i) => extras(KNOWN_KEYS.item).map((extra) => (extra ? { ...i, extra } : i)));

export const text = fc.string({ unit: "binary", maxLength: 60 });

export const codeCell: fc.Arbitrary<AibookCell> = fc
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

export const markdownCell: fc.Arbitrary<AibookCell> = fc
  .record({ kind: fc.constant("markdown" as const), source: text, extra: extras(KNOWN_KEYS.markdownCell) })
  .map(dropUndefined);

export const notebook: fc.Arbitrary<AibookNotebook> = fc
  .record({
    metadata: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>, { maxKeys: 3 }),
    cells: fc.array(fc.oneof(codeCell, markdownCell), { maxLength: 5 }),
    extra: extras(KNOWN_KEYS.notebook),
    layout: fc.record({ bom: fc.boolean(), lineEnding: fc.constantFrom("\n" as const, "\r\n" as const) }),
  })
  .map(dropUndefined);

/** Generated objects hold `undefined` for absent options; the parser leaves such keys out. */
export function dropUndefined<T>(value: T): T {
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
export function asJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

