import assert from "node:assert/strict";
import fc from "fast-check";
import ts from "typescript";
import { JoinedNotebook, type CellInput } from "../../src/languageservice/cell-join";
import { JoinedSnapshot } from "../../src/languageservice/joined-snapshot";

/** The tree as positions and kinds, and where the parse errors are: what an incremental parse must reproduce. */
function shape(file: ts.SourceFile): string {
  const out: string[] = [];
  const visit = (node: ts.Node, depth: number): void => {
    out.push(`${depth}:${ts.SyntaxKind[node.kind]}@${node.pos}-${node.end}`);
    ts.forEachChild(node, (child) => visit(child, depth + 1));
  };
  visit(file, 0);
  // Where the errors are, not their codes: TypeScript's own incremental parser may word one error
  // differently from a full parse (1128 "Declaration or statement expected" vs 2809, the same
  // message with a hint about destructuring), whatever the change range says.
  const errors = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => `${d.start}`);
  return out.join("\n") + "\nerrors " + errors.join(",");
}

const parseFull = (text: string) => ts.createSourceFile("joined.ts", text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);

/** Re-parses `before` into `after` the way the language service does, with the snapshot's change range. */
function parseIncremental(before: string, after: string): ts.SourceFile {
  const old = ts.createLanguageServiceSourceFile("joined.ts", new JoinedSnapshot(before), ts.ScriptTarget.ES2022, "1", true, ts.ScriptKind.TS);
  const next = new JoinedSnapshot(after);
  const range = next.getChangeRange(new JoinedSnapshot(before));
  return ts.updateLanguageServiceSourceFile(old, next, "2", range);
}

const pieces = ["const a = 1;", "let b = a + 2;", "function f(x: number) { return x * 2; }", "class C { m() { return 1; } }", 'import { z } from "aibook";', "export const e = 3;", "if (a) {", "}", "(", ")", "await f(1);", "// note", "`t${a}`", "/* c */", "\n", " ", "rows.", "{", "x =>", '"s"'];
const cellText = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(" "));
/** A one-cell edit: replace a span of the cell by some text. */
const edit = fc.record({ cell: fc.nat(), from: fc.nat(), length: fc.nat({ max: 12 }), insert: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })) });

const inputs = (texts: string[]): CellInput[] => texts.map((text, id) => ({ id: `c${id}`, text }));

describe("languageservice/joined-snapshot", () => {
  it("gives no range against a snapshot of another kind (TypeScript then parses from scratch)", () => {
    assert.equal(new JoinedSnapshot("a").getChangeRange(ts.ScriptSnapshot.fromString("a")), undefined);
  });

  it("covers exactly the changed text, so that applying it to the old text gives the new one", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const range = new JoinedSnapshot(after).getChangeRange(new JoinedSnapshot(before))!;
        const rebuilt = before.slice(0, range.span.start) + after.slice(range.span.start, range.span.start + range.newLength) + before.slice(range.span.start + range.span.length);
        assert.equal(rebuilt, after);
      }),
    );
  });

  it("re-parses a joined notebook after a one-cell edit to the same tree and errors as a full parse", () => {
    fc.assert(
      fc.property(fc.array(cellText, { minLength: 1, maxLength: 6 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (texts, edits) => {
        let before = JoinedNotebook.join(inputs(texts)).text;
        const cells = texts.slice();
        for (const e of edits) {
          const index = e.cell % cells.length;
          const text = cells[index]!;
          const from = e.from % (text.length + 1);
          cells[index] = text.slice(0, from) + e.insert + text.slice(Math.min(text.length, from + e.length));
          const after = JoinedNotebook.join(inputs(cells)).text;
          assert.equal(shape(parseIncremental(before, after)), shape(parseFull(after)));
          before = after;
        }
      }),
      { numRuns: 300 },
    );
  });
});
