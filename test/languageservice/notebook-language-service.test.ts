import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NotebookLanguageService } from "../../src/languageservice/notebook-language-service";
import type { CellInput } from "../../src/languageservice/cell-join";
import { typeLocations } from "../../src/languageservice/module-resolution";
import ts from "typescript";

const repoRoot = path.resolve(__dirname, "../..");
const cells = (...texts: string[]): CellInput[] => texts.map((text, i) => ({ id: `cell-${i}`, text }));

/** A service over the given cells, as if the notebook lived in the repository's root folder. */
const registry = ts.createDocumentRegistry();
/** The runtime's sources, not a possibly stale dist/types build. */
const locations = { ...typeLocations(repoRoot), aibookEntry: path.join(repoRoot, "src", "runtime", "index.ts") };

function serviceOf(...texts: string[]): NotebookLanguageService {
  const service = new NotebookLanguageService({ notebookPath: path.join(repoRoot, "test-notebook.aibook"), extensionRoot: repoRoot, typeLocations: locations, documentRegistry: registry });
  service.update(cells(...texts));
  return service;
}

const errorsOf = (service: NotebookLanguageService) =>
  [...service.diagnostics()].flatMap(([cellId, list]) => list.map((d) => ({ cellId, code: d.code, text: service.cell(cellId)!.text.slice(d.start, d.end), message: d.message })));

