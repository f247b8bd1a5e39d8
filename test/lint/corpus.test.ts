/**
 * The labelled pitfall corpus (shared/corpus/pitfalls, beside the repository) scored in-process,
 * the way shared/tools/score-pitfalls.mjs scores the CLI: a finding is right when a label of its
 * rule accepts its cell; optional labels count neither way; runtime rules are out of scope here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseNotebook } from "../../src/format";
import { lintNotebook } from "../../src/lint";

const corpus = path.resolve(__dirname, "..", "..", "..", "shared", "corpus", "pitfalls");
const runtimeRules = new Set(["non-representative-test", "duplicate-leakage", "imbalanced-accuracy", "missing-values", "temporal-leakage"]);

interface Label {
  rule: string;
  cells: number[];
  optional?: boolean;
}

describe("pitfall corpus (static rules)", () => {
  it("reaches precision and recall of at least 0.95", () => {
    const labels = JSON.parse(readFileSync(path.join(corpus, "labels.json"), "utf8")) as Record<string, Label[]>;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const problems: string[] = [];
    for (const [file, all] of Object.entries(labels)) {
      const notebook = parseNotebook(readFileSync(path.join(corpus, file)), file);
      const found = new Set(
        lintNotebook(notebook.cells.map((c, index) => ({ index, kind: c.kind, source: c.source, language: c.language }))).map((d) => `${d.rule}@${d.cell}`),
      );
      const expected = all.filter((l) => !runtimeRules.has(l.rule));
      const hit = new Set<Label>();
      for (const key of found) {
        const [rule, cell] = [key.slice(0, key.lastIndexOf("@")), Number(key.slice(key.lastIndexOf("@") + 1))];
        const label = expected.find((l) => l.rule === rule && l.cells.includes(cell));
        if (!label) {
          fp++;
          problems.push(`wrong: ${file} cell ${cell} ${rule}`);
        } else if (!label.optional) hit.add(label);
      }
      for (const l of expected.filter((l) => !l.optional)) {
        if (hit.has(l)) tp++;
        else {
          fn++;
          problems.push(`missed: ${file} cells ${l.cells.join(",")} ${l.rule}`);
        }
      }
    }
    assert.ok(tp + fn > 0, "the corpus has static labels");
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp / (tp + fn);
    assert.ok(precision >= 0.95 && recall >= 0.95, `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n${problems.join("\n")}`);
  });
});
