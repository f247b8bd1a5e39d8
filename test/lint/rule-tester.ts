/**
 * ESLint's RuleTester, for notebook rules: each case is a notebook given as its code cells (cell i
 * is `cells[i]`), linted with only the rule under test. Invalid cases list every expected finding
 * by cell and 1-based line; valid cases expect none.
 */
import assert from "node:assert/strict";
import { NotebookLinter } from "../../src/lint/engine/linter";
import type { LintDiagnostic, Rule } from "../../src/lint/engine/types";

export interface ValidCase {
  name: string;
  cells: string[];
  /** The case is about data the analysis cannot follow; without it a valid case must show a fit it understood. */
  opaque?: boolean;
}

export interface InvalidCase extends ValidCase {
  errors: { cell: number; line: number }[];
}

export function lintCells(rule: Rule, cells: string[]): LintDiagnostic[] {
  return analyse(rule, cells).diagnostics;
}

function analyse(rule: Rule, cells: string[]) {
  const linter = new NotebookLinter([rule]);
  const diagnostics = linter.lint(cells.map((source, index) => ({ index, kind: "code" as const, source })));
  assert.deepEqual(linter.lastFacts!.internalErrors, [], "the analysis ran every statement");
  return { diagnostics, facts: linter.lastFacts! };
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe("valid", () => {
      for (const c of cases.valid)
        it(c.name, () => {
          const { diagnostics, facts } = analyse(rule, c.cells);
          assert.deepEqual(diagnostics.map((d) => `${d.cell}:${d.line} ${d.message}`), []);
          if (!c.opaque)
            assert.ok(
              [...facts.fits, ...facts.steps].some((f) => f.atoms.length > 0),
              "the analysis followed the rows into a fit (else this valid case proves nothing)",
            );
        });
    });
    describe("invalid", () => {
      for (const c of cases.invalid)
        it(c.name, () => {
          const found = lintCells(rule, c.cells);
          assert.deepEqual(
            found.map((d) => `${d.rule}@${d.cell}:${d.line}`).sort(),
            c.errors.map((e) => `${rule.meta.id}@${e.cell}:${e.line}`).sort(),
          );
          for (const d of found) {
            assert.equal(d.severity, rule.meta.severity);
            assert.ok(d.message.length > 40, "the message says what is wrong and what to do");
          }
        });
    });
  });
}

/** The usual first cell: imports and a CSV read. */
export const head = (names: string, file = "data.csv", v = "df") =>
  `import { ${names} } from "aibook";\nconst ${v} = await readCsv("${file}");`;