describe("languageservice/notebook-language-service", function () {
  this.timeout(60000);

  it("completes a name declared two cells above", () => {
    const service = serviceOf("const trainingRows = [1, 2, 3];", "const other = 1;", "training");
    const names = service.completions("cell-2", "training".length).map((e) => e.name);
    assert.ok(names.includes("trainingRows"), names.slice(0, 20).join(","));
    const members = serviceOf("const rows = [1, 2];", "", "rows.").completions("cell-2", 5).map((e) => e.name);
    assert.ok(members.includes("slice") && members.includes("length"));
  });

  it("knows the kernel's global display(), and still reports a name nothing declares", () => {
    assert.deepEqual(errorsOf(serviceOf("const rows = [1, 2];", "display(rows, rows.length);")), []);
    const [typo] = errorsOf(serviceOf("displayed(1);"));
    assert.match(typo!.message, /Cannot find name 'displayed'\. Did you mean 'display'\?/);
  });

  it("reports a type error on the cell and text where it is", () => {
    const service = serviceOf("const n: number = 1;", "const ok = n + 1;", 'const bad: string = n;\nconst fine = "x";');
    const errors = errorsOf(service);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.deepEqual({ cellId: errors[0]!.cellId, code: errors[0]!.code, text: errors[0]!.text }, { cellId: "cell-2", code: 2322, text: "bad" });
  });

  it("does not report a name declared again in a later cell, and types it by the later declaration", () => {
    const service = serviceOf("const x = 1;", "const y: number = x;", 'const x = "text";', "const z: string = x;", "let x = [1];\nfunction x2() {}");
    assert.deepEqual(errorsOf(service), []);
    const hover = service.hover("cell-3", "const z: string = ".length)!;
    assert.match(hover.markdown, /const x: "text"/);
  });

  it("lets a function use a name that a later cell declares (the kernel shares top-level names), but not top-level code", () => {
    const service = serviceOf("function total() { return helper() + offset; }", "function helper() { return 1; }\nconst offset = 2;", "total();");
    assert.deepEqual(errorsOf(service), []);
    const early = errorsOf(serviceOf("const used = later + 1;", "const later = 1;"));
    assert.deepEqual(early.map((e) => `${e.cellId}:${e.code}:${e.text}`), ["cell-0:2304:later"], "top-level code runs before the later cell declares it");
  });

    it("accepts top-level await and static imports anywhere in a cell", () => {
    const service = serviceOf('const a = 1;\nimport { readFile } from "node:fs/promises";\nconst text = await readFile("x", "utf8");', "const length: number = text.length;");
    assert.deepEqual(errorsOf(service), []);
  });

  it("accepts export keywords and export {} in cells, which the kernel drops", () => {
    const service = serviceOf("export const a = 1;\nexport {};", "export function twice(n: number) { return 2 * n; }\nexport default twice(a);", "const b: number = twice(a);");
    assert.deepEqual(errorsOf(service), []);
  });

    it("reports an unknown module where it is imported", () => {
    const errors = errorsOf(serviceOf("const a = 1;", 'import { q } from "no-such-package-anywhere";'));
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.cellId, "cell-1");
    assert.equal(errors[0]!.code, 2307);
    assert.equal(errors[0]!.text, '"no-such-package-anywhere"');
  });

  it("resolves aibook to the runtime and shows its TSDoc on hover", () => {
    const service = serviceOf('import { createRandom } from "aibook";', "const r = createRandom(42);");
    assert.deepEqual(errorsOf(service), []);
    const hover = service.hover("cell-1", "const r = create".length)!;
    assert.match(hover.markdown, /createRandom\(seed\?: number\): Random/);
    assert.match(hover.markdown, /seeded with `seed`/);
  });

  it("shows trainTestSplit's signature and its options' docs from the runtime", () => {
    const service = serviceOf('import { trainTestSplit } from "aibook";\nconst X = [[1], [2], [3], [4]];\nconst y = [0, 1, 0, 1];', "const parts = trainTestSplit(X, y, { testSize: 0.5 });");
    assert.deepEqual(errorsOf(service), []);
    const hover = service.hover("cell-1", "const parts = train".length)!;
    assert.match(hover.markdown, /trainTestSplit<number\[\]\[\], number\[\]>\(X: number\[\]\[\], y: number\[\], options\?: SplitOptions\): XYSplit/);
    assert.match(hover.markdown, /Split before any data-dependent step/, "the function's own TSDoc is shown");
    const option = service.hover("cell-1", "const parts = trainTestSplit(X, y, { test".length)!;
    assert.match(option.markdown, /Fraction \(0–1\) or number of test rows/);
    const names = service.completions("cell-1", "const parts = trainTestSplit(X, y, { ".length).map((e) => e.name);
    assert.ok(names.includes("stratify") && names.includes("seed"), names.join());
  });

  it("resolves the runtime's libraries from the extension's node_modules", () => {
    const service = serviceOf('import * as tf from "@tensorflow/tfjs";\nimport { DataFrame } from "danfojs-node";\nimport { RandomForestClassifier } from "ml-random-forest";', "const t = tf.tensor([1, 2]);\nconst df = new DataFrame([{ a: 1 }]);");
    assert.deepEqual(errorsOf(service), []);
  });

  it("resolves packages installed beside the notebook (the nearest node_modules up from its folder) and .ts files next to it", () => {
    const project = mkdtempSync(path.join(os.tmpdir(), "aibook-ls-"));
    try {
      const pkg = path.join(project, "node_modules", "churn-helpers");
      mkdirSync(pkg, { recursive: true });
      writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "churn-helpers", version: "1.0.0", types: "index.d.ts" }));
      writeFileSync(path.join(pkg, "index.d.ts"), "/** Rows per customer. */\nexport declare function rowsPerCustomer(): number;\n");
      mkdirSync(path.join(project, "notebooks", "deep"), { recursive: true });
      writeFileSync(path.join(project, "notebooks", "deep", "helpers.ts"), "export const churnThreshold = 0.5;\n");
      const service = new NotebookLanguageService({ notebookPath: path.join(project, "notebooks", "deep", "churn.aibook"), extensionRoot: repoRoot, typeLocations: locations, documentRegistry: registry });
      service.update(cells('import { rowsPerCustomer } from "churn-helpers";\nimport { churnThreshold } from "./helpers.ts";', "const n: string = rowsPerCustomer();\nconst t: number = churnThreshold;"));
      assert.deepEqual(errorsOf(service).map((e) => `${e.cellId}:${e.code}`), ["cell-1:2322"], "the package's and the .ts file's types are known, so the wrong annotation is the only error");
      assert.match(service.hover("cell-1", "const n: string = rows".length)!.markdown, /Rows per customer/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it("keeps a cell's syntax error in that cell and holds back type errors below a cell that breaks the structure", () => {
    const service = serviceOf("const a: number = 1;", "function f() {", 'const b: string = a;');
    const errors = errorsOf(service);
    assert.ok(errors.every((e) => e.cellId === "cell-1"), JSON.stringify(errors));
    assert.ok(errors.length > 0);
    const balanced = serviceOf("const a: number = 1;", "a.", 'const b: string = a;');
    const found = errorsOf(balanced).map((e) => `${e.cellId}:${e.code}`);
    assert.ok(found.includes("cell-1:1003"), found.join());
    assert.ok(found.includes("cell-2:2322"), "a cell with a balanced syntax error leaves the cells below it checked: " + found.join());
  });

  it("goes to a definition in an earlier cell and renames across cells", () => {
    const service = serviceOf("const total = 1;", "total + 1;", "const more = total * 2;");
    assert.deepEqual(service.definition("cell-2", "const more = t".length), [{ cellId: "cell-0", start: 6, end: 11 }]);
    const spans = service.renameLocations("cell-1", 0).map((s) => `${s.cellId}:${s.start}-${s.end}`);
    assert.deepEqual(spans.sort(), ["cell-0:6-11", "cell-1:0-5", "cell-2:13-18"]);
  });

  it("stops a rename at a later re-declaration of the same name", () => {
    const service = serviceOf("let v = 1;", "v;", "const v = 2;", "v;");
    const spans = service.renameLocations("cell-0", 4).map((s) => s.cellId).sort();
    assert.deepEqual(spans, ["cell-0", "cell-1"]);
  });

  it("gives signature help and semantic tokens inside a cell", () => {
    const service = serviceOf("function scale(value: number, by: number) { return value * by; }", "scale(1, ");
    const help = service.signatureHelp("cell-1", "scale(1, ".length)!;
    assert.equal(help.argumentIndex, 1);
    const tokens = service.semanticTokens("cell-1");
    assert.deepEqual(tokens[0] && { line: tokens[0].line, character: tokens[0].character, length: tokens[0].length, type: tokens[0].type }, { line: 0, character: 0, length: 5, type: 10 });
  });

  it("follows edits: a later update sees the new text", () => {
    const service = serviceOf("const a = 1;", "a");
    assert.deepEqual(errorsOf(service), []);
    service.update(cells("const a = 1;", "b"));
    assert.deepEqual(errorsOf(service).map((e) => e.code), [2304]);
    service.update([{ id: "cell-1", text: "b" }, { id: "cell-0", text: "const b = 1;" }]);
    assert.deepEqual(errorsOf(service).map((e) => `${e.cellId}:${e.code}`), ["cell-1:2304"], "a cell moved above the declaration no longer sees it");
  });

  it("reads no package.json again after an edit: TypeScript reuses the resolver's package.json cache", () => {
    const service = serviceOf('import { trainTestSplit } from "aibook";\nimport { Matrix } from "ml-matrix";', "const rows = [[1]];", "rows.");
    assert.ok(service.completions("cell-2", 5).length > 0);
    const read: string[] = [];
    const readFile = ts.sys.readFile;
    ts.sys.readFile = (file, encoding) => {
      read.push(file);
      return readFile(file, encoding);
    };
    try {
      service.update(cells('import { trainTestSplit } from "aibook";\nimport { Matrix } from "ml-matrix";', "const rows = [[2]];", "rows."));
      assert.ok(service.completions("cell-2", 5).some((e) => e.name === "length"));
    } finally {
      ts.sys.readFile = readFile;
    }
    assert.deepEqual(read.filter((f) => path.basename(f) === "package.json"), []);
  });

  it("keeps the joined notebook when an update brings the same cells", () => {
    const service = serviceOf("const a = 1;", "a");
    const joined = service.notebook;
    service.update(cells("const a = 1;", "a"));
    assert.equal(service.notebook, joined);
    service.update(cells("const a = 2;", "a"));
    assert.notEqual(service.notebook, joined);
    assert.equal(service.hover("cell-1", 0)?.markdown.includes("const a: 2"), true);
  });
});
