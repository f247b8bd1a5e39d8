import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseNotebook } from "../../src/format";
import { CellPositionMap, createLinter, lintNotebook, suppressedRules, type LintCell } from "../../src/lint";

const notebook = (...cells: (string | { md: string })[]): LintCell[] =>
  cells.map((c, index) => (typeof c === "string" ? { index, kind: "code", source: c } : { index, kind: "markdown", source: c.md }));

const leaky = notebook(
  { md: "# Iris" },
  `import { readCsv, trainTestSplit, DecisionTreeClassifier, evaluate } from "aibook";\nconst iris = await readCsv("iris.csv");`,
  { md: "Split without stratify." },
  `const parts = trainTestSplit(iris.drop({ columns: ["species"] }), iris["species"], { testSize: 0.3 });`,
  `const tree = new DecisionTreeClassifier().fit(parts.xTrain, parts.yTrain);\nevaluate(tree, parts.xTest, parts.yTest);`,
);

describe("lint engine", () => {
  it("counts markdown cells in cell indexes and gives 1-based line and column ranges", () => {
    const [d] = lintNotebook(leaky);
    assert.equal(d!.rule, "unstratified-split");
    assert.deepEqual([d!.cell, d!.line, d!.column, d!.endLine], [3, 1, 15, 1]);
    assert.equal(d!.endColumn, leaky[3]!.source.length);
    assert.equal(d!.source, "static");
    assert.deepEqual(d!.related.map((r) => [r.cell, r.line]), [[4, 1]]);
  });

  it("silences a finding with aibook-disable-next-line and aibook-disable-line", () => {
    const above = [...leaky];
    above[3] = { ...leaky[3]!, source: `// aibook-disable-next-line unstratified-split -- regression of sorts\n${leaky[3]!.source}` };
    assert.deepEqual(lintNotebook(above), []);
    const same = [...leaky];
    same[3] = { ...leaky[3]!, source: `${leaky[3]!.source} // aibook-disable-line` };
    assert.deepEqual(lintNotebook(same), []);
    const other = [...leaky];
    other[3] = { ...leaky[3]!, source: `// aibook-disable-next-line no-baseline\n${leaky[3]!.source}` };
    assert.equal(lintNotebook(other).length, 1, "another rule's comment silences nothing here");
  });

  it("reads which rules a comment silences", () => {
    assert.deepEqual(suppressedRules("// aibook-disable-next-line a, b\nx", 2), ["a", "b"]);
    assert.deepEqual(suppressedRules("x // aibook-disable-line", 1), ["*"]);
    assert.deepEqual(suppressedRules("x", 1), []);
  });

  it("turns rules off or changes their severity from settings, and runs only the rules asked for", () => {
    assert.deepEqual(lintNotebook(leaky, { rules: { "unstratified-split": "off" } }), []);
    assert.equal(lintNotebook(leaky, { rules: { "unstratified-split": "error" } })[0]!.severity, "error");
    assert.deepEqual(lintNotebook(leaky, { only: ["no-baseline"] }), []);
  });

  it("re-parses only the edited cell and gives the same findings", () => {
    const linter = createLinter();
    const first = linter.lint(leaky);
    assert.equal(linter.lastParsedCount, 3);
    const edited = [...leaky];
    edited[4] = { ...leaky[4]!, source: leaky[4]!.source + " " };
    const second = linter.lint(edited);
    assert.equal(linter.lastParsedCount, 1);
    assert.deepEqual(second.map((d) => [d.rule, d.cell, d.line]), first.map((d) => [d.rule, d.cell, d.line]));
  });

  it("keeps two cells with the same text apart", () => {
    const twice = notebook(leaky[1]!.source, leaky[3]!.source, leaky[3]!.source, leaky[4]!.source);
    assert.deepEqual(lintNotebook(twice).map((d) => d.cell), [2]);
  });

  it("does not throw on code it cannot follow or that does not parse", () => {
    const odd = notebook(`class A { #x = 1; static { } }\nconst f = async function* () { yield* g(); };\nlabel: for (;;) break label;`, `const = ;;; fit(`, `x?.y?.(z)[0] ??= w;`);
    const linter = createLinter();
    assert.deepEqual(linter.lint(odd), []);
    assert.deepEqual(linter.lastFacts!.internalErrors, []);
  });
});

describe("CellPositionMap", () => {
  const map = new CellPositionMap(["a\nbc", "", "d\r\nef"], [0, 2, 5]);
  it("maps program offsets to cells, lines and columns", () => {
    assert.equal(map.text, "a\nbc\n\nd\r\nef");
    assert.deepEqual(map.toCell(0), { cell: 0, line: 1, column: 1 });
    assert.deepEqual(map.toCell(3), { cell: 0, line: 2, column: 2 });
    assert.deepEqual(map.toCell(5), { cell: 2, line: 1, column: 1 });
    assert.deepEqual(map.toCell(9), { cell: 5, line: 2, column: 1 });
  });
  it("maps cell positions back to program offsets", () => {
    for (let offset = 0; offset < map.text.length; offset++) {
      if (map.text[offset] === "\n" && map.text[offset - 1] !== "\r") continue;
      const at = map.toCell(offset);
      if (map.text[offset] === "\n") continue;
      assert.equal(map.toProgram(at), offset, `offset ${offset}`);
    }
    assert.equal(map.toProgram({ cell: 1, line: 1, column: 1 }), undefined);
  });
});

describe("lint engine while typing", () => {
  it("lints every prefix of the corpus cells (half-typed code) without failing a statement", () => {
    const corpus = path.resolve(__dirname, "..", "..", "..", "shared", "corpus", "pitfalls");
    const linter = createLinter();
    let runs = 0;
    for (const file of readdirSync(corpus).filter((f) => f.endsWith(".aibook"))) {
      const cells: LintCell[] = parseNotebook(readFileSync(path.join(corpus, file)), file).cells.map((c, index) => ({ index, kind: c.kind, source: c.source }));
      cells.forEach((cell, i) => {
        if (cell.kind !== "code") return;
        for (let cut = 0; cut < cell.source.length; cut += 11) {
          const typing = cells.map((c, j) => (j === i ? { ...c, source: c.source.slice(0, cut) } : c));
          linter.lint(typing);
          assert.deepEqual(linter.lastFacts!.internalErrors, [], `${file} cell ${i} cut at ${cut}`);
          runs++;
        }
      });
    }
    assert.ok(runs > 100);
  });
});
