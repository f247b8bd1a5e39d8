import assert from "node:assert/strict";
import ts from "typescript";
import { blankLine, failingLine, parseSourceFile } from "../../src/format/parse-typescript";
import { compileCell, CellSyntaxError } from "../../src/kernel/compiler/compileCell";
import { JoinedNotebook } from "../../src/languageservice/cell-join";

// TypeScript 5.9's parser fails an internal assertion on this line instead of reporting an error.
const crashing = "{ x@0 await f(1); }";
const cell = ["const before = 1;", crashing, "const after = before + 1;"].join("\n");

describe("format/parse-typescript", () => {
  it("TypeScript itself throws on the line (else these tests prove nothing)", () => {
    assert.throws(() => ts.createSourceFile("c.ts", cell, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS), /Debug Failure/);
  });

  it("names the line the parser fails on and parses the rest, positions unchanged", () => {
    const { file, failure } = parseSourceFile("c.ts", cell, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    assert.equal(failure?.line, 2);
    assert.match(failure!.message, /TypeScript's parser cannot read line 2/);
    assert.deepEqual(file.statements.map((s) => s.getText(file)), ["const before = 1;", "const after = before + 1;"]);
    assert.equal(file.text.length, cell.length);
    assert.equal(parseSourceFile("c.ts", "const ok = 1;", ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS).failure, undefined);
  });

  it("blanks a line with spaces, keeping every offset", () => {
    assert.equal(blankLine("ab\ncd\r\nef", 2), "ab\n  \r\nef");
    assert.equal(failingLine(cell, (t) => ts.createSourceFile("c.ts", t, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)), 2);
  });

  it("the kernel reports it as a syntax error at that line, the language service as a diagnostic there", () => {
    assert.throws(() => compileCell(cell, "typescript"), (e: unknown) => e instanceof CellSyntaxError && e.line === 2 && /cannot read line 2/.test(e.message));
    assert.throws(() => compileCell(cell, "typescript", { emitter: true }), (e: unknown) => e instanceof CellSyntaxError && e.line === 2);
    const joined = JoinedNotebook.join([{ id: "a", text: cell }]);
    assert.doesNotThrow(() => ts.createSourceFile("j.ts", joined.text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS));
    const [error] = joined.cells[0].syntax.syntaxErrors;
    assert.equal(cell.slice(error.start!, error.start! + error.length!), crashing);
  });
});
