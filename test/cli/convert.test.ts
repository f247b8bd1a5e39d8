import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { exportCommand } from "../../src/cli/export";
import { importCommand } from "../../src/cli/import";
import { capture } from "./capture";
import { parseNotebook, serializeNotebook, type AibookNotebook, type JsonObject } from "../../src/format";
import type { IpynbNotebook } from "../../src/format/ipynb";
import { formatFixturesDir, pitfallCorpusDir, repoRoot } from "../format/paths";

const run = (command: (args: string[]) => Promise<number>, args: string[]) => capture(() => command(args));

describe("cli: export and import", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "aibook-convert-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const corpus = readdirSync(pitfallCorpusDir).filter((f) => f.endsWith(".aibook"));

  it("exports every corpus notebook to nbformat 4 for a TypeScript kernel and imports it back to the same bytes", async () => {
    assert.ok(corpus.length >= 20);
    for (const file of corpus) {
      const source = path.join(pitfallCorpusDir, file);
      const ipynb = path.join(dir, file.replace(".aibook", ".ipynb"));
      const exported = await run(exportCommand, [source, "--to", "ipynb", "--out", ipynb]);
      assert.equal(exported.code, 0, exported.stderr);
      const nb = JSON.parse(readFileSync(ipynb, "utf8")) as IpynbNotebook;
      assert.equal(nb.nbformat, 4);
      assert.deepEqual(nb.metadata.kernelspec, { name: "tslab", display_name: "TypeScript", language: "typescript" });
      assert.equal((nb.metadata.language_info as { name: string }).name, "typescript");
      const ids = nb.cells.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id!, /^[a-zA-Z0-9_-]{1,64}$/);
      for (const cell of nb.cells) {
        if (cell.cell_type === "code") assert.ok(Array.isArray(cell.outputs) && "execution_count" in cell, file);
      }

      const back = path.join(dir, file);
      const imported = await run(importCommand, [ipynb, "--out", back]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.equal(readFileSync(back, "utf8"), readFileSync(source, "utf8"), file);
    }
  });

  it("writes notebooks that Jupyter's own nbformat validator accepts (corpus, full.aibook, an imported Deno notebook)", async function () {
    const python = "/usr/bin/python3";
    try {
      execFileSync(python, ["-c", "import nbformat"], { stdio: "ignore" });
    } catch {
      this.skip();
    }
    const deno = path.join(dir, "deno.aibook");
    assert.equal((await run(importCommand, [path.join(formatFixturesDir, "ipynb/deno.ipynb"), "--out", deno])).code, 0);
    const sources = [...corpus.map((f) => path.join(pitfallCorpusDir, f)), path.join(formatFixturesDir, "golden/full.aibook"), deno];
    const exported = [];
    for (const [i, source] of sources.entries()) {
      const out = path.join(dir, `v${i}.ipynb`);
      assert.equal((await run(exportCommand, [source, "--to", "ipynb", "--out", out])).code, 0, source);
      exported.push(out);
    }
    const check = "import sys, nbformat\nfor f in sys.argv[1:]:\n    nbformat.validate(nbformat.read(f, as_version=nbformat.NO_CONVERT))\nprint('valid', len(sys.argv) - 1)";
    assert.equal(execFileSync(python, ["-c", check, ...exported], { encoding: "utf8" }).trim(), `valid ${exported.length}`);
  });

  it("keeps outputs, languages, execution and unknown keys through ipynb: full.aibook comes back byte for byte", async () => {
    const source = path.join(formatFixturesDir, "golden/full.aibook");
    assert.equal((await run(exportCommand, [source, "--to", "ipynb", "--out", path.join(dir, "full.ipynb")])).code, 0);
    const nb = JSON.parse(readFileSync(path.join(dir, "full.ipynb"), "utf8")) as IpynbNotebook;
    assert.deepEqual(nb.cells[2].metadata, { vscode: { languageId: "javascript" } });
    assert.equal(nb.cells[1].execution_count, 1);
    const back = path.join(dir, "back.aibook");
    assert.equal((await run(importCommand, [path.join(dir, "full.ipynb"), "--out", back])).code, 0);
    assert.equal(readFileSync(back, "utf8"), readFileSync(source, "utf8"));
  });

  it("keeps a placeholder for an output too large to save, and the file's BOM and CRLF, through ipynb byte for byte", async () => {
    for (const name of ["placeholder.aibook", "bom-crlf.aibook"]) {
      const source = path.join(formatFixturesDir, "golden", name);
      const ipynb = path.join(dir, name.replace(".aibook", ".ipynb"));
      assert.equal((await run(exportCommand, [source, "--to", "ipynb", "--out", ipynb])).code, 0);
      const back = path.join(dir, name);
      assert.equal((await run(importCommand, [ipynb, "--out", back])).code, 0);
      assert.ok(readFileSync(back).equals(readFileSync(source)), name);
    }
  });

  it("keeps the Jupyter execution count but not the exported success once the notebook ran elsewhere", async () => {
    const source = path.join(formatFixturesDir, "golden/full.aibook");
    await run(exportCommand, [source, "--to", "ipynb", "--out", path.join(dir, "full.ipynb")]);
    const nb = JSON.parse(readFileSync(path.join(dir, "full.ipynb"), "utf8")) as IpynbNotebook;
    nb.cells[1].execution_count = 5;
    writeFileSync(path.join(dir, "full.ipynb"), JSON.stringify(nb));
    assert.equal((await run(importCommand, [path.join(dir, "full.ipynb"), "--out", path.join(dir, "back.aibook")])).code, 0);
    assert.deepEqual(parseNotebook(readFileSync(path.join(dir, "back.aibook")), "back.aibook").cells[1].execution, { count: 5 });
  });

  it("imports a tslab notebook: streams, results, images, errors, a JavaScript cell and a raw cell", async () => {
    const out = path.join(dir, "tslab.aibook");
    const result = await run(importCommand, [path.join(formatFixturesDir, "ipynb/tslab.ipynb"), "--out", out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /tslab\.aibook \(5 cells\)/);
    assert.equal(readFileSync(out, "utf8"), readFileSync(path.join(formatFixturesDir, "ipynb/tslab.expected.aibook"), "utf8"));
  });

  it("refuses notebooks of other languages, broken JSON and missing files with exit 2, naming the file", async () => {
    const python = path.join(dir, "py.ipynb");
    writeFileSync(python, JSON.stringify({ cells: [], metadata: { kernelspec: { name: "python3", language: "python" } }, nbformat: 4, nbformat_minor: 5 }));
    const py = await run(importCommand, [python]);
    assert.equal(py.code, 2);
    assert.match(py.stderr, /py\.ipynb:1:\d+: this is a python notebook; aibook imports notebooks with TypeScript or JavaScript cells/);
    assert.equal(existsSync(path.join(dir, "py.aibook")), false);

    const broken = path.join(dir, "broken.ipynb");
    writeFileSync(broken, '{\n "cells": [\n');
    const bad = await run(importCommand, [broken]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /broken\.ipynb:3:1: not valid JSON: unexpected end of file/);

    const missing = await run(importCommand, [path.join(dir, "nope.ipynb")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.ipynb: cannot read the file/);

    assert.equal((await run(importCommand, [])).code, 2);
    assert.equal((await run(importCommand, [broken, "--bogus"])).code, 2);
  });

  it("imports a Deno notebook (nbformat 4.5) keeping attachments, tags, notebook metadata and a raw cell, and names what it leaves out", async () => {
    const ipynb = path.join(formatFixturesDir, "ipynb/deno.ipynb");
    const out = path.join(dir, "deno.aibook");
    const result = await run(importCommand, [ipynb, "--out", out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readFileSync(out, "utf8"), readFileSync(path.join(formatFixturesDir, "ipynb/deno.expected.aibook"), "utf8"));
    assert.equal(
      result.stderr,
      `aibook import: ${ipynb}:53:17: warning: cells[3] is a raw cell: it becomes a markdown cell (its text is kept, and export --to ipynb makes it raw again)\n` +
        `aibook import: ${ipynb}:63:32: warning: cells[4].outputs[0] has output_type "update_display_data", which nbformat 4 does not define: left out\n`,
    );

    // Exported again, the Jupyter-only details are where Jupyter keeps them, and a second import gives the same .aibook.
    const back = path.join(dir, "deno.ipynb");
    assert.equal((await run(exportCommand, [out, "--to", "ipynb", "--out", back])).code, 0);
    const nb = JSON.parse(readFileSync(back, "utf8")) as IpynbNotebook;
    const original = JSON.parse(readFileSync(ipynb, "utf8")) as IpynbNotebook;
    assert.deepEqual(nb.cells[0].attachments, original.cells[0].attachments);
    assert.deepEqual(nb.cells[0].metadata, { tags: ["intro"] });
    assert.deepEqual(nb.cells[1].metadata, { tags: ["parameters"], collapsed: false, aibook: { execution: { count: 1 } } });
    assert.deepEqual([nb.cells[3].cell_type, nb.cells[3].source, nb.cells[3].metadata], ["raw", ["raw *text*\n", "two"], { format: "text/restructuredtext" }]);
    assert.deepEqual(nb.metadata.authors, [{ name: "Ada" }]);
    assert.equal((nb.metadata.kernelspec as JsonObject).name, "tslab");
    const again = path.join(dir, "again.aibook");
    assert.equal((await run(importCommand, [back, "--out", again])).code, 0);
    assert.equal(readFileSync(again, "utf8"), readFileSync(out, "utf8"));
  });

  it("imports an IJavaScript notebook (nbformat 4.0, source as one string) as JavaScript cells", async () => {
    const out = path.join(dir, "ijs.aibook");
    const result = await run(importCommand, [path.join(formatFixturesDir, "ipynb/ijavascript.ipynb"), "--out", out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.equal(readFileSync(out, "utf8"), readFileSync(path.join(formatFixturesDir, "ipynb/ijavascript.expected.aibook"), "utf8"));
  });

  it("refuses an nbformat 3 notebook, a non-UTF-8 one, a key written twice and values of the wrong type, with their line, writing nothing", async () => {
    const refuse = async (name: string, content: string | Buffer, expected: RegExp) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      const result = await run(importCommand, [file]);
      assert.equal(result.code, 2, name);
      assert.match(result.stderr, expected, name);
      assert.equal(existsSync(file.replace(/\.ipynb$/, ".aibook")), false, name);
    };
    await refuse("v3.ipynb", readFileSync(path.join(formatFixturesDir, "ipynb/nbformat3.ipynb")), /v3\.ipynb:3:14: nbformat 3 is too old \(aibook imports nbformat 4\): upgrade it with `jupyter nbconvert --to notebook --nbformat 4/);
    await refuse("latin1.ipynb", Buffer.concat([Buffer.from('{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "caf'), Buffer.from([0xe9]), Buffer.from('"}], "nbformat": 4}')]), /latin1\.ipynb:1:68: the file is not UTF-8 text \(byte 0xE9 at byte offset 67\); Jupyter notebooks are UTF-8 JSON/);
    await refuse("twice.ipynb", '{\n "cells": [\n  {"cell_type": "code", "source": "a", "source": "b"}\n ],\n "nbformat": 4\n}', /twice\.ipynb:3:40: the key "source" appears twice in cells\[0\] \(first on line 3\)/);
    await refuse("kind.ipynb", '{\n "cells": [\n  {"cell_type": "markdown", "metadata": {}, "source": 7}\n ],\n "nbformat": 4\n}', /kind\.ipynb:3:55: cells\[0\]\.source must be a string or a list of strings, found 7/);
    await refuse("line.ipynb", '{"cells": [{"cell_type": "code", "source": ["a\\n", 2], "outputs": []}], "nbformat": 4}', /line\.ipynb:1:52: cells\[0\]\.source\[1\] must be a string \(a line\), found 2/);
    await refuse("outputs.ipynb", '{"cells": [{"cell_type": "code", "source": "", "outputs": {}}], "nbformat": 4}', /outputs\.ipynb:1:59: cells\[0\]\.outputs must be an array, found an object/);
    await refuse("png.ipynb", '{"cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"image/png": "not base64!"}}]}], "nbformat": 4}', /png\.ipynb:1:\d+: cells\[0\]\.outputs\[0\]\.data\["image\/png"\] must be base64 text/);
    await refuse("newer.ipynb", '{"cells": [], "nbformat": 5}', /newer\.ipynb:1:27: nbformat 5 is newer than this aibook reads \(nbformat 4\)/);
    await refuse("noCells.ipynb", '{"nbformat": 4}', /noCells\.ipynb:1:1: not a Jupyter notebook: "cells" must be an array, found nothing/);
  });

  it("warns about a cell of another language instead of importing it silently as TypeScript", async () => {
    const file = path.join(dir, "mixed.ipynb");
    writeFileSync(file, JSON.stringify({ cells: [{ cell_type: "code", metadata: { vscode: { languageId: "python" } }, source: "print(1)", outputs: [] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const result = await run(importCommand, [file]);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /mixed\.ipynb:1:\d+: warning: cells\[0\] is a python cell: it is imported as typescript, which will not run it/);
  });

  it("refuses to write the .aibook over the Jupyter notebook it reads", async () => {
    const file = path.join(dir, "self.ipynb");
    const text = readFileSync(path.join(formatFixturesDir, "ipynb/tslab.ipynb"), "utf8");
    writeFileSync(file, text);
    const result = await run(importCommand, [file, "--out", file]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--out .*self\.ipynb is the Jupyter notebook itself/);
    assert.equal(readFileSync(file, "utf8"), text);
  });

  it("does not replace an existing notebook unless --out names it", async () => {
    const ipynb = path.join(dir, "n.ipynb");
    await run(exportCommand, [path.join(pitfallCorpusDir, corpus[0]), "--to", "ipynb", "--out", ipynb]);
    const existing = path.join(dir, "n.aibook");
    writeFileSync(existing, "precious");
    const refused = await run(importCommand, [ipynb]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /n\.aibook already exists/);
    assert.equal(readFileSync(existing, "utf8"), "precious");
    assert.equal((await run(importCommand, [ipynb, "--out", existing])).code, 0);
    assert.notEqual(readFileSync(existing, "utf8"), "precious");
  });

  it("refuses bad usage and unreadable notebooks with exit 2, and never writes over the notebook", async () => {
    const notebook = path.join(dir, "churn.aibook");
    writeFileSync(notebook, '{\n  "aibook": 2\n}\n');
    const newer = await run(exportCommand, [notebook, "--to", "ipynb"]);
    assert.equal(newer.code, 2);
    assert.match(newer.stderr, /churn\.aibook:2:13: written by a newer aibook \(format version 2\)/);
    assert.equal(existsSync(path.join(dir, "churn.ipynb")), false);

    const missing = await run(exportCommand, [path.join(dir, "gone.aibook"), "--to", "ts"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /gone\.aibook: cannot read the file/);

    const good = path.join(dir, "good.aibook");
    writeFileSync(good, readFileSync(path.join(pitfallCorpusDir, corpus[0])));
    for (const args of [[good], [good, "--to", "pdf"], [good, "--to"], ["--to", "ts"], [good, "--to", "ts", "--out", good], [good, "--to", "ts", "--frobnicate"]]) {
      const result = await run(exportCommand, args);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(result.stderr, /^aibook export: /);
    }
    assert.equal(readFileSync(good, "utf8"), readFileSync(path.join(pitfallCorpusDir, corpus[0]), "utf8"));
  });

  it("exports every corpus notebook to a script that parses, with the imports on top", async () => {
    for (const file of corpus) {
      const result = await run(exportCommand, [path.join(pitfallCorpusDir, file), "--to", "ts", "--out", "-"]);
      assert.equal(result.code, 0, result.stderr);
      const output = ts.transpileModule(result.stdout, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
      assert.deepEqual(output.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), [], file);
      const lines = result.stdout.split("\n");
      const firstImport = lines.findIndex((l) => l.startsWith("import "));
      assert.ok(firstImport > 0 && firstImport < lines.indexOf("async function main(): Promise<void> {"), file);
    }
  });

  it("exports a script that runs the cells in order, with top-level await and names declared again", () => {
    const notebook: AibookNotebook = {
      metadata: {},
      cells: [
        { kind: "markdown", source: "# Steps\n\nin order" },
        { kind: "code", language: "typescript", source: 'import path from "node:path";\nconst name: string = path.basename("/a/b.txt");\nconsole.log(`one ${name}`);', outputs: [] },
        { kind: "code", language: "javascript", source: "const wait = await Promise.resolve(2);\nconsole.log('two', wait);", outputs: [] },
        { kind: "code", language: "typescript", source: "const name = `three\n  kept`;\nconsole.log(name);", outputs: [] },
      ],
    };
    const file = path.join(dir, "steps.aibook");
    writeFileSync(file, serializeNotebook(notebook));
    return run(exportCommand, [file, "--to", "ts"]).then((result) => {
      assert.equal(result.code, 0, result.stderr);
      const script = readFileSync(path.join(dir, "steps.ts"), "utf8");
      assert.match(script, /^\/\/ # Steps$/m);
      assert.match(script, /^import path from "node:path";$/m);
      const printed = execFileSync(path.join(repoRoot, "node_modules/.bin/tsx"), [path.join(dir, "steps.ts")], { encoding: "utf8", cwd: dir });
      assert.equal(printed, "one b.txt\ntwo 2\nthree\n  kept\n");
    });
  });

  it("ends a cell's last statement before a cell that starts with ( [ or a template, as separate cells do", async () => {
    const file = path.join(dir, "asi.aibook");
    const cells: AibookNotebook["cells"] = [
      { kind: "code", source: "const a = [1, 2]\nlet total = 0" },
      { kind: "code", source: "[3, 4].forEach((x) => (total += x * a.length))" },
      { kind: "markdown", source: "then" },
      { kind: "code", source: "const t = total" },
      { kind: "code", source: "// a comment first\n`${t}`.length" },
      { kind: "code", source: "(() => console.log(`total ${t}`))()" },
    ];
    writeFileSync(file, serializeNotebook({ metadata: {}, cells }));
    assert.equal((await run(exportCommand, [file, "--to", "ts"])).code, 0);
    const printed = execFileSync(path.join(repoRoot, "node_modules/.bin/tsx"), [path.join(dir, "asi.ts")], { encoding: "utf8", cwd: dir });
    assert.equal(printed, "total 14\n");
  });

  it("keeps the script flat when no cell declares a name again", async () => {
    const file = path.join(dir, "flat.aibook");
    writeFileSync(file, serializeNotebook({ metadata: {}, cells: [{ kind: "code", source: "const a = 1;" }, { kind: "code", source: "console.log(a + 1);" }] }));
    const result = await run(exportCommand, [file, "--to", "ts", "--out", "-"]);
    assert.equal(result.stdout.split("\n").includes("{"), false);
    assert.match(result.stdout, /\/\/ %% cell 0\nconst a = 1;\n\/\/ %% cell 1\nconsole\.log\(a \+ 1\);\n}\n/);
  });
});
