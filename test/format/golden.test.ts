import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseNotebook, serializeNotebook, type AibookNotebook } from "../../src/format";
import { formatFixturesDir } from "./paths";

/**
 * Golden files: NAME.aibook parses to NAME.model.json, and that model saves to NAME.aibook
 * itself, or to NAME.saved.aibook where the input is not in the writer's form.
 */
describe("format: golden files", () => {
  const dir = path.join(formatFixturesDir, "golden");
  const inputs = readdirSync(dir).filter((f) => f.endsWith(".aibook") && !f.endsWith(".saved.aibook"));

  it("has the golden inputs", () => {
    assert.deepEqual(inputs.sort(), ["bom-crlf.aibook", "empty.aibook", "full.aibook", "normalize.aibook", "placeholder.aibook"]);
  });

  for (const input of inputs) {
    const base = input.replace(/\.aibook$/, "");
    const bytes = readFileSync(path.join(dir, input));
    const model = JSON.parse(readFileSync(path.join(dir, `${base}.model.json`), "utf8")) as AibookNotebook;
    const savedFile = path.join(dir, `${base}.saved.aibook`);
    const expectedSave = existsSync(savedFile) ? readFileSync(savedFile, "utf8") : bytes.toString("utf8");

    it(`${input} parses to ${base}.model.json`, () => {
      assert.deepEqual(parseNotebook(bytes, input), model);
    });

    it(`${base}.model.json saves to ${existsSync(savedFile) ? `${base}.saved.aibook` : input}`, () => {
      assert.equal(serializeNotebook(model), expectedSave);
    });

    it(`${input}: a second save is stable`, () => {
      assert.equal(serializeNotebook(parseNotebook(expectedSave, input)), expectedSave);
    });
  }

  it("bom-crlf.aibook keeps its byte order mark and CRLF line endings", () => {
    const bytes = readFileSync(path.join(dir, "bom-crlf.aibook"));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const saved = serializeNotebook(parseNotebook(bytes, "bom-crlf.aibook"));
    assert.ok(saved.startsWith("\uFEFF{\r\n"));
    assert.equal(saved.replace(/\r\n/g, "").includes("\n"), false, "every line break is CRLF");
    assert.ok(Buffer.from(saved, "utf8").equals(bytes));
  });
});
