import assert from "node:assert/strict";
import fc from "fast-check";
import { serializeNotebook, type AibookNotebook, type AibookOutput, type JsonObject } from "../../src/format";
import { fromIpynb, JUPYTER_KEY, toIpynb, type IpynbImportWarning } from "../../src/format/ipynb";
import { notebook } from "./arbitraries";

/**
 * What an ipynb export is documented to keep: one item per mime in an output (Jupyter's mime
 * bundle), and no `jupyter` unknown key (that is where an import keeps Jupyter's details).
 */
function representable(nb: AibookNotebook): AibookNotebook {
  const noJupyter = (extra: JsonObject | undefined) => {
    if (!extra || !(JUPYTER_KEY in extra)) return extra;
    const rest = { ...extra };
    delete rest[JUPYTER_KEY];
    return Object.keys(rest).length > 0 ? rest : undefined;
  };
  const output = (o: AibookOutput): AibookOutput => {
    const seen = new Set<string>();
    return { ...o, items: o.items.filter((i) => !seen.has(i.mime) && seen.add(i.mime)) };
  };
  const strip = <T extends { extra?: JsonObject }>(value: T): T => {
    const extra = noJupyter(value.extra);
    const copy = { ...value };
    delete copy.extra;
    return extra ? { ...copy, extra } : copy;
  };
  return strip({
    ...nb,
    cells: nb.cells.map((cell) => strip(cell.outputs ? { ...cell, outputs: cell.outputs.map(output) } : cell)),
  });
}

describe("format: ipynb export and import (fast-check)", () => {
  it("importing an export gives the notebook back byte for byte, with no warning", () => {
    fc.assert(
      fc.property(notebook.map(representable), (nb) => {
        const warnings: IpynbImportWarning[] = [];
        const back = fromIpynb(JSON.parse(JSON.stringify(toIpynb(nb), null, 1)), warnings);
        assert.equal(serializeNotebook(back), serializeNotebook(nb));
        assert.deepEqual(warnings, []);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps printed text and errors, as the kernel writes them, through an export", () => {
    const text = fc.string({ unit: "binary", maxLength: 30 }).map((t) => t.replace(/\u001b/g, ""));
    const output: fc.Arbitrary<AibookOutput> = fc.oneof(
      fc.record({ mime: fc.constantFrom("application/vnd.code.notebook.stdout", "application/vnd.code.notebook.stderr"), data: text }).map((i) => ({ items: [i] })),
      fc.record({ name: fc.constantFrom("Error", "TypeError"), message: text, stack: text }).map((data) => ({ items: [{ mime: "application/vnd.code.notebook.error", data }] })),
    );
    fc.assert(
      fc.property(fc.array(output, { maxLength: 4 }), text, (outputs, source) => {
        const nb: AibookNotebook = { metadata: {}, cells: [{ kind: "code", language: "typescript", source, outputs }] };
        const back = fromIpynb(JSON.parse(JSON.stringify(toIpynb(nb))));
        assert.equal(serializeNotebook(back), serializeNotebook(nb));
      }),
      { numRuns: 300 },
    );
  });
});
