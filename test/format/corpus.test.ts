import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseNotebook, serializeNotebook } from "../../src/format";
import { pitfallCorpusDir } from "./paths";

describe("format: the pitfall corpus round-trips byte for byte", () => {
  const files = readdirSync(pitfallCorpusDir).filter((f) => f.endsWith(".aibook"));

  it("finds the corpus", () => {
    assert.ok(files.length >= 20, `expected the pitfall notebooks in ${pitfallCorpusDir}, found ${files.length}`);
  });

  for (const file of files) {
    it(file, () => {
      const bytes = readFileSync(path.join(pitfallCorpusDir, file));
      const notebook = parseNotebook(bytes, file);
      assert.ok(notebook.cells.length > 0);
      assert.equal(serializeNotebook(notebook), bytes.toString("utf8"));
    });
  }

  it("keeps every cell's text and kind", () => {
    const file = path.join(pitfallCorpusDir, files[0]);
    const raw = JSON.parse(readFileSync(file, "utf8")) as { cells: { kind: string; source: string[] }[] };
    const notebook = parseNotebook(readFileSync(file), file);
    assert.deepEqual(
      notebook.cells.map((c) => [c.kind, c.source]),
      raw.cells.map((c) => [c.kind, c.source.join("\n")]),
    );
  });
});
